package nl.homepair.complaints.database;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every job has a due date, and the job executor takes due jobs by it (application.yaml,
 * {@code ensureJobDueDateNotNull}): its poll is then a range on the index of due dates. A job
 * that an older version left without one would never be taken; the start-up gives it one.
 */
class JobDueDatesTest extends IntegrationTest {

    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    DataSource dataSource;

    /** What the job executor's poll takes now, as the job executor asks for it. */
    private List<String> acquirable() {
        return engine.getCommandExecutorTxRequired().execute(context -> context.getJobManager()
                .findNextJobsToExecute(new Page(0, 1000)).stream().map(AcquirableJobEntity::getId).toList());
    }

    @Test
    void anAsynchronousStepsJobHasADueDateAndAJobLeftWithoutOneByAnOlderVersionRunsAfterStartUp() throws Exception {
        assertThat(engine.isEnsureJobDueDateNotNull()).isTrue();
        assertThat(engine.isJobExecutorAcquireByDueDate()).isTrue();
        ResponseEntity<JsonNode> answer = post(janJansen().email("oude.taak@example.nl"));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ProcessInstance process = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(answer.getBody().get("reference").asText()).singleResult();
        Job start = managementService.createJobQuery().processInstanceId(process.getId()).singleResult();
        // the case's start waits as an asynchronous step: due now, and taken by the poll
        assertThat(start.getDuedate()).isNotNull();
        assertThat(acquirable()).contains(start.getId());

        // as an older version wrote it
        new JdbcTemplate(dataSource).update("update act_ru_job set duedate_ = null where id_ = ?", start.getId());
        assertThat(acquirable()).doesNotContain(start.getId());

        try (Connection connection = dataSource.getConnection()) {
            assertThat(EngineTableTuning.dueDatesForOldJobs(connection)).isEqualTo(1);
            // the index on the jobs' due date is there (H2 keeps names in upper case): the next start skips it
            assertThat(EngineTableTuning.existingIndex(connection, EngineTableTuning.EVERY_DATABASE.get(0))).isTrue();
        }
        assertThat(acquirable()).contains(start.getId());
        managementService.executeJob(start.getId());
        assertThat(managementService.createJobQuery().jobId(start.getId()).count()).isZero();
        runDueJobs(answer.getBody().get("reference").asText()); // its acknowledgement: no due job left to other tests
    }

    @Test
    void theStartUpTellsH2ThatAlmostEveryVariableIsAnExecutionsNotATasks() {
        // VariableLookUpPlanTest: with this said before any statement is planned, the engine's look-up of an
        // execution's variables goes by execution on a fresh database
        Integer selectivity = new JdbcTemplate(dataSource).queryForObject("select selectivity from information_schema.columns"
                + " where table_name = 'ACT_RU_VARIABLE' and column_name = 'TASK_ID_'", Integer.class);
        assertThat(selectivity).isEqualTo(1);
    }
}
