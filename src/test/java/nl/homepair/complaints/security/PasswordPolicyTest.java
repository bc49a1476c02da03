package nl.homepair.complaints.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * R12: a password a person chooses (a new colleague in Camunda Admin, a changed password on the profile page) meets
 * the password policy; logins are throttled, not locked, so "1" would fall to a patient guesser.
 */
class PasswordPolicyTest extends IntegrationTest {

    @Autowired
    IdentityService identityService;

    private static String newUser(String id, String password) {
        return "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"Pien\",\"lastName\":\"Proef\",\"email\":\"pien@homepair.nl\"},"
                + "\"credentials\":{\"password\":\"" + password + "\"}}";
    }

    @Test
    void aWeakPasswordIsRefusedWhenAUserIsMadeOrAPasswordChanged() {
        String id = "pienproef";
        // the engine logs a failed command here as an ERROR (ENGINE-16004); the tests' profile silences it, this test listens
        ch.qos.logback.classic.Logger commands = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "org.camunda.bpm.engine.context");
        ch.qos.logback.classic.Level level = commands.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> errors = new ch.qos.logback.core.read.ListAppender<>();
        errors.start();
        commands.setLevel(ch.qos.logback.classic.Level.ERROR);
        commands.addAppender(errors);
        try {
            ResponseEntity<String> weak = as("beheerder").postForEntity("/engine-rest/user/create", json(newUser(id, "welkom1")),
                    String.class);
            assertThat(weak.getStatusCode().value()).as(weak.getBody()).isEqualTo(400);
            assertThat(weak.getBody()).contains("Dit wachtwoord is te zwak");
            assertThat(identityService.createUserQuery().userId(id).count()).isZero();

            String strong = "Klachten-Team-2026!";
            ResponseEntity<String> made = as("beheerder").postForEntity("/engine-rest/user/create", json(newUser(id, strong)),
                    String.class);
            assertThat(made.getStatusCode().value()).as(made.getBody()).isEqualTo(204);

            ResponseEntity<String> changed = rest.withBasicAuth(id, strong).exchange("/engine-rest/user/" + id + "/credentials",
                    HttpMethod.PUT, json("{\"password\":\"kort\",\"authenticatedUserPassword\":\"" + strong + "\"}"), String.class);
            assertThat(changed.getStatusCode().value()).as(changed.getBody()).isEqualTo(400);
            assertThat(changed.getBody()).contains("minstens 10 tekens");
            assertThat(identityService.checkPassword(id, strong)).isTrue();

            // a person's weak choice is no fault: the engine never sees it, so nothing is logged as an error
            assertThat(errors.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).isEmpty();

            // what Admin and the profile page show while a password is typed
            JsonNode policy = as("beheerder").getForObject("/engine-rest/identity/password-policy", JsonNode.class);
            assertThat(policy.path("rules").size()).isGreaterThanOrEqualTo(5);
        } finally {
            commands.detachAppender(errors);
            commands.setLevel(level);
            identityService.deleteUser(id);
        }
    }
}
