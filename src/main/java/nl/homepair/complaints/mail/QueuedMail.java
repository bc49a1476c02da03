package nl.homepair.complaints.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The delivery of a queued mail ({@link CaseMailer#queue}) as a job of the engine: a mail
 * written to the outbox inside an engine transaction (an incident alert, whose moment is
 * usually the moment the mail server is down) must leave once the mail server is back, on
 * whichever node, not be lost with the one attempt after the commit. The job sends the outbox
 * row of its key unless it was delivered; when the mail server refuses or cannot be reached
 * (or the outbox's own transaction cannot be had), it ends by making its successor, due
 * {@code homepair.mail.queued-retry-interval} later, up to {@code homepair.mail.queued-attempts}
 * attempts; then it fails as any job does (the engine's
 * immediate retries, then an incident, which {@code IncidentAlerts} does not mail about
 * again). The jobs belong to no process: they carry no case data, only the outbox key.
 * The settings and their defaults are in {@code application.yaml}.
 */
@Component
public class QueuedMail extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(QueuedMail.class);

    /** The engine's handler type of a delivery job ({@code ACT_RU_JOB.HANDLER_TYPE_}). */
    public static final String JOB_TYPE = "homepair-mail-delivery";
    /** How the delivery key of a queued mail starts: no step of a model owns such a row. */
    static final String KEY_PREFIX = "queued:";

    private final ObjectProvider<CaseMailer> mailer;
    private final Duration retryInterval;
    private final int attempts;

    public QueuedMail(ObjectProvider<CaseMailer> mailer,
                      @Value("${homepair.mail.queued-retry-interval}") Duration retryInterval,
                      @Value("${homepair.mail.queued-attempts}") int attempts) {
        if (retryInterval.isNegative() || retryInterval.isZero() || attempts < 1) {
            throw new IllegalArgumentException("homepair.mail.queued-retry-interval must be positive and "
                    + "homepair.mail.queued-attempts at least 1");
        }
        this.mailer = mailer;
        this.retryInterval = retryInterval;
        this.attempts = attempts;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<JobHandler> handlers = new ArrayList<>();
        if (configuration.getCustomJobHandlers() != null) {
            handlers.addAll(configuration.getCustomJobHandlers());
        }
        handlers.add(new Delivery());
        configuration.setCustomJobHandlers(handlers);
        // the engine's own database handler, wrapped: the same history, less the delivery jobs' logs
        List<HistoryEventHandler> history = new ArrayList<>();
        if (configuration.isEnableDefaultDbHistoryEventHandler()) {
            history.add(new WithoutDeliveryJobLogs(new DbHistoryEventHandler()));
            configuration.setEnableDefaultDbHistoryEventHandler(false);
        }
        if (configuration.getCustomHistoryEventHandlers() != null) {
            history.addAll(configuration.getCustomHistoryEventHandlers());
        }
        configuration.setCustomHistoryEventHandlers(history);
    }

    /**
     * Keeps the delivery jobs out of the engine's job log: they belong to no process, so the
     * history clean-up, which removes a case's history with its process, would never remove
     * their rows (and the stack traces of every failed attempt), up to 144 per alert. The
     * outbox row is the mail's record; a delivery that runs out of attempts is an incident on
     * its job and an error in the log. The engine names a job without a definition by its
     * handler type in the log ({@code JOB_DEF_TYPE_}).
     */
    record WithoutDeliveryJobLogs(HistoryEventHandler database) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!(event instanceof HistoricJobLogEventEntity entry && JOB_TYPE.equals(entry.getJobDefinitionType()))) {
                database.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }

    /** Inside a command of the engine: the job that delivers the outbox row of {@code key}, due now. */
    void schedule(String key) {
        schedule(new Attempt(1, key), ClockUtil.getCurrentTime());
    }

    /**
     * Makes every queued mail that waits for its next attempt due now: the mail server is
     * reported back ({@link MailRetry}), and the alerts that waited for it need not wait the
     * rest of their interval. Returns how many.
     */
    public static int tryWaitingNow(ManagementService management) {
        Date now = ClockUtil.getCurrentTime();
        int waiting = 0;
        for (Job job : management.createJobQuery().messages().duedateHigherThan(now).list()) {
            if (job instanceof JobEntity entity && JOB_TYPE.equals(entity.getJobHandlerType()) && job.getRetries() > 0) {
                management.setJobDuedate(job.getId(), now);
                waiting++;
            }
        }
        return waiting;
    }

    /** Whether the job of this id is a delivery job (inside a command of the engine). */
    public static boolean isDeliveryJob(String jobId) {
        CommandContext command = Context.getCommandContext();
        JobEntity job = jobId == null || command == null ? null : command.getJobManager().findJobById(jobId);
        return job != null && JOB_TYPE.equals(job.getJobHandlerType());
    }

    private static void schedule(Attempt attempt, Date due) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            throw new IllegalStateException("A queued mail is written inside a command of the process engine");
        }
        MessageEntity job = new MessageEntity();
        job.setJobHandlerType(JOB_TYPE);
        job.setJobHandlerConfiguration(attempt);
        job.setDuedate(due);
        job.setExclusive(false);
        command.getJobManager().insertAndHintJobExecutor(job);
    }

    /** The configuration of a delivery job: which attempt, which outbox row. */
    record Attempt(int number, String key) implements JobHandlerConfiguration {

        static Attempt parse(String canonical) {
            int colon = canonical == null ? -1 : canonical.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("Not a mail delivery job configuration: " + canonical);
            }
            return new Attempt(Integer.parseInt(canonical.substring(0, colon)), canonical.substring(colon + 1));
        }

        @Override
        public String toCanonicalString() {
            return number + ":" + key;
        }
    }

    final class Delivery implements JobHandler<Attempt> {

        @Override
        public String getType() {
            return JOB_TYPE;
        }

        @Override
        public void execute(Attempt attempt, ExecutionEntity execution, CommandContext command, String tenantId) {
            try {
                mailer.getObject().deliverQueued(attempt.key());
            } catch (MailException | DataAccessException | TransactionException e) {
                if (attempt.number() >= attempts) {
                    log.error("Queued mail {} not delivered after {} attempts: {}", attempt.key(), attempt.number(),
                            e.getMessage());
                    throw e;
                }
                Date next = new Date(ClockUtil.getCurrentTime().getTime() + retryInterval.toMillis());
                log.warn("Queued mail {} not delivered (attempt {} of {}): {}; tried again at {}", attempt.key(),
                        attempt.number(), attempts, e.getMessage(), next.toInstant());
                schedule(new Attempt(attempt.number() + 1, attempt.key()), next);
            }
        }

        @Override
        public Attempt newConfiguration(String canonicalString) {
            return Attempt.parse(canonicalString);
        }

        @Override
        public void onDelete(Attempt configuration, JobEntity job) {
            // the outbox row stays: it is the copy of the mail
        }
    }
}
