package nl.homepair.complaints.mail;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.complaint.TimelineRepository;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A mail server that is down loses no complaint and skips no step: the mail goes out later,
 * once, with its copy on the case, also when the step's transaction fails after the mail left.
 */
class AcknowledgementMailTest extends IntegrationTest {

    @Autowired
    ComplaintRepository complaints;

    @Autowired
    SentMailRepository sentMails;

    @Autowired
    TimelineRepository timeline;

    @Autowired
    CaseMailer mailer;

    @Autowired
    TransactionTemplate transactions;

    private static TestComplaints.Builder complaintOf(String name) {
        return janJansen().name(name).email("klager@example.nl").with("role", "PROFESSIONAL").with("subject", "CONDUCT")
                .description("Een opdrachtgever schold mij uit in de chat.");
    }

    private Job acknowledgementJob(String reference) {
        return managementService.createJobQuery().activityId(ComplaintProcess.SEND_ACKNOWLEDGEMENT)
                .processInstanceId(complaints.findByReference(reference).orElseThrow().getProcessInstanceId())
                .singleResult();
    }

    @Test
    void whenTheMailServerIsDownTheComplaintIsKeptAndTheAcknowledgementIsRetried() throws Exception {
        greenMail.stop();
        String reference = submit(complaintOf("Piet Pieters"));

        runDueJobs(reference);

        Job failed = acknowledgementJob(reference);
        assertThat(failed.getRetries()).isEqualTo(47);
        assertThat(failed.getExceptionMessage()).isNotBlank();
        assertThat(complaints.findByReference(reference).orElseThrow().getAcknowledgedAt()).isNull();
        List<SentMail> waiting = copies(reference);
        assertThat(waiting).singleElement().satisfies(copy -> assertThat(copy.isDelivered()).isFalse());

        greenMail.start();
        managementService.setJobRetries(failed.getId(), 1);
        managementService.executeJob(failed.getId()); // as the retry would, an hour later

        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage ack = greenMail.getReceivedMessages()[0];
        assertThat(ack.getSubject()).contains(reference);
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated"); // no auto-reply loops
        assertThat(ack.getHeader("Reply-To", null)).isEqualTo("contact@homepair.nl"); // a reply reaches the mailbox we read
        assertThat(text(ack)).contains("Beste Piet Pieters");
        assertThat(complaints.findByReference(reference).orElseThrow().getAcknowledgedAt()).isNotNull();
        assertThat(acknowledgementJob(reference)).isNull();
        // the retry sent the copy that waited, with its Message-ID, and made no second copy
        assertThat(copies(reference)).singleElement().satisfies(copy -> {
            assertThat(copy.isDelivered()).isTrue();
            assertThat(copy.getDeliveredAt()).isAfterOrEqualTo(copy.getSentAt())
                    .isBeforeOrEqualTo(ClockUtil.getCurrentTime().toInstant());
            assertThat(ack.getMessageID()).isEqualTo(copy.getMessageId());
        });
    }

    @Test
    void aStepRetriedAfterItsTransactionRolledBackDoesNotSendItsMailAgain() throws Exception {
        String reference = submit(complaintOf("Kees Keesen"));
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        greenMail.purgeEmailFromAllMailboxes();
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        Map<String, Object> variables = runtimeService.getVariables(complaint.getProcessInstanceId());
        String step = "job:test-" + reference + ":ServiceTask_SendDecision";
        long entriesBefore = mailEntries(complaint);

        // the mail leaves, then the step's transaction fails (e.g. the database went away)
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            mailer.send(complaint, "ontvangstbevestiging", MailRecipient.COMPLAINANT, variables, step);
            throw new IllegalStateException("database gone after the mail left");
        })).hasMessageContaining("database gone");
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();

        // the engine retries the step: same key, nothing sent, the copy and its entry once
        transactions.executeWithoutResult(status ->
                mailer.send(complaint, "ontvangstbevestiging", MailRecipient.COMPLAINANT, variables, step));

        assertThat(greenMail.waitForIncomingEmail(1000, 2)).isFalse();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaint.getId()))
                .filteredOn(copy -> step.equals(copy.getDeliveryKey())).singleElement()
                .satisfies(copy -> assertThat(greenMail.getReceivedMessages()[0].getMessageID()).isEqualTo(copy.getMessageId()));
        assertThat(mailEntries(complaint)).isEqualTo(entriesBefore + 1);
    }

    private List<SentMail> copies(String reference) {
        return sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaints.findByReference(reference).orElseThrow().getId());
    }

    private long mailEntries(Complaint complaint) {
        return timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()).stream()
                .filter(entry -> entry.getType() == TimelineEventType.MAIL_SENT).count();
    }

    @Test
    void whatTheComplainantTypedIsShownAsTextInTheMail() throws Exception {
        String reference = submit(complaintOf("<script>alert('x')</script> Klaas"));
        runDueJobs(reference);

        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage ack = greenMail.getReceivedMessages()[0];
        String html = MailText.html(ack).orElseThrow();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Klaas");
        assertThat(ack.getSubject()).contains(reference).doesNotContain("script");
    }
}
