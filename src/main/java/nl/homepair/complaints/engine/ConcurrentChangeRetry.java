package nl.homepair.complaints.engine;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A job that lost a race with a concurrent write runs again within seconds, not after its
 * retry interval.
 *
 * <p>When two transactions change the same case at once (on two nodes, both deadline timers
 * of a case that fell due together after a night or a restart), the engine refuses the later
 * one with an {@link OptimisticLockingException}. It keeps the job's retries, as it should:
 * nothing failed. But it still gives the job the next interval of its retry cycle, and our
 * timers and mail steps carry {@code R10/PT30M} (a mail server that is down is tried every
 * 30 minutes), so an escalation came half an hour late for a collision of milliseconds. This
 * keeps everything the engine does with a failed job (the exception on the job, the job log,
 * retries initialised from the cycle) and only sets the due date of such a job to
 * {@code homepair.jobs.retry-after-concurrent-change} (default 5 seconds) from now. A job
 * whose step is already gone (a task completed meanwhile deletes its timers) is not touched.
 *
 * <p>The engine has a second way of refusing such a job: when the other transaction ended a
 * parallel branch of the case (the acknowledgement beside the assessment), the tree the job
 * reads may have lost the parent of its own execution between two queries, and the engine
 * throws {@code ENGINE-03077} ("Cannot resolve parent ... perhaps it was deleted in the
 * meantime") instead. That is the same collision, not a fault of the step, so it keeps the
 * retries and gets the same short delay.
 */
@Component
public class ConcurrentChangeRetry extends AbstractProcessEnginePlugin {

    private final Duration delay;

    public ConcurrentChangeRetry(@Value("${homepair.jobs.retry-after-concurrent-change:PT5S}") Duration delay) {
        this.delay = delay;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory((jobId, exception) -> new RetryCmd(jobId, exception, delay));
    }

    static final class RetryCmd extends DefaultJobRetryCmd {

        private final Duration delay;

        RetryCmd(String jobId, Throwable exception, Duration delay) {
            super(jobId, exception);
            this.delay = delay;
        }

        @Override
        public Object execute(CommandContext commandContext) {
            super.execute(commandContext);
            if (isConcurrentChange(exception)) {
                JobEntity job = getJob();
                if (job != null) {
                    job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + delay.toMillis()));
                }
            }
            return null;
        }

        @Override
        protected boolean shouldDecrementRetriesFor(Throwable failure) {
            return !isConcurrentChange(failure);
        }
    }

    /** As the engine decides whether to keep a job's retries: the refusal itself, not a cause. */
    public static boolean isConcurrentChange(Throwable failure) {
        return failure instanceof OptimisticLockingException
                || failure instanceof ProcessEngineException && failure.getMessage() != null
                        && failure.getMessage().startsWith(PARENT_GONE);
    }

    /** The engine's code for an execution whose parent a concurrent transaction removed. */
    private static final String PARENT_GONE = "ENGINE-03077";
}
