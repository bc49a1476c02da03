package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.CaseGroups;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A handler who may work on a task writes through it only what its form asks (R12, §5): not another case's
 * number into {@code complaintId}, by any of the engine REST API's doors to a task's variables.
 */
class FormFieldsOnlyTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    CaseGroups caseGroups;

    Task ownTask;
    long ownCase;
    long otherCase;

    @BeforeEach
    void twoCases() {
        ownTask = assessmentTaskOf(janJansen().email("eigen.zaak@example.nl"));
        ownCase = (Long) taskService.getVariable(ownTask.getId(), ComplaintProcess.VAR_COMPLAINT_ID);
        otherCase = complaints.findByReference(submit(janJansen().email("andere.zaak@example.nl"))).orElseThrow().getId();
    }

    @Test
    void anotherCasesNumberIsRefusedThroughEveryDoorToATasksVariables() {
        String task = "/engine-rest/task/" + ownTask.getId();
        var otherCasesGroups = caseGroups.of(otherCase);
        String otherNumber = "{\"value\": " + otherCase + ", \"type\": \"Long\"}";

        assertRefusedOnTheTask(send(HttpMethod.PUT, task + "/localVariables/complaintId", otherNumber));
        assertRefused(send(HttpMethod.PUT, task + "/variables/complaintId", otherNumber), "complaintId");
        assertRefused(send(HttpMethod.POST, task + "/variables", "{\"modifications\": {\"complaintId\": " + otherNumber + "}}"),
                "complaintId");
        assertRefused(send(HttpMethod.POST, task + "/variables", "{\"deletions\": [\"reference\"]}"), "reference");
        assertRefused(send(HttpMethod.DELETE, task + "/variables/complaintId", null), "complaintId");
        assertRefusedOnTheTask(send(HttpMethod.DELETE, task + "/localVariables/receivedAt", null));
        String assessment = "\"assessmentOutcome\": {\"value\": \"DIRECT_DECISION\"}, \"assessmentNotes\": {\"value\": \"Direct.\"}";
        assertRefused(send(HttpMethod.POST, task + "/submit-form",
                "{\"variables\": {" + assessment + ", \"complaintId\": " + otherNumber + "}}"), "complaintId");
        assertRefused(send(HttpMethod.POST, task + "/complete",
                "{\"variables\": {" + assessment + ", \"handlerGroup\": {\"value\": \"gedrag\"}}}"), "handlerGroup");
        assertRefused(send(HttpMethod.POST, task + "/complete", "{\"variables\": {" + assessment
                + ", \"complaintId\": " + otherNumber + ", \"reference\": {\"value\": \"KL-2026-999999\"}}}"),
                null).contains("complaintId, reference horen daar niet bij en blijven zoals de procedure ze heeft vastgelegd");
        // no form throws a BPMN error or escalation; without a catching event the engine would end the case's path
        assertThat(send(HttpMethod.POST, task + "/bpmnError", "{\"errorCode\": \"x\", \"variables\": {\"complaintId\": "
                + otherNumber + "}}").getBody()).contains("BPMN-fout of -escalatie");
        assertThat(send(HttpMethod.POST, task + "/bpmnEscalation", "{\"escalationCode\": \"x\"}").getBody())
                .contains("BPMN-fout of -escalatie");

        assertThat(taskService.getVariable(ownTask.getId(), ComplaintProcess.VAR_COMPLAINT_ID)).isEqualTo(ownCase);
        assertThat(taskService.getVariableLocal(ownTask.getId(), ComplaintProcess.VAR_COMPLAINT_ID)).isNull();
        assertThat(taskService.getVariable(ownTask.getId(), ComplaintProcess.VAR_REFERENCE)).isNotNull();
        assertThat(taskService.createTaskQuery().taskId(ownTask.getId()).count()).as("still open").isEqualTo(1);
        assertThat(caseGroups.of(otherCase)).as("the other case's groups, untouched").isEqualTo(otherCasesGroups);
    }

    @Test
    void whatTheFormAsksIsWrittenAndSubmitted() {
        String task = "/engine-rest/task/" + ownTask.getId();

        assertThat(send(HttpMethod.PUT, task + "/variables/assessmentNotes", "{\"value\": \"Eerst de foto's bekijken.\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        // the case's own number, sent back unchanged and untyped (as a number, not a Long), as a form that shows it would
        assertThat(send(HttpMethod.POST, task + "/submit-form", "{\"variables\": {\"assessmentOutcome\": {\"value\": \"DIRECT_DECISION\"},"
                + " \"assessmentNotes\": {\"value\": \"Direct.\"}, \"complaintId\": {\"value\": " + ownCase + "}}}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(taskService.createTaskQuery().taskId(ownTask.getId()).count()).as("completed").isZero();
        assertThat(runtimeService.getVariable(ownTask.getProcessInstanceId(), ComplaintProcess.VAR_COMPLAINT_ID))
                .as("still the case's Long, not the Integer sent back").isEqualTo(ownCase);
    }

    @Test
    void ourOwnCodeAndTheEngineStillWriteWithoutAPerson() {
        // a name no form of the task has, written and removed again by code: each takes effect
        taskService.setVariableLocal(ownTask.getId(), "receivedAtConfirmed", true);
        assertThat(taskService.getVariableLocal(ownTask.getId(), "receivedAtConfirmed")).isEqualTo(true);
        taskService.removeVariableLocal(ownTask.getId(), "receivedAtConfirmed");
        assertThat(taskService.getVariableLocal(ownTask.getId(), "receivedAtConfirmed")).isNull();
        // completed by code with a variable that is no form field: stored on the case
        taskService.complete(ownTask.getId(), java.util.Map.of("assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "Door code afgerond.", "reviewedByCode", "ja"));
        assertThat(runtimeService.getVariable(ownTask.getProcessInstanceId(), "reviewedByCode")).isEqualTo("ja");
    }

    private ResponseEntity<String> send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as("behandelaar").exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    /**
     * A field of the form written on the task alone before the form is submitted: the submitted value would stay on the
     * task while the case goes on with the old one (the timeline one verdict, the mails and routing another).
     */
    @Test
    void aFormFieldIsNotWrittenOnTheTaskAlone() {
        String task = "/engine-rest/task/" + ownTask.getId();
        assertRefusedOnTheTask(send(HttpMethod.PUT, task + "/localVariables/assessmentNotes",
                "{\"value\": \"Alleen op de taak.\", \"type\": \"String\"}"));
        assertRefusedOnTheTask(send(HttpMethod.POST, task + "/localVariables",
                "{\"modifications\": {\"assessmentOutcome\": {\"value\": \"DIRECT_DECISION\"}}}"));
        assertThat(taskService.getVariablesLocal(ownTask.getId())).doesNotContainKeys("assessmentNotes", "assessmentOutcome");
        // the form's fields for the case, as Tasklist writes them, stay open
        assertThat(send(HttpMethod.PUT, task + "/variables/assessmentNotes",
                "{\"value\": \"Voor de zaak.\", \"type\": \"String\"}").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private static void assertRefusedOnTheTask(ResponseEntity<String> answer) {
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("een waarde alleen op de taak (localVariables) kan een persoon niet zetten");
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertRefused(ResponseEntity<String> answer, String name) {
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("Via een taak verander je alleen wat het formulier van de taak vraagt");
        if (name != null) {
            assertThat(answer.getBody()).contains(name + " hoort daar niet bij");
        }
        return assertThat(answer.getBody());
    }
}
