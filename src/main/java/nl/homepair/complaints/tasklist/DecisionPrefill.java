package nl.homepair.complaints.tasklist;

import java.util.Map;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The decision forms start with the other party known from the mediation as the user a
 * measure is taken against (R15): the handler changes it only when the measure concerns
 * someone else. Set on the process, not the task, so that what the form sends back is
 * what the statement of reasons uses; without a measure against a user nothing reads it.
 */
@Component
public class DecisionPrefill {

    static final Map<String, String> FROM_MEDIATION = Map.of(
            "affectedUserName", ComplaintProcess.VAR_OTHER_PARTY_NAME,
            "affectedUserEmail", "otherPartyEmail");

    @EventListener(condition = "#task.eventName == 'create' && (#task.taskDefinitionKey == 'UserTask_Decide' "
            + "|| #task.taskDefinitionKey == 'UserTask_ReviseDecision')")
    public void otherPartyAsAffectedUser(DelegateTask task) {
        FROM_MEDIATION.forEach((field, known) -> {
            Object value = task.getVariable(known);
            if (task.getVariable(field) == null && value instanceof String text && !text.isBlank()) {
                task.getExecution().setVariable(field, text);
            }
        });
    }
}
