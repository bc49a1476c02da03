package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.text.MarkdownText;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.ResponseEntity;

/** What arrives while a task is open shows in its form; the complainant's answer is shown whole (issue 10). */
class FreshCaseFileTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    CaseTimeline timeline;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcTemplate database;
    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;

    private Task assessment(String reference) {
        return taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
    }

    /** The case file names who completed a task (R14), not whose name it stood in. */
    @Test
    void aTaskCompletedByAnotherThanItsHolderIsCreditedToWhoCompletedIt() {
        String reference = submit(janJansen());
        Task task = assessment(reference);
        taskService.claim(task.getId(), "behandelaar");
        identityService.setAuthentication("beheerder", List.of("camunda-admin"));
        try {
            taskService.complete(task.getId(), Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct besluiten."));
        } finally {
            identityService.clearAuthentication();
        }
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(timeline.of(complaint)).filteredOn(entry -> entry.getType() == TimelineEventType.TASK_COMPLETED).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.getActor()).isEqualTo("beheerder");
                    assertThat(entry.getSummary()).contains("Eerste beoordeling", "stond op naam van behandelaar");
                });
    }

    @Test
    void aNoteThatArrivesWhileTheTaskIsOpenShowsWhenTheFormIsOpenedAndNothingOfTheCaseFileIsWrittenIntoTheEngine() {
        String reference = submit(janJansen());
        Task task = assessment(reference);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(formVariables("behandelaar", task).get("caseTimeline").get("value").asText()).doesNotContain("schilder net nog gebeld");
        timeline.record(complaint, TimelineEventType.CHAT_MESSAGE, "opdrachtgever", "Ik heb de schilder net nog gebeld.");

        JsonNode form = formVariables("behandelaar", task);

        assertThat(form.get("caseTimeline").get("value").asText()).contains("schilder net nog gebeld");
        assertThat(form.get("caseTimeline").get("type").asText()).isEqualTo("String");
        assertThat(form.get("caseReference").get("value").asText()).isEqualTo(reference);
        // the process's own variables are there as the engine gave them
        assertThat(form.get(ComplaintProcess.VAR_COMPLAINT_ID).get("value").asLong()).isEqualTo(complaint.getId());
        // made for the form, not copied into the task: no runtime row, no history row, nothing the erasure must find
        assertThat(taskService.getVariablesLocal(task.getId()).keySet()).noneMatch(name -> name.startsWith(TaskCaseFile.VARIABLE_PREFIX));
        assertThat(database.queryForObject("select count(*) from act_ru_variable where name_ like 'case%' and task_id_ = ?",
                Long.class, task.getId())).isZero();
    }

    @Test
    void aFormThatAsksForSomeVariablesGetsOnlyThoseOfTheCaseFile() {
        String reference = submit(janJansen());
        Task task = assessment(reference);

        JsonNode form = as("behandelaar").getForObject("/engine-rest/task/" + task.getId()
                + "/form-variables?variableNames=caseReference," + ComplaintProcess.VAR_COMPLAINT_ID, JsonNode.class);

        assertThat(form.get("caseReference").get("value").asText()).isEqualTo(reference);
        assertThat(form.has(ComplaintProcess.VAR_COMPLAINT_ID)).isTrue();
        assertThat(form.has("caseTimeline")).isFalse();
        assertThat(form.has("caseDescription")).isFalse();
    }

    @Test
    void aTaskThatStillHoldsAnOldCopyOfTheCaseFileShowsTheCaseAsItIsNow() {
        String reference = submit(janJansen());
        Task task = assessment(reference);
        // as a task made before the case file was made on opening holds it
        taskService.setVariableLocal(task.getId(), "caseTimeline", "de tijdlijn van toen");

        assertThat(caseFileText("behandelaar", task, "caseTimeline")).doesNotContain("de tijdlijn van toen").contains("ontvangen");
    }

    @Test
    void aCallerWithoutTheRightToTheTasksVariablesGetsTheEnginesRefusalWithoutTheCaseFile() {
        String reference = submit(janJansen());
        Task task = assessment(reference);

        ResponseEntity<String> refused = as("manager").getForEntity("/engine-rest/task/" + task.getId() + "/form-variables", String.class);
        ResponseEntity<String> anonymous = rest.getForEntity("/engine-rest/task/" + task.getId() + "/form-variables", String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).doesNotContain("caseComplainant").doesNotContain("jan@example");
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(String.valueOf(anonymous.getBody())).doesNotContain("jan@example");
    }

    /** R12: a task that reached someone who may not see the case (a model's mistake) shows none of the case. */
    @Test
    void aTaskGivenToAManagerShowsTheEnginesVariablesButNotTheCase() {
        String reference = submit(janJansen());
        Task task = assessment(reference);
        taskService.addCandidateGroup(task.getId(), "managers"); // the engine grants the group the task and its variables
        taskService.setVariableLocal(task.getId(), "caseDescription", "een kopie van toen"); // as an older task holds

        JsonNode form = formVariables("manager", task);

        assertThat(form.has(ComplaintProcess.VAR_COMPLAINT_ID)).as("the engine's own answer").isTrue();
        assertThat(form.has("caseComplainant")).isFalse();
        assertThat(form.toString()).doesNotContain("jan@example").doesNotContain("Jan Jansen").doesNotContain("een kopie van toen");
        assertThat(formVariables("behandelaar", task).has("caseComplainant")).isTrue();
    }

    /** A group of handlers a manager made (the routing table may hand cases to it) sees the case in its forms. */
    @Test
    void aMemberOfAGroupOfHandlersAManagerMadeSeesTheCase() {
        String reference = submit(janJansen());
        Task task = assessment(reference);
        org.camunda.bpm.engine.IdentityService identity = identityService;
        identity.saveGroup(identity.newGroup("gedragsteam"));
        org.camunda.bpm.engine.identity.User member = identity.newUser("gedragsmedewerker");
        member.setPassword("gedragsmedewerker"); // as(user) logs in with the user's id as password
        ((org.camunda.bpm.engine.impl.IdentityServiceImpl) identity).saveUser(member, true);
        identity.createMembership("gedragsmedewerker", "gedragsteam");
        try {
            taskService.addCandidateGroup(task.getId(), "gedragsteam");

            assertThat(caseFileText("gedragsmedewerker", task, "caseReference")).isEqualTo(reference);
        } finally {
            identity.deleteUser("gedragsmedewerker");
            identity.deleteGroup("gedragsteam");
        }
    }

    @Test
    void theProcessVariablesOfACaseKeepTheirFullHistory() {
        String reference = submit(janJansen());
        Task task = assessment(reference);

        assertThat(history.createHistoricVariableInstanceQuery().taskIdIn(task.getId()).list())
                .extracting(v -> v.getName()).noneMatch(name -> name.startsWith(TaskCaseFile.VARIABLE_PREFIX));
        // the process's own variables, the task and its activity keep their full history
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .variableName(ComplaintProcess.VAR_COMPLAINT_ID).count()).isEqualTo(1);
        assertThat(history.createHistoricDetailQuery().processInstanceId(task.getProcessInstanceId()).variableUpdates().count())
                .isPositive();
        assertThat(history.createHistoricTaskInstanceQuery().taskId(task.getId()).count()).isEqualTo(1);
        taskService.claim(task.getId(), "behandelaar");
        taskService.complete(task.getId(), Map.of(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MORE_INFORMATION",
                ComplaintProcess.VAR_ASSESSMENT_NOTES, "Stuur ons de offerte."));
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .variableName(ComplaintProcess.VAR_ASSESSMENT_NOTES).singleResult().getValue()).isEqualTo("Stuur ons de offerte.");
    }

    @Test
    void theOldCopiesOfTheCaseFileThatTasksStillHoldStayOutOfTheEngineHistory() {
        String reference = submit(janJansen());
        Task task = assessment(reference);
        taskService.setVariableLocal(task.getId(), "caseDescription", "een kopie van toen");

        assertThat(history.createHistoricVariableInstanceQuery().taskIdIn(task.getId()).list())
                .extracting(v -> v.getName()).doesNotContain("caseDescription");
        assertThat(history.createHistoricDetailQuery().taskId(task.getId()).variableUpdates().count()).isZero();
    }

    @Test
    void aMailStepsSettingsStayOutOfTheEngineHistoryWhileItsMailAndTheStepAreRecorded() {
        String reference = submit(janJansen());
        String process = assessment(reference).getProcessInstanceId();
        List<String> settings = List.of(ComplaintProcess.INPUT_MAIL_TEMPLATE, ComplaintProcess.INPUT_MAIL_RECIPIENT);

        // the acknowledgement went out through the model's mail step, which ran with its settings
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(process)
                .activityId(ComplaintProcess.SEND_ACKNOWLEDGEMENT).finished().count()).isEqualTo(1);
        assertThat(database.queryForList("select m.template from sent_mail m join complaint c on c.id = m.complaint_id"
                + " where c.reference = ?", String.class, reference)).hasSize(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(process)
                .variableNameIn(settings.toArray(String[]::new)).count()).isZero();
        assertThat(history.createHistoricDetailQuery().processInstanceId(process).variableUpdates().list())
                .extracting(detail -> ((HistoricVariableUpdate) detail).getVariableName()).doesNotContainAnyElementsOf(settings)
                .contains(ComplaintProcess.VAR_COMPLAINT_ID);
        // the same name on the process instance is the case's own variable: recorded
        runtimeService.setVariable(process, ComplaintProcess.INPUT_MAIL_TEMPLATE, "eigen waarde");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(process)
                .variableName(ComplaintProcess.INPUT_MAIL_TEMPLATE).singleResult().getValue()).isEqualTo("eigen waarde");
    }

    @Test
    void whatAnEscalationSentIsKeptForItsStepButNotInTheEngineHistory() {
        String reference = submit(janJansen());
        String process = assessment(reference).getProcessInstanceId();
        String escalated = ComplaintProcess.ESCALATION_SENT_FOR + ComplaintProcess.TASK_ASSESS;
        Job overdue = managementService.createJobQuery().processInstanceId(process)
                .activityId("BoundaryEvent_AssessmentOverdue").singleResult();

        managementService.executeJob(overdue.getId());

        assertThat(database.queryForList("select m.template from sent_mail m join complaint c on c.id = m.complaint_id"
                + " where c.reference = ?", String.class, reference)).containsOnlyOnce("escalatie-beoordeling");
        assertThat(runtimeService.getVariable(process, escalated)).as("the step's record").isEqualTo(assessment(reference).getDueDate());
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(process).variableName(escalated).count()).isZero();
        assertThat(history.createHistoricDetailQuery().processInstanceId(process).variableUpdates().list())
                .extracting(detail -> ((HistoricVariableUpdate) detail).getVariableName()).doesNotContain(escalated);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(process)
                .activityId("BoundaryEvent_AssessmentOverdue").count()).as("the timer's run is recorded").isEqualTo(1);
    }

    @Test
    void theComplainantsAnswerToARequestForInformationIsShownWhole() {
        String reference = submit(janJansen());
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MORE_INFORMATION",
                ComplaintProcess.VAR_ASSESSMENT_NOTES, "Stuur ons de offerte."));
        String answer = "De offerte van de schilder: " + "veertien vierkante meter muur, twee lagen, ".repeat(20) + "einde van mijn antwoord.";
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/information",
                json("{\"message\":\"" + answer + "\"}"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        JsonNode form = formVariables("behandelaar", assessment(reference));

        assertThat(answer).hasSizeGreaterThan(300);
        assertThat(form.get("caseInformationAnswer").get("value").asText()).contains("einde van mijn antwoord")
                .contains("veertien vierkante meter muur");
    }

    /** The assessment shows the date the acknowledgement promised the next steps by (R6), which the handler answers by. */
    @Test
    void theAssessmentShowsTheDateTheNextStepsWerePromisedBy() {
        String reference = submit(janJansen());
        Task task = assessment(reference);
        Object promised = runtimeService.getVariable(task.getProcessInstanceId(), "assessmentAnswerDue");
        assertThat(promised).isInstanceOf(java.util.Date.class);

        String shown = formVariables("behandelaar", task).get("casePromisedAnswer").get("value").asText();

        assertThat(shown).isEqualTo(nl.homepair.complaints.text.DutchDates.weekday(((java.util.Date) promised).toInstant()));
    }

    /**
     * After a wait on the complainant the assessment's deadline moved (the clock stood still, as the request said): the
     * form names the moved date, which Tasklist shows as the task's, not the promise that has passed meanwhile.
     */
    @Test
    void afterAWaitOnTheComplainantTheAssessmentShowsTheMovedDate() {
        String reference = submit(janJansen());
        Task task = assessment(reference);
        java.util.Date promised = (java.util.Date) runtimeService.getVariable(task.getProcessInstanceId(), "assessmentAnswerDue");
        java.util.Date moved = java.util.Date.from(promised.toInstant().plus(java.time.Duration.ofDays(7)));
        runtimeService.setVariable(task.getProcessInstanceId(), "assessmentDue", moved);

        String shown = formVariables("behandelaar", task).get("casePromisedAnswer").get("value").asText();

        assertThat(shown).startsWith(nl.homepair.complaints.text.DutchDates.weekday(moved.toInstant()))
                .contains("verschoven");

        // asked after the promise had lapsed, answered after the moved date: no promise moved, the lapsed one stands
        runtimeService.setVariable(task.getProcessInstanceId(), "informationReceivedAt",
                java.util.Date.from(moved.toInstant().plus(java.time.Duration.ofDays(1))));
        String lapsed = formVariables("behandelaar", task).get("casePromisedAnswer").get("value").asText();
        assertThat(lapsed).isEqualTo(nl.homepair.complaints.text.DutchDates.weekday(promised.toInstant()));
    }

    /** A long timeline is cut to its newest lines; the rest is on the case page, which the handler can open. */
    @Test
    void aTimelineCutShortPointsToTheCasePage() {
        String reference = submit(janJansen());
        var complaint = complaints.findByReference(reference).orElseThrow();
        for (int i = 0; i < TaskCaseFile.TIMELINE_ENTRIES + 5; i++) {
            timeline.record(complaint, TimelineEventType.NOTE, "behandelaar", "Notitie " + i);
        }

        String shown = formVariables("behandelaar", assessment(reference)).get("caseTimeline").get("value").asText();

        assertThat(shown).contains("alles staat in het dossier, [/zaken/" + reference + "](/zaken/" + reference + ")")
                .doesNotContain("/api/complaints");
    }

    @Test
    void aMailFromSomeoneElseOnTheCaseIsNoPartOfTheComplainantsAnswer() {
        String reference = submit(janJansen());
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MORE_INFORMATION",
                ComplaintProcess.VAR_ASSESSMENT_NOTES, "Stuur ons de offerte."));
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/information",
                json("{\"message\":\"Hier is de offerte.\"}"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        // as the mailbox writes a mail of the user a measure was taken against (IncomingMailHandler)
        timeline.recordAboutOthers(complaints.findByReference(reference).orElseThrow(), TimelineEventType.NOTE, "mailbox",
                CaseTimeline.MAIL_RECEIVED + "de betrokken gebruiker verf@example.nl: Re: besluit\nIk ben het er niet mee eens.");

        String answer = formVariables("behandelaar", assessment(reference)).get("caseInformationAnswer").get("value").asText();

        assertThat(answer).contains("Hier is de offerte").doesNotContain("niet mee eens", "verf@example");
    }

    /**
     * The mediation form shows the other party and the chat conversation as typed: a chat name with underscores is no
     * italics (chat messages are matched on the name exactly as the chat spells it).
     */
    @Test
    void theNamesAFormShowsAreShownAsTyped() {
        String reference = submit(janJansen());
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MEDIATION",
                ComplaintProcess.VAR_ASSESSMENT_NOTES, "We bemiddelen.", "otherPartyName", "klus_bedrijf_jan",
                "otherPartyEmail", "klus@example.nl", "chatConversationReference", "chat_*123*"));
        Task mediation = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_MEDIATE).singleResult();

        JsonNode form = formVariables("behandelaar", mediation);

        assertThat(form.get("caseOtherPartyName").get("value").asText()).isEqualTo("klus\\_bedrijf\\_jan");
        assertThat(form.get("caseChatConversation").get("value").asText()).isEqualTo("chat\\_\\*123\\*");
    }

    /** The assessment chooses mediation with the painter. */
    private void toMediation(String reference) {
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MEDIATION",
                ComplaintProcess.VAR_ASSESSMENT_NOTES, "We bemiddelen.", "otherPartyName", "Schildersbedrijf Verf",
                "otherPartyEmail", "verf@example.nl"));
    }

    @Test
    void theMediatorSeesEveryChatMessageWholeNotOnlyTheNewestTimelineLines() {
        String reference = submit(janJansen());
        toMediation(reference);
        String long_ = "Ik kom dinsdag, " + "en ik neem de juiste verf mee, ".repeat(15) + "tot dan.";
        for (int i = 1; i <= 20; i++) {
            String message = i == 1 ? long_ : "Bericht " + i + ".";
            assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/chat-messages",
                    json("{\"author\":\"Schildersbedrijf Verf\",\"message\":\"" + message + "\"}"), JsonNode.class)
                    .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        Task mediation = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_MEDIATE).singleResult();

        String chat = formVariables("behandelaar", mediation).get("caseChatMessages").get("value").asText();

        // the first message, older than the timeline's 15 lines and longer than its 300 characters, whole
        assertThat(long_).hasSizeGreaterThan(300);
        String whole = MarkdownText.escape(long_);
        assertThat(chat).contains(whole, "Bericht 2\\.", "Bericht 20\\.");
        assertThat(chat.indexOf("Bericht 2\\.")).isLessThan(chat.indexOf("Bericht 20\\."));
        assertThat(formVariables("behandelaar", mediation).get("caseTimeline").get("value").asText()).doesNotContain(whole);
    }

    /** Who decides after a failed mediation reads the whole chat and the mediator's notes in the decision's form (R7, R8). */
    @Test
    void theDecisionAfterAFailedMediationShowsTheChatAndTheMediatorsNotes() {
        String reference = submit(janJansen());
        toMediation(reference);
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/chat-messages",
                json("{\"author\":\"Schildersbedrijf Verf\",\"message\":\"De muur was nat toen ik kwam; ik kom niet terug.\"}"),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Task direct = assessment(submit(janJansen()));
        completeTask(reference, ComplaintProcess.TASK_MEDIATE, Map.of("mediationOutcome", "NOT_RESOLVED",
                "mediationNotes", "De schilder wil *niet* terugkomen; de klager wil een vergoeding."));
        Task decision = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_DECIDE).singleResult();

        JsonNode form = formVariables("behandelaar", decision);

        assertThat(form.get("caseChatMessages").get("value").asText()).contains("De muur was nat toen ik kwam");
        assertThat(form.get("caseMediationNotes").get("value").asText())
                .isEqualTo(MarkdownText.escape("De schilder wil *niet* terugkomen; de klager wil een vergoeding."));
        // without a mediation the form has no notes to show (and hides the heading)
        assertThat(formVariables("behandelaar", direct).has("caseMediationNotes")).isFalse();
    }

    @Test
    void tasklistAndTheEngineRestApiAskForFormVariablesOnTheseTwoPaths() {
        assertThat(FreshCaseFileFilter.FORM_VARIABLES.matcher("/camunda/api/engine/engine/default/task/abc-1/form-variables")
                .replaceAll("$1")).isEqualTo("abc-1");
        assertThat(FreshCaseFileFilter.FORM_VARIABLES.matcher("/engine-rest/task/abc-1/form-variables").matches()).isTrue();
        assertThat(FreshCaseFileFilter.FORM_VARIABLES.matcher("/engine-rest/task/abc-1/variables").matches()).isFalse();
    }
}
