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
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.mail.MailProperties;
import nl.homepair.complaints.mail.MailRetry;
import nl.homepair.complaints.mail.MailStep;
import nl.homepair.complaints.mailbox.SetAsideAnswers;
import nl.homepair.complaints.sla.DeadlineAlertDelegate;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.sla.WorkingDayProperties;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One scenario per road through processes/complaintProcedure.bpmn and
 * processes/boardEscalation.bpmn, with the real working-day calendar and the mail step and
 * case status replaced by test doubles. The clock is moved, never waited on. Process
 * coverage of this class must be 100 % (report in target/process-test-coverage/).
 */
@Deployment(resources = {"processes/complaintProcedure.bpmn", "processes/boardEscalation.bpmn",
    "processes/manualMailHandling.bpmn", "processes/complaintRegistration.bpmn", "processes/objectionRegistration.bpmn",
    "processes/informationRegistration.bpmn", "processes/measureReview.bpmn", "processes/routing.dmn"})
class ComplaintProcedureModelTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
            .assertClassCoverageAtLeast(1.0)
            .build();

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final String REFERENCE = "KL-2026-000001";
    /** The example of R11: Friday 24 April 2026, 10:00. */
    private static final ZonedDateTime RECEIVED = ZonedDateTime.of(2026, 4, 24, 10, 0, 0, 0, AMSTERDAM);

    private final RecordingMailStep mail = new RecordingMailStep();
    private final ComplaintLifecycle lifecycle = mock(ComplaintLifecycle.class);
    private final JavaDelegate registration = mock(JavaDelegate.class);
    private final SetAsideAnswers setAsideAnswers = mock(SetAsideAnswers.class);
    private final nl.homepair.complaints.mediation.OtherParties otherParties = mock(nl.homepair.complaints.mediation.OtherParties.class);

    ProcessEngine processEngine;

    /** Records which mail went to whom, and can be told to fail like a mail server that is down. */
    public static class RecordingMailStep implements JavaDelegate, MailStep {
        final List<String> sent = new ArrayList<>();
        /** What each mail could say: the variables its step saw, by template. */
        final Map<String, Map<String, Object>> seen = new java.util.HashMap<>();
        boolean serverDown;

        @Override
        public void execute(DelegateExecution execution) {
            send(execution, (String) execution.getVariableLocal("mailTemplate"), execution.getVariableLocal("mailRecipient"), Map.of());
        }

        @Override
        public void send(DelegateExecution execution, String template, Object recipient, Map<String, Object> extra,
                         String deliveryKey) {
            if (serverDown) {
                throw new IllegalStateException("SMTP server unreachable");
            }
            sent.add(template + " -> " + recipient);
            seen.put(template, new java.util.HashMap<>(execution.getVariables()));
        }

        /** A queued mail (a listener's): written with the step's transaction, delivered by its own job, so never refused here. */
        public void queue(DelegateExecution execution, String template, String recipient) {
            sent.add(template + " -> " + recipient + " (queued)");
        }
    }

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        Mocks.register("sendMailDelegate", mail);
        Mocks.register("complaintLifecycle", lifecycle);
        Mocks.register("workingDays", new WorkingDayCalendar(WorkingDayProperties.defaults()));
        Mocks.register("deadlineAlertDelegate", new DeadlineAlertDelegate(mail, new WorkingDayCalendar(WorkingDayProperties.defaults()),
                new MailProperties("HomePair <klachten@homepair.nl>", "contact@homepair.nl", "teamleiders@homepair.nl",
                        "klachtenteam@homepair.nl", "directie@homepair.nl", "classpath:/templates/mail/", Map.of())));
        Mocks.register("registerComplaintDelegate", registration);
        Mocks.register("registerObjectionDelegate", registration);
        Mocks.register("registerInformationDelegate", registration);
        Mocks.register("decisionMeasures", new DecisionMeasures(() -> "sleutel-van-de-test".getBytes()));
        Mocks.register("mailRetry", new MailRetry());
        Mocks.register("setAsideAnswers", setAsideAnswers);
        Mocks.register("otherParties", otherParties);
        ClockUtil.setCurrentTime(Date.from(RECEIVED.toInstant()));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    // ------------------------------------------------------------------------------------ helpers

    private ProcessInstance startComplaint() {
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                withVariables(ComplaintProcess.VAR_COMPLAINT_ID, 1L,
                        ComplaintProcess.VAR_REFERENCE, REFERENCE,
                        ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT",
                        ComplaintProcess.VAR_SUBJECT, "JOB_HANDLING",
                        ComplaintProcess.VAR_CHANNEL, "API"));
        runAsyncSteps();
        return instance;
    }

    private static Date amsterdam(int year, int month, int day, int hour, int minute, int second) {
        return Date.from(ZonedDateTime.of(year, month, day, hour, minute, second, 0, AMSTERDAM).toInstant());
    }

    private static Date amsterdam(int month, int day, int hour, int minute, int second) {
        return amsterdam(2026, month, day, hour, minute, second);
    }

    private static Date endOf(int month, int day) {
        return amsterdam(month, day, 23, 59, 59);
    }

    private Job timer(String activityId) {
        return processEngine.getManagementService().createJobQuery().timers().activityId(activityId).singleResult();
    }

    /** Moves the clock to the timer's due date and fires it, then runs what it started. */
    private void fire(String timerActivityId) {
        Job timer = timer(timerActivityId);
        assertThat(timer).as("timer " + timerActivityId).isNotNull();
        ClockUtil.setCurrentTime(timer.getDuedate());
        execute(timer);
        runAsyncSteps();
    }

    /** Runs the asynchronous (mail) steps, as the job executor would. */
    private void runAsyncSteps() {
        List<Job> jobs;
        // a job that failed waits for its retry, as with the real job executor
        while (!(jobs = processEngine.getManagementService().createJobQuery().messages().executable().list()
                .stream().filter(job -> job.getExceptionMessage() == null).toList()).isEmpty()) {
            jobs.forEach(BpmnAwareTests::execute);
        }
    }

    private void moveClockTo(Date date) {
        ClockUtil.setCurrentTime(date);
    }

    private Task task(String taskDefinitionKey) {
        return processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(REFERENCE)
                .taskDefinitionKey(taskDefinitionKey).singleResult();
    }

    private void completeTask(String taskDefinitionKey, Map<String, Object> variables) {
        Task task = task(taskDefinitionKey);
        assertThat(task).as("open task " + taskDefinitionKey).isNotNull();
        complete(task, variables);
        runAsyncSteps();
    }

    private static Map<String, Object> vars(Object... keysAndValues) {
        Map<String, Object> variables = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return variables;
    }

    private void assess(String outcome, Object... more) {
        Map<String, Object> variables = vars(more);
        variables.put(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, outcome);
        variables.put(ComplaintProcess.VAR_ASSESSMENT_NOTES, "Wat we nu gaan doen.");
        completeTask(ComplaintProcess.TASK_ASSESS, variables);
    }

    private void decide(String verdict, Object... measures) {
        Map<String, Object> variables = vars(measures);
        variables.put(ComplaintProcess.VAR_VERDICT, verdict);
        variables.put("decisionMotivation", "Zo zit het.");
        completeTask(ComplaintProcess.TASK_DECIDE, variables);
    }

    private void object() {
        object(ClockUtil.getCurrentTime());
    }

    /** The answer to a request for information, as InformationReplyService correlates it. */
    private void informationReceived(Date receivedAt) {
        processEngine.getRuntimeService().createMessageCorrelation(ComplaintProcess.MESSAGE_INFORMATION_RECEIVED)
                .processInstanceBusinessKey(REFERENCE)
                .setVariable(ComplaintProcess.VAR_INFORMATION_RECEIVED_AT, receivedAt).correlate();
    }

    private void object(Date receivedAt) {
        processEngine.getRuntimeService().createMessageCorrelation(ComplaintProcess.MESSAGE_OBJECTION_RECEIVED)
                .processInstanceBusinessKey(REFERENCE)
                .setVariable(ComplaintProcess.VAR_OBJECTION_MOTIVATION, "Ik ben het er niet mee eens omdat ...")
                .setVariable(ComplaintProcess.VAR_OBJECTION_RECEIVED_AT, receivedAt)
                .correlate();
        runAsyncSteps();
    }

    // ------------------------------------------------------------------------------ acknowledgement

    @Test
    void theAcknowledgementIsSentWhileTheHandlerAssessesWithinFiveWorkingDays() {
        ProcessInstance instance = startComplaint();

        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT");
        verify(lifecycle).acknowledged(1L);
        assertThat(instance).hasPassed("EndEvent_AcknowledgementSent", "EndEvent_Acknowledged")
                .isWaitingAt(ComplaintProcess.TASK_ASSESS);
        // R11 example: 5 working days from Friday 24 April 2026 end on Monday 4 May (King's Day skipped)
        assertThat(task(ComplaintProcess.TASK_ASSESS)).hasCandidateGroup("handlers").hasDueDate(endOf(5, 4));
        verify(lifecycle).status(1L, "IN_ASSESSMENT");
    }

    @Test
    void anUnsentAcknowledgementIsRetriedHourlyAndTheTeamLeadIsAlertedOnTheSecondWorkingDay() {
        mail.serverDown = true;
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                withVariables(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT"));
        execute(job("StartEvent_ComplaintReceived", instance)); // the first step runs as a job
        Job acknowledgement = job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance);
        assertThatThrownBy(() -> execute(acknowledgement)).hasMessageContaining("SMTP server unreachable");

        Job retried = processEngine.getManagementService().createJobQuery().jobId(acknowledgement.getId()).singleResult();
        assertThat(retried.getRetries()).isEqualTo(47);
        assertThat(retried.getDuedate()).isEqualTo(amsterdam(4, 24, 11, 0, 0));
        verify(lifecycle, never()).acknowledged(any());

        // Monday 27 April is King's Day: the second working day is Wednesday 29 April
        assertThat(timer("BoundaryEvent_AcknowledgementOverdue").getDuedate()).isEqualTo(amsterdam(4, 29, 9, 0, 0));
        fire("BoundaryEvent_AcknowledgementOverdue");
        assertThat(task(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT)).hasCandidateGroup("teamleads").hasDueDate(endOf(4, 29));

        // the team lead does not act either: the board hears of it the next working day
        mail.serverDown = false;
        fire("BoundaryEvent_AcknowledgementCheckOverdue");
        assertThat(mail.sent).containsExactly("escalatie-teamleiders -> DIRECTORS");
        mail.sent.clear();

        // the retries ran out meanwhile (an incident); "mail fixed" sends it now
        processEngine.getManagementService().setJobRetries(acknowledgement.getId(), 0);
        moveClockTo(amsterdam(4, 30, 10, 0, 0));
        completeTask(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT, withVariables("acknowledgementAction", "MAIL_FIXED"));
        Job now = job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance);
        assertThat(now.getRetries()).isEqualTo(1);
        assertThat(now.getDuedate()).isEqualTo(amsterdam(4, 30, 10, 0, 0));
        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        execute(now);

        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT");
        assertThat(instance).hasPassed("EndEvent_TeamLeadAlerted", "EndEvent_Acknowledged")
                .isWaitingAt(ComplaintProcess.TASK_ASSESS);
    }

    /** A complaint whose first step ran and whose acknowledgement failed once: the mail server is down. */
    private ProcessInstance acknowledgementFailing() {
        mail.serverDown = true;
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                withVariables(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT"));
        execute(job("StartEvent_ComplaintReceived", instance));
        assertThatThrownBy(() -> execute(job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance)))
                .hasMessageContaining("SMTP server unreachable");
        return instance;
    }

    /** The hourly try that gets the acknowledgement out closes the team lead's check: no directors alerted for nothing. */
    @Test
    void anAcknowledgementThatLeavesWhileItsCheckIsOpenClosesTheCheck() {
        ProcessInstance instance = acknowledgementFailing();
        fire("BoundaryEvent_AcknowledgementOverdue");
        assertThat(task(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT)).isNotNull();

        mail.serverDown = false;
        execute(job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance)); // the next hourly try

        assertThat(task(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT)).isNull();
        assertThat(timer("BoundaryEvent_AcknowledgementCheckOverdue")).as("no escalation to the directors").isNull();
        assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("acknowledgementAction").singleResult().getValue()).isEqualTo("SENT_MEANWHILE");
        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT");
        assertThat(instance).hasPassed("EndEvent_TeamLeadAlerted", "EndEvent_Acknowledged").isWaitingAt(ComplaintProcess.TASK_ASSESS);
    }

    @Test
    void aLateAssessmentRemindsTheHandlersAndThenAlertsTheTeamLeadInOfficeHours() {
        ProcessInstance instance = startComplaint();

        // one working day before the deadline of Monday 4 May: Friday 1 May, 09:00
        assertThat(timer("BoundaryEvent_AssessmentReminder").getDuedate()).isEqualTo(amsterdam(5, 1, 9, 0, 0));
        fire("BoundaryEvent_AssessmentReminder");
        // after the deadline: Tuesday 5 May is Liberation Day, so Wednesday 6 May, 09:00
        assertThat(timer("BoundaryEvent_AssessmentOverdue").getDuedate()).isEqualTo(amsterdam(5, 6, 9, 0, 0));
        fire("BoundaryEvent_AssessmentOverdue");

        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT",
                "herinnering-beoordeling -> HANDLERS", "escalatie-beoordeling -> TEAM_LEAD");
        assertThat(instance).hasPassed("EndEvent_ReminderSent", "EndEvent_AssessmentEscalated")
                .isWaitingAt(ComplaintProcess.TASK_ASSESS);

        // the complainant, promised the next steps by 4 May, hears at the same moment that they come later
        assertThat(timer("BoundaryEvent_AssessmentPromiseLapsed").getDuedate()).isEqualTo(amsterdam(5, 6, 9, 0, 0));
        fire("BoundaryEvent_AssessmentPromiseLapsed");
        assertThat(mail.sent).endsWith("beoordeling-vertraagd -> COMPLAINANT");
        assertThat(instance).hasPassed("EndEvent_ComplainantToldOfDelay").isWaitingAt(ComplaintProcess.TASK_ASSESS);
    }


    @Test
    void anEscalationWhoseMailFailsIsRetriedByItsTimerAndSentOnceWhenTheServerIsBack() {
        ProcessInstance instance = startComplaint();
        Job overdue = timer("BoundaryEvent_AssessmentOverdue");
        ClockUtil.setCurrentTime(overdue.getDuedate());
        mail.serverDown = true;

        // the step runs in the timer's job: the timer stays, with the retry cycle of the model
        assertThatThrownBy(() -> execute(overdue)).hasMessageContaining("SMTP server unreachable");
        Job retried = timer("BoundaryEvent_AssessmentOverdue");
        assertThat(retried.getId()).isEqualTo(overdue.getId());
        assertThat(retried.getRetries()).isEqualTo(9);
        assertThat(retried.getDuedate()).isEqualTo(amsterdam(5, 6, 9, 30, 0));
        assertThat(instance).hasNotPassed("EndEvent_AssessmentEscalated");

        mail.serverDown = false;
        fire("BoundaryEvent_AssessmentOverdue");
        assertThat(mail.sent).containsOnlyOnce("escalatie-beoordeling -> TEAM_LEAD");
        assertThat(instance).hasPassed("EndEvent_AssessmentEscalated").isWaitingAt(ComplaintProcess.TASK_ASSESS);
        assertThat(timer("BoundaryEvent_AssessmentOverdue")).isNull();
    }

    @Test
    void anEscalationWhoseMailKeepsFailingBecomesAnIncidentOnItsTimer() {
        ProcessInstance instance = startComplaint();
        Job overdue = timer("BoundaryEvent_AssessmentOverdue");
        ClockUtil.setCurrentTime(overdue.getDuedate());
        mail.serverDown = true;
        assertThatThrownBy(() -> execute(overdue)).hasMessageContaining("SMTP server unreachable");
        processEngine.getManagementService().setJobRetries(overdue.getId(), 1); // skip to the last of its retries

        assertThatThrownBy(() -> execute(timer("BoundaryEvent_AssessmentOverdue"))).hasMessageContaining("SMTP server unreachable");

        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId())
                .incidentType("failedJob").configuration(overdue.getId()).list())
                .as("an incident on the timer's job").hasSize(1);
        assertThat(mail.sent).doesNotContain("escalatie-beoordeling -> TEAM_LEAD");
    }

    @Test
    void timersOfTheAssessmentAreGoneWhenTheHandlerIsOnTime() {
        ProcessInstance instance = startComplaint();
        assess("MEDIATION", "otherPartyEmail", "vakman@example.nl");

        assertThat(timer("BoundaryEvent_AssessmentReminder")).isNull();
        assertThat(timer("BoundaryEvent_AssessmentOverdue")).isNull();
        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_MEDIATE);
    }

    // -------------------------------------------------------------------------------- the roads

    @Test
    void anInadmissibleComplaintGetsAReasonedMailAndClosesWhenTheObjectionWindowEnds() {
        ProcessInstance instance = startComplaint();
        Date declaredOn = ClockUtil.getCurrentTime();
        assess("INADMISSIBLE");

        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT", "niet-ontvankelijk -> COMPLAINANT");
        // "Niet tevreden over de afhandeling?" (§4): the declaration can be objected to, as a decision can
        Date objectionDeadline = (Date) processEngine.getRuntimeService().getVariable(instance.getId(), "objectionDeadline");
        assertThat(objectionDeadline).isEqualTo(new WorkingDayCalendar(WorkingDayProperties.defaults()).monthsAfter(declaredOn, 6));
        verify(lifecycle).declaredInadmissible(1L, objectionDeadline);
        assertThat(instance).isWaitingAt("Gateway_AwaitObjection");
        verify(lifecycle, never()).close(anyLong(), anyString());

        fire("IntermediateCatchEvent_ObjectionWindowClosed");

        assertThat(mail.sent).endsWith("niet-ontvankelijk -> COMPLAINANT", "afsluiting -> COMPLAINANT");
        assertThat(instance).isEnded().hasPassed("Gateway_ClosingOutcome", "EndEvent_Inadmissible")
                .hasNotPassed("EndEvent_ClosedAfterDecision");
        verify(lifecycle).close(1L, "INADMISSIBLE");
    }

    @Test
    void anObjectionToTheInadmissibilityTheBoardRejectsClosesTheCaseAsInadmissible() {
        ProcessInstance instance = startComplaint();
        assess("INADMISSIBLE");
        object();

        assertThat(mail.sent).endsWith("niet-ontvankelijk -> COMPLAINANT", "bezwaar-ontvangen -> COMPLAINANT",
                "directie-nieuw-bezwaar -> DIRECTORS (queued)");
        assertThat(task(ComplaintProcess.TASK_REVIEW_OBJECTION)).hasCandidateGroup("directors");
        completeTask(ComplaintProcess.TASK_REVIEW_OBJECTION, withVariables(ComplaintProcess.VAR_BOARD_DECISION, "REJECTED",
                "boardMotivation", "De klacht gaat over een webwinkel buiten HomePair."));

        assertThat(mail.sent).endsWith("bezwaar-ongegrond -> COMPLAINANT");
        assertThat(instance).isEnded().hasPassed("Gateway_BoardOutcome", "EndEvent_InadmissibleAfterObjection")
                .hasNotPassed("EndEvent_ClosedAfterObjection");
        verify(lifecycle).close(1L, "INADMISSIBLE");
        verify(lifecycle, never()).close(1L, "DECIDED_AFTER_OBJECTION");
    }

    @Test
    void anObjectionToTheInadmissibilityTheBoardUpholdsLeadsToADecisionOnTheMerits() {
        ProcessInstance instance = startComplaint();
        assess("INADMISSIBLE");
        object();
        completeTask(ComplaintProcess.TASK_REVIEW_OBJECTION, withVariables(ComplaintProcess.VAR_BOARD_DECISION, "UPHELD",
                "boardMotivation", "De opdracht liep wel via HomePair."));

        assertThat(task(ComplaintProcess.TASK_REVISE_DECISION)).hasCandidateGroup("handlers");
        completeTask(ComplaintProcess.TASK_REVISE_DECISION, withVariables(ComplaintProcess.VAR_VERDICT, "WELL_FOUNDED",
                "revisedDecision", "De schilder kwam niet opdagen."));

        verify(lifecycle).revised(1L, "WELL_FOUNDED");
        assertThat(mail.sent).endsWith("bezwaar-gegrond-herziening -> COMPLAINANT", "bezwaar-gegrond -> COMPLAINANT");
        assertThat(instance).isEnded().hasPassed("EndEvent_ClosedAfterObjection").hasNotPassed("EndEvent_InadmissibleAfterObjection");
        verify(lifecycle).close(1L, "DECIDED_AFTER_OBJECTION");
    }

    @Test
    void aCaseClosedWhileItsAcknowledgementStillFailsLeavesNoBranchBehind() {
        mail.serverDown = true;
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT", ComplaintProcess.VAR_CHANNEL, "API"));
        execute(job("StartEvent_ComplaintReceived", instance)); // the first step runs as a job
        assertThatThrownBy(() -> execute(job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance))).hasMessageContaining("SMTP");
        fire("BoundaryEvent_AcknowledgementOverdue");
        mail.serverDown = false;

        assess("INADMISSIBLE");

        assertThat(mail.sent).containsExactly("niet-ontvankelijk -> COMPLAINANT");
        fire("IntermediateCatchEvent_ObjectionWindowClosed");
        assertThat(instance).isEnded().hasPassed("EndEvent_Inadmissible");
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count())
                .as("no acknowledgement retry, no alert timer left").isZero();
        assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count())
                .as("no team lead task left").isZero();
    }

    @Test
    void whenInformationIsMissingTheCaseWaitsAndTheAssessmentClockPausesUntilTheAnswer() {
        ProcessInstance instance = startComplaint();
        moveClockTo(amsterdam(4, 28, 11, 0, 0)); // Tuesday 28 April
        assess("MORE_INFORMATION");

        assertThat(mail.sent).endsWith("informatie-opvragen -> COMPLAINANT");
        assertThat(instance).isWaitingAt(ComplaintProcess.AWAIT_INFORMATION)
                .variables().containsEntry("informationDue", endOf(5, 13)); // 10 working days, 5 May skipped
        assertThat(timer("BoundaryEvent_AssessmentOverdue")).isNull();
        verify(lifecycle).status(1L, "AWAITING_INFORMATION");

        // the answer comes on Thursday 30 April: Wednesday 29 and Thursday 30 April did not count; it is read only
        // on Monday 4 May (the mailbox was down), which does not make the complainant's wait longer
        moveClockTo(amsterdam(5, 4, 10, 0, 0));
        informationReceived(amsterdam(4, 30, 15, 0, 0));

        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_ASSESS);
        assertThat(task(ComplaintProcess.TASK_ASSESS)).hasDueDate(endOf(5, 7)); // Monday 4 May + 2 working days
        assertThat(timer("BoundaryEvent_InformationTimeout")).isNull();

        assess("DIRECT_DECISION");
        assertThat(mail.sent).endsWith("vervolgstappen -> COMPLAINANT");
        assertThat(instance).hasNotPassed("ServiceTask_InformOtherParty").isWaitingAt(ComplaintProcess.TASK_DECIDE);
        // the next-steps mail names the date the decision comes by, and the decision task keeps that date
        Object promised = mail.seen.get("vervolgstappen").get("decisionDue");
        assertThat(promised).isNotNull();
        assertThat(task(ComplaintProcess.TASK_DECIDE)).hasDueDate((java.util.Date) promised);
    }

    /**
     * Information asked on the last day of the term and answered the next working day: the deadline moves by the days
     * the case waited, and the complainant hears of the delay when the team lead does, at the first office moment after
     * the moved deadline (the mail names it), not two working days later.
     */
    @Test
    void afterAnInformationPauseTheComplainantHearsOfTheDelayWhenTheTeamLeadDoes() {
        ProcessInstance instance = startComplaint();
        moveClockTo(amsterdam(5, 4, 10, 0, 0)); // Monday 4 May, the last day of the term
        assess("MORE_INFORMATION");
        moveClockTo(amsterdam(5, 6, 10, 0, 0)); // Wednesday 6 May (5 May is Liberation Day)
        informationReceived(amsterdam(5, 6, 10, 0, 0));

        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_ASSESS);
        java.util.Date moved = (java.util.Date) processEngine.getRuntimeService().getVariable(instance.getId(), "assessmentDue");
        assertThat(moved).isEqualTo(endOf(5, 6));
        assertThat(timer("BoundaryEvent_AssessmentOverdue").getDuedate()).isEqualTo(amsterdam(5, 7, 9, 0, 0));
        assertThat(timer("BoundaryEvent_AssessmentPromiseLapsed").getDuedate()).isEqualTo(amsterdam(5, 7, 9, 0, 0));
    }

    /**
     * Told of the delay already, the complainant is asked for information and answers after the moved deadline passed:
     * not a second apology the moment the answer comes, but two working days for the handler first.
     */
    @Test
    void anAnswerAfterTheMovedDeadlineDoesNotBringASecondApologyAtOnce() {
        ProcessInstance instance = startComplaint();
        fire("BoundaryEvent_AssessmentOverdue");
        fire("BoundaryEvent_AssessmentPromiseLapsed"); // Wednesday 6 May, 09:00
        assertThat(mail.sent).endsWith("beoordeling-vertraagd -> COMPLAINANT");
        moveClockTo(amsterdam(5, 6, 10, 0, 0));
        assess("MORE_INFORMATION");
        moveClockTo(amsterdam(5, 12, 10, 0, 0)); // Tuesday 12 May
        informationReceived(amsterdam(5, 12, 10, 0, 0));

        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_ASSESS);
        // the moved deadline, Monday 11 May, has passed: two working days from the answer (Ascension Day, Thursday 14 May,
        // does not count) end on Friday 15 May; the complainant hears again on Monday 18 May, 09:00, if nothing came
        assertThat(processEngine.getRuntimeService().getVariable(instance.getId(), "assessmentDue")).isEqualTo(endOf(5, 11));
        assertThat(timer("BoundaryEvent_AssessmentPromiseLapsed").getDuedate()).isEqualTo(amsterdam(5, 18, 9, 0, 0));
    }

    /**
     * A next-steps mail that could not leave for days (the mail server down, its retries spent, run again later) names a
     * date counted from the day it leaves, not one that passed while it waited; the task keeps that date.
     */
    @Test
    void aNextStepsMailSentLateNamesADateStillAhead() {
        startComplaint();
        mail.serverDown = true;
        assertThatThrownBy(() -> assess("DIRECT_DECISION")).hasMessageContaining("SMTP server unreachable");
        mail.serverDown = false;
        Date weeksLater = amsterdam(6, 1, 10, 0, 0);
        moveClockTo(weeksLater);

        execute(processEngine.getManagementService().createJobQuery().activityId("ServiceTask_SendNextSteps").singleResult());

        Date promised = (Date) mail.seen.get("vervolgstappen").get("decisionDue");
        assertThat(promised).isAfter(weeksLater);
        assertThat(task(ComplaintProcess.TASK_DECIDE)).hasDueDate(promised);
    }

    /** The next-steps mail of a mediation names its end; the other party hears the same date, and the task has it. */
    @Test
    void theNextStepsMailOfAMediationNamesTheDateTheOtherPartyHears() {
        ProcessInstance instance = startComplaint();
        assess("MEDIATION", "otherPartyEmail", "verf@example.nl");
        Object promised = mail.seen.get("vervolgstappen").get("mediationDue");
        assertThat(promised).isNotNull();
        assertThat(mail.seen.get("bemiddeling-andere-partij").get("mediationDue")).isEqualTo(promised);
        assertThat(task(ComplaintProcess.TASK_MEDIATE)).hasDueDate((java.util.Date) promised);
        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_MEDIATE);
    }

    @Test
    void anUnansweredRequestIsRemindedAndClosedAsIncompleteAfterTenWorkingDays() {
        ProcessInstance instance = startComplaint();
        assess("MORE_INFORMATION");

        // 10 working days from Friday 24 April end on Tuesday 12 May; reminder three working days before
        assertThat(timer("BoundaryEvent_InformationReminder").getDuedate()).isEqualTo(amsterdam(5, 7, 9, 0, 0));
        fire("BoundaryEvent_InformationReminder");
        // it waits two working days more for an answer sent in time that is still on its way (a letter): Wednesday 13
        // May, Friday 15 May (Thursday 14 is Ascension Day), so it closes on Monday 18 May at 09:00
        assertThat(timer("BoundaryEvent_InformationTimeout").getDuedate()).isEqualTo(amsterdam(5, 18, 9, 0, 0));
        fire("BoundaryEvent_InformationTimeout");

        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT", "informatie-opvragen -> COMPLAINANT",
                "herinnering-informatie -> COMPLAINANT", "onvolledig-afgesloten -> COMPLAINANT");
        assertThat(instance).isEnded().hasPassed("EndEvent_InformationReminderSent", "EndEvent_ClosedIncomplete");
        verify(lifecycle).close(1L, "INCOMPLETE");
    }

    /** A letter posted on the last day and typed in the next working day still reaches the assessment (R4). */
    @Test
    void anAnswerByLetterRegisteredAfterTheTenDaysStillCounts() {
        ProcessInstance instance = startComplaint();
        assess("MORE_INFORMATION");
        fire("BoundaryEvent_InformationReminder");

        // 10 working days end on Tuesday 12 May; the letter came that afternoon and is registered on Wednesday 13 May
        moveClockTo(amsterdam(5, 13, 14, 0, 0));
        assertThat(timer("BoundaryEvent_InformationTimeout").getDuedate()).as("the case still waits").isAfter(ClockUtil.getCurrentTime());
        assertThat(instance).isWaitingAt(ComplaintProcess.AWAIT_INFORMATION);
        informationReceived(amsterdam(5, 12, 15, 0, 0));

        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_ASSESS);
        assertThat(mail.sent).doesNotContain("onvolledig-afgesloten -> COMPLAINANT");
        verify(lifecycle, never()).close(1L, "INCOMPLETE");
    }

    @Test
    void anAnswerTheMailboxSetAsideKeepsTheCaseOpenUntilAHandlerLookedAtIt() {
        ProcessInstance instance = startComplaint();
        assess("MORE_INFORMATION");
        // a mail about the case came from another address: it waits for a handler when the ten days end
        when(setAsideAnswers.mayStillArrive(org.mockito.ArgumentMatchers.eq(REFERENCE), org.mockito.ArgumentMatchers.any())).thenReturn(true);
        fire("BoundaryEvent_InformationReminder");
        fire("BoundaryEvent_InformationTimeout");

        assertThat(instance).isWaitingAt("ReceiveTask_AwaitSetAsideAnswer");
        assertThat(mail.sent).doesNotContain("onvolledig-afgesloten -> COMPLAINANT");
        verify(lifecycle, never()).close(1L, "INCOMPLETE");

        // the handler finds it is the answer, which came on Monday 11 May, before the ten days ended
        moveClockTo(amsterdam(5, 14, 10, 0, 0));
        informationReceived(amsterdam(5, 11, 15, 0, 0));
        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_ASSESS);
    }

    @Test
    void aCaseWaitingForASetAsideMailLooksAgainEveryWorkingDayAndClosesWhenNoneWaits() {
        ProcessInstance instance = startComplaint();
        assess("MORE_INFORMATION");
        when(setAsideAnswers.mayStillArrive(org.mockito.ArgumentMatchers.eq(REFERENCE), org.mockito.ArgumentMatchers.any())).thenReturn(true);
        fire("BoundaryEvent_InformationReminder");
        fire("BoundaryEvent_InformationTimeout");
        // Monday 18 May 09:00: the next look is Tuesday 19 May at 09:00
        assertThat(timer("BoundaryEvent_SetAsideRecheck").getDuedate()).isEqualTo(amsterdam(5, 19, 9, 0, 0));

        // the mail still waits for its handler: the case waits another working day
        fire("BoundaryEvent_SetAsideRecheck");
        assertThat(instance).isWaitingAt("ReceiveTask_AwaitSetAsideAnswer");
        assertThat(timer("BoundaryEvent_SetAsideRecheck").getDuedate()).isEqualTo(amsterdam(5, 20, 9, 0, 0));

        // the handler chose otherwise (or the mail went): closed as incomplete at the next look
        when(setAsideAnswers.mayStillArrive(org.mockito.ArgumentMatchers.eq(REFERENCE), org.mockito.ArgumentMatchers.any())).thenReturn(false);
        fire("BoundaryEvent_SetAsideRecheck");
        assertThat(mail.sent).endsWith("onvolledig-afgesloten -> COMPLAINANT");
        assertThat(instance).isEnded().hasPassed("ReceiveTask_AwaitSetAsideAnswer", "EndEvent_ClosedIncomplete");
        verify(lifecycle).close(1L, "INCOMPLETE");
    }

    @Test
    void aMediationThatResolvesTheComplaintConfirmsTheAgreementAndCloses() {
        ProcessInstance instance = startComplaint();
        moveClockTo(amsterdam(4, 28, 10, 0, 0));
        assess("MEDIATION", "otherPartyName", "Schildersbedrijf Verf", "otherPartyEmail", "verf@example.nl");

        assertThat(mail.sent).endsWith("vervolgstappen -> COMPLAINANT", "bemiddeling-andere-partij -> OTHER_PARTY");
        assertThat(task(ComplaintProcess.TASK_MEDIATE)).hasCandidateGroup("handlers").hasDueDate(endOf(5, 13));
        verify(lifecycle).status(1L, "IN_MEDIATION");

        completeTask(ComplaintProcess.TASK_MEDIATE, withVariables(ComplaintProcess.VAR_MEDIATION_OUTCOME, "RESOLVED",
                "mediationAgreement", "De schilder komt op 12 mei.", "mediationNotes", "Goed gesprek."));

        assertThat(mail.sent).endsWith("bemiddeling-akkoord -> COMPLAINANT", "bemiddeling-akkoord-andere-partij -> OTHER_PARTY");
        assertThat(instance).isEnded().hasPassed("EndEvent_ResolvedByMediation");
        verify(lifecycle).close(1L, "RESOLVED_BY_MEDIATION");
    }

    /** "Laat maar, het is opgelost": wherever the case waits, its tasks and timers end and the complainant is told. */
    @Test
    void aComplaintWithdrawnDuringMediationEndsItsTasksAndTimersAndIsConfirmed() {
        ProcessInstance instance = startComplaint();
        moveClockTo(amsterdam(4, 28, 10, 0, 0));
        assess("MEDIATION", "otherPartyName", "Schildersbedrijf Verf", "otherPartyEmail", "verf@example.nl");
        when(otherParties.invited(any())).thenReturn(true); // the invitation left

        processEngine.getRuntimeService().createMessageCorrelation(ComplaintProcess.MESSAGE_COMPLAINT_WITHDRAWN)
                .processInstanceBusinessKey(REFERENCE)
                .setVariable(ComplaintProcess.VAR_WITHDRAWAL_REASON, "Opgelost met de schilder.").correlate();
        assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        execute(job("ServiceTask_ConfirmWithdrawal", instance));

        // the other party, with whom we were mediating, hears that it ended too
        assertThat(mail.sent).endsWith("klacht-ingetrokken -> COMPLAINANT",
                "klacht-ingetrokken-andere-partij -> OTHER_PARTY (queued)");
        assertThat(instance).isEnded().hasPassed("EndEvent_Withdrawn");
        verify(lifecycle).close(1L, "WITHDRAWN");
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    /**
     * The complaint came twice (by mail and through the web form): the second registration closes as a duplicate wherever
     * it waits, the complainant hears under which reference it goes on, and so does an invited other party.
     */
    @Test
    void aDuplicateRegistrationEndsItsTasksAndTimersAndNamesTheCaseThatGoesOn() {
        ProcessInstance instance = startComplaint();
        assess("MEDIATION", "otherPartyName", "Schildersbedrijf Verf", "otherPartyEmail", "verf@example.nl");
        when(otherParties.invited(any())).thenReturn(true);

        processEngine.getRuntimeService().createMessageCorrelation(ComplaintProcess.MESSAGE_COMPLAINT_DUPLICATE)
                .processInstanceBusinessKey(REFERENCE)
                .setVariable(ComplaintProcess.VAR_DUPLICATE_OF, "KL-2026-000007").correlate();
        assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        execute(job("ServiceTask_TellDuplicate", instance));

        assertThat(mail.sent).endsWith("klacht-dubbel -> COMPLAINANT", "klacht-dubbel-andere-partij -> OTHER_PARTY (queued)");
        assertThat(instance).isEnded().hasPassed("EndEvent_Duplicate");
        verify(lifecycle).close(1L, "DUPLICATE");
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    /** Withdrawn while the invitation to the mediation had not left yet: the other party does not first hear of it so. */
    @Test
    void anOtherPartyNeverInvitedIsNotToldOfTheWithdrawal() {
        ProcessInstance instance = startComplaint();
        assess("MEDIATION", "otherPartyName", "Schildersbedrijf Verf", "otherPartyEmail", "verf@example.nl");
        when(otherParties.invited(any())).thenReturn(false);

        processEngine.getRuntimeService().createMessageCorrelation(ComplaintProcess.MESSAGE_COMPLAINT_WITHDRAWN)
                .processInstanceBusinessKey(REFERENCE)
                .setVariable(ComplaintProcess.VAR_WITHDRAWAL_REASON, "Opgelost met de schilder.").correlate();
        execute(job("ServiceTask_ConfirmWithdrawal", instance));

        assertThat(mail.sent).endsWith("klacht-ingetrokken -> COMPLAINANT").doesNotContain("klacht-ingetrokken-andere-partij -> OTHER_PARTY (queued)");
        assertThat(instance).isEnded().hasPassed("EndEvent_Withdrawn");
    }

    /** The complainant was told until when mediation runs; past that date, still open, they hear that it is finished with priority. */
    @Test
    void aMediationPastItsDateTellsTheComplainantAndTheTeamLead() {
        ProcessInstance instance = startComplaint();
        assess("MEDIATION", "otherPartyEmail", "verf@example.nl");
        Job lapsed = timer("BoundaryEvent_MediationPromiseLapsed");
        assertThat(lapsed.getDuedate()).isEqualTo(timer("BoundaryEvent_MediationOverdue").getDuedate());
        fire("BoundaryEvent_MediationOverdue");
        fire("BoundaryEvent_MediationPromiseLapsed");

        assertThat(mail.sent).endsWith("bemiddeling-vertraagd -> COMPLAINANT", "bemiddeling-vertraagd-andere-partij -> OTHER_PARTY");
        assertThat(instance).hasPassed("EndEvent_ComplainantToldOfMediationDelay", "EndEvent_MediationEscalated")
                .isWaitingAt(ComplaintProcess.TASK_MEDIATE);
    }

    /** A decision past its date tells the complainant it follows with priority, beside the team lead's escalation. */
    @Test
    void aDecisionPastItsDateTellsTheComplainantAndTheTeamLead() {
        ProcessInstance instance = startComplaint();
        assess("MEDIATION", "otherPartyEmail", "verf@example.nl");
        completeTask(ComplaintProcess.TASK_MEDIATE, withVariables(ComplaintProcess.VAR_MEDIATION_OUTCOME, "NOT_RESOLVED",
                "mediationNotes", "Geen overeenstemming."));
        Job lapsed = timer("BoundaryEvent_DecisionPromiseLapsed");
        assertThat(lapsed.getDuedate()).isEqualTo(timer("BoundaryEvent_DecisionOverdue").getDuedate());
        fire("BoundaryEvent_DecisionOverdue");
        fire("BoundaryEvent_DecisionPromiseLapsed");

        assertThat(mail.sent).endsWith("besluit-vertraagd -> COMPLAINANT");
        assertThat(instance).hasPassed("EndEvent_ComplainantToldOfDecisionDelay", "EndEvent_DecisionEscalated")
                .isWaitingAt(ComplaintProcess.TASK_DECIDE);
    }

    @Test
    void aFailedMediationLeadsToADecisionWithAStatementOfReasonsAndClosesWhenTheObjectionWindowEnds() {
        ProcessInstance instance = startComplaint();
        assess("MEDIATION", "otherPartyEmail", "verf@example.nl");
        fire("BoundaryEvent_MediationReminder");
        assertThat(mail.sent).endsWith("herinnering-bemiddeling -> HANDLERS");
        when(otherParties.invited(any())).thenReturn(true); // the invitation left
        completeTask(ComplaintProcess.TASK_MEDIATE, withVariables(ComplaintProcess.VAR_MEDIATION_OUTCOME, "NOT_RESOLVED",
                "mediationNotes", "Geen overeenstemming."));

        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_DECIDE);
        // the complainant hears that mediation failed and by when the decision comes, not only at the decision; the
        // other party, invited to the chat, that it ended and that HomePair decides now
        assertThat(mail.sent).endsWith("bemiddeling-mislukt -> COMPLAINANT (queued)",
                "bemiddeling-mislukt-andere-partij -> OTHER_PARTY (queued)");
        verify(lifecycle).status(1L, "AWAITING_DECISION");
        Date decidedOn = ClockUtil.getCurrentTime();
        decide("WELL_FOUNDED", "measureSuspension", true, "measureWarning", false, "measureRemoval", false,
                "affectedUserEmail", "verf@example.nl");

        assertThat(mail.sent).endsWith("verklaring-van-redenen -> AFFECTED_USER", "besluit -> COMPLAINANT");
        Date objectionDeadline = (Date) processEngine.getRuntimeService().getVariable(instance.getId(), "objectionDeadline");
        assertThat(objectionDeadline).isEqualTo(new WorkingDayCalendar(WorkingDayProperties.defaults()).monthsAfter(decidedOn, 6));
        verify(lifecycle).decided(1L, "WELL_FOUNDED", objectionDeadline);

        fire("IntermediateCatchEvent_ObjectionWindowClosed");

        assertThat(mail.sent).endsWith("afsluiting -> COMPLAINANT");
        assertThat(instance).isEnded().hasPassed("ServiceTask_SendStatementOfReasons", "EndEvent_ClosedAfterDecision");
        verify(lifecycle).close(1L, "DECIDED");
    }

    @Test
    void anUnfoundedComplaintNeedsNoStatementOfReasons() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");

        assertThat(mail.sent).endsWith("vervolgstappen -> COMPLAINANT", "besluit -> COMPLAINANT");
        assertThat(instance).hasPassed("Gateway_MeasuresJoin").hasNotPassed("ServiceTask_SendStatementOfReasons");
    }

    @Test
    void anObjectionTheBoardRejectsLeavesTheDecisionStandingAndPointsToDisputeResolution() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        moveClockTo(amsterdam(6, 1, 10, 0, 0)); // Monday 1 June (Whit Monday 25 May lies behind)
        object();

        assertThat(mail.sent).endsWith("bezwaar-ontvangen -> COMPLAINANT",
                "directie-nieuw-bezwaar -> DIRECTORS (queued)");
        verify(lifecycle).status(1L, "IN_OBJECTION");
        Task review = task(ComplaintProcess.TASK_REVIEW_OBJECTION);
        assertThat(review).hasCandidateGroup("directors").hasDueDate(endOf(6, 15));

        fire("BoundaryEvent_ReviewReminder");
        assertThat(mail.sent).endsWith("herinnering-bezwaar -> DIRECTORS");

        completeTask(ComplaintProcess.TASK_REVIEW_OBJECTION, withVariables(ComplaintProcess.VAR_BOARD_DECISION, "REJECTED",
                "boardMotivation", "Het besluit is zorgvuldig genomen."));

        assertThat(mail.sent).endsWith("bezwaar-ongegrond -> COMPLAINANT");
        verify(lifecycle).boardDecided(1L, "REJECTED");
        assertThat(instance).isEnded().hasPassed("CallActivity_BoardEscalation", "EndEvent_ClosedAfterObjection");
        verify(lifecycle).close(1L, "DECIDED_AFTER_OBJECTION");
    }

    /**
     * An objection registered on this case by mistake (the letter was about the complainant's other case), taken back by
     * a team lead while the board reviews it: the review stops, the complainant is told, and the case waits for an
     * objection again within the same window; one that comes then goes to the board as any.
     */
    @Test
    void anObjectionRegisteredInErrorStopsTheBoardsReviewAndTheCaseWaitsForAnObjectionAgain() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        object();
        assertThat(task(ComplaintProcess.TASK_REVIEW_OBJECTION)).isNotNull();

        processEngine.getRuntimeService().createMessageCorrelation(ComplaintProcess.MESSAGE_OBJECTION_REGISTERED_IN_ERROR)
                .processInstanceBusinessKey(REFERENCE).correlate();

        assertThat(task(ComplaintProcess.TASK_REVIEW_OBJECTION)).as("the board's review stopped").isNull();
        assertThat(mail.sent).endsWith("bezwaar-ten-onrechte -> COMPLAINANT (queued)",
                "directie-bezwaar-teruggenomen -> DIRECTORS (queued)");
        verify(lifecycle).status(1L, "DECIDED");
        assertThat(instance).hasPassed("BoundaryEvent_ObjectionRegisteredInError").isWaitingAt("Gateway_AwaitObjection");
        verify(lifecycle, never()).boardDecided(anyLong(), anyString());

        object();
        assertThat(task(ComplaintProcess.TASK_REVIEW_OBJECTION)).as("a real objection goes to the board").isNotNull();
    }

    /**
     * "Laat maar" while the board reviews: the director records that the complainant withdrew the objection; the decision
     * stands without the board's judgement, the complainant hears so (with the way to dispute resolution), and the case
     * closes as handled after an objection.
     */
    @Test
    void anObjectionTheComplainantWithdrawsLeavesTheDecisionStandingWithoutAJudgement() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        object();

        completeTask(ComplaintProcess.TASK_REVIEW_OBJECTION, withVariables(ComplaintProcess.VAR_BOARD_DECISION, "WITHDRAWN",
                "objectionWithdrawalConfirmed", true, "boardMotivation", "De klager trok het bezwaar op 3 juni per mail in."));

        assertThat(mail.sent).endsWith("bezwaar-ingetrokken -> COMPLAINANT").doesNotContain("bezwaar-ongegrond -> COMPLAINANT");
        verify(lifecycle).boardDecided(1L, "WITHDRAWN");
        assertThat(instance).isEnded().hasPassed("CallActivity_BoardEscalation", "EndEvent_ClosedAfterObjection");
        verify(lifecycle).close(1L, "DECIDED_AFTER_OBJECTION");
    }

    /** The objection to a declaration of inadmissibility withdrawn: the case closes as inadmissible, as when rejected. */
    @Test
    void anObjectionToTheInadmissibilityTheComplainantWithdrawsClosesTheCaseAsInadmissible() {
        ProcessInstance instance = startComplaint();
        assess("INADMISSIBLE");
        object();

        completeTask(ComplaintProcess.TASK_REVIEW_OBJECTION, withVariables(ComplaintProcess.VAR_BOARD_DECISION, "WITHDRAWN",
                "objectionWithdrawalConfirmed", true, "boardMotivation", "De klager belde dat het bezwaar vervalt."));

        assertThat(mail.sent).endsWith("bezwaar-ingetrokken -> COMPLAINANT");
        assertThat(instance).isEnded().hasPassed("Gateway_BoardOutcome", "EndEvent_InadmissibleAfterObjection")
                .hasNotPassed("EndEvent_ClosedAfterObjection", "UserTask_ReviseDecision");
        verify(lifecycle).close(1L, "INADMISSIBLE");
    }

    private void possibleObjection(Date receivedAt) {
        processEngine.getRuntimeService().createMessageCorrelation(ComplaintProcess.MESSAGE_POSSIBLE_OBJECTION_RECEIVED)
                .processInstanceBusinessKey(REFERENCE)
                .setVariable(ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT, "Kan dit nog herzien worden?")
                .setVariable(ComplaintProcess.VAR_POSSIBLE_OBJECTION_RECEIVED_AT, receivedAt)
                .correlate();
        runAsyncSteps();
    }

    @Test
    void aMailAHandlerJudgesAnObjectionGoesToTheBoardAsReceivedWithTheMail() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        Mocks.register("acceptJudgedObjectionDelegate", (JavaDelegate) execution -> {
            execution.setVariable(ComplaintProcess.VAR_OBJECTION_MOTIVATION, execution.getVariable(ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT));
            execution.setVariable(ComplaintProcess.VAR_OBJECTION_RECEIVED_AT, execution.getVariable(ComplaintProcess.VAR_POSSIBLE_OBJECTION_RECEIVED_AT));
        });
        moveClockTo(amsterdam(6, 1, 10, 0, 0)); // Monday 1 June
        possibleObjection(ClockUtil.getCurrentTime());

        Task judge = task(ComplaintProcess.TASK_JUDGE_OBJECTION);
        assertThat(judge).hasCandidateGroup("handlers").hasDueDate(endOf(6, 3));
        assertThat(timer("IntermediateCatchEvent_ObjectionWindowClosed")).isNull();
        completeTask(ComplaintProcess.TASK_JUDGE_OBJECTION, withVariables(ComplaintProcess.VAR_OBJECTION_JUDGEMENT, "OBJECTION"));

        assertThat(instance).hasPassed("ServiceTask_AcceptJudgedObjection", "Gateway_ObjectionJoin");
        assertThat(mail.sent).endsWith("bezwaar-ontvangen -> COMPLAINANT",
                "directie-nieuw-bezwaar -> DIRECTORS (queued)");
        assertThat(task(ComplaintProcess.TASK_REVIEW_OBJECTION)).hasDueDate(endOf(6, 15));
    }

    @Test
    void aMailAHandlerJudgesANoteLeavesTheWindowRunningFromTheDecision() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        Date deadline = timer("IntermediateCatchEvent_ObjectionWindowClosed").getDuedate();
        possibleObjection(ClockUtil.getCurrentTime());
        mail.serverDown = true; // the complainant's answer is queued: the case waits for an objection at once all the same
        completeTask(ComplaintProcess.TASK_JUDGE_OBJECTION, withVariables(ComplaintProcess.VAR_OBJECTION_JUDGEMENT, "NOTE"));
        mail.serverDown = false;

        assertThat(instance).isWaitingAt("Gateway_AwaitObjection");
        assertThat(mail.sent).contains("geen-bezwaar -> COMPLAINANT (queued)");
        assertThat(timer("IntermediateCatchEvent_ObjectionWindowClosed").getDuedate()).isEqualTo(deadline);
        fire("IntermediateCatchEvent_ObjectionWindowClosed");
        assertThat(instance).isEnded().hasPassed("EndEvent_ClosedAfterDecision");
    }

    /**
     * A mail or web form message about the case waits for a handler when the window closes (it may be an objection that
     * came in time): the case does not close; it waits on for an objection and looks again a working day later, and
     * closes once nothing about it waits.
     */
    @Test
    void aMessageAboutTheCaseThatWaitsForAHandlerKeepsTheWindowOpenADayAtATime() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        when(setAsideAnswers.mayHoldAnObjection(eq(REFERENCE), any())).thenReturn(true);

        fire("IntermediateCatchEvent_ObjectionWindowClosed");

        assertThat(instance).isWaitingAt("Gateway_AwaitObjection").hasPassed("Gateway_SetAsideMessage")
                .hasNotPassed("ServiceTask_SendClosing");
        Date firstLook = ClockUtil.getCurrentTime();
        WorkingDayCalendar calendar = new WorkingDayCalendar(WorkingDayProperties.defaults());
        assertThat(timer("IntermediateCatchEvent_ObjectionWindowClosed").getDuedate())
                .isEqualTo(calendar.plusWorkingDays(firstLook, 1));

        // the next working day the message was handled (not an objection): the case closes
        when(setAsideAnswers.mayHoldAnObjection(eq(REFERENCE), any())).thenReturn(false);
        fire("IntermediateCatchEvent_ObjectionWindowClosed");
        assertThat(mail.sent).endsWith("afsluiting -> COMPLAINANT");
        assertThat(instance).isEnded().hasPassed("EndEvent_ClosedAfterDecision");
    }

    /** The handler registers the waiting message as an objection (it came in time): it goes to the board. */
    @Test
    void anObjectionRegisteredFromAMessageThatWaitedPastTheWindowGoesToTheBoard() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        Date inTime = ClockUtil.getCurrentTime();
        when(setAsideAnswers.mayHoldAnObjection(eq(REFERENCE), any())).thenReturn(true);
        fire("IntermediateCatchEvent_ObjectionWindowClosed");

        object(inTime);

        assertThat(instance).isWaitingAt("CallActivity_BoardEscalation").hasNotPassed("ServiceTask_SendClosing");
        assertThat(task(ComplaintProcess.TASK_REVIEW_OBJECTION)).isNotNull();
        assertThat(mail.sent).endsWith("bezwaar-ontvangen -> COMPLAINANT",
                "directie-nieuw-bezwaar -> DIRECTORS (queued)");
    }

    @Test
    void theWindowClosesFiveWorkingDaysAfterTheObjectionDeadlineSoWhatCameInTimeCanStillBeRegistered() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        Date deadline = (Date) processEngine.getRuntimeService().getVariable(instance.getId(), "objectionDeadline");
        WorkingDayCalendar calendar = new WorkingDayCalendar(WorkingDayProperties.defaults());
        assertThat(timer("IntermediateCatchEvent_ObjectionWindowClosed").getDuedate())
                .isEqualTo(calendar.plusWorkingDays(calendar.afterDeadline(deadline), 5));
    }

    /** A further message while a handler judges: the judgement starts again with both, due as the first was. */
    @Test
    void aFurtherMessageWhileAHandlerJudgesStartsTheJudgementAgain() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        possibleObjection(ClockUtil.getCurrentTime());
        Task first = task(ComplaintProcess.TASK_JUDGE_OBJECTION);

        processEngine.getRuntimeService().createMessageCorrelation(ComplaintProcess.MESSAGE_POSSIBLE_OBJECTION_JOINED)
                .processInstanceBusinessKey(REFERENCE)
                .setVariable(ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT, "Kan dit nog herzien worden?\n\nIk maak bezwaar.")
                .correlate();

        assertThat(instance).hasPassed("BoundaryEvent_FurtherMessageWhileJudging", "Gateway_JudgeObjectionJoin")
                .isWaitingAt(ComplaintProcess.TASK_JUDGE_OBJECTION);
        Task again = task(ComplaintProcess.TASK_JUDGE_OBJECTION);
        assertThat(again.getId()).isNotEqualTo(first.getId());
        assertThat(again).hasDueDate(first.getDueDate());
        completeTask(ComplaintProcess.TASK_JUDGE_OBJECTION, withVariables(ComplaintProcess.VAR_OBJECTION_JUDGEMENT, "NOTE"));
        assertThat(instance).isWaitingAt("Gateway_AwaitObjection");
    }

    @Test
    void aClearObjectionWhileAHandlerJudgesAnEarlierMailGoesToTheBoard() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        possibleObjection(ClockUtil.getCurrentTime());
        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_JUDGE_OBJECTION);

        object();

        assertThat(instance).hasPassed("BoundaryEvent_ClearObjectionWhileJudging", "Gateway_ObjectionJoin")
                .hasNotPassed("ServiceTask_AcceptJudgedObjection");
        assertThat(task(ComplaintProcess.TASK_JUDGE_OBJECTION)).isNull();
        assertThat(mail.sent).endsWith("bezwaar-ontvangen -> COMPLAINANT",
                "directie-nieuw-bezwaar -> DIRECTORS (queued)");
    }

    @Test
    void anObjectionTheBoardUpholdsSendsTheCaseBackForARevisedDecision() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("PARTLY_WELL_FOUNDED", "measureCompensationAdvice", true);
        object();
        completeTask(ComplaintProcess.TASK_REVIEW_OBJECTION, withVariables(ComplaintProcess.VAR_BOARD_DECISION, "UPHELD",
                "boardMotivation", "De klager heeft gelijk."));

        Task revise = task(ComplaintProcess.TASK_REVISE_DECISION);
        assertThat(revise).hasCandidateGroup("handlers");
        completeTask(ComplaintProcess.TASK_REVISE_DECISION, withVariables(ComplaintProcess.VAR_VERDICT, "PARTLY_WELL_FOUNDED",
                "revisedDecision", "De klacht is gegrond; ..."));
        verify(lifecycle).revised(1L, "PARTLY_WELL_FOUNDED");
        assertThat(mail.sent).doesNotContain("verklaring-van-redenen -> AFFECTED_USER");

        assertThat(mail.sent).endsWith("bezwaar-ontvangen -> COMPLAINANT", "directie-nieuw-bezwaar -> DIRECTORS (queued)", "bezwaar-gegrond-herziening -> COMPLAINANT",
                "bezwaar-gegrond -> COMPLAINANT");
        assertThat(instance).isEnded().hasPassed("EndEvent_ClosedAfterObjection");
        assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(ComplaintProcess.VAR_BOARD_DECISION).singleResult().getValue())
                .isEqualTo("UPHELD");
        verify(lifecycle).boardDecided(eq(1L), eq("UPHELD"));
    }

    @Test
    void aRevisionThatChangesTheMeasureSendsANewStatementOfReasons() {
        Mocks.register("decisionMeasures", new DecisionMeasures(() -> "sleutel-van-de-test".getBytes()));
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("WELL_FOUNDED", "measureSuspension", true, "suspensionDuration", "1 maand",
                "affectedUserEmail", "verf@example.nl");
        object();
        completeTask(ComplaintProcess.TASK_REVIEW_OBJECTION, withVariables(ComplaintProcess.VAR_BOARD_DECISION, "UPHELD",
                "boardMotivation", "Een schorsing is te zwaar."));
        completeTask(ComplaintProcess.TASK_REVISE_DECISION, withVariables(ComplaintProcess.VAR_VERDICT, "WELL_FOUNDED",
                "revisedDecision", "Een waarschuwing volstaat.", "measureSuspension", false, "measureWarning", true));

        assertThat(mail.sent).endsWith("verklaring-van-redenen -> AFFECTED_USER", "bezwaar-gegrond -> COMPLAINANT")
                .as("the same user: their new statement says it").doesNotContain("maatregel-opgeheven -> AFFECTED_USER_BEFORE (queued)");
        assertThat(instance).isEnded().hasPassed("EndEvent_ClosedAfterObjection");
    }

    /**
     * A revision that keeps the warning but puts it on another user (the first was the wrong one) is a new decision
     * for the user it now hits (DSA art. 17); the same warning on the same user, on the same facts, is not.
     */
    @Test
    void aRevisionThatPutsTheMeasureOnAnotherUserSendsThatUserAStatementOfReasons() {
        Mocks.register("decisionMeasures", new DecisionMeasures(() -> "sleutel-van-de-test".getBytes()));
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("WELL_FOUNDED", "measureWarning", true, "affectedUserEmail", "verf@example.nl",
                "measureFacts", "Schold de klant uit in de chat.", "termsGround", "Artikel 7.2");
        object();
        completeTask(ComplaintProcess.TASK_REVIEW_OBJECTION, withVariables(ComplaintProcess.VAR_BOARD_DECISION, "UPHELD",
                "boardMotivation", "De waarschuwing ging naar de verkeerde vakprofessional."));
        completeTask(ComplaintProcess.TASK_REVISE_DECISION, withVariables(ComplaintProcess.VAR_VERDICT, "WELL_FOUNDED",
                "revisedDecision", "De waarschuwing gaat naar de juiste schilder.", "affectedUserEmail", "Schilder@Example.nl"));

        // the first user hears that the warning no longer applies to them; the right one gets a first statement
        assertThat(mail.sent).endsWith("maatregel-opgeheven -> AFFECTED_USER_BEFORE (queued)",
                "verklaring-van-redenen -> AFFECTED_USER", "bezwaar-gegrond -> COMPLAINANT");
        assertThat(instance).isEnded();
    }

    @Test
    void theSameMeasureOnTheSameUserForTheSameReasonsIsNoNewDecision() {
        DecisionMeasures measures = new DecisionMeasures(() -> "sleutel-van-de-test".getBytes());
        Map<String, Object> decision = new java.util.HashMap<>(Map.of("measureWarning", true, "affectedUserEmail", "verf@example.nl",
                "measureFacts", "Schold de klant uit.", "termsGround", "Artikel 7.2"));
        String before = measures.againstUser(scope(decision));
        decision.put("affectedUserEmail", " VERF@example.nl ");
        assertThat(measures.againstUser(scope(decision))).isEqualTo(before).doesNotContain("verf");
        decision.put("termsGround", "Artikel 7.3");
        assertThat(measures.againstUser(scope(decision))).isNotEqualTo(before);
        assertThat(measures.againstUser(scope(Map.of("measureWarning", false, "affectedUserEmail", "verf@example.nl"))))
                .as("no measure, nobody hit").isEmpty();
    }

    /** A revision that puts the measure on another user gives that user a first statement, not "this replaces the last". */
    @Test
    void onlyTheUserWhoHadTheEarlierStatementIsToldThisOneReplacesIt() {
        DecisionMeasures measures = new DecisionMeasures(() -> "sleutel-van-de-test".getBytes());
        Map<String, Object> decision = new java.util.HashMap<>(Map.of("measureSuspension", true, "affectedUserEmail", "verf@example.nl",
                "measureFacts", "Drie keer niet gekomen.", "termsGround", "Artikel 7.2"));
        decision.put("measuresBefore", measures.againstUser(scope(decision)));
        decision.put("affectedUserEmailBefore", "verf@example.nl");
        assertThat((String) decision.get("measuresBefore")).doesNotContain("verf");
        assertThat(measures.replacesEarlierStatement(scope(decision))).isTrue();
        decision.put("affectedUserEmail", " VERF@example.nl ");
        assertThat(measures.replacesEarlierStatement(scope(decision))).isTrue();
        decision.put("affectedUserEmail", "schilder@example.nl");
        assertThat(measures.replacesEarlierStatement(scope(decision))).as("another user: a first statement").isFalse();
        decision.remove("affectedUserEmailBefore");
        assertThat(measures.replacesEarlierStatement(scope(decision))).as("a revision begun before the addressee was kept").isTrue();
        decision.put("measuresBefore", "");
        assertThat(measures.replacesEarlierStatement(scope(decision))).as("no measure before").isFalse();
    }

    private static org.camunda.bpm.engine.delegate.VariableScope scope(Map<String, Object> variables) {
        org.camunda.bpm.engine.delegate.VariableScope scope = org.mockito.Mockito.mock(org.camunda.bpm.engine.delegate.VariableScope.class);
        org.mockito.Mockito.when(scope.getVariable(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(call -> variables.get(call.<String>getArgument(0)));
        return scope;
    }

    private ProcessInstance measureObjection() {
        return measureObjection(ClockUtil.getCurrentTime());
    }

    private ProcessInstance measureObjection(Date receivedAt) {
        ProcessInstance review = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY,
                REFERENCE, vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, "measureSuspension", true, "suspensionDuration", "1 maand",
                        "affectedUserEmail", "verf@example.nl", ComplaintProcess.VAR_MEASURE_OBJECTION_TEXT, "Onterecht, zie de chat.",
                        ComplaintProcess.VAR_MEASURE_OBJECTION_RECEIVED_AT, receivedAt));
        runAsyncSteps();
        return review;
    }

    @Test
    void theAffectedUsersObjectionIsReviewedByTheBoardAndAStandingMeasureIsExplained() {
        ProcessInstance review = measureObjection();

        assertThat(mail.sent).containsExactly("bezwaar-maatregel-ontvangen -> AFFECTED_USER",
                "directie-nieuw-bezwaar-maatregel -> DIRECTORS (queued)");
        assertThat(task(ComplaintProcess.TASK_REVIEW_MEASURE)).hasCandidateGroup("directors").hasDueDate(endOf(5, 12));
        completeTask(ComplaintProcess.TASK_REVIEW_MEASURE, vars(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "MEASURE_STANDS"));

        verify(lifecycle).measureReviewed(1L, "MEASURE_STANDS");
        assertThat(mail.sent).endsWith("bezwaar-maatregel-ongegrond -> AFFECTED_USER");
        assertThat(review).isEnded().hasPassed("EndEvent_MeasureKept");
    }

    @Test
    void aChangedOrLiftedMeasureSendsTheAffectedUserANewStatementOfReasons() {
        ProcessInstance changed = measureObjection();
        completeTask(ComplaintProcess.TASK_REVIEW_MEASURE, vars(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "MEASURE_CHANGED",
                "measureSuspension", false, "measureWarning", true));
        // the complainant, whose decision mail said a measure was taken, hears that it was revised
        assertThat(mail.sent).endsWith("verklaring-van-redenen -> AFFECTED_USER", "maatregel-herzien-klager -> COMPLAINANT");
        assertThat(changed).isEnded().hasPassed("EndEvent_MeasureRevised");

        ProcessInstance lifted = measureObjection();
        completeTask(ComplaintProcess.TASK_REVIEW_MEASURE, vars(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "MEASURE_LIFTED"));
        assertThat(mail.sent).endsWith("verklaring-van-redenen -> AFFECTED_USER", "maatregel-herzien-klager -> COMPLAINANT");
        assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(lifted.getId())
                .variableName("measureSuspension").singleResult().getValue()).isEqualTo(false);
        assertThat(lifted).isEnded().hasPassed("EndEvent_MeasureRevised");
    }

    @Test
    void aComplaintWithoutRoleOrSubjectIsRegisteredByAHandlerBeforeItIsAcknowledged() {
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, null, ComplaintProcess.VAR_SUBJECT, null, ComplaintProcess.VAR_CHANNEL, "MAILBOX"));
        runAsyncSteps();

        assertThat(instance).isWaitingAt("UserTask_TriageComplaint");
        assertThat(task("UserTask_TriageComplaint")).hasCandidateGroup("handlers").hasDueDate(endOf(4, 29));
        assertThat(mail.sent).isEmpty();

        completeTask("UserTask_TriageComplaint", vars(ComplaintProcess.VAR_TRIAGE_OUTCOME, "COMPLAINT", ComplaintProcess.VAR_ROLE, "PROFESSIONAL", ComplaintProcess.VAR_SUBJECT, "CONDUCT"));

        verify(lifecycle).classified(1L, "PROFESSIONAL", "CONDUCT");
        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT");
        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_ASSESS);
    }

    @Test
    void aMailComplaintUntouchedForTwoWorkingDaysRemindsTheHandlersAndAlertsTheTeamLead() {
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, null, ComplaintProcess.VAR_SUBJECT, null, ComplaintProcess.VAR_CHANNEL, "MAILBOX"));
        runAsyncSteps();
        // received Friday 24 April; Monday 27 is King's Day: the acknowledgement is due at the end of Wednesday 29 April
        assertThat(task(ComplaintProcess.TASK_TRIAGE)).hasDueDate(endOf(4, 29));
        assertThat(timer("BoundaryEvent_TriageReminder").getDuedate()).isEqualTo(amsterdam(4, 28, 9, 0, 0));
        assertThat(timer("BoundaryEvent_TriageOverdue").getDuedate()).isEqualTo(amsterdam(4, 29, 9, 0, 0));

        fire("BoundaryEvent_TriageReminder");
        fire("BoundaryEvent_TriageOverdue");

        assertThat(mail.sent).containsExactly("herinnering-taak -> HANDLERS", "escalatie-taak -> TEAM_LEAD");
        assertThat(instance).hasPassed("EndEvent_TriageReminded", "EndEvent_TriageEscalated").isWaitingAt(ComplaintProcess.TASK_TRIAGE);

        completeTask(ComplaintProcess.TASK_TRIAGE, vars(ComplaintProcess.VAR_TRIAGE_OUTCOME, "COMPLAINT",
                ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT"));
        assertThat(mail.sent).endsWith("ontvangstbevestiging -> COMPLAINANT");
        assertThat(timer("BoundaryEvent_TriageOverdue")).isNull();
    }

    @Test
    void aFurtherMailWhileAHandlerTriagesStartsTheTriageAgainDueAsBefore() {
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, null, ComplaintProcess.VAR_SUBJECT, null, ComplaintProcess.VAR_CHANNEL, "MAILBOX"));
        runAsyncSteps();
        Task first = task(ComplaintProcess.TASK_TRIAGE);
        fire("BoundaryEvent_TriageReminder");

        processEngine.getRuntimeService().createMessageCorrelation(ComplaintProcess.MESSAGE_TRIAGE_MAIL_JOINED)
                .processInstanceId(instance.getId()).correlate();

        assertThat(instance).hasPassed("BoundaryEvent_FurtherMailWhileTriaging", "Gateway_TriageJoin")
                .isWaitingAt(ComplaintProcess.TASK_TRIAGE);
        Task again = task(ComplaintProcess.TASK_TRIAGE);
        assertThat(again.getId()).isNotEqualTo(first.getId());
        assertThat(again).hasDueDate(first.getDueDate()).hasCandidateGroup("handlers");
        // the reminder's timer is made again for the same due date; the reminder itself went out once
        fire("BoundaryEvent_TriageReminder");
        assertThat(mail.sent).containsExactly("herinnering-taak -> HANDLERS");
        completeTask(ComplaintProcess.TASK_TRIAGE, vars(ComplaintProcess.VAR_TRIAGE_OUTCOME, "COMPLAINT",
                ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT"));
        assertThat(mail.sent).endsWith("ontvangstbevestiging -> COMPLAINANT");
    }

    @Test
    void aMailThatIsNotAComplaintIsClosedFromTriageWithoutAnAcknowledgement() {
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, null, ComplaintProcess.VAR_SUBJECT, null, ComplaintProcess.VAR_CHANNEL, "MAILBOX"));
        runAsyncSteps();

        completeTask(ComplaintProcess.TASK_TRIAGE, vars(ComplaintProcess.VAR_TRIAGE_OUTCOME, "NOT_A_COMPLAINT"));

        assertThat(instance).isEnded().hasPassed("EndEvent_NotAComplaint");
        verify(lifecycle).close(1L, "NOT_A_COMPLAINT");
        verify(lifecycle, never()).classified(any(), any(), any());
        assertThat(mail.sent).isEmpty();
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void aLetterRegisteredLateEscalatesWithoutAReminderAndWithoutAFalseAcknowledgementAlert() {
        // a letter of Friday 24 April typed in on Monday 11 May: both deadlines have passed
        moveClockTo(amsterdam(5, 11, 11, 0, 0));
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT", ComplaintProcess.VAR_CHANNEL, "STAFF"));
        runAsyncSteps();

        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT");
        // the acknowledgement promises a date ahead, not 4 May
        assertThat(processEngine.getRuntimeService().getVariable(instance.getId(), "assessmentAnswerDue")).isEqualTo(endOf(5, 13));
        // the team lead hears about the acknowledgement only if it is still not out on the second working day from now
        assertThat(timer("BoundaryEvent_AcknowledgementOverdue")).isNull(); // it went out: the subprocess is done
        // the complainant hears of a delay only when the date the acknowledgement named has passed: after Wednesday
        // 13 May (Thursday 14 May is Ascension Day), not at once for the term that lapsed before registration
        assertThat(timer("BoundaryEvent_AssessmentPromiseLapsed").getDuedate()).isEqualTo(amsterdam(5, 15, 9, 0, 0));

        for (Job job : processEngine.getManagementService().createJobQuery().timers().executable().list()) {
            execute(job);
        }
        runAsyncSteps();
        assertThat(instance).hasPassed("EndEvent_AssessmentEscalated");
        // the reminder came too late to be of use: not sent
        assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT", "escalatie-beoordeling -> TEAM_LEAD");
        fire("BoundaryEvent_AssessmentPromiseLapsed");
        assertThat(mail.sent).endsWith("beoordeling-vertraagd -> COMPLAINANT");
    }

    /**
     * A routing rule of one working day for the first assessment (the manager guide's example shortens it to three): a
     * complaint taken in on time still has that term, and the acknowledgement promises it as it is. Before, any term
     * that ended by the end of the next working day was treated as a letter typed in late: the mail apologised for a
     * lateness there was none of and promised a later date than the task's due date.
     */
    @Test
    void aShortTermOfACaseTakenInOnTimeIsPromisedAsItIs() throws Exception {
        String routing;
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("processes/routing.dmn")) {
            routing = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String oneDay = routing.replace("<outputEntry id=\"LiteralExpression_DefaultAssessment\"><text>5</text>",
                "<outputEntry id=\"LiteralExpression_DefaultAssessment\"><text>1</text>");
        assertThat(oneDay).isNotEqualTo(routing);
        String deployment = processEngine.getRepositoryService().createDeployment().addString("routing.dmn", oneDay).deploy().getId();
        try {
            // Tuesday 12 May 2026, 10:00, by the web form: one working day is Wednesday 13 May
            moveClockTo(amsterdam(5, 12, 10, 0, 0));
            ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY,
                    REFERENCE, vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, amsterdam(5, 12, 10, 0, 0),
                            ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT", ComplaintProcess.VAR_CHANNEL, "WEB"));
            runAsyncSteps();

            assertThat(mail.sent).containsExactly("ontvangstbevestiging -> COMPLAINANT");
            var runtime = processEngine.getRuntimeService();
            assertThat(runtime.getVariable(instance.getId(), "assessmentDue")).isEqualTo(endOf(5, 13));
            // the same date as the task's: the mail says "Uiterlijk woensdag 13 mei", without an apology
            assertThat(runtime.getVariable(instance.getId(), "assessmentAnswerDue")).isEqualTo(endOf(5, 13));
            assertThat(task(ComplaintProcess.TASK_ASSESS).getDueDate()).isEqualTo(endOf(5, 13));
            // the complainant hears of a delay after that date: Thursday 14 May is Ascension Day
            assertThat(timer("BoundaryEvent_AssessmentPromiseLapsed").getDuedate()).isEqualTo(amsterdam(5, 15, 9, 0, 0));
        } finally {
            processEngine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void aLateLettersAcknowledgementSentADayLaterPromisesTheDateItsDelayTimerKeeps() {
        // a letter of Friday 24 April typed in on Monday 11 May, while the mail server is down
        moveClockTo(amsterdam(5, 11, 11, 0, 0));
        mail.serverDown = true;
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT", ComplaintProcess.VAR_CHANNEL, "STAFF"));
        execute(job("StartEvent_ComplaintReceived", instance));
        assertThatThrownBy(() -> execute(job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance))).hasMessageContaining("SMTP");

        // the acknowledgement goes out on Tuesday: it promises Wednesday 13 May, decided at registration, not two
        // working days from Tuesday (Friday 15 May, Ascension Day lies between), which the delay timer would not know
        moveClockTo(amsterdam(5, 12, 10, 0, 0));
        mail.serverDown = false;
        execute(job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance));

        assertThat(mail.sent).containsOnlyOnce("ontvangstbevestiging -> COMPLAINANT");
        assertThat(processEngine.getRuntimeService().getVariable(instance.getId(), "assessmentAnswerDue")).isEqualTo(endOf(5, 13));
        assertThat(timer("BoundaryEvent_AssessmentPromiseLapsed").getDuedate()).isEqualTo(amsterdam(5, 15, 9, 0, 0));
    }

    @Test
    void anEscalationIsNotRepeatedWhenTheTaskComesBackAfterAnInformationPauseStillLate() {
        moveClockTo(amsterdam(5, 11, 11, 0, 0)); // a letter of 24 April typed in on Monday 11 May
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT", ComplaintProcess.VAR_CHANNEL, "STAFF"));
        runAsyncSteps();
        fire("BoundaryEvent_AssessmentOverdue");
        assertThat(mail.sent).containsOnlyOnce("escalatie-beoordeling -> TEAM_LEAD");

        assess("MORE_INFORMATION");
        moveClockTo(amsterdam(5, 12, 10, 0, 0)); // the answer on Tuesday: the deadline moves 1 day, still long past
        informationReceived(ClockUtil.getCurrentTime());
        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_ASSESS);
        fire("BoundaryEvent_AssessmentOverdue");
        fire("BoundaryEvent_AssessmentReminder");

        assertThat(mail.sent).containsOnlyOnce("escalatie-beoordeling -> TEAM_LEAD").doesNotContain("herinnering-beoordeling -> HANDLERS");
    }

    /** A decided case whose first unclear message lapsed, was escalated, and was then judged a note. */
    private ProcessInstance aFirstMessageEscalatedAndJudgedANote() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        possibleObjection(ClockUtil.getCurrentTime());
        fire("BoundaryEvent_JudgementOverdue");
        completeTask(ComplaintProcess.TASK_JUDGE_OBJECTION, withVariables(ComplaintProcess.VAR_OBJECTION_JUDGEMENT, "NOTE",
                "objectionJudgementNotes", "Een vraag over de planning, geen bezwaar."));
        return instance;
    }

    @Test
    void aTaskThatComesBackOnTimeAndLapsesAgainIsEscalatedAgain() {
        ProcessInstance instance = aFirstMessageEscalatedAndJudgedANote();

        moveClockTo(amsterdam(6, 1, 10, 0, 0)); // another unclear mail weeks later: a new task with a new due date
        possibleObjection(ClockUtil.getCurrentTime());
        assertThat(task(ComplaintProcess.TASK_JUDGE_OBJECTION)).hasDueDate(endOf(6, 3));
        // the new task's form opens without the first round's answer: "Voltooien" alone would file it as a note again
        assertThat(processEngine.getRuntimeService().getVariables(instance.getId()))
                .doesNotContainKeys(ComplaintProcess.VAR_OBJECTION_JUDGEMENT, "objectionJudgementNotes");
        fire("BoundaryEvent_JudgementOverdue");

        assertThat(mail.sent).filteredOn("escalatie-taak -> TEAM_LEAD"::equals).hasSize(2);
        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_JUDGE_OBJECTION);
    }

    /**
     * A second unclear message that reaches the case already late (a chat message the platform delivers days later, a
     * mail read after an outage) is a new task, not the first one coming back: its lapse is escalated too.
     */
    @Test
    void aSecondMessageThatArrivesAlreadyLateIsEscalatedToo() {
        ProcessInstance instance = aFirstMessageEscalatedAndJudgedANote();

        moveClockTo(amsterdam(6, 1, 10, 0, 0)); // Monday 1 June; the message was sent on Wednesday 27 May
        possibleObjection(amsterdam(5, 27, 10, 0, 0));
        assertThat(task(ComplaintProcess.TASK_JUDGE_OBJECTION)).hasDueDate(endOf(5, 29));
        fire("BoundaryEvent_JudgementOverdue");

        assertThat(mail.sent).filteredOn("escalatie-taak -> TEAM_LEAD"::equals).hasSize(2);
        assertThat(instance).isWaitingAt(ComplaintProcess.TASK_JUDGE_OBJECTION);
    }

    @Test
    void anInformationAnswerOnSaturdayNightSendsNothingUntilMondayMorning() {
        moveClockTo(amsterdam(5, 11, 11, 0, 0)); // a late letter: its assessment deadline lies in the past
        processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT", ComplaintProcess.VAR_CHANNEL, "STAFF"));
        runAsyncSteps();
        assess("MORE_INFORMATION");
        int mailsBefore = mail.sent.size();

        moveClockTo(amsterdam(5, 16, 23, 0, 0)); // Saturday 16 May, 23:00
        informationReceived(ClockUtil.getCurrentTime());
        runAsyncSteps();

        assertThat(processEngine.getManagementService().createJobQuery().timers().executable().list())
                .as("nothing fires on Saturday night").isEmpty();
        assertThat(mail.sent).hasSize(mailsBefore);
        assertThat(timer("BoundaryEvent_AssessmentOverdue").getDuedate()).isEqualTo(amsterdam(5, 18, 9, 0, 0));
        assertThat(timer("BoundaryEvent_AssessmentReminder").getDuedate()).isEqualTo(amsterdam(5, 18, 9, 0, 0));
    }

    @Test
    void aDeadlineThatPassedBeforeRegistrationAlertsAtTheNextOfficeMomentNotOnSaturdayNight() {
        // a letter of Friday 24 April typed in on Saturday 9 May at 23:00: the assessment deadline has passed
        moveClockTo(amsterdam(5, 9, 23, 0, 0));
        processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT", ComplaintProcess.VAR_CHANNEL, "STAFF"));
        runAsyncSteps();

        assertThat(timer("BoundaryEvent_AssessmentOverdue").getDuedate()).isEqualTo(amsterdam(5, 11, 9, 0, 0));
        assertThat(timer("BoundaryEvent_AssessmentReminder").getDuedate()).isEqualTo(amsterdam(5, 11, 9, 0, 0));
        assertThat(processEngine.getManagementService().createJobQuery().timers().executable().list())
                .as("nothing fires on Saturday night").isEmpty();
    }

    @Test
    void aFirstStepThatFailsLeavesTheCaseStartedWithAnIncidentInsteadOfRefusingTheIntake() {
        // e.g. a manager's broken expression in a start listener: the intake that started the case still succeeds
        Mocks.register("workingDays", new WorkingDayCalendar(WorkingDayProperties.defaults()) {
            @Override
            public Date deadline(Date received, int n) {
                throw new IllegalStateException("broken calendar");
            }
        });

        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY,
                REFERENCE, withVariables(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT,
                        Date.from(RECEIVED.toInstant()), ComplaintProcess.VAR_ROLE, "CLIENT",
                        ComplaintProcess.VAR_SUBJECT, "SUPPORT", ComplaintProcess.VAR_CHANNEL, "API"));

        assertThat(instance).isStarted().isWaitingAt("StartEvent_ComplaintReceived");
        for (int attempt = 0; attempt < 10; attempt++) {
            Job first = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
            if (first.getRetries() == 0) {
                break;
            }
            try {
                processEngine.getManagementService().executeJob(first.getId());
            } catch (RuntimeException expected) {
                // the job keeps the failure and counts down its retries, as with the job executor
            }
        }
        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count())
                .isEqualTo(1);
        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).singleResult()
                .getIncidentMessage()).contains("broken calendar");
    }

    /**
     * Routed on the acknowledgement's last day, after 09:00 (a mail a handler registered that day): if the
     * acknowledgement does not go out, the team lead hears of it the next working morning, not two working days on.
     */
    @Test
    void anAcknowledgementThatFailsOnItsLastDayAlertsTheTeamLeadTheNextWorkingMorning() {
        moveClockTo(amsterdam(4, 29, 11, 0, 0)); // the second working day after Friday 24 April (King's Day between)
        acknowledgementFailing();

        assertThat(timer("BoundaryEvent_AcknowledgementOverdue").getDuedate()).isEqualTo(amsterdam(4, 30, 9, 0, 0));
    }

    @Test
    void anAcknowledgementOfALateLetterThatFailsAlertsTheTeamLeadOnTheSecondWorkingDayFromRegistration() {
        mail.serverDown = true;
        moveClockTo(amsterdam(5, 11, 11, 0, 0));
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey(ComplaintProcess.PROCESS_KEY, REFERENCE,
                vars(ComplaintProcess.VAR_COMPLAINT_ID, 1L, ComplaintProcess.VAR_RECEIVED_AT, Date.from(RECEIVED.toInstant()),
                        ComplaintProcess.VAR_ROLE, "CLIENT", ComplaintProcess.VAR_SUBJECT, "SUPPORT", ComplaintProcess.VAR_CHANNEL, "STAFF"));
        execute(job("StartEvent_ComplaintReceived", instance)); // the first step runs as a job
        Job acknowledgement = job(ComplaintProcess.SEND_ACKNOWLEDGEMENT, instance);
        assertThatThrownBy(() -> execute(acknowledgement)).hasMessageContaining("SMTP server unreachable");

        assertThat(timer("BoundaryEvent_AcknowledgementOverdue").getDuedate()).isEqualTo(amsterdam(5, 13, 9, 0, 0));
        assertThat(task(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT)).isNull();

        // the team lead is alerted then, and has a working day to act before the directors hear of it
        // (Thursday 14 May is Ascension Day): the complainant's two days passed before the letter was registered
        moveClockTo(amsterdam(5, 13, 9, 0, 0));
        execute(timer("BoundaryEvent_AcknowledgementOverdue"));
        Task check = task(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT);
        assertThat(check).isNotNull();
        assertThat(check.getDueDate()).isEqualTo(endOf(5, 15));
        assertThat(timer("BoundaryEvent_AcknowledgementCheckOverdue").getDuedate()).isEqualTo(amsterdam(5, 18, 9, 0, 0));
    }

    @Test
    void anUnreadableMailBecomesAHandlerTask() {
        ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey("manualMailHandling",
                vars("mailFrom", "x@example.nl", "mailSubject", "?", "mailFolder", "Handmatig", "mailProblem", "kapot",
                        "receivedAt", Date.from(RECEIVED.toInstant())));

        Task handle = processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(handle).hasCandidateGroup("handlers").hasDueDate(endOf(4, 29));
        complete(handle, vars("manualMailResult", "NOT_A_COMPLAINT"));
        assertThat(instance).isEnded().hasPassed("EndEvent_MailHandled");
    }

    /** Fires the reminder (if any) and the escalation of the open task; the task stays open. */
    private void remindAndEscalate(String reminder, String escalation) {
        if (reminder != null) {
            fire(reminder);
        }
        fire(escalation);
    }

    @Test
    void aDecisionAndAMediationPastTheirDueDateAreEscalatedToTheTeamLead() {
        startComplaint();
        assess("MEDIATION", "otherPartyEmail", "vakman@example.nl");
        remindAndEscalate("BoundaryEvent_MediationReminder", "BoundaryEvent_MediationOverdue");
        assertThat(mail.sent).endsWith("herinnering-bemiddeling -> HANDLERS", "escalatie-taak -> TEAM_LEAD");

        completeTask(ComplaintProcess.TASK_MEDIATE, vars(ComplaintProcess.VAR_MEDIATION_OUTCOME, "NOT_RESOLVED", "mediationNotes", "-"));
        remindAndEscalate("BoundaryEvent_DecisionReminder", "BoundaryEvent_DecisionOverdue");
        assertThat(mail.sent).endsWith("herinnering-taak -> HANDLERS", "escalatie-taak -> TEAM_LEAD");
        assertThat(task(ComplaintProcess.TASK_DECIDE)).isNotNull();
    }

    @Test
    void aDirectorWhoDoesNotActIsEscalatedAndSoIsALateRevision() {
        ProcessInstance instance = startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        object();
        remindAndEscalate("BoundaryEvent_ReviewReminder", "BoundaryEvent_ReviewOverdue");
        // the team leads and the board itself hear that its term passed; the complainant hears that the board is late,
        // and that dispute resolution is open to them already
        fire("BoundaryEvent_ReviewPromiseLapsed");
        assertThat(mail.sent).endsWith("herinnering-bezwaar -> DIRECTORS", "escalatie-directie -> TEAM_LEAD", "directie-termijn-verstreken -> DIRECTORS",
                "bezwaar-vertraagd -> COMPLAINANT");
        assertThat(task(ComplaintProcess.TASK_REVIEW_OBJECTION)).as("the director's task stays open").isNotNull();

        completeTask(ComplaintProcess.TASK_REVIEW_OBJECTION, withVariables(ComplaintProcess.VAR_BOARD_DECISION, "UPHELD",
                "boardMotivation", "De klager heeft gelijk."));
        assertThat(task(ComplaintProcess.TASK_REVISE_DECISION)).hasDueDate(endOf(5, 21)); // 5 working days from the board decision
        remindAndEscalate("BoundaryEvent_RevisionReminder", "BoundaryEvent_RevisionOverdue");
        assertThat(mail.sent).endsWith("herinnering-taak -> HANDLERS", "escalatie-taak -> TEAM_LEAD");
        // the upheld objection's mail promised the revised decision by revisionDue: the complainant hears it is late
        fire("BoundaryEvent_RevisionPromiseLapsed");
        assertThat(mail.sent).endsWith("herziening-vertraagd -> COMPLAINANT");
        assertThat(instance).isWaitingAt("CallActivity_BoardEscalation");
    }

    @Test
    void aPossibleObjectionAManualMailAndAMeasureReviewThatLieStillAreEscalated() {
        startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        possibleObjection(ClockUtil.getCurrentTime());
        remindAndEscalate("BoundaryEvent_JudgementReminder", "BoundaryEvent_JudgementOverdue");
        assertThat(mail.sent).endsWith("herinnering-taak -> HANDLERS", "escalatie-taak -> TEAM_LEAD");

        processEngine.getRuntimeService().startProcessInstanceByKey("manualMailHandling",
                vars("mailFrom", "x@example.nl", "mailSubject", "?", "mailFolder", "Handmatig", "mailProblem", "kapot",
                        "receivedAt", ClockUtil.getCurrentTime()));
        remindAndEscalate("BoundaryEvent_HandlingReminder", "BoundaryEvent_HandlingOverdue");
        assertThat(mail.sent).endsWith("herinnering-taak -> HANDLERS", "escalatie-taak -> TEAM_LEAD");

        measureObjection();
        remindAndEscalate("BoundaryEvent_MeasureReviewReminder", "BoundaryEvent_MeasureReviewOverdue");
        fire("BoundaryEvent_MeasureReviewPromiseLapsed");
        assertThat(mail.sent).endsWith("herinnering-bezwaar-maatregel -> DIRECTORS", "escalatie-directie -> TEAM_LEAD", "directie-termijn-verstreken -> DIRECTORS",
                "bezwaar-maatregel-vertraagd -> AFFECTED_USER");
    }

    @Test
    void anObjectionRegisteredAfterTheBoardsDeadlineIsEscalatedAtOnceAndTheObjectorToldOnlyOnceTheirNewDatePassed() {
        startComplaint();
        assess("DIRECT_DECISION");
        decide("UNFOUNDED");
        Date received = ClockUtil.getCurrentTime();
        // the letter is registered a month after it arrived: the board's 10 working days have passed
        ClockUtil.setCurrentTime(new Date(received.getTime() + java.time.Duration.ofDays(30).toMillis()));
        object(received);
        fire("BoundaryEvent_ReviewOverdue");
        // the team leads hear at once; the complainant was just promised a new date, and hears only once it passed
        assertThat(mail.sent).endsWith("bezwaar-ontvangen -> COMPLAINANT", "directie-nieuw-bezwaar -> DIRECTORS (queued)", "escalatie-directie -> TEAM_LEAD", "directie-termijn-verstreken -> DIRECTORS");
        Date promised = (Date) processEngine.getRuntimeService().createVariableInstanceQuery().variableName("objectionAnswerDue")
                .singleResult().getValue();
        assertThat(timer("BoundaryEvent_ReviewPromiseLapsed").getDuedate()).isAfter(promised);
        fire("BoundaryEvent_ReviewPromiseLapsed");
        assertThat(mail.sent).endsWith("escalatie-directie -> TEAM_LEAD", "directie-termijn-verstreken -> DIRECTORS", "bezwaar-vertraagd -> COMPLAINANT");

        ProcessInstance review = measureObjection(received);
        fire("BoundaryEvent_MeasureReviewOverdue");
        assertThat(mail.sent).endsWith("bezwaar-maatregel-ontvangen -> AFFECTED_USER",
                "directie-nieuw-bezwaar-maatregel -> DIRECTORS (queued)", "escalatie-directie -> TEAM_LEAD", "directie-termijn-verstreken -> DIRECTORS");
        assertThat(review).isWaitingAt("UserTask_ReviewMeasure");
        fire("BoundaryEvent_MeasureReviewPromiseLapsed");
        assertThat(mail.sent).endsWith("escalatie-directie -> TEAM_LEAD", "directie-termijn-verstreken -> DIRECTORS", "bezwaar-maatregel-vertraagd -> AFFECTED_USER");
    }

    @Test
    void aLetterOrCallIsRegisteredFromTasklistByItsStartForms() throws Exception {
        ProcessInstance complaint = processEngine.getFormService().submitStartForm(
                processEngine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("complaintRegistration")
                        .singleResult().getId(), vars("name", "Jan"));
        ProcessInstance objection = processEngine.getFormService().submitStartForm(
                processEngine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("objectionRegistration")
                        .singleResult().getId(), vars("objectionReference", REFERENCE));

        ProcessInstance answer = processEngine.getFormService().submitStartForm(
                processEngine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("informationRegistration")
                        .singleResult().getId(), vars("informationReference", REFERENCE));

        assertThat(complaint).isEnded().hasPassed("EndEvent_ComplaintRegistered");
        assertThat(objection).isEnded().hasPassed("EndEvent_ObjectionRegistered");
        assertThat(answer).isEnded().hasPassed("EndEvent_InformationRegistered");
        verify(registration, org.mockito.Mockito.times(3)).execute(any());
    }

    @Test
    void theProcessKeepsOnlySmallTypedVariables() {
        ProcessInstance instance = startComplaint();
        Map<String, Object> variables = processEngine.getRuntimeService().getVariables(instance.getId());
        assertThat(variables.values()).allSatisfy(value ->
                assertThat(value).isInstanceOfAny(String.class, Long.class, Integer.class, Date.class));
        assertThat(instance.getBusinessKey()).isEqualTo(REFERENCE);
    }
}
