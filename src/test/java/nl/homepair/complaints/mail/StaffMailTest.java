package nl.homepair.complaints.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.text.DutchDates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The deadline and incident mails to staff read well in Dutch, about a case or about no case at all, and go out once. */
class StaffMailTest extends IntegrationTest {

    @Autowired
    CaseMailer mailer;
    @Autowired
    SentMailRepository sentMails;

    private static final Date DUE = Date.from(ZonedDateTime.of(2026, 5, 4, 23, 59, 59, 0, DutchDates.ZONE).toInstant());

    private MimeMessage send(MailRecipient to, String template, Map<String, Object> values) throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        mailer.sendToStaff(to, template, values, null);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        return greenMail.getReceivedMessages()[0];
    }

    @Test
    void remindersAndEscalationsNameTheTaskTheCaseAndTheDueDate() throws Exception {
        MimeMessage reminder = send(MailRecipient.HANDLERS, "herinnering-taak",
                Map.of("taskName", "Besluit nemen", "about", "klacht KL-2026-000123", "deadline", DUE, "deadlinePassed", false));
        assertThat(reminder.getSubject()).isEqualTo("Herinnering: Besluit nemen voor klacht KL-2026-000123 verloopt maandag 4 mei 2026");
        // a colleague's reply goes to the sender, not into the complaints' intake
        assertThat(reminder.getReplyTo()).extracting(Object::toString).containsExactly(reminder.getFrom()[0].toString());
        assertThat(text(reminder)).contains("De taak \"Besluit nemen\" voor klacht KL-2026-000123 is nog niet afgerond.",
                "De termijn verloopt op maandag 4 mei 2026.");

        MimeMessage late = send(MailRecipient.TEAM_LEAD, "escalatie-taak",
                Map.of("taskName", "E-mail handmatig verwerken", "about", "een e-mail die met de hand verwerkt moet worden",
                        "deadline", DUE, "deadlinePassed", true));
        assertThat(late.getSubject()).isEqualTo("Termijn verstreken: E-mail handmatig verwerken voor een e-mail die met de hand verwerkt moet worden");
        assertThat(text(late)).contains("De termijn is verstreken op maandag 4 mei 2026.", "toewijzen");

        MimeMessage soon = send(MailRecipient.TEAM_LEAD, "escalatie-taak",
                Map.of("taskName", "Klacht registreren en aanvullen", "about", "klacht KL-2026-000124", "deadline", DUE,
                        "deadlinePassed", false));
        assertThat(soon.getSubject()).startsWith("Termijn in gevaar: Klacht registreren en aanvullen");
        assertThat(text(soon)).contains("De termijn verloopt op maandag 4 mei 2026.");

        MimeMessage board = send(MailRecipient.TEAM_LEAD, "escalatie-directie",
                Map.of("taskName", "Bezwaar beoordelen door directie", "about", "klacht KL-2026-000125", "deadline", DUE));
        assertThat(text(board)).contains("De directie heeft de taak \"Bezwaar beoordelen door directie\" voor klacht KL-2026-000125",
                "directie vandaag aanspreken");
    }

    @Test
    void aReminderAboutNoCaseFromAStepThatIsRetriedGoesOutOnce() throws Exception {
        Map<String, Object> values = Map.of("taskName", "E-mail handmatig verwerken",
                "about", "een e-mail die met de hand verwerkt moet worden", "deadline", DUE, "deadlinePassed", false);
        greenMail.purgeEmailFromAllMailboxes();
        String step = "job:test-reminder:ServiceTask_Reminder";

        mailer.sendToStaff(MailRecipient.HANDLERS, "herinnering-taak", values, step);
        mailer.sendToStaff(MailRecipient.HANDLERS, "herinnering-taak", values, step); // the job again, after a rollback

        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(1000, 2)).isFalse();
        String messageId = greenMail.getReceivedMessages()[0].getMessageID();
        assertThat(sentMails.findByDeliveryKey(step)).hasValueSatisfying(copy -> {
            assertThat(copy.getComplaintId()).isNull();
            assertThat(copy.getMessageId()).isEqualTo(messageId);
        });
    }
}
