package nl.homepair.complaints.diagnostics;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.complaint.TimelineRepository;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A step that runs out of retries is seen: the team leads get one mail and the case file says so (issue 10). */
class IncidentAlertsTest extends IntegrationTest {

    static final String TEAM_LEADS = "teamleiders@homepair.nl";

    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TimelineRepository timeline;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMailThatKeepsFailingMailsTheTeamLeadsOnceAndShowsOnTheCaseFile() throws Exception {
        String reference = post(janJansen().name("Els Elsen")).getBody().get("reference").asText();
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        // the address became unusable (e.g. erased on request) before the acknowledgement went out
        jdbc.update("update complaint set complainant_email = 'niet-meer-bruikbaar' where id = ?", complaint.getId());
        runDueJobs(reference); // the first step; the acknowledgement fails and waits for its retry
        Job acknowledgement = managementService.createJobQuery().processInstanceId(complaint.getProcessInstanceId())
                .activityId(ComplaintProcess.SEND_ACKNOWLEDGEMENT).singleResult();
        assertThat(acknowledgement.getExceptionMessage()).contains("No valid address");

        managementService.setJobRetries(acknowledgement.getId(), 1); // its last retry, due now
        managementService.setJobDuedate(acknowledgement.getId(), new java.util.Date());
        runDueJobs(reference);
        runDueJobs(reference); // nothing left to run: no second alert

        assertThat(runtimeService.createIncidentQuery().processInstanceId(complaint.getProcessInstanceId()).count()).isEqualTo(1);
        List<MimeMessage> alerts = Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> recipient(message).equals(TEAM_LEADS)).toList();
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.getSubject()).contains("Storing", "Ontvangstbevestiging versturen", reference);
            assertThat(text(alert)).contains("No valid address", "Cockpit");
        });
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()))
                .filteredOn(entry -> entry.getType() == TimelineEventType.INCIDENT).singleElement()
                .satisfies(entry -> assertThat(entry.getSummary()).contains("Ontvangstbevestiging versturen", "No valid address"));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
