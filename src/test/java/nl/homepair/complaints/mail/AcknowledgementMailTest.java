package nl.homepair.complaints.mail;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A mail server that is down loses no complaint and skips no step: the mail goes out later. */
class AcknowledgementMailTest extends IntegrationTest {

    @Autowired
    ComplaintRepository complaints;

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

        runDueJobs();

        Job failed = acknowledgementJob(reference);
        assertThat(failed.getRetries()).isEqualTo(47);
        assertThat(failed.getExceptionMessage()).isNotBlank();
        assertThat(complaints.findByReference(reference).orElseThrow().getAcknowledgedAt()).isNull();

        greenMail.start();
        managementService.setJobRetries(failed.getId(), 1);
        managementService.executeJob(failed.getId()); // as the retry would, an hour later

        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage ack = greenMail.getReceivedMessages()[0];
        assertThat(ack.getSubject()).contains(reference);
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated"); // no auto-reply loops
        assertThat(text(ack)).contains("Beste Piet Pieters");
        assertThat(complaints.findByReference(reference).orElseThrow().getAcknowledgedAt()).isNotNull();
        assertThat(acknowledgementJob(reference)).isNull();
    }

    @Test
    void whatTheComplainantTypedIsShownAsTextInTheMail() throws Exception {
        String reference = submit(complaintOf("<script>alert('x')</script> Klaas"));
        runDueJobs();

        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage ack = greenMail.getReceivedMessages()[0];
        String html = MailText.html(ack).orElseThrow();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Klaas");
        assertThat(ack.getSubject()).contains(reference).doesNotContain("script");
    }
}
