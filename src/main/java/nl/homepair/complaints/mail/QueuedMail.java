package nl.homepair.complaints.mail;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
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
    /** How the key of an alert about an incident starts; the incident's configuration (its job's id) follows. */
    private static final String INCIDENT_PREFIX = KEY_PREFIX + "incident:";

    private final ObjectProvider<CaseMailer> mailer;
    private final Duration retryInterval;
    private final int attempts;
    private final OfficeHours officeHours;
    private ProcessEngineConfigurationImpl configuration;
    /** Whether a mail to staff waits for office hours (R11); the tests whose clock is the real one switch it off. */
    private final boolean staffInOfficeHours;

    public QueuedMail(ObjectProvider<CaseMailer> mailer,
                      @Value("${homepair.mail.queued-retry-interval}") Duration retryInterval,
                      @Value("${homepair.mail.queued-attempts}") int attempts, OfficeHours officeHours,
                      @Value("${homepair.working-days.alerts-in-office-hours:true}") boolean staffInOfficeHours) {
        this.officeHours = officeHours;
        this.staffInOfficeHours = staffInOfficeHours;
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
        this.configuration = configuration;
        List<JobHandler> handlers = new ArrayList<>();
        if (configuration.getCustomJobHandlers() != null) {
            handlers.addAll(configuration.getCustomJobHandlers());
        }
        handlers.add(new Delivery());
        configuration.setCustomJobHandlers(handlers);
    }

    /**
     * Whether a job is a delivery job. Their attempts stay out of the engine's job log (the
     * history level, {@code tasklist/CaseFileHistory}, produces no event for them): they belong
     * to no process, so the history clean-up, which removes a case's history with its process,
     * would never remove those rows nor the stack trace of every failed attempt, up to 144 per
     * alert. The outbox row is the mail's record; a delivery that runs out of attempts is an
     * incident on its job and an error in the log.
     */
    public static boolean isDelivery(Job job) {
        return job instanceof JobEntity entity && JOB_TYPE.equals(entity.getJobHandlerType());
    }

    /** A new key for an alert about the incident of {@code configuration} (a failed job's id, an external task's). */
    static String incidentKey(String configuration) {
        if (configuration == null || configuration.isBlank() || configuration.contains(":")) {
            throw new IllegalArgumentException("Not an incident's configuration: " + configuration);
        }
        return INCIDENT_PREFIX + configuration + ":" + java.util.UUID.randomUUID();
    }

    /** The incident's configuration an alert's key names, or null for any other queued mail. */
    static String incidentOf(String key) {
        if (key == null || !key.startsWith(INCIDENT_PREFIX)) {
            return null;
        }
        int end = key.indexOf(':', INCIDENT_PREFIX.length());
        return end < 0 ? null : key.substring(INCIDENT_PREFIX.length(), end);
    }

    /** Inside a command of the engine: the job that delivers the outbox row of {@code key}, due now. */
    void schedule(String key) {
        schedule(new Attempt(1, key), ClockUtil.getCurrentTime());
    }

    /** As {@link #schedule(String)}, in the caller's transaction also outside a command of the engine. */
    void scheduleInAnyCommand(String key) {
        if (Context.getCommandContext() != null) {
            schedule(key);
        } else {
            configuration.getCommandExecutorTxRequired().execute(command -> {
                schedule(key);
                return null;
            });
        }
    }

    /**
     * Inside a command of the engine (the team lead's "mailstoring verholpen", {@link MailRetry}):
     * once it has committed, every queued mail that waits for the mail server is tried now,
     * those whose attempts ran out (an incident) once more, instead of at the end of their
     * interval. After the commit and one job per transaction: a job that another node runs or
     * changes meanwhile cannot roll back the team lead's answer, it is on its way anyway.
     */
    public static void tryWaitingNowAfterCommit() {
        CommandContext command = Context.getCommandContext();
        ProcessEngineConfigurationImpl configuration = command.getProcessEngineConfiguration();
        command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> {
            try {
                int tried = tryWaitingNow(configuration.getCommandExecutorTxRequiresNew());
                if (tried > 0) {
                    log.info("{} queued mail(s) waiting for the mail server tried now after the team lead reported the mail fixed",
                            tried);
                }
            } catch (RuntimeException e) {
                // the answer is committed; the alerts still leave at their next attempt
                log.warn("Queued mails could not be made due now: {}", e.toString());
            }
        });
    }

    /** See {@link #tryWaitingNowAfterCommit()}; returns how many were made due. */
    static int tryWaitingNow(CommandExecutor commands) {
        Date now = ClockUtil.getCurrentTime();
        List<String> waiting = commands.execute(command -> {
            // no query of the engine's API selects jobs by handler type
            String sql = "select ID_ from " + command.getProcessEngineConfiguration().getDatabaseTablePrefix()
                    + "ACT_RU_JOB where HANDLER_TYPE_ = ? and (DUEDATE_ > ? or RETRIES_ < 1)";
            try (PreparedStatement statement = command.getDbSqlSession().getSqlSession().getConnection().prepareStatement(sql)) {
                statement.setString(1, JOB_TYPE);
                statement.setTimestamp(2, new Timestamp(now.getTime()));
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            } catch (SQLException e) {
                throw new ProcessEngineException("Queued mails waiting for the mail server could not be read", e);
            }
        });
        int tried = 0;
        for (String id : waiting) {
            try {
                if (commands.execute(command -> {
                    JobEntity job = command.getJobManager().findJobById(id);
                    if (job == null || job.isSuspended()) {
                        return false; // delivered, or deleted, meanwhile
                    }
                    if (job.getRetries() < 1) {
                        job.setRetries(1); // also resolves its incident
                    }
                    job.setDuedate(now);
                    return true;
                })) {
                    tried++;
                }
            } catch (OptimisticLockingException e) {
                log.debug("Queued mail job {} changed meanwhile (run on another node): left as it is", id);
            }
        }
        return tried;
    }

    /** Whether the job of this id is a delivery job (inside a command of the engine). */
    public static boolean isDeliveryJob(String jobId) {
        CommandContext command = Context.getCommandContext();
        return isDelivery(jobId == null || command == null ? null : command.getJobManager().findJobById(jobId));
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
            String incident = incidentOf(attempt.key());
            if (incident != null && command.getIncidentManager().findIncidentByConfiguration(incident).isEmpty()) {
                // the alert waited (office hours, the mail server) and the incident it reports is gone meanwhile: the
                // mail server came back and the step was tried again, or a person retried or deleted it. An alert
                // that asks for Cockpit then only misleads; the case file says the incident was resolved
                mailer.getObject().dropQueued(attempt.key());
                return;
            }
            if (staffInOfficeHours) {
                // a mail to staff leaves in office hours (R11): an incident alert of Sunday night, a retry that falls at
                // night, every waiting mail tried when the mail server answers again at 03:10 wait for the morning;
                // the attempt is not used up
                Date now = ClockUtil.getCurrentTime();
                Date office = officeHours.nextOfficeMoment(now);
                if (office.after(now) && mailer.getObject().isForStaff(attempt.key())) {
                    log.info("Queued mail {} to staff waits for office hours: {}", attempt.key(), office.toInstant());
                    schedule(attempt, office);
                    return;
                }
            }
            try {
                mailer.getObject().deliverQueued(attempt.key());
            } catch (MailException | DataAccessException | TransactionException e) {
                if (attempt.number() >= attempts) {
                    // the server's refusal names the recipient ("550 <jan@…>"): the cause chain leaves addresses out
                    log.error("Queued mail {} not delivered after {} attempts: {}", attempt.key(), attempt.number(),
                            nl.homepair.complaints.diagnostics.CauseChain.of(e));
                    throw e;
                }
                Date next = new Date(ClockUtil.getCurrentTime().getTime() + retryInterval.toMillis());
                log.warn("Queued mail {} not delivered (attempt {} of {}): {}; tried again at {}", attempt.key(),
                        attempt.number(), attempts, nl.homepair.complaints.diagnostics.CauseChain.of(e), next.toInstant());
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
