package nl.homepair.complaints.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job refused because another transaction changed its case at the same moment runs again
 * after a few seconds, with its retries; any other failure still waits its retry cycle and
 * uses up a retry.
 */
class ConcurrentChangeRetryTest {

    private static final Date NOW = new Date(1_800_000_000_000L);
    private static ProcessEngine engine;
    private static RuntimeException nextFailure;

    /** The step of the test model: fails with {@link #nextFailure}, as the engine's flush would (not wrapped). */
    public static final class Step implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            throw nextFailure;
        }
    }

    @BeforeAll
    static void engineWithThePlugin() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("concurrentChangeRetryTest");
        configuration.setJdbcUrl("jdbc:h2:mem:concurrent-change-retry;DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setBeans(Map.of("step", new Step()));
        configuration.setProcessEnginePlugins(List.of(new ConcurrentChangeRetry(Duration.ofSeconds(5))));
        engine = configuration.buildProcessEngine();
        // as our timers and mail steps: ten tries, 30 minutes apart
        engine.getRepositoryService().createDeployment().addModelInstance("step.bpmn", Bpmn.createExecutableProcess("step")
                .camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("Step").camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R10/PT30M")
                .camundaDelegateExpression("${step}").endEvent().done()).deploy();
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void aJobRefusedForAConcurrentWriteRunsAgainInSecondsWithItsRetries() {
        Job job = failedOnce(new OptimisticLockingException("ACT_RU_EXECUTION was updated by another transaction concurrently"));

        assertThat(job.getRetries()).as("retries from the cycle, none used").isEqualTo(10);
        assertThat(job.getDuedate()).isEqualTo(new Date(NOW.getTime() + Duration.ofSeconds(5).toMillis()));
        assertThat(job.getExceptionMessage()).as("the refusal stays visible on the job").contains("concurrently");
    }

    @Test
    void aJobWhoseExecutionTreeAConcurrentBranchEndReshapedRunsAgainInSecondsWithItsRetries() {
        // the engine's own wording, as seen when the acknowledgement branch ended on the other node
        Job job = failedOnce(new ProcessEngineException("ENGINE-03077 Cannot resolve parent with id '08077392' of "
                + "execution '08079aab', perhaps it was deleted in the meantime"));

        assertThat(job.getRetries()).as("retries from the cycle, none used").isEqualTo(10);
        assertThat(job.getDuedate()).isEqualTo(new Date(NOW.getTime() + Duration.ofSeconds(5).toMillis()));
    }

    @Test
    void theSameRefusalWrappedByTheEngineRunsAgainInSecondsWithItsRetries() {
        // as an expression's evaluation wraps it (${sendMailDelegate} resolves through the parent execution)
        Job job = failedOnce(new ProcessEngineException("Error while evaluating expression: ${step}. Cause: ENGINE-03077",
                new ProcessEngineException("ENGINE-03077 Cannot resolve parent with id 'a' of execution 'b', perhaps it was "
                        + "deleted in the meantime")));

        assertThat(job.getRetries()).isEqualTo(10);
        assertThat(job.getDuedate()).isEqualTo(new Date(NOW.getTime() + Duration.ofSeconds(5).toMillis()));
    }

    @Test
    void aParentMissingTwiceInARowIsAFailureWithItsRetryInterval() {
        RuntimeException parentGone = new ProcessEngineException("ENGINE-03077 Cannot resolve parent with id 'a' of "
                + "execution 'b', perhaps it was deleted in the meantime");
        Job job = failedOnce(parentGone);
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId())).hasMessageContaining("ENGINE-03077");
        Job again = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();

        assertThat(again.getRetries()).isEqualTo(9);
        assertThat(again.getDuedate()).isEqualTo(new Date(NOW.getTime() + Duration.ofMinutes(30).toMillis()));
    }

    @Test
    void anotherEngineFailureWaitsItsRetryIntervalAndUsesARetry() {
        Job job = failedOnce(new ProcessEngineException("ENGINE-02004 No outgoing sequence flow"));

        assertThat(job.getRetries()).isEqualTo(9);
        assertThat(job.getDuedate()).isEqualTo(new Date(NOW.getTime() + Duration.ofMinutes(30).toMillis()));
    }

    @Test
    void anyOtherFailureWaitsItsRetryIntervalAndUsesARetry() {
        Job job = failedOnce(new IllegalStateException("mail server down"));

        assertThat(job.getRetries()).isEqualTo(9);
        assertThat(job.getDuedate()).isEqualTo(new Date(NOW.getTime() + Duration.ofMinutes(30).toMillis()));
    }

    /** A mail server's refusal names the complainant: Cockpit's incident (which managers read) does not. */
    @Test
    void aFailureKeepsNoMailAddressOnTheJobItsStackTraceOrItsIncident() {
        RuntimeException refusal = new IllegalStateException("Mail to jan.jansen@voorbeeld.nl failed",
                new IllegalStateException("550 5.1.1 <jan.jansen@voorbeeld.nl>: Recipient address rejected"));
        Job job = failedOnce(refusal);
        ManagementService jobs = engine.getManagementService();

        assertThat(job.getExceptionMessage()).isEqualTo("Mail to …@… failed");
        assertThat(jobs.getJobExceptionStacktrace(job.getId())).contains(
                "Caused by: java.lang.IllegalStateException: 550 5.1.1 <…@…>: Recipient address rejected",
                "\tat " + ConcurrentChangeRetryTest.class.getName()).doesNotContain("voorbeeld");

        jobs.setJobRetries(job.getId(), 1);
        assertThatThrownBy(() -> jobs.executeJob(job.getId())).hasMessageContaining("jan.jansen@voorbeeld.nl");
        assertThat(engine.getRuntimeService().createIncidentQuery()
                .processInstanceId(job.getProcessInstanceId()).singleResult().getIncidentMessage())
                .isEqualTo("Mail to …@… failed");
    }

    /** A database refusal quotes the row's values; the engine's own messages keep the element they name. */
    @Test
    void aDatabaseRefusalKeepsNoValuesAndAnEngineMessageKeepsItsElement() {
        Job database = failedOnce(new IllegalStateException("could not execute statement [Unique index violation: VALUES ('Jan Jansen')]",
                new java.sql.SQLIntegrityConstraintViolationException("VALUES ( /* 1 */ 'Jan Jansen' )", "23505")));
        Job engineFailure = failedOnce(new ProcessEngineException("ENGINE-02004 No outgoing sequence flow for the element with id "
                + "'Gateway_Outcome'"));

        assertThat(database.getExceptionMessage()).contains("Unique index violation", "'…'").doesNotContain("Jan Jansen");
        assertThat(engine.getManagementService().getJobExceptionStacktrace(database.getId())).doesNotContain("Jan Jansen");
        assertThat(engineFailure.getExceptionMessage()).contains("'Gateway_Outcome'");
    }

    private static Job failedOnce(RuntimeException failure) {
        ClockUtil.setCurrentTime(NOW);
        String instance = engine.getRuntimeService().startProcessInstanceByKey("step").getId();
        ManagementService jobs = engine.getManagementService();
        String id = jobs.createJobQuery().processInstanceId(instance).singleResult().getId();
        nextFailure = failure;
        assertThatThrownBy(() -> jobs.executeJob(id)).hasMessageContaining(failure.getMessage());
        return jobs.createJobQuery().jobId(id).singleResult();
    }
}
