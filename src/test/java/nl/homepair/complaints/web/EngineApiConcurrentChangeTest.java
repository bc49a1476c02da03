package nl.homepair.complaints.web;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

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
        String reference = submit(janJansen().email("gelijktijdig@example.nl"));
        runDueJobs(reference);
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        taskService.claim(task.getId(), "behandelaar");

        ResponseEntity<JsonNode> answer;
        try (Connection other = dataSource.getConnection()) {
            // the other writer changes the task and holds its row until the handler's completion waits for it
            other.setAutoCommit(false);
            try (Statement change = other.createStatement()) {
                change.executeUpdate("update ACT_RU_TASK set REV_ = REV_ + 1 where ID_ = '" + task.getId() + "'");
            }
            CompletableFuture<ResponseEntity<JsonNode>> completion = CompletableFuture.supplyAsync(() -> as("behandelaar")
                    .postForEntity("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", Map.of(
                            "assessmentOutcome", Map.of("value", "DIRECT_DECISION"),
                            "assessmentNotes", Map.of("value", "Direct."))), JsonNode.class));
            JdbcTemplate sessions = new JdbcTemplate(dataSource);
            for (long until = System.currentTimeMillis() + 10_000; !completion.isDone()
                    && sessions.queryForObject("select count(*) from INFORMATION_SCHEMA.SESSIONS where BLOCKER_ID is not null",
                    Long.class) == 0 && System.currentTimeMillis() < until; ) {
                Thread.sleep(5);
            }
            other.commit();
            answer = completion.get(30, TimeUnit.SECONDS);
        }

        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody().get("message").asText()).contains("niets opgeslagen", "opnieuw");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
        taskService.complete(task.getId(), Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
    }
}
