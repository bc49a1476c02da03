package nl.homepair.complaints.mail;

import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The mail catcher of the default run shows every case's mails, also of erased addresses,
 * so it is for administrators only (issue 12, item 4): a director, handler or team lead
 * reads a case's mails in its case file, where the case access rules apply. The tests run
 * without the embedded mail catcher (a second application context with its own engine
 * would take over the shared context's engine REST API), so an administrator gets 404.
 */
class MailCatcherAccessTest extends IntegrationTest {

    @Test
    void onlyAnAdministratorSeesEveryMail() {
        for (String user : new String[] {"directeur", "behandelaar", "teamleider", "platform"}) {
            assertThat(as(user).getForEntity("/api/mailcatcher", String.class).getStatusCode().value()).as(user).isEqualTo(403);
        }
        assertThat(rest.getForEntity("/api/mailcatcher", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(as("beheerder").getForEntity("/api/mailcatcher", String.class).getStatusCode().value())
                .as("past the door; no mail catcher runs in the tests").isEqualTo(404);
    }
}
