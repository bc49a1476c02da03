package nl.homepair.complaints.sla;

import java.util.Date;
import nl.homepair.complaints.complaint.RefusedChange;
import nl.homepair.complaints.engine.EngineLists;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A task's due date is the procedure's deadline (R11), not something a person sets.
 *
 * <p>Tasklist lets anyone who may update a task change its due date, which handlers may for the tasks of their
 * group: a late task then left "Te laat" and the team lead's overview while its escalation still went out at the
 * real deadline, and a mistyped date hid the real one. Every user task of every model therefore refuses a change
 * of an existing due date by a person (an authenticated user: Tasklist, the REST API) with a Dutch message; the
 * engine and our own code (no user) still set it, and a follow-up date ("Opvolgdatum") stays a person's own.
 * A deadline that really moves (an information pause, R4) moves in the model, for its next task.
 */
@Component
public class FixedDueDates extends AbstractProcessEnginePlugin {

    static final String REFUSAL = "De vervaldatum volgt uit de termijn van de klachtenprocedure en kan niet worden gewijzigd. "
            + "Gebruik zo nodig een opvolgdatum.";

    private static final TaskListener REFUSE_MOVED_DUE_DATE = FixedDueDates::refuseMovedDueDate;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineLists.append(configuration.getCustomPostBPMNParseListeners(), configuration::setCustomPostBPMNParseListeners,
                new EveryUserTask());
    }

    /** Gives every user task of every model the listener that refuses a moved due date. */
    private static final class EveryUserTask extends AbstractBpmnParseListener {

        @Override
        public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, REFUSE_MOVED_DUE_DATE);
            }
        }
    }

    private static void refuseMovedDueDate(DelegateTask task) {
        if (!(task instanceof TaskEntity entity) || Context.getCommandContext() == null
                || Context.getCommandContext().getAuthenticatedUserId() == null) {
            return;
        }
        PropertyChange change = entity.getPropertyChanges().get(TaskEntity.DUE_DATE);
        // a task made in this command has no earlier due date to move
        if (change != null && change.getOrgValue() instanceof Date before && !sameMoment(before, change.getNewValue())) {
            throw new RefusedChange(REFUSAL);
        }
    }

    private static boolean sameMoment(Date before, Object after) {
        return after instanceof Date date && date.getTime() == before.getTime();
    }
}
