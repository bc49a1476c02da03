package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
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

    private Task assessment(String reference) {
        return taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
    }

    private JsonNode formVariables(String user, Task task) {
        ResponseEntity<JsonNode> answer = as(user).getForEntity("/engine-rest/task/" + task.getId() + "/form-variables", JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    @Test
    void aNoteThatArrivesWhileTheTaskIsOpenShowsWhenTheFormIsOpened() {
        String reference = submit(janJansen());
        Task task = assessment(reference);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        timeline.record(complaint, TimelineEventType.CHAT_MESSAGE, "opdrachtgever", "Ik heb de schilder net nog gebeld.");
        assertThat((String) taskService.getVariableLocal(task.getId(), "caseTimeline")).doesNotContain("schilder net nog gebeld");

        JsonNode form = formVariables("behandelaar", task);

        assertThat(form.get("caseTimeline").get("value").asText()).contains("schilder net nog gebeld");
        // nothing changed since: opening it again writes nothing
        long updates = historyUpdates(task);
        formVariables("behandelaar", task);
        assertThat(historyUpdates(task)).isEqualTo(updates);
    }

    @Test
    void theComplainantsAnswerToARequestForInformationIsShownWhole() {
        String reference = submit(janJansen());
        Task first = assessment(reference);
        taskService.claim(first.getId(), "behandelaar");
        taskService.complete(first.getId(), Map.of(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MORE_INFORMATION",
                ComplaintProcess.VAR_ASSESSMENT_NOTES, "Stuur ons de offerte."));
        runDueJobs(reference);
        String answer = "De offerte van de schilder: " + "veertien vierkante meter muur, twee lagen, ".repeat(20) + "einde van mijn antwoord.";
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/information",
                json("{\"message\":\"" + answer + "\"}"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        JsonNode form = formVariables("behandelaar", assessment(reference));

        assertThat(answer).hasSizeGreaterThan(300);
        assertThat(form.get("caseInformationAnswer").get("value").asText()).contains("einde van mijn antwoord")
                .contains("veertien vierkante meter muur");
    }

    @Test
    void tasklistAndTheEngineRestApiAskForFormVariablesOnTheseTwoPaths() {
        assertThat(FreshCaseFileFilter.FORM_VARIABLES.matcher("/camunda/api/engine/engine/default/task/abc-1/form-variables")
                .replaceAll("$1")).isEqualTo("abc-1");
        assertThat(FreshCaseFileFilter.FORM_VARIABLES.matcher("/engine-rest/task/abc-1/form-variables").matches()).isTrue();
        assertThat(FreshCaseFileFilter.FORM_VARIABLES.matcher("/engine-rest/task/abc-1/variables").matches()).isFalse();
    }

    private long historyUpdates(Task task) {
        return history.createHistoricDetailQuery().taskId(task.getId()).variableUpdates().count();
    }
}
