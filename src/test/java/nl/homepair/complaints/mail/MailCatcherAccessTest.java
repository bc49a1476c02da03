package nl.homepair.complaints.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The mail catcher of the default run shows every case's mails, also of erased addresses,
 * so it is for administrators only (issue 12, item 4): a director, handler or team lead
 * reads a case's mails in its case file, where the case access rules apply. The tests run
 * without the embedded mail catcher (a second application context with its own engine
 * would take over the shared context's engine REST API), so over HTTP an administrator gets 404, and the page itself
 * is read from the controller with the tests' mail server as the catcher.
 */
class MailCatcherAccessTest extends IntegrationTest {

    @Autowired
    CurrentUser currentUser;
    @Autowired
    IdentityService identityService;

    @Test
    void everyoneButAnAdministratorIsRefused() {
        for (String user : new String[] {"directeur", "behandelaar", "teamleider", "platform"}) {
            assertThat(as(user).getForEntity("/api/mailcatcher", String.class).getStatusCode().value()).as(user).isEqualTo(403);
        }
        assertThat(rest.getForEntity("/api/mailcatcher", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(as("beheerder").getForEntity("/api/mailcatcher", String.class).getStatusCode().value())
                .as("past the door; no mail catcher runs in the tests").isEqualTo(404);
    }

    @Test
    void anAdministratorReadsEveryCaughtMailNewestFirstAndEscaped() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        send("kees@example.nl", "Ontvangstbevestiging <b>KL-1</b>", "Beste Kees,\n<script>x()</script>", 1_000_000_000_000L);
        send("stukadoor@example.org", "Uitnodiging bemiddeling KL-2", "Beste stukadoor,", 1_000_000_060_000L);
        MailCatcherController catcher = new MailCatcherController(
                new StaticListableBeanFactory(Map.of("catcher", greenMail)).getBeanProvider(GreenMail.class), currentUser);
        identityService.setAuthentication("beheerder", List.of(Groups.ADMINS));
        try {
            String page = catcher.mails();
            assertThat(page).contains("Ontvangstbevestiging &lt;b&gt;KL-1&lt;/b&gt;", "Aan: kees@example.nl",
                    "&lt;script&gt;x()&lt;/script&gt;", "Aan: stukadoor@example.org").doesNotContain("<script>", "<b>KL-1");
            assertThat(page.indexOf("Uitnodiging bemiddeling KL-2")).as("newest first").isLessThan(page.indexOf("Ontvangstbevestiging"));
        } finally {
            identityService.clearAuthentication();
        }
        identityService.setAuthentication("teamleider", List.of(Groups.TEAM_LEADS));
        try {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(catcher::mails)).hasMessageContaining("Alleen beheerders");
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static void send(String to, String subject, String text, long sentAt) throws Exception {
        jakarta.mail.internet.MimeMessage mail = GreenMailUtil.createTextEmail(to, "klachten@homepair.nl", subject, text,
                greenMail.getSmtp().getServerSetup());
        mail.setSentDate(new java.util.Date(sentAt));
        GreenMailUtil.sendMimeMessage(mail);
    }
}
