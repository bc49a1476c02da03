package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.cluster.ClusterLeases;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The round that raises overdue tasks reads them page by page and leaves none behind. */
class OverdueTasksTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void moreOverdueTasksThanOnePageAreAllRaisedInOneRound() {
        List<String> late = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String reference = submit(janJansen().email("laat-" + i + "@example.nl"));
            runDueJobs(reference);
            Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
            taskService.setDueDate(task.getId(), Date.from(Instant.now().minus(1, ChronoUnit.HOURS)));
            late.add(task.getId());
        }

        // pages of two: the round has to ask at least three times
        new TaskHeadline(complaints, taskService, new ClusterLeases(jdbc), 2).raiseOverdueTasks();

        assertThat(late).allSatisfy(id ->
                assertThat(taskService.createTaskQuery().taskId(id).singleResult().getPriority()).isEqualTo(TaskHeadline.OVERDUE));
    }
}
