package nl.homepair.complaints.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.cluster.SharedEvents;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The login throttle of a cluster (issue 16): nodes behind a load balancer share one
 * database, and a guesser sent round them gets no more tries than from one node. Each
 * {@link LoginThrottle} here is one node's; they share the test application's database.
 */
class ClusterLoginThrottleTest extends IntegrationTest {

    static final String USER = "directeur";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LoginThrottleProperties settings;

    @AfterEach
    void realClock() {
        ClockUtil.reset();
        // the tests' fixed 2026 clocks: a name known in one test must not be known in the next
        jdbc.update("delete from cluster_setting where name like ?", LoginThrottle.KNOWN + "%");
    }

    @Autowired
    nl.homepair.complaints.cluster.ClusterSettings cluster;
    @Autowired
    nl.homepair.complaints.cluster.SharedEventTables tables;

    private LoginThrottle node() {
        return new LoginThrottle(settings, tables, cluster);
    }

    /**
     * Made-up user names from one address, meant to push the director's count out of memory
     * (10,000 pairs): the address waits once it tried too many wrong passwords for any names.
     */
    @Test
    void aFloodOfMadeUpNamesDoesNotWipeAGuessersCount() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-03T09:00:00Z")));
        String guesser = "198.51.100.23";
        LoginThrottle node = node();
        for (int i = 0; i < settings.maxFailures() - 1; i++) {
            node.failed(guesser, USER);
        }
        int flooded = 0;
        for (int i = 0; i < settings.maxKeys() + 10 && !node.blocked(guesser, "verzonnen" + i); i++) {
            node.failed(guesser, "verzonnen" + i);
            flooded++;
        }

        assertThat(flooded).isLessThan(settings.maxClientFailures());
        assertThat(node.blocked(guesser, USER)).isTrue();
        assertThat(node.blocked("198.51.100.24", USER)).as("the director from elsewhere").isFalse();
    }

    /** One IPv6 host has a /64 of addresses to itself: a guesser who takes a new one for every try is still one client. */
    @Test
    void aGuesserWhoChangesItsIpv6AddressWithinItsNetworkIsOneClient() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-03T09:30:00Z")));
        LoginThrottle node = node();
        for (int i = 0; i < settings.maxFailures(); i++) {
            node.failed("2001:db8:7:7:" + Integer.toHexString(i + 1) + "::1", USER);
        }

        assertThat(node.blocked("2001:db8:7:7:ffff::99", USER)).isTrue();
        assertThat(node.blocked("2001:db8:7:8::1", USER)).as("the director from another network").isFalse();
    }

    /** The address of a flood is also the platform's (a proxy, a NAT): a name that logged in from it lately goes on. */
    @Test
    void aFloodFromASharedAddressDoesNotStopTheNamesThatLoggedInFromIt() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-03T10:00:00Z")));
        String shared = "198.51.100.25";
        LoginThrottle node = node();
        node.succeeded(shared, "platform");
        for (int i = 0; i < settings.maxKeys() + 10 && !node.blocked(shared, "verzonnen" + i); i++) {
            node.failed(shared, "verzonnen" + i);
        }

        assertThat(node.blocked(shared, "nog-een-verzonnen")).isTrue();
        assertThat(node.blocked(shared, "platform")).isFalse();
    }

    @Test
    void aPatientGuesserWaitsLongerEachTimeUntilTheRightPasswordIsGiven() {
        Instant start = Instant.parse("2026-04-02T09:00:00Z");
        Instant now = start;
        String guesser = "198.51.100.9";
        LoginThrottle node = node();
        // a day of guessing as fast as the throttle lets through: 7,200 tries at a fixed minute's wait
        int tries = 0;
        while (now.isBefore(start.plus(Duration.ofDays(1)))) {
            ClockUtil.setCurrentTime(Date.from(now));
            if (!node.blocked(guesser, USER)) {
                node.failed(guesser, USER);
                tries++;
            } else {
                now = now.plusSeconds(10);
            }
        }
        // five, a minute's wait, five, two minutes, ...: then the day's budget is spent (was some 480 a day)
        assertThat(tries).isEqualTo(settings.maxDailyFailures());

        // the owner of the account, from that address, after the wait: in, and the waits start again
        while (node.blocked(guesser, USER)) {
            now = now.plusSeconds(10);
            ClockUtil.setCurrentTime(Date.from(now));
        }
        node.succeeded(guesser, USER);
        for (int i = 0; i < settings.maxFailures(); i++) {
            node.failed(guesser, USER);
        }
        ClockUtil.setCurrentTime(Date.from(now.plus(settings.window()).plusSeconds(1)));
        assertThat(node.blocked(guesser, USER)).as("one window after five new mistakes").isFalse();
    }

    /** Four wrong passwords a minute never reach the window's limit of five: the day's budget stops them. */
    @Test
    void aGuesserJustUnderTheLimitIsStoppedByTheDaysBudget() {
        Instant now = Instant.parse("2026-04-04T09:00:00Z");
        String guesser = "198.51.100.41";
        LoginThrottle node = node();
        int tries = 0;
        for (int minute = 0; minute < 120; minute++) {
            ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(minute))));
            for (int i = 0; i < settings.maxFailures() - 1; i++) {
                if (!node.blocked(guesser, USER)) {
                    node.failed(guesser, USER);
                    tries++;
                }
            }
        }
        assertThat(tries).isEqualTo(settings.maxDailyFailures());
        assertThat(node.remainingWait(guesser, USER)).isEqualTo(Duration.ofHours(1));
        // another address may still log in; a day later the guesser's budget is back
        assertThat(node.blocked("203.0.113.41", USER)).isFalse();
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofHours(26))));
        assertThat(node.blocked(guesser, USER)).isFalse();
    }

    /**
     * A line with an IPv6 /48 holds 65,536 /64 networks, each a client of its own: a name's day on the line is a few
     * /64s' days (a budget per /64 alone was 1.3 million tries a day), and the owner who logs in from their own /64 of
     * that line is not held up by a stranger who spent it.
     */
    @Test
    void aGuesserWhoMovesFromNetworkToNetworkOfItsLineSharesOneDaysBudget() {
        Instant now = Instant.parse("2026-04-06T09:00:00Z");
        LoginThrottle node = node();
        int tries = 0;
        for (int network = 0; network < 1000; network++) {
            ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofSeconds(20L * network))));
            String guesser = "2001:db8:77:" + Integer.toHexString(network) + "::1";
            if (!node.blocked(guesser, USER)) {
                node.failed(guesser, USER);
                tries++;
            }
        }
        assertThat(tries).isEqualTo(LoginThrottle.LINE_FACTOR * settings.maxDailyFailures());
        assertThat(node.blocked("2001:db8:77:ffff::1", USER)).isTrue();
        assertThat(node.blocked("2001:db8:78::1", USER)).as("another line").isFalse();
        // the owner, on that line, logs in: from their own /64 they go on; the stranger's next /64 stays stopped
        node.succeeded("2001:db8:77:abcd::2", USER);
        assertThat(node.blocked("2001:db8:77:abcd::3", USER)).isFalse();
        assertThat(node.blocked("2001:db8:77:1234::1", USER)).isTrue();
    }

    /**
     * A stranger behind the office's address spends the director's day budget there: the director, who logged in from
     * that address today, waits out the window's strikes (at most max-block), not the day.
     */
    @Test
    void aStrangerBehindTheSameAddressKeepsAColleagueOutForTheWindowsWaitNotTheDay() {
        Instant now = Instant.parse("2026-04-07T08:00:00Z");
        String office = "198.51.100.43";
        LoginThrottle node = node();
        ClockUtil.setCurrentTime(Date.from(now));
        node.succeeded(office, USER);
        int tries = 0;
        while (tries < settings.maxDailyFailures()) {
            now = now.plusSeconds(10);
            ClockUtil.setCurrentTime(Date.from(now));
            if (!node.blocked(office, USER)) {
                node.failed(office, USER);
                tries++;
            }
        }
        ClockUtil.setCurrentTime(Date.from(now.plus(settings.maxBlock()).plusSeconds(1)));
        assertThat(node.blocked(office, USER)).as("after the longest wait").isFalse();
        // a stranger's own address, where the name did not log in, keeps its day budget
        String elsewhere = "198.51.100.44";
        for (int i = 0; i < settings.maxDailyFailures(); i++) {
            now = now.plus(settings.maxBlock()).plusSeconds(1);
            ClockUtil.setCurrentTime(Date.from(now));
            node.failed(elsewhere, USER);
        }
        ClockUtil.setCurrentTime(Date.from(now.plus(settings.maxBlock()).plusSeconds(1)));
        assertThat(node.blocked(elsewhere, USER)).as("a day's budget spent where the name never logged in").isTrue();
    }

    /**
     * The director logged in on node A on Friday; on Monday morning, before their first login, a stranger in the office
     * spends the name's day budget on node B: B knows from A that the name logs in from there, and holds the stranger by
     * the window's waits only.
     */
    @Test
    void aNameKnownAtTheAddressOnAnotherNodeAndDaysAgoIsNotKeptOutForTheDay() {
        Instant friday = Instant.parse("2026-04-10T15:00:00Z");
        String office = "198.51.100.45";
        ClockUtil.setCurrentTime(Date.from(friday));
        node().succeeded(office, USER);
        LoginThrottle b = node();
        Instant now = Instant.parse("2026-04-13T06:00:00Z");
        int tries = 0;
        while (tries < settings.maxDailyFailures()) {
            now = now.plusSeconds(10);
            ClockUtil.setCurrentTime(Date.from(now));
            if (!b.blocked(office, USER)) {
                b.failed(office, USER);
                tries++;
            }
        }
        ClockUtil.setCurrentTime(Date.from(now.plus(settings.maxBlock()).plusSeconds(1)));
        assertThat(b.blocked(office, USER)).as("after the longest wait, on the other node, three days later").isFalse();
    }

    /** 49 names a minute stays under the window's limit for an address: the day's budget stops the sweep. */
    @Test
    void aSweepOverNamesJustUnderTheLimitIsStoppedByTheDaysBudgetButNotForTheNamesThatLogInThere() {
        Instant now = Instant.parse("2026-04-05T09:00:00Z");
        String office = "198.51.100.42";
        LoginThrottle node = node();
        ClockUtil.setCurrentTime(Date.from(now));
        node.succeeded(office, "platform");
        int tries = 0;
        int minutes = settings.maxClientDailyFailures() / (settings.maxClientFailures() - 1) + 2;
        for (int minute = 0; minute < minutes; minute++) {
            ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(minute))));
            for (int i = 0; i < settings.maxClientFailures() - 1; i++) {
                String name = "naam" + minute + "-" + i;
                if (!node.blocked(office, name)) {
                    node.failed(office, name);
                    tries++;
                }
            }
        }
        assertThat(tries).isEqualTo(settings.maxClientDailyFailures());
        assertThat(node.blocked(office, "nog-een-naam")).isTrue();
        assertThat(node.blocked(office, "platform")).as("logged in from this address today").isFalse();
    }

    @Test
    void aGuesserSentRoundTwoNodesGetsNoMoreTriesThanFromOne() {
        Instant now = Instant.parse("2026-04-01T09:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        String guesser = "198.51.100.7";
        LoginThrottle a = node();
        LoginThrottle b = node();
        for (int i = 0; i < settings.maxFailures(); i++) {
            LoginThrottle next = i % 2 == 0 ? a : b;
            assertThat(next.blocked(guesser, USER)).as("try %d", i + 1).isFalse();
            next.failed(guesser, USER);
        }
        // a saw three of the five, b two: each alone would let the guesser go on
        assertThat(a.blocked(guesser, USER)).isTrue();
        assertThat(b.blocked(guesser, USER)).isTrue();
        assertThat(a.blocked("198.51.100.8", USER)).as("another address").isFalse();
        assertThat(b.blocked(guesser, "behandelaar")).as("another user").isFalse();

        ClockUtil.setCurrentTime(Date.from(now.plusSeconds(settings.window().toSeconds() + 1)));
        assertThat(a.blocked(guesser, USER)).as("after the window").isFalse();
        assertThat(b.blocked(guesser, USER)).isFalse();
    }

    @Test
    void theRightPasswordOnOneNodeClearsTheCountOfAll() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-01T10:00:00Z")));
        String typist = "198.51.100.9";
        LoginThrottle a = node();
        LoginThrottle b = node();
        for (int i = 0; i < settings.maxFailures() - 1; i++) {
            (i % 2 == 0 ? a : b).failed(typist, USER);
        }
        a.succeeded(typist, USER);
        b.failed(typist, USER);
        assertThat(b.blocked(typist, USER)).as("one failure since the right password").isFalse();
    }

    @Test
    void withoutTheDatabaseEachNodeStillCountsItsOwn() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-01T11:00:00Z")));
        String guesser = "198.51.100.10";
        LoginThrottle unreachable = new LoginThrottle(settings, new SharedEvents(jdbc, "login_failure", "failed_at", settings.window(),
                new nl.homepair.complaints.cluster.SharedKey(() -> new byte[32])) {
            @Override
            public void record(String pair, Instant at) {
                throw new DataAccessResourceFailureException("database down");
            }

            @Override
            public long between(String pair, Instant from, Instant to) {
                throw new DataAccessResourceFailureException("database down");
            }
        }, null);
        for (int i = 0; i < settings.maxFailures(); i++) {
            assertThat(unreachable.blocked(guesser, USER)).isFalse();
            unreachable.failed(guesser, USER);
        }
        assertThat(unreachable.blocked(guesser, USER)).isTrue();
    }

    @Test
    void noAddressOrUserNameIsKeptInClear() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-01T12:00:00Z")));
        node().failed("198.51.100.11", USER);
        assertThat(jdbc.queryForList("select throttle_key from login_failure", String.class))
                .contains(tables.of("login_failure", "failed_at", settings.window()).hash("198.51.100.11|" + USER))
                .doesNotContain(nl.homepair.complaints.text.Sha256.hex("198.51.100.11|" + USER))
                .noneMatch(key -> key.contains("198.51.100.11") || key.contains(USER));
        node().succeeded("198.51.100.11", USER);
        assertThat(jdbc.queryForList("select name from cluster_setting where name like 'login-known:%'", String.class))
                .contains(LoginThrottle.KNOWN + tables.of("login_failure", "failed_at", settings.window()).hash("198.51.100.11|" + USER))
                .doesNotContain(LoginThrottle.KNOWN + nl.homepair.complaints.text.Sha256.hex("198.51.100.11|" + USER))
                .noneMatch(name -> name.contains("198.51.100.11") || name.contains(USER));
    }
}
