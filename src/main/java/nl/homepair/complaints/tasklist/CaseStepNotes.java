package nl.homepair.complaints.tasklist;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The general form of a step a manager adds ({@code forms/case-step.form}) records what the handler did as
 * {@code stepNotes}: each such step opens with the field empty, not with the previous or a parallel step's text (which
 * would satisfy the required field unread and go on the timeline again), and leaves its text to the process after it.
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

    /**
     * The step opens empty: the case's notes of an earlier step go, and the task gets its own (empty) notes, so that a
     * step beside it in parallel, completed first, does not fill this one's form (the form's submit writes into the
     * task's own variable while it has one).
     */
    @EventListener(condition = "#task.eventName == 'create'")
    public void startEmpty(DelegateTask task) {
        if (!isCaseStep(task)) {
            return;
        }
        if (task.getExecution() != null && task.getExecution().hasVariable(VARIABLE)) {
            task.getExecution().removeVariable(VARIABLE);
        }
        task.setVariableLocal(VARIABLE, null);
    }

    /**
     * What the handler wrote in the step: Tasklist's form writes it into the task's own variable, a completion over the
     * API with variables ({@code POST …/task/{id}/complete}) into the process's.
     */
    static Object notesOf(DelegateTask task) {
        Object own = task.getVariableLocal(VARIABLE);
        return own != null || task.getExecution() == null ? own : task.getExecution().getVariable(VARIABLE);
    }

    /** What the handler did goes to the case's process, for a timeline step after it ({@code ${stepNotes}}). */
    @EventListener(condition = "#task.eventName == 'complete'")
    public void keepForTheNextStep(DelegateTask task) {
        if (isCaseStep(task) && task.getExecution() != null && task.getVariableLocal(VARIABLE) != null) {
            task.getExecution().setVariable(VARIABLE, task.getVariableLocal(VARIABLE));
        }
    }
}
