package nl.homepair.complaints.sla;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A reminder or escalation timer that falls due outside office hours (the application was down, the job executor
 * lagged) alerts staff at the next office moment, not at night (R6, R11): {@link OfficeHoursAlerts}.
 */
@TestPropertySource(properties = {"homepair.working-days.alerts-in-office-hours=true",
        // an application of its own, so its engine needs a name of its own: Camunda keeps engines in a static registry
        // by name, and the shared application's REST API and Tasklist would otherwise find this one
        "camunda.bpm.process-engine-name=officeHours"})
class OfficeHoursAlertsTest extends IntegrationTest {

    private static final String ESCALATION = "BoundaryEvent_AssessmentOverdue";
    private static final String REMINDER = "BoundaryEvent_AssessmentReminder";

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void anEscalationThatFellDueWhileTheApplicationWasDownGoesOutAtNineTheNextWorkingDay() throws Exception {
        // Wednesday 3 June 2026, 10:00: the assessment is due Wednesday 10 June, its escalation Thursday 09:00
        ClockUtil.setCurrentTime(at(2026, 6, 3, 10, 0));
        String reference = submit(janJansen().email("laat-in-de-avond@example.nl"));
        runDueJobs(reference);
        assertThat(timer(reference, ESCALATION).getDuedate()).isEqualTo(at(2026, 6, 11, 9, 0));

        // the application was down all Thursday and is back at 19:00: both timers are overdue
        greenMail.purgeEmailFromAllMailboxes();
        ClockUtil.setCurrentTime(at(2026, 6, 11, 19, 0));
        runDueJobs(reference);
        assertThat(staffMailAbout(reference)).as("no staff mail in the evening").isEmpty();
        assertThat(timer(reference, ESCALATION).getDuedate()).as("the escalation waits for the next office moment")
                .isEqualTo(at(2026, 6, 12, 9, 0));
        assertThat(timer(reference, REMINDER).getDuedate()).isEqualTo(at(2026, 6, 12, 9, 0));

        // Friday 09:00: the escalation goes out, once; the reminder for a due date already passed does not
        ClockUtil.setCurrentTime(at(2026, 6, 12, 9, 0));
        runDueJobs(reference);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        List<MimeMessage> sent = staffMailAbout(reference);
        assertThat(sent).extracting(MimeMessage::getSubject)
                .containsExactly("Termijn verstreken: eerste beoordeling van klacht " + reference);
        assertThat(sent.get(0).getAllRecipients()).extracting(Address::toString).containsExactly("teamleiders@homepair.nl");
        assertThat(timers(reference, ESCALATION).count()).isZero();
        assertThat(timers(reference, REMINDER).count()).isZero();
    }

    @Test
    void anEscalationDueInOfficeHoursGoesOutAtOnce() throws Exception {
        ClockUtil.setCurrentTime(at(2026, 6, 3, 10, 0));
        String reference = submit(janJansen().email("op-tijd@example.nl"));
        runDueJobs(reference);
        greenMail.purgeEmailFromAllMailboxes();

        ClockUtil.setCurrentTime(at(2026, 6, 11, 9, 0));
        runDueJobs(reference);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(staffMailAbout(reference)).extracting(MimeMessage::getSubject)
                .containsExactly("Termijn verstreken: eerste beoordeling van klacht " + reference);
    }

    /** A busy job executor that reaches a 16:40 escalation at 17:10 does not hold it back until the next morning. */
    @Test
    void anEscalationDueInOfficeHoursThatRunsLessThanAnHourLateGoesOutAtOnce() throws Exception {
        String reference = escalationDueAt1640RunAt("bijna-vijf-uur@example.nl", 17, 10);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(staffMailAbout(reference)).extracting(MimeMessage::getSubject)
                .containsExactly("Termijn verstreken: eerste beoordeling van klacht " + reference);
        assertThat(timers(reference, ESCALATION).count()).isZero();
    }

    /** Past the hour it is an outage, not a busy moment: the escalation waits for the next office moment. */
    @Test
    void anEscalationDueInOfficeHoursThatRunsAnHourLateWaitsForTheMorning() throws Exception {
        String reference = escalationDueAt1640RunAt("na-zessen-uur@example.nl", 17, 40);
        assertThat(staffMailAbout(reference)).isEmpty();
        assertThat(timer(reference, ESCALATION).getDuedate()).isEqualTo(at(2026, 6, 12, 9, 0));
    }

    /** A case whose escalation was due Thursday 11 June 2026 at 16:40 and whose job executor reaches it at hh:mm. */
    private String escalationDueAt1640RunAt(String email, int hour, int minute) throws Exception {
        ClockUtil.setCurrentTime(at(2026, 6, 3, 10, 0));
        String reference = submit(janJansen().email(email));
        runDueJobs(reference);
        greenMail.purgeEmailFromAllMailboxes();
        managementService.setJobDuedate(timer(reference, ESCALATION).getId(), at(2026, 6, 11, 16, 40));
        ClockUtil.setCurrentTime(at(2026, 6, 11, hour, minute));
        runDueJobs(reference);
        return reference;
    }

    @Test
    void onlyTimersThatLeadToAStaffAlertWaitForOfficeHours() {
        BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("processes", "complaintProcedure.bpmn").toFile());
        assertThat(DeadlineAlertDelegate.leadsToAlert(model.getModelElementById(ESCALATION))).isTrue();
        assertThat(DeadlineAlertDelegate.leadsToAlert(model.getModelElementById(REMINDER))).isTrue();
        // the case that waited in vain for information closes when due, also at night
        assertThat(DeadlineAlertDelegate.leadsToAlert(model.getModelElementById("BoundaryEvent_InformationTimeout"))).isFalse();
        assertThat(model.getModelElementsByType(BoundaryEvent.class).stream().filter(DeadlineAlertDelegate::leadsToAlert)
                .count()).isGreaterThanOrEqualTo(10);
    }

    /** The deploy check takes "${ deadlineAlertDelegate }"; so does the office-hours rule. */
    @Test
    void aStepWrittenWithSpacesInItsExpressionIsAnAlertStepToo() {
        String xml;
        try {
            xml = java.nio.file.Files.readString(Path.of("processes", "complaintProcedure.bpmn"))
                    .replace("camunda:delegateExpression=\"${deadlineAlertDelegate}\"", "camunda:delegateExpression=\"${ deadlineAlertDelegate }\"");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        BpmnModelInstance model = Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(DeadlineAlertDelegate.leadsToAlert(model.getModelElementById(ESCALATION))).isTrue();
    }

    private Job timer(String reference, String boundaryEvent) {
        return timers(reference, boundaryEvent).singleResult();
    }

    private JobQuery timers(String reference, String boundaryEvent) {
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(ComplaintProcess.PROCESS_KEY).singleResult().getId();
        return managementService.createJobQuery().processInstanceId(instance).timers().activityId(boundaryEvent);
    }

    /**
     * A notice to staff outside a case's steps (here: the contact mailbox is full, on a Sunday night) waits in the outbox
     * for the next office moment, also when it is tried at night (the mail server back at 03:10); a mail to a
     * complainant is not held.
     */
    @Test
    void aNoticeToStaffOnASundayNightLeavesOnMondayMorning(
            @org.springframework.beans.factory.annotation.Autowired nl.homepair.complaints.mail.CaseMailer mailer) throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        ClockUtil.setCurrentTime(at(2026, 6, 7, 23, 40));
        mailer.queueToStaff(nl.homepair.complaints.mail.MailRecipient.TEAM_LEAD, "mailbox-vol",
                java.util.Map.of("waiting", 3, "limit", 2, "contactAddress", "contact@homepair.nl"), "mailbox-vol:zondagnacht");
        runDueDeliveryJobs("mailbox-vol:zondagnacht");
        assertThat(greenMail.getReceivedMessagesForDomain("homepair.nl")).as("nothing to staff at night").isEmpty();
        assertThat(noticeJob().getDuedate()).isEqualTo(at(2026, 6, 8, 9, 0));
        // the mail server back at 03:10: every waiting mail is made due at once (MailServerBack); this one waits again
        ClockUtil.setCurrentTime(at(2026, 6, 8, 3, 10));
        managementService.setJobDuedate(noticeJob().getId(), at(2026, 6, 8, 3, 10));
        runDueDeliveryJobs("mailbox-vol:zondagnacht");
        assertThat(greenMail.getReceivedMessagesForDomain("homepair.nl")).as("nothing to staff at 03:10").isEmpty();
        assertThat(noticeJob().getDuedate()).isEqualTo(at(2026, 6, 8, 9, 0));

        ClockUtil.setCurrentTime(at(2026, 6, 8, 9, 0));
        runDueDeliveryJobs("mailbox-vol:zondagnacht");
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessagesForDomain("homepair.nl")).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).startsWith("Contactmailbox"));
    }

    private Job noticeJob() {
        return managementService.createJobQuery().list().stream()
                .filter(job -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).getJobHandlerConfigurationRaw()
                        .endsWith("mailbox-vol:zondagnacht")).findFirst().orElseThrow();
    }

    /** A queued mail to a complainant is never held: at 23:40 on a Sunday it leaves when its job runs. */
    @Test
    void aQueuedMailToAComplainantIsNotHeldAtNight(
            @org.springframework.beans.factory.annotation.Autowired nl.homepair.complaints.mail.CaseMailer mailer,
            @org.springframework.beans.factory.annotation.Autowired nl.homepair.complaints.complaint.ComplaintRepository complaints,
            @org.springframework.beans.factory.annotation.Autowired org.camunda.bpm.engine.ProcessEngine engine) throws Exception {
        ClockUtil.setCurrentTime(at(2026, 6, 3, 10, 0));
        String reference = submit(janJansen().email("zondagnacht@example.nl"));
        runDueJobs(reference);
        greenMail.purgeEmailFromAllMailboxes();
        ClockUtil.setCurrentTime(at(2026, 6, 7, 23, 40));
        var complaint = complaints.findByReference(reference).orElseThrow();
        ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired().execute(command -> mailer.queue(complaint, "klacht-ingetrokken",
                        nl.homepair.complaints.mail.MailRecipient.COMPLAINANT, java.util.Map.of()));
        runDueDeliveryJobs(complaint);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessagesForDomain("example.nl")).extracting(MimeMessage::getSubject)
                .anyMatch(subject -> subject.contains(reference));
    }

    private static List<MimeMessage> staffMailAbout(String reference) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                return message.getSubject().contains(reference) && Arrays.stream(message.getAllRecipients())
                        .map(Address::toString).noneMatch(to -> to.endsWith("@example.nl"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static Date at(int year, int month, int day, int hour, int minute) {
        return Date.from(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, DutchDates.ZONE).toInstant());
    }
}
