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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A handler completes a task in Tasklist at the moment something else changes the same case
 * (a timer, the acknowledgement, a colleague on another node): the engine refuses the later
 * write. Tasklist shows the engine's answer, so it says in Dutch that nothing was stored and
 * to try again (409), instead of the engine's "was updated by another transaction
 * concurrently" with 500.
 */
class EngineApiConcurrentChangeTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    DataSource dataSource;

    @Test
    void aTaskCompletedWhileTheCaseChangesIsRefusedInDutchAndStaysOpen() throws Exception {
        Task task = assessmentTaskOf(janJansen().email("gelijktijdig@example.nl"));
        taskService.claim(task.getId(), "behandelaar");

        ResponseEntity<JsonNode> answer = ConcurrentTaskChange.during(dataSource, task.getId(), () -> as("behandelaar")
                .postForEntity("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", Map.of(
                        "assessmentOutcome", Map.of("value", "DIRECT_DECISION"),
                        "assessmentNotes", Map.of("value", "Direct."))), JsonNode.class));

        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody().get("message").asText()).contains("niets opgeslagen", "opnieuw");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
        taskService.complete(task.getId(), Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
    }
}
