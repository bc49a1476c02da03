package nl.homepair.complaints.tasklist;

import java.util.List;
import nl.homepair.complaints.complaint.CodedOutcome;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintProcess.TaskResult;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A task that records a coded outcome (a verdict, the board's decision, ...) completes only
 * with one of its codes: a missing value or {@code "upheld"} sent over {@code /engine-rest}
 * is refused with a Dutch form error (400), instead of silently taking some gateway's flow.
 * The models' gateways have no default flow for these outcomes for the same reason.
 */
@Component
public class TaskOutcomeCheck {

    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(0) // before anything records the completion
    public void refuseUnknownOutcome(DelegateTask task) {
        TaskResult result = ComplaintProcess.TASK_RESULTS.get(task.getTaskDefinitionKey());
        if (result == null || result.codes() == null) {
            return;
        }
        Object value = task.getVariable(result.outcomeVariable());
        List<String> codes = result.codeNames();
        if (value instanceof String code && codes.contains(code)) {
            return;
        }
        String choices = String.join(", ", codes.stream().map(c -> c + " (" + CodedOutcome.labelOf(c) + ")").toList());
        throw new FormFieldValidationException(result.outcomeVariable(), (value == null
                ? "Er is geen keuze gemaakt voor " + result.outcomeVariable()
                : "\"" + value + "\" is geen geldige keuze voor " + result.outcomeVariable())
                + ". Kies uit: " + choices + ".");
    }
}
