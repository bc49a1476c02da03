package nl.homepair.complaints.tasklist;

import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.engine.EngineLists;
import nl.homepair.complaints.mail.QueuedMail;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * Full history, except variables that record nothing that happened:
 * <ul>
 *   <li>the case file that {@link TaskCaseFile} copied into every user task before it was made
 *       when a form opens; tasks of that time still hold it. Those task-local variables
 *       ({@code case...}) are a view of the complaint, which lives in its own tables with its
 *       timeline: keeping every copy of every task in the engine's history (a variable row and a
 *       detail row each, the long texts as byte arrays) made most of the history writes of a case,
 *       and spread the complainant's personal data over rows that the erasure (R13) then had to
 *       find;</li>
 *   <li>a mail step's settings from the model ({@link ComplaintProcess#MAIL_STEP_SETTINGS}: its
 *       template, recipient and kind of deadline mail), local to the step: the same constants for
 *       every case, three history rows each per mail step (created, its detail, deleted when the
 *       step ends). The mail itself is on the case, with its template, in the outbox and on the
 *       timeline. The same names set on the process instance keep their history;</li>
 *   <li>what a deadline's mail step reminded or escalated ({@link ComplaintProcess#REMINDER_SENT_FOR},
 *       {@link ComplaintProcess#ESCALATION_SENT_FOR}, {@link ComplaintProcess#DELAY_TOLD_FOR}): the step's bookkeeping against sending
 *       twice: two history rows per reminder or escalation beside the variable itself (the three
 *       took 9.6 of PostgreSQL's 120 s in a storm of 10,000 escalations, issue 16). The mail is on
 *       the case, in the outbox and on the timeline; the step's run is in the activity history.</li>
 * </ul>
 * Nor does it log the attempts of the jobs that deliver queued mails ({@link QueuedMail#isDelivery}),
 * which belong to no process and so would never be cleaned up. It is asked before the engine
 * makes an event, so a failed attempt's stack trace is not written either. Nor the history of
 * the incident such a job ends in when its attempts run out, for the same reason: the incident
 * itself stays in Cockpit until it is resolved or the job deleted, and the outbox row is the
 * mail's record.
 * Every other variable, task and activity keeps its full history, and Cockpit still sees
 * history level "full" (id 3): an existing database needs no change (decisions.md).
 */
@Component
public class CaseFileHistory extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // the engine picks the last level with the configured name ("full"): this one
        EngineLists.append(configuration.getCustomHistoryLevels(), configuration::setCustomHistoryLevels,
                new FullWithoutCaseFile());
    }

    /** Whether a variable is a task's copy of the case file. */
    static boolean isCaseFileCopy(String taskId, String name) {
        return taskId != null && name != null && name.startsWith(TaskCaseFile.VARIABLE_PREFIX);
    }

    /** Whether a variable is a mail step's setting, local to the step (not on the process instance). */
    static boolean isStepSetting(String executionId, String processInstanceId, String taskId, String name) {
        return taskId == null && executionId != null && !executionId.equals(processInstanceId)
                && ComplaintProcess.MAIL_STEP_SETTINGS.contains(name);
    }

    /** Whether a variable is a deadline step's record of the due date it reminded or escalated. */
    static boolean isDeadlineBookkeeping(String name) {
        return name != null && (name.startsWith(ComplaintProcess.REMINDER_SENT_FOR)
                || name.startsWith(ComplaintProcess.ESCALATION_SENT_FOR) || name.startsWith(ComplaintProcess.DELAY_TOLD_FOR));
    }

    /** Whether the engine's history keeps a variable (and its updates). */
    static boolean isRecorded(String executionId, String processInstanceId, String taskId, String name) {
        return !isCaseFileCopy(taskId, name) && !isStepSetting(executionId, processInstanceId, taskId, name)
                && !isDeadlineBookkeeping(name);
    }

    static final class FullWithoutCaseFile extends HistoryLevelFull {

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (entity instanceof Job job && QueuedMail.isDelivery(job)) {
                return false;
            }
            if (entity instanceof IncidentEntity incident && incident.getProcessInstanceId() == null
                    && QueuedMail.isDeliveryJob(incident.getConfiguration())) {
                return false;
            }
            if (entity instanceof VariableInstanceEntity variable) {
                return isRecorded(variable.getExecutionId(), variable.getProcessInstanceId(), variable.getTaskId(),
                        variable.getName());
            }
            if (entity instanceof HistoricVariableUpdateEventEntity update) {
                return isRecorded(update.getExecutionId(), update.getProcessInstanceId(), update.getTaskId(),
                        update.getVariableName());
            }
            return true;
        }

        /** Equal to the engine's own full level: the engine asks {@code level.equals(HISTORY_LEVEL_FULL)}. */
        @Override
        public boolean equals(Object other) {
            return other instanceof HistoryLevel level && level.getId() == getId();
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
