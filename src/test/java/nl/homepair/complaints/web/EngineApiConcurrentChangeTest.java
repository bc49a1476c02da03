package nl.homepair.complaints.web;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import javax.sql.DataSource;
import nl.homepair.complaints.ConcurrentTaskChange;
import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A handler acts in Tasklist at the moment something else changes the same case (a timer, the
 * acknowledgement, a colleague on another node): the engine refuses the later write. Completing
 * the task is simply done again ({@code engine.UserCommandRetry}); anything else Tasklist shows as
 * the engine's answer, so it says in Dutch that nothing was stored and to try again (409), instead
 * of the engine's "was updated by another transaction concurrently" with 500.
 */
class EngineApiConcurrentChangeTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    DataSource dataSource;

    @Test
    void aTaskCompletedWhileTheCaseChangesIsCompletedAllTheSame() throws Exception {
        Task task = assessmentTaskOf(janJansen().email("gelijktijdig@example.nl"));
        taskService.claim(task.getId(), "behandelaar");

        ResponseEntity<String> answer = ConcurrentTaskChange.during(dataSource, task.getId(), () -> as("behandelaar")
                .postForEntity("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", Map.of(
                        "assessmentOutcome", Map.of("value", "DIRECT_DECISION"),
                        "assessmentNotes", Map.of("value", "Direct."))), String.class));

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task is done").isZero();
        assertThat(runtimeService.getVariable(task.getProcessInstanceId(), "assessmentOutcome")).isEqualTo("DIRECT_DECISION");
    }

    @Test
    void anotherChangeMadeWhileTheCaseChangesIsRefusedInDutchAndNothingIsStored() throws Exception {
        Task task = assessmentTaskOf(janJansen().email("gelijktijdig-opvolgen@example.nl"));
        Map<String, Object> read = as("behandelaar").getForObject("/engine-rest/task/" + task.getId(), Map.class);

        ResponseEntity<JsonNode> answer = ConcurrentTaskChange.during(dataSource, task.getId(), () -> as("behandelaar")
                .exchange("/engine-rest/task/" + task.getId(), HttpMethod.PUT, new HttpEntity<>(Map.of("name", read.get("name"),
                        "priority", read.get("priority"), "due", read.get("due"), "followUp", "2026-12-01T09:00:00.000+0100")),
                        JsonNode.class));

        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody().get("message").asText()).contains("niets opgeslagen", "opnieuw");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getFollowUpDate()).isNull();
    }
}
