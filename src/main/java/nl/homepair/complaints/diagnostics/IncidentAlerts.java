package nl.homepair.complaints.diagnostics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.MailRecipient;
import nl.homepair.complaints.mail.QueuedMail;
import nl.homepair.complaints.text.PlainText;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Nothing hangs unseen (issue 10): when a step of a model runs out of retries (a mail that
 * keeps failing, a broken expression in a changed model), the engine makes an incident, and
 * this plugin adds to it, once per incident: an entry on the case file with the step and the
 * cause, a warning in the log with the case, the step and the cause, and a mail to the team
 * leads ({@code storing}) with the case reference and the cause, queued in the engine's
 * transaction and delivered by a job that tries again while the mail server is down
 * ({@link QueuedMail}): the usual reason a step runs out of retries. An alert still waiting
 * when its incident is resolved (the mail server back at 03:10, the alert held for office
 * hours) is dropped unsent, and the case file says who tried the step again. The engine's own
 * handler still creates the incident (Camunda's composite incident handler), so Cockpit shows
 * it as before.
 */
@Component
public class IncidentAlerts extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(IncidentAlerts.class);
    static final String TEMPLATE = "storing";

    private final ObjectProvider<ComplaintRepository> complaints;
    private final ObjectProvider<CaseTimeline> timeline;
    private final ObjectProvider<CaseMailer> mailer;

    public IncidentAlerts(ObjectProvider<ComplaintRepository> complaints, ObjectProvider<CaseTimeline> timeline,
                          ObjectProvider<CaseMailer> mailer) {
        this.complaints = complaints;
        this.timeline = timeline;
        this.mailer = mailer;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCompositeIncidentHandlersEnabled(true);
        List<IncidentHandler> handlers = new ArrayList<>();
        if (configuration.getCustomIncidentHandlers() != null) {
            handlers.addAll(configuration.getCustomIncidentHandlers());
        }
        handlers.add(new Alert(Incident.FAILED_JOB_HANDLER_TYPE));
        handlers.add(new Alert(Incident.EXTERNAL_TASK_HANDLER_TYPE));
        configuration.setCustomIncidentHandlers(handlers);
    }

    /** A sub-handler of the engine's incident handler for one incident type. */
    final class Alert implements IncidentHandler {

        private final String type;

        Alert(String type) {
            this.type = type;
        }

        @Override
        public String getIncidentHandlerType() {
            return type;
        }

        @Override
        public Incident handleIncident(IncidentContext context, String message) {
            try {
                if (Incident.FAILED_JOB_HANDLER_TYPE.equals(type) && QueuedMail.isDeliveryJob(context.getConfiguration())) {
                    // a queued mail (this very alert, perhaps) that ran out of attempts: no mail about a mail
                    log.error("A queued mail could not be delivered; its job {} has an incident", context.getConfiguration());
                    return null;
                }
                alert(context, message);
            } catch (RuntimeException e) {
                // the incident itself must be kept whatever happens here
                log.error("Could not report the incident at {}: {}", context.getActivityId(), CauseChain.of(e));
            }
            return null; // the composite handler returns the engine's incident
        }

        @Override
        public void resolveIncident(IncidentContext context) {
            try {
                // the engine asks every handler to resolve also when a job that had no incident succeeds: only an
                // incident the engine's own handler resolved in this command is news
                IncidentEntity incident = resolvedNow(context);
                if (incident != null && !(Incident.FAILED_JOB_HANDLER_TYPE.equals(type)
                        && QueuedMail.isDeliveryJob(context.getConfiguration()))) {
                    resolved(incident);
                }
            } catch (RuntimeException e) {
                // the retry itself must go on whatever happens here
                log.error("Could not note the resolved incident at {}: {}", context.getActivityId(), CauseChain.of(e));
            }
        }

        /** The incident of this type and configuration resolved (deleted) earlier in this command, or null. */
        private IncidentEntity resolvedNow(IncidentContext context) {
            if (context.getConfiguration() == null) {
                return null;
            }
            DbEntityCache cache = Context.getCommandContext().getDbEntityManager().getDbEntityCache();
            // a step inside a called process also has a copy of its incident on each calling process: the one that
            // is its own cause names the step that failed
            return cache.getEntitiesByType(IncidentEntity.class).stream()
                    .filter(incident -> context.getConfiguration().equals(incident.getConfiguration())
                            && type.equals(incident.getIncidentType()) && cache.isDeleted(incident))
                    .min(java.util.Comparator.comparing(incident -> incident.getId().equals(incident.getCauseIncidentId()) ? 0 : 1))
                    .orElse(null);
        }

        @Override
        public void deleteIncident(IncidentContext context) {
            // idem
        }
    }

    private void alert(IncidentContext context, String message) {
        ExecutionEntity execution = context.getExecutionId() == null ? null
                : Context.getCommandContext().getExecutionManager().findExecutionById(context.getExecutionId());
        String reference = execution == null ? null : execution.getProcessBusinessKey();
        String step = stepName(execution, context.getActivityId());
        String cause = message == null || message.isBlank() ? "(geen melding)"
                : message.length() > 1000 ? PlainText.head(message, 1000) + " …" : message;
        log.warn("Incident on case {} at step '{}' ({}), process definition {}: {}", reference == null ? "-" : reference,
                step, context.getActivityId(), context.getProcessDefinitionId(), CauseChain.redact(cause));
        Object id = execution == null ? null : execution.getVariable(ComplaintProcess.VAR_COMPLAINT_ID);
        Complaint complaint = complaints.getObject().ofVariable(id).orElse(null);
        if (complaint != null) {
            note(complaint, execution, CaseTimeline.SYSTEM,
                    "Storing bij stap \"" + step + "\": " + cause + " De stap wacht tot een beheerder hem in Cockpit opnieuw"
                            + " start; was de mailserver onbereikbaar, dan start hij vanzelf opnieuw zodra die weer antwoordt.");
        }
        Map<String, Object> values = new HashMap<>();
        values.put("about", reference == null ? "een proces zonder klacht" : "klacht " + reference);
        values.put("stepName", step);
        values.put("cause", cause);
        values.put("processDefinitionId", context.getProcessDefinitionId());
        // in the engine's transaction: the alert is in the outbox if and only if the incident is
        // kept, and a job delivers it, also when the mail server is down at this moment
        // kept back once the incident is resolved before the alert could leave (office hours, the mail server down)
        if (context.getConfiguration() == null) {
            mailer.getObject().queue(complaint, TEMPLATE, MailRecipient.TEAM_LEAD, values);
        } else {
            mailer.getObject().queueAboutIncident(complaint, TEMPLATE, MailRecipient.TEAM_LEAD, values, context.getConfiguration());
        }
    }

    /**
     * The case file says when a failed step is tried again (R14): by whom (a person retrying it in Cockpit, a team
     * lead's "mailstoring verholpen") or by the application itself (the mail server answering again). The case's
     * incident line otherwise keeps saying that the step waits for an administrator.
     */
    private void resolved(IncidentEntity incident) {
        ExecutionEntity execution = incident.getExecutionId() == null ? null
                : Context.getCommandContext().getExecutionManager().findExecutionById(incident.getExecutionId());
        Object id = execution == null ? null : execution.getVariable(ComplaintProcess.VAR_COMPLAINT_ID);
        Complaint complaint = complaints.getObject().ofVariable(id).orElse(null);
        if (complaint == null) {
            return;
        }
        String step = stepName(execution, incident.getActivityId());
        String who = Context.getCommandContext().getAuthenticatedUserId();
        String line = "Storing bij stap \"" + step + "\" opgeheven: de stap wordt opnieuw uitgevoerd"
                + (who == null ? " (door de applicatie zelf)." : ".");
        note(complaint, execution, who, line);
        log.info("Incident on case {} at step '{}' resolved{}", complaint.getReference(), step, who == null ? "" : " by " + who);
    }

    /** An incident's line on the case; one in the affected user's measure review is none of the complainant's business (R13). */
    private void note(Complaint complaint, ExecutionEntity execution, String actor, String line) {
        if (execution != null && execution.getProcessDefinition() != null
                && ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY.equals(execution.getProcessDefinition().getKey())) {
            timeline.getObject().recordAboutOthers(complaint, TimelineEventType.INCIDENT, actor, line);
        } else {
            timeline.getObject().record(complaint, TimelineEventType.INCIDENT, actor, line);
        }
    }

    private static String stepName(ExecutionEntity execution, String activityId) {
        if (execution != null && activityId != null && execution.getProcessDefinition() != null) {
            ActivityImpl activity = execution.getProcessDefinition().findActivity(activityId);
            if (activity != null && activity.getName() != null) {
                return activity.getName();
            }
        }
        return activityId == null ? "onbekend" : activityId;
    }
}
