package nl.homepair.complaints.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.sla.WorkingDayProperties;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every path of processes/complaintProcedure.bpmn with the real working-day
 * calendar and the mail step and case status replaced by test doubles. The clock is
 * moved, never waited on. Process coverage of this class must be 100 %.
 */
@Deployment(resources = {"processes/complaintProcedure.bpmn", "forms/assess-complaint.form", "forms/check-acknowledgement.form"})
class ComplaintProcedureModelTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
            .assertClassCoverageAtLeast(1.0)
            .build();

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** The example of R11: Friday 24 April 2026, 10:00. */
    private static final ZonedDateTime RECEIVED = ZonedDateTime.of(2026, 4, 24, 10, 0, 0, 0, AMSTERDAM);

    private final RecordingMailStep mail = new RecordingMailStep();
    private final ComplaintLifecycle lifecycle = mock(ComplaintLifecycle.class);

    ProcessEngine processEngine;

    /** Records which mail went to whom, and can be told to fail like a mail server that is down. */
    static class RecordingMailStep implements JavaDelegate {
        final List<String> sent = new ArrayList<>();
        boolean serverDown;

        @Override
        public void execute(DelegateExecution execution) {
            if (serverDown) {
                throw new IllegalStateException("SMTP server unreachable");
            }
            sent.add(execution.getVariableLocal("mailTemplate") + " -> " + execution.getVariableLocal("mailRecipient"));
        }
    }

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        Mocks.register("sendMailDelegate", mail);
        Mocks.register("complaintLifecycle", lifecycle);
        Mocks.register("workingDays", new WorkingDayCalendar(WorkingDayProperties.defaults()));
        ClockUtil.setCurrentTime(Date.from(RECEIVED.toInstant()));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    private ProcessInstance startComplaint() {
        return processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, "KL-2026-000001",
                withVariables(ComplaintProcess.VAR_COMPLAINT_ID, 1L,
                        ComplaintProcess.VAR_REFERENCE, "KL-2026-000001",
                        ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT",
                        ComplaintProcess.VAR_SUBJECT, "JOB_HANDLING",
                        ComplaintProcess.VAR_CHANNEL, "API"));
    }

    private static Date amsterdam(int month, int day, int hour, int minute, int second) {
        return Date.from(ZonedDateTime.of(2026, month, day, hour, minute, second, 0, AMSTERDAM).toInstant());
    }

    private Job timer(String activityId) {
        return processEngine.getManagementService().createJobQuery().timers().activityId(activityId).singleResult();
    }

    private void moveClockTo(Date date) {
        ClockUtil.setCurrentTime(date);
    }

    @Test
    void acknowledgementIsSentAndTheHandlerAssessesWithinFiveWorkingDays() {
        ProcessInstance instance = startComplaint();

        assertThat(instance).isWaitingAt(ComplaintProcess.SEND_ACKNOWLEDGEMENT, ComplaintProcess.TASK_ASSESS);
        // R11 example: 5 working days from Friday 24 April 2026 end on Monday 4 May (King's Day skipped)
        assertThat(task(ComplaintProcess.TASK_ASSESS, instance)).hasCandidateGroup("handlers")
                .hasDueDate(amsterdam(5, 4, 23, 59, 59));
        assertThat(instance).variables().containsEntry("acknowledgementDue", amsterdam(4, 29, 23, 59, 59));

        execute(job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance));

        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT");
        verify(lifecycle).acknowledged(1L);
        assertThat(instance).hasPassed("EndEvent_AcknowledgementSent", "EndEvent_Acknowledged");
        assertThat(timer("SubProcess_Acknowledgement")).isNull();

        complete(task(ComplaintProcess.TASK_ASSESS, instance), withVariables(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MEDIATION"));

        assertThat(instance).isEnded().hasPassed("EndEvent_Assessed");
    }

    @Test
    void timersOfTheAssessmentAreGoneWhenTheHandlerIsOnTime() {
        ProcessInstance instance = startComplaint();
        assertThat(processEngine.getManagementService().createJobQuery().timers().count()).isEqualTo(3);

        complete(task(ComplaintProcess.TASK_ASSESS, instance), withVariables(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "DIRECT_DECISION"));

        assertThat(processEngine.getManagementService().createJobQuery().timers()
                .processInstanceId(instance.getId()).list())
                .extracting(Job::getDuedate)
                .containsExactly(amsterdam(4, 29, 9, 0, 0)); // only the acknowledgement watch is left
        assertThat(mail.sent).isEmpty();
    }

    @Test
    void anUnsentAcknowledgementIsRetriedAndTheTeamLeadIsAlertedOnTheSecondWorkingDay() {
        ProcessInstance instance = startComplaint();
        mail.serverDown = true;

        Job acknowledgement = job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance);
        assertThatThrownBy(() -> execute(acknowledgement)).hasMessageContaining("SMTP server unreachable");
        Job retried = processEngine.getManagementService().createJobQuery().jobId(acknowledgement.getId()).singleResult();
        assertThat(retried.getRetries()).isEqualTo(47);
        assertThat(retried.getDuedate()).isEqualTo(amsterdam(4, 24, 11, 0, 0)); // one hour later
        verify(lifecycle, never()).acknowledged(any());

        // Monday 27 April is King's Day: the second working day is Wednesday 29 April
        Job alert = timer("BoundaryEvent_AcknowledgementOverdue");
        assertThat(alert.getDuedate()).isEqualTo(amsterdam(4, 29, 9, 0, 0));
        moveClockTo(alert.getDuedate());
        execute(alert);

        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT);
        assertThat(task(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT, instance)).hasCandidateGroup("teamleads")
                .hasDueDate(amsterdam(4, 29, 23, 59, 59));

        mail.serverDown = false;
        execute(job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance));
        complete(task(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT, instance), withVariables("acknowledgementAction", "RESOLVED"));
        complete(task(ComplaintProcess.TASK_ASSESS, instance), withVariables(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MEDIATION"));

        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT");
        assertThat(instance).isEnded().hasPassed("EndEvent_TeamLeadAlerted", "EndEvent_Acknowledged", "EndEvent_Assessed");
    }

    @Test
    void aLateAssessmentRemindsTheHandlersAndThenAlertsTheTeamLeadInOfficeHours() {
        ProcessInstance instance = startComplaint();
        execute(job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance));

        // reminder one working day before the deadline of Monday 4 May: Friday 1 May, 09:00
        Job reminder = timer("BoundaryEvent_AssessmentReminder");
        assertThat(reminder.getDuedate()).isEqualTo(amsterdam(5, 1, 9, 0, 0));
        moveClockTo(reminder.getDuedate());
        execute(reminder);
        execute(job("ServiceTask_SendAssessmentReminder", instance));

        // after the deadline: Tuesday 5 May is Liberation Day, so Wednesday 6 May, 09:00
        Job escalation = timer("BoundaryEvent_AssessmentOverdue");
        assertThat(escalation.getDuedate()).isEqualTo(amsterdam(5, 6, 9, 0, 0));
        moveClockTo(escalation.getDuedate());
        execute(escalation);
        execute(job("ServiceTask_EscalateAssessment", instance));

        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT",
                "herinnering-beoordeling -> HANDLERS", "escalatie-beoordeling -> TEAM_LEAD");
        assertThat(instance).hasPassed("EndEvent_ReminderSent", "EndEvent_AssessmentEscalated")
                .isWaitingAt(ComplaintProcess.TASK_ASSESS); // the timers do not take the task away

        complete(task(ComplaintProcess.TASK_ASSESS, instance), withVariables(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "INADMISSIBLE"));
        assertThat(instance).isEnded();
    }

    @Test
    void theProcessKeepsOnlySmallTypedVariables() {
        ProcessInstance instance = startComplaint();
        Map<String, Object> variables = processEngine.getRuntimeService().getVariables(instance.getId());
        assertThat(variables.values()).allSatisfy(value ->
                assertThat(value).isInstanceOfAny(String.class, Long.class, Date.class));
        assertThat(instance.getBusinessKey()).isEqualTo("KL-2026-000001");
    }
}
