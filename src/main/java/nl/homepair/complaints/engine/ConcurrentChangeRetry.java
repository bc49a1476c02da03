package nl.homepair.complaints.engine;

import java.time.Duration;
import java.util.Date;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.diagnostics.ConcurrentChange;
import org.camunda.bpm.engine.OptimisticLockingException;
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
 * meantime") instead, also wrapped (an expression's evaluation, a task listener). That is the
 * same collision, not a fault of the step, so it keeps the retries and gets the same short
 * delay; the second time in a row it counts as a failure, so that a parent that stays missing
 * ends in an incident instead of a retry every few seconds. What counts as such a collision
 * (also a recognised deadlock and the complaint's own JPA version check) is
 * {@link ConcurrentChange}'s.
 *
 * <p>Every failed job keeps its failure without the e-mail addresses and database values its
 * messages may quote ({@link CauseChain#forJob}): a mail server's refusal names the complainant's
 * address, and the job's message becomes the incident that managers read in Cockpit.
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
        private boolean collision;

        RetryCmd(String jobId, Throwable exception, Duration delay) {
            super(jobId, exception);
            this.delay = delay;
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity before = getJob();
            // the same parent missing twice in a row is no collision of a moment: the job's own retries apply
            collision = ConcurrentChange.isConcurrentChange(exception) && !(ConcurrentChange.isParentGone(exception) && before != null
                    && before.getExceptionMessage() != null && before.getExceptionMessage().contains(ConcurrentChange.PARENT_GONE));
            super.execute(commandContext);
            if (collision) {
                JobEntity job = getJob();
                if (job != null) {
                    job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + delay.toMillis()));
                }
            }
            return null;
        }

        @Override
        protected boolean shouldDecrementRetriesFor(Throwable failure) {
            return !collision;
        }

        /** The job (and the incident made from it) keeps its failure without personal data ({@link CauseChain#forJob}). */
        @Override
        protected void logException(JobEntity job) {
            if (exception != null) {
                job.setExceptionMessage(CauseChain.forJob(exception));
                job.setExceptionStacktrace(getExceptionStacktrace());
            }
        }

        @Override
        protected String getExceptionStacktrace() {
            return CauseChain.stackTraceForJob(exception);
        }
    }
}
