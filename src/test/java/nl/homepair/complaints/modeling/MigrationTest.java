package nl.homepair.complaints.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.intake.ComplaintIntakeService;
import nl.homepair.complaints.intake.ComplaintSubmission;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Open cases move to a manager's new version (issue 14, item 5): a dry run says what can
 * move and changes nothing; the migration keeps tasks, due dates, timers and variables; a
 * case waiting where the new version has no counterpart is named and stays.
 */
class MigrationTest extends IntegrationTest {

    static final String PROCEDURE = "processes/complaintProcedure.bpmn";

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    TaskService taskService;
    @Autowired
    nl.homepair.complaints.complaint.CaseTimeline caseTimeline;
    @Autowired
    nl.homepair.complaints.complaint.ComplaintRepository complaints;
    @Autowired
    ComplaintIntakeService intake;
    @Autowired
    DecisionService decisionService;

    private ResponseEntity<JsonNode> migrate(String user, String reference, boolean dryRun) {
        return as(user).postForEntity("/api/procedure/migration?process=" + ComplaintProcess.PROCESS_KEY + "&dryRun=" + dryRun
                + "&reference=" + reference, null, JsonNode.class);
    }

    private ProcessInstance theCase(String reference) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(ComplaintProcess.PROCESS_KEY).singleResult();
    }

    @Test
    void openCasesMoveWithTheirTasksDueDatesTimersAndVariables() {
        String reference = submit(TestComplaints.janJansen());
        ProcessInstance before = theCase(reference);
        Task task = taskService.createTaskQuery().processInstanceId(before.getId()).singleResult();
        taskService.setAssignee(task.getId(), "behandelaar");
        Map<String, Object> variables = runtimeService.getVariables(before.getId());
        List<Date> timers = timers(before.getId());

        ResponseEntity<JsonNode> deployed = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn",
                ModelerDeploy.repositoryModel(PROCEDURE).replace("workingDays.deadline(now(), decisionDays)",
                        "workingDays.deadline(now(), decisionDays + 2)"));
        assertThat(deployed.getStatusCode().value()).as(String.valueOf(deployed.getBody())).isEqualTo(200);
        String deploymentId = deployed.getBody().get("id").asText();
        try {
            assertThat(migrate("behandelaar", reference, true).getStatusCode().value()).isEqualTo(403);

            JsonNode dryRun = migrate("manager", reference, true).getBody();
            assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
            assertThat(dryRun.get("movable").asInt()).isEqualTo(1);
            assertThat(dryRun.get("cases").get(0).get("reference").asText()).isEqualTo(reference);
            assertThat(theCase(reference).getProcessDefinitionId()).as("a dry run moves nothing").isEqualTo(before.getProcessDefinitionId());

            JsonNode run = migrate("manager", reference, false).getBody();
            assertThat(run.get("moved").asInt()).isEqualTo(1);

            ProcessInstance after = theCase(reference);
            assertThat(repositoryService.getProcessDefinition(after.getProcessDefinitionId()).getDeploymentId()).isEqualTo(deploymentId);
            Task moved = taskService.createTaskQuery().processInstanceId(after.getId()).singleResult();
            assertThat(moved.getId()).isEqualTo(task.getId());
            assertThat(moved.getDueDate()).isEqualTo(task.getDueDate());
            assertThat(moved.getAssignee()).isEqualTo("behandelaar");
            assertThat(runtimeService.getVariables(after.getId())).containsAllEntriesOf(variables);
            assertThat(timers(after.getId())).isEqualTo(timers);
            // who moved it, and from which version to which, is on the case (R14)
            assertThat(caseTimeline.of(complaints.findByReference(reference).orElseThrow()))
                    .anyMatch(entry -> entry.getActor().equals("manager") && entry.getSummary().startsWith(
                            "Zaak overgezet van versie " + repositoryService.getProcessDefinition(before.getProcessDefinitionId())
                                    .getVersion() + " naar versie " + repositoryService.getProcessDefinition(
                                    after.getProcessDefinitionId()).getVersion() + " van " + ComplaintProcess.PROCESS_KEY));
        } finally {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void aCaseWaitingWhereTheNewVersionHasNoCounterpartIsNamedAndStays() {
        String reference = submit(TestComplaints.janJansen());
        // waiting for the complainant's answer, at a step the application finds by its message, not by its id
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult().getId(),
                Map.of("assessmentOutcome", "MORE_INFORMATION", "assessmentNotes", "Stuur een foto."));
        runDueJobs(reference);
        ProcessInstance before = theCase(reference);

        ResponseEntity<JsonNode> deployed = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn",
                ModelerDeploy.repositoryModel(PROCEDURE).replace("ReceiveTask_AwaitInformation", "ReceiveTask_WaitForAnswer"));
        assertThat(deployed.getStatusCode().value()).as(String.valueOf(deployed.getBody())).isEqualTo(200);
        try {
            JsonNode run = migrate("manager", reference, false).getBody();
            assertThat(run.get("moved").asInt()).isZero();
            JsonNode move = run.get("cases").get(0);
            assertThat(move.get("canMove").asBoolean()).isFalse();
            assertThat(move.get("problems").toString()).contains("ReceiveTask_AwaitInformation");
            assertThat(theCase(reference).getProcessDefinitionId()).isEqualTo(before.getProcessDefinitionId());
        } finally {
            repositoryService.deleteDeployment(deployed.getBody().get("id").asText(), true);
        }
    }

    /**
     * A new version whose timer fails on a case's value (a name where a number belongs) is named in the report without the
     * value: a manager who may not read cases could otherwise read any variable through a dry run.
     */
    @Test
    void aMigrationThatFailsOnACasesValueDoesNotShowTheValue() {
        String reference = submit(TestComplaints.janJansen().email("migratie.waarde@example.nl"));
        runDueJobs(reference);
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult().getId(), Map.of("assessmentOutcome", "MEDIATION",
                "assessmentNotes", "We bemiddelen.", "otherPartyName", "Jansen Klussen Geheim", "otherPartyEmail",
                "klussen.geheim@example.nl", "chatConversationReference", "CHAT-901"));
        runDueJobs(reference);
        String timer = "${workingDays.officeMomentFrom(workingDays.reminderBefore(mediationDue, 1), now())}";
        String model = ModelerDeploy.repositoryModel(PROCEDURE);
        assertThat(model).contains(timer);
        ResponseEntity<JsonNode> deployed = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn", model.replace(timer,
                "${workingDays.officeMomentFrom(workingDays.reminderBefore(mediationDue, 1 + otherPartyName), now())}"));
        assertThat(deployed.getStatusCode().value()).as(String.valueOf(deployed.getBody())).isEqualTo(200);
        try {
            JsonNode move = migrate("manager", reference, true).getBody().get("cases").get(0);
            assertThat(move.get("canMove").asBoolean()).as(move.toString()).isFalse();
            assertThat(move.get("problems").toString()).isNotBlank().doesNotContain("Geheim", "klussen.geheim");
        } finally {
            repositoryService.deleteDeployment(deployed.getBody().get("id").asText(), true);
        }
    }

    /** A case waiting as a job at a mail step (its mail server down, retrying) whose id the new version changed is named. */
    @Test
    void aCaseWaitingInAStepsJobWhereTheNewVersionHasNoCounterpartIsNamed() {
        String reference = submit(TestComplaints.janJansen().email("wachtrij@example.nl"));
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult().getId(),
                Map.of("assessmentOutcome", "MORE_INFORMATION", "assessmentNotes", "Stuur een foto."));
        // not run: the request for information waits as a job (as it does while its mail cannot be sent)

        ResponseEntity<JsonNode> deployed = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn",
                ModelerDeploy.repositoryModel(PROCEDURE).replace("ServiceTask_RequestInformation", "ServiceTask_AskForInformation"));
        assertThat(deployed.getStatusCode().value()).as(String.valueOf(deployed.getBody())).isEqualTo(200);
        try {
            JsonNode move = migrate("manager", reference, true).getBody().get("cases").get(0);
            assertThat(move.get("canMove").asBoolean()).isFalse();
            assertThat(move.get("problems").toString()).contains("de zaak wacht bij ServiceTask_RequestInformation"
                    + " (Aanvullende informatie vragen");
        } finally {
            repositoryService.deleteDeployment(deployed.getBody().get("id").asText(), true);
            runDueJobs(reference);
        }
    }

    /**
     * A mail in triage has no role or subject yet, so no routing: the move leaves that to the model, which routes on what
     * the handler fills in, and the case's timeline names no routing that never applied.
     */
    @Test
    void aMailInTriageIsRoutedAfterItsTriageNotByTheMove() {
        String reference = intake.submit(new ComplaintSubmission("Tim Triage", "tim.triage@example.nl", null, null, null,
                null, "Onderwerp: Stukadoor\n\nDe stukadoor kwam twee keer niet opdagen.", null, null, null),
                List.of(), IntakeChannel.MAILBOX, "mailbox", java.time.Instant.now()).getReference();
        runDueJobs(reference);
        Task triage = taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult();
        assertThat(triage.getTaskDefinitionKey()).isEqualTo(ComplaintProcess.TASK_TRIAGE);

        ResponseEntity<JsonNode> deployed = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn",
                ModelerDeploy.repositoryModel(PROCEDURE).replace("workingDays.deadline(now(), decisionDays)",
                        "workingDays.deadline(now(), decisionDays + 2)"));
        assertThat(deployed.getStatusCode().value()).as(String.valueOf(deployed.getBody())).isEqualTo(200);
        try {
            assertThat(migrate("manager", reference, false).getBody().get("moved").asInt()).isEqualTo(1);
            String moved = theCase(reference).getId();
            assertThat(runtimeService.getVariable(moved, "handlerGroup")).as("routed before its triage").isNull();
            assertThat(caseTimeline.of(complaints.findByReference(reference).orElseThrow()))
                    .anyMatch(entry -> entry.getSummary().startsWith("Zaak overgezet"))
                    .noneMatch(entry -> entry.getSummary().contains("routeringstabel"));

            taskService.complete(taskService.createTaskQuery().processInstanceId(moved).singleResult().getId(), Map.of(
                    ComplaintProcess.VAR_TRIAGE_OUTCOME, "COMPLAINT", ComplaintProcess.VAR_ROLE, "PROFESSIONAL",
                    ComplaintProcess.VAR_SUBJECT, "CONDUCT", "triageNotes", "Gedrag van de opdrachtgever."));
            Map<String, Object> routing = decisionService.evaluateDecisionTableByKey(ReferenceRules.ROUTING_DECISION)
                    .variables(Map.of(ComplaintProcess.VAR_ROLE, "PROFESSIONAL", ComplaintProcess.VAR_SUBJECT, "CONDUCT",
                            ComplaintProcess.VAR_CHANNEL, "MAILBOX")).evaluate().getSingleResult().getEntryMap();
            assertThat(runtimeService.getVariable(moved, "handlerGroup")).isEqualTo(routing.get("handlerGroup"));
            assertThat(runtimeService.getVariable(moved, "priority")).isEqualTo(routing.get("priority"));
        } finally {
            repositoryService.deleteDeployment(deployed.getBody().get("id").asText(), true);
        }
    }

    private List<Date> timers(String processInstanceId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).timers().list().stream()
                .map(Job::getDuedate).sorted(Comparator.naturalOrder()).toList();
    }
}
