package nl.homepair.complaints.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import nl.homepair.complaints.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The mail catcher of the default run shows every case's mails, also of erased addresses,
 * so it is for administrators only (issue 12, item 4): a director, handler or team lead
 * reads a case's mails in its case file, where the case access rules apply.
 * Its own application context (with the embedded mail catcher), closed after the class.
 */
@DirtiesContext
class MailCatcherAccessTest extends IntegrationTest {

    @DynamicPropertySource
    static void embeddedMailCatcher(DynamicPropertyRegistry registry) {
        registry.add("homepair.mail.embedded-server.enabled", () -> "true");
        // a second application context in this JVM: its engine must not take the name of the shared one
        registry.add("camunda.bpm.process-engine-name", () -> "mailcatcher-test");
        registry.add("homepair.mail.embedded-server.smtp-port", MailCatcherAccessTest::freePort);
        registry.add("homepair.mail.embedded-server.imap-port", MailCatcherAccessTest::freePort);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyAnAdministratorSeesEveryMail() {
        for (String user : new String[] {"directeur", "behandelaar", "teamleider", "platform"}) {
            assertThat(as(user).getForEntity("/api/mailcatcher", String.class).getStatusCode().value()).as(user).isEqualTo(403);
        }
        assertThat(rest.getForEntity("/api/mailcatcher", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(as("beheerder").getForEntity("/api/mailcatcher", String.class).getStatusCode().value()).isEqualTo(200);
    }
}
