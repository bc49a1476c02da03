package nl.homepair.complaints.mail;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A step whose retries ran out while the mail server was down is tried again by itself once the server answers,
 * so that the task after it (with its due date and alerts) is made; a step that failed for another reason waits
 * for a person.
 */
class MailServerBackTest extends IntegrationTest {

    @Autowired
    MailServerBack mailServerBack;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStepThatRanOutOfRetriesWhileTheServerWasDownIsTriedAgainWhenItIsBack() {
        String reference = post(janJansen().name("Sanne Storing").email("sanne.storing@example.nl")).getBody()
                .get("reference").asText();
        greenMail.stop();
        Complaint complaint;
        try {
            runDueJobs(reference); // the first step; the acknowledgement cannot leave
            complaint = complaints.findByReference(reference).orElseThrow();
            lastRetry(complaint);
            assertThat(acknowledgement(complaint).getRetries()).as("an incident").isZero();

            assertThat(mailServerBack.retryStepsFailedOnTheServer()).as("the server does not answer yet").isZero();
            assertThat(acknowledgement(complaint).getRetries()).isZero();
        } finally {
            greenMail.start();
        }

        assertThat(mailServerBack.retryStepsFailedOnTheServer()).isPositive();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(complaint.getProcessInstanceId())
                .incidentType("failedJob").count()).as("resolved by the new try").isZero();
        runDueJobs(reference);

        assertThat(acknowledgement(complaint)).as("sent").isNull();
        assertThat(mailsTo("sanne.storing@example.nl")).filteredOn(m -> subjectOf(m).startsWith("Ontvangstbevestiging")).hasSize(1);
        assertThat(complaints.findByReference(reference).orElseThrow().getAcknowledgedAt()).isNotNull();
    }

    /** A server that answers but keeps refusing: each step gets a bounded number of tries, not one every round. */
    @Test
    void aStepIsTriedAgainAtMostThreeTimes() {
        String reference = post(janJansen().name("Fien Flakkerend").email("fien.flakkerend@example.nl")).getBody()
                .get("reference").asText();
        greenMail.stop();
        Complaint complaint;
        try {
            runDueJobs(reference);
            complaint = complaints.findByReference(reference).orElseThrow();
            lastRetry(complaint);
        } finally {
            greenMail.start();
        }
        for (int round = 1; round <= MailServerBack.TRIES_PER_STEP; round++) {
            assertThat(mailServerBack.retryStepsFailedOnTheServer()).as("round " + round).isPositive();
            assertThat(acknowledgement(complaint).getRetries()).as("this step tried again in round " + round).isOne();
            managementService.setJobRetries(acknowledgement(complaint).getId(), 0); // refused again, as the step would be
        }

        mailServerBack.retryStepsFailedOnTheServer();

        assertThat(acknowledgement(complaint).getRetries()).as("left to a person").isZero();
    }

    /**
     * A mail that could not leave is written again at its next try: a handler who corrected the complainant's address
     * meanwhile (a typo the phone call brought) sees the acknowledgement go to the corrected address, not the old one.
     */
    @Test
    void aMailThatDidNotLeaveSaysWhatItSaysNowWhenItIsTriedAgain() {
        String reference = post(janJansen().name("Tom Typfout").email("tom.tipfout@example.nl")).getBody()
                .get("reference").asText();
        greenMail.stop();
        try {
            runDueJobs(reference); // the acknowledgement is written to the outbox, and cannot leave
        } finally {
            greenMail.start();
        }
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(jdbc.queryForObject("select count(*) from sent_mail where complaint_id = ? and recipient = ?"
                + " and delivered_at is null", Integer.class, complaint.getId(), "tom.tipfout@example.nl")).isOne();
        jdbc.update("update complaint set complainant_email = 'tom.typfout@example.nl' where reference = ?", reference);
        Job job = acknowledgement(complaint);
        managementService.setJobDuedate(job.getId(), new Date());
        runDueJobs(reference);

        assertThat(mailsTo("tom.tipfout@example.nl")).isEmpty();
        assertThat(mailsTo("tom.typfout@example.nl")).filteredOn(m -> subjectOf(m).startsWith("Ontvangstbevestiging")).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from sent_mail where complaint_id = ?", Integer.class,
                complaint.getId())).as("the same outbox row, written anew").isOne();
    }

    @Test
    void aStepThatFailedForAnotherReasonWaitsForAPerson() {
        String reference = post(janJansen().name("Olaf Onbestelbaar")).getBody().get("reference").asText();
        jdbc.update("update complaint set complainant_email = 'niet-meer-bruikbaar' where reference = ?", reference);
        runDueJobs(reference);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        lastRetry(complaint);

        mailServerBack.retryStepsFailedOnTheServer();

        assertThat(acknowledgement(complaint).getRetries()).isZero();
    }

    /** A server that answers "not now" (4xx) passes by itself as one that was down; a refused address does not. */
    @Test
    void aTemporaryRefusalOfTheServerCountsAsNotReached() {
        String spring = "org.springframework.mail.MailSendException: Failed messages: ";
        assertThat(MailServerBack.failedOnTheServer(spring + "com.sun.mail.smtp.SMTPSendFailedException: 451 4.3.0 Mail server"
                + " temporarily rejected message.")).isTrue();
        assertThat(MailServerBack.failedOnTheServer("org.springframework.mail.MailSendException: Mail server connection failed;"
                + " jakarta.mail.MessagingException: Got bad greeting from SMTP host: smtp.example.nl, port: 587, response: 421"))
                .isTrue();
        assertThat(MailServerBack.failedOnTheServer("org.springframework.mail.MailAuthenticationException: Authentication failed;"
                + " jakarta.mail.AuthenticationFailedException: 535 5.7.8 Authentication credentials invalid")).isTrue();
        assertThat(MailServerBack.failedOnTheServer(spring + "com.sun.mail.smtp.SMTPAddressFailedException: 550 5.1.1"
                + " <tom@exampel.nl>: Recipient address rejected")).isFalse();
        assertThat(MailServerBack.failedOnTheServer("java.lang.IllegalStateException: 451 4.3.0 not a mail failure")).isFalse();
    }

    private Job acknowledgement(Complaint complaint) {
        return managementService.createJobQuery().processInstanceId(complaint.getProcessInstanceId())
                .activityId(ComplaintProcess.SEND_ACKNOWLEDGEMENT).singleResult();
    }

    private void lastRetry(Complaint complaint) {
        Job job = acknowledgement(complaint);
        managementService.setJobRetries(job.getId(), 1);
        managementService.setJobDuedate(job.getId(), new Date());
        runDueJobs(complaint.getReference());
    }

    private static String subjectOf(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
