package nl.homepair.complaints.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Nobody locks a user out by guessing (issue 12, item 1): wrong passwords from one client
 * address, on every door, stop that address only; the engine's own lock (permanent after
 * 10 failures) is never reached, and the right password from another address always
 * works. The engine clock is moved past the throttle's window instead of waiting.
 */
class LoginLockOutTest extends IntegrationTest {

    static final String GUESSER = "127.0.0.2";
    static final String COLLEAGUE = "127.0.0.3";

    @LocalServerPort
    int port;

    @AfterEach
    void realClock() {
        ClockUtil.reset();
    }

    private HttpFrom.Answer engineRest(String from, String user, String password) {
        return new HttpFrom(from, port).get("/engine-rest/user/" + user + "/profile",
                Map.of("Authorization", HttpFrom.basic(user, password)));
    }

    private HttpFrom.Answer api(String from, String user, String password) {
        return new HttpFrom(from, port).get("/api/complaints/KL-2000-999999", Map.of("Authorization", HttpFrom.basic(user, password)));
    }

    /** The login form of Cockpit/Admin/Tasklist, with the session and CSRF token a browser would have. */
    private int webappLogin(String from, String user, String password, String app) {
        return new HttpFrom(from, port).login(user, password, app).loginStatus();
    }

    /**
     * A login form in UTF-16BE whose first half reads, byte for byte, as a handler's right login
     * and whose second half is the director's password in UTF-16: we check the first, and Camunda
     * must not be shown the second (it would check it unthrottled and log the director in).
     */
    @Test
    void aLoginFormInAnotherCharsetLogsInOnlyTheUserWhoseFormWeChecked() {
        HttpFrom client = new HttpFrom("127.0.0.9", port);
        HttpFrom.Answer page = client.get("/camunda/app/tasklist/default/", Map.of());
        String session = page.cookie("JSESSIONID").orElseThrow();
        String xsrf = page.cookie("XSRF-TOKEN").orElseThrow();
        byte[] checked = "username=behandelaar&password=behandelaar&x=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] hidden = "&username=directeur&password=directeur".getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
        byte[] body = java.util.Arrays.copyOf(checked, checked.length + hidden.length);
        System.arraycopy(hidden, 0, body, checked.length, hidden.length);
        assertThat(checked.length % 2).isZero();

        HttpFrom.Answer login = client.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", Map.of(
                "Content-Type", "application/x-www-form-urlencoded; charset=UTF-16BE",
                "Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf, "X-XSRF-TOKEN", xsrf), body);

        assertThat(login.body()).doesNotContain("directeur");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("\"userId\":\"behandelaar\"");
    }

    @Test
    void guessingTheAdministratorsPasswordOnEveryDoorNeverLocksHimOut() {
        Instant now = Instant.parse("2026-03-02T09:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        // three windows of five failures: 15 wrong passwords reach the engine, which would lock for good after 10
        for (int window = 0; window < 3; window++) {
            assertThat(engineRest(GUESSER, "beheerder", "fout-a").status()).isEqualTo(401);
            assertThat(engineRest(GUESSER, "beheerder", "fout-b").status()).isEqualTo(401);
            assertThat(webappLogin(GUESSER, "beheerder", "fout-c", "admin")).isEqualTo(401);
            assertThat(webappLogin(GUESSER, "beheerder", "fout-d", "cockpit")).isEqualTo(401);
            assertThat(api(GUESSER, "beheerder", "fout-e").status()).isEqualTo(401);

            assertThat(engineRest(GUESSER, "beheerder", "fout-f").status()).as("throttled on the engine REST API").isEqualTo(429);
            assertThat(webappLogin(GUESSER, "beheerder", "fout-g", "admin")).as("throttled at the web login").isEqualTo(429);
            HttpFrom.Answer api = api(GUESSER, "beheerder", "beheerder");
            assertThat(api.status()).as("throttled on the API, even with the right password").isEqualTo(429);
            assertThat(api.headers().get("retry-after")).as("what is left of the wait, which doubles")
                    .containsExactly(Long.toString(60L << window));
            assertThat(api.body()).contains(window == 0 ? "over 60 seconden" : "over " + (1 << window) + " minuten");

            assertThat(engineRest(COLLEAGUE, "beheerder", "beheerder").status()).as("another address").isEqualTo(200);
            assertThat(webappLogin(COLLEAGUE, "beheerder", "beheerder", "admin")).isEqualTo(200);
            assertThat(api(COLLEAGUE, "beheerder", "beheerder").status()).isEqualTo(404);

            // each time the guesser reaches the limit again, the wait doubles: one minute, two, four
            now = now.plus(Duration.ofMinutes(1L << window)).plusSeconds(1);
            ClockUtil.setCurrentTime(Date.from(now));
        }
        assertThat(engineRest(GUESSER, "beheerder", "beheerder").status()).as("after the wait, from the guesser's address")
                .isEqualTo(200);
        assertThat(webappLogin(GUESSER, "beheerder", "beheerder", "cockpit")).isEqualTo(200);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /**
     * A wrong password writes nothing to the user's row (the engine counted attempts and set a lock time, an update and
     * a commit for a real name only: a stranger could time which names exist), on the engine's doors and the web login.
     */
    @Test
    void aWrongPasswordLeavesNoTraceOnTheUsersRow() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-03T09:00:00Z")));
        String stranger = "127.0.0.4";
        assertThat(engineRest(stranger, "directeur", "fout-1").status()).isEqualTo(401);
        assertThat(api(stranger, "directeur", "fout-2").status()).isEqualTo(401);
        assertThat(webappLogin(stranger, "directeur", "fout-3", "tasklist")).isEqualTo(401);
        assertThat(engineRest(stranger, "niemand-bekend", "fout-4").status()).isEqualTo(401);

        java.util.Map<String, Object> row = jdbc.queryForMap("select attempts_, lock_exp_time_ from act_id_user where id_ = 'directeur'");
        Object attempts = row.get("ATTEMPTS_");
        assertThat(attempts == null ? 0 : ((Number) attempts).intValue()).isZero();
        assertThat(row.get("LOCK_EXP_TIME_")).isNull();
        assertThat(engineRest(COLLEAGUE, "directeur", "directeur").status()).isEqualTo(200);
    }

    @Test
    void aStrangerOnTheSameAddressKeepsThePlatformOutForAMinuteAtMost() {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        for (int i = 0; i < 5; i++) {
            assertThat(api(GUESSER, "platform", "raden" + i).status()).isEqualTo(401);
        }
        assertThat(api(GUESSER, "platform", "platform").status()).isEqualTo(429);
        assertThat(api(GUESSER, "behandelaar", "behandelaar").status()).as("other users on that address").isEqualTo(404);

        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofSeconds(61))));
        assertThat(api(GUESSER, "platform", "platform").status()).as("a minute later: in, and not a staff member").isEqualTo(403);
    }

    @Autowired
    IdentityService identityService;

    @Test
    void guessingTheCurrentPasswordAtAPasswordChangeIsThrottledLikeALogin() {
        String current = "Huidig-Wachtwoord-2026!";
        String next = "Nieuw-Wachtwoord-2026!";
        User user = identityService.newUser("wisselaar");
        user.setFirstName("Wim");
        user.setLastName("Wisselaar");
        user.setPassword(current);
        identityService.saveUser(user);
        identityService.createMembership("wisselaar", "handlers");
        try {
            Instant now = Instant.parse("2026-03-02T11:00:00Z");
            ClockUtil.setCurrentTime(Date.from(now));
            // someone at a Tasklist session left open does not know the password, and guesses it at the profile page
            String credentials = "/camunda/api/engine/engine/default/user/wisselaar/credentials";
            // another site's page, riding on the session, has no CSRF token: Camunda refuses it (403, and then the
            // session is gone: 401), and nothing is counted
            HttpFrom.WebappSession ridden = new HttpFrom(GUESSER, port).login("wisselaar", current, "tasklist");
            HttpFrom.WebappSession foreign = new HttpFrom.WebappSession(ridden.client(), 200, ridden.session(), "vals-token");
            for (int i = 0; i < 6; i++) {
                assertThat(foreign.send("PUT", credentials, change(next, "raden" + i)).status()).isIn(401, 403);
            }
            HttpFrom.WebappSession session = new HttpFrom(GUESSER, port).login("wisselaar", current, "tasklist");
            assertThat(session.loginStatus()).isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                // with a slash at the end the same method answers: it counts the same
                HttpFrom.Answer wrong = session.send("PUT", credentials + (i % 2 == 1 ? "/" : ""), change(next, "raden" + i));
                assertThat(wrong.status()).isEqualTo(400);
                assertThat(wrong.body()).contains("Je huidige wachtwoord klopt niet.");
            }
            HttpFrom.Answer throttled = session.send("PUT", credentials, change(next, current));
            assertThat(throttled.status()).as("throttled, even with the right password").isEqualTo(429);
            assertThat(throttled.headers().get("retry-after")).containsExactly("60");
            assertThat(identityService.checkPassword("wisselaar", current)).isTrue();

            // the engine REST API counts the same way, though each of its requests logs in afresh with Basic
            Map<String, String> basic = Map.of("Authorization", HttpFrom.basic("wisselaar", current),
                    "Content-Type", "application/json");
            for (int i = 0; i < 5; i++) {
                assertThat(new HttpFrom(COLLEAGUE, port).send("PUT", "/engine-rest/user/wisselaar/credentials" + (i % 2 == 0 ? "/" : ""), basic,
                        HttpFrom.utf8(change(next, "raden" + i))).status()).isEqualTo(400);
            }
            assertThat(new HttpFrom(COLLEAGUE, port).send("PUT", "/engine-rest/user/wisselaar/credentials", basic,
                    HttpFrom.utf8(change(next, current))).status()).isEqualTo(429);
            assertThat(engineRest(COLLEAGUE, "wisselaar", current).status()).as("logging in is not what was guessed").isEqualTo(200);

            ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofSeconds(61))));
            HttpFrom.Answer changed = session.send("PUT", credentials, change(next, current));
            assertThat(changed.status()).as("a minute later: %s", changed.body()).isEqualTo(204);
            assertThat(identityService.checkPassword("wisselaar", next)).isTrue();
        } finally {
            identityService.deleteUser("wisselaar");
        }
    }

    private static String change(String password, String currentPassword) {
        return "{\"password\":\"" + password + "\",\"authenticatedUserPassword\":\"" + currentPassword + "\"}";
    }
}
