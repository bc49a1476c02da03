package nl.homepair.complaints.tasklist;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The general form of a step a manager adds ({@code forms/case-step.form}) records what the handler did as
 * {@code stepNotes}, one variable for every such step of a case: each of them opens with the field empty, not with the
 * previous step's text (which would satisfy the required field unread and go on the timeline again).
 */
@Component
public class CaseStepNotes {

    /** The form's id and the variable its one field writes. */
    public static final String FORM = "caseStep";
    public static final String VARIABLE = "stepNotes";

    /** Whether the task's form is the general one of a step a manager added. */
    static boolean isCaseStep(DelegateTask task) {
        UserTask step = task.getBpmnModelElementInstance();
        return step != null && FORM.equals(step.getCamundaFormRef());
    }

    @EventListener(condition = "#task.eventName == 'create'")
    public void startEmpty(DelegateTask task) {
        if (isCaseStep(task) && task.getExecution() != null && task.getExecution().hasVariable(VARIABLE)) {
            task.getExecution().removeVariable(VARIABLE);
        }
    }
}
