package nl.homepair.complaints.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.RefusedChange;
import nl.homepair.complaints.engine.EngineLists;
import nl.homepair.complaints.engine.InternalFields;
import nl.homepair.complaints.modeling.ModelCheck;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Through a task a person changes only what its form lets them fill in (R12, §5 of the procedure).
 *
 * <p>Whoever may work on a task may, in the engine's REST API, also write any variable through it: Tasklist sends a
 * form's fields, but a handler with a script could set {@code complaintId} on their own task to another case's
 * number, and the case page, the case file of the task, the groups recorded with the case and every later step
 * (its closing, its mails) would then take that other case. So every command of a person (an authenticated user)
 * that writes or removes variables through a task (submitting its form, completing it, setting, changing or removing
 * its variables) may name only the fields of the task's Camunda Form that a person fills in. A field only shown
 * (read-only) may come back unchanged, as a form sends it. A task with another kind of form keeps at least the case's
 * own identity ({@code complaintId}, {@code reference}) out of a person's reach. Our own code writes without a
 * person, and an administrator repairs a case's variables in Cockpit (the process instance's, not through a task).
 */
@Component
public class FormFieldsOnly extends AbstractProcessEnginePlugin {

    static final Set<String> CASE_IDENTITY = Set.of(ComplaintProcess.VAR_COMPLAINT_ID, ComplaintProcess.VAR_REFERENCE);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Field COMPLETE_TASK = field(CompleteTaskCmd.class, "taskId");
    private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
    private static final Field SUBMIT_TASK = field(SubmitTaskFormCmd.class, "taskId");
    private static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");
    private static final Field VARIABLE_ENTITY = field(AbstractVariableCmd.class, "entityId");
    private static final Field SET_VARIABLES = field(AbstractSetVariableCmd.class, "variables");
    private static final Field REMOVED_VARIABLES = field(AbstractRemoveVariableCmd.class, "variableNames");
    private static final Field PATCH_ENTITY = field(AbstractPatchVariablesCmd.class, "entityId");
    private static final Field PATCH_VARIABLES = field(AbstractPatchVariablesCmd.class, "variables");
    private static final Field PATCH_DELETIONS = field(AbstractPatchVariablesCmd.class, "deletions");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // after the command context is made: the person is known there
        EngineLists.append(configuration.getCustomPostCommandInterceptorsTxRequired(),
                configuration::setCustomPostCommandInterceptorsTxRequired, new Guard());
    }

    static final class Guard extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            CommandContext context = Context.getCommandContext();
            if (context != null && context.getAuthenticatedUserId() != null) {
                TaskWrite write = TaskWrite.of(command);
                if (write != null) {
                    write.check(context);
                }
            }
            return next.execute(command);
        }
    }

    /** What one command of a person writes through a task: values by name, and names removed. */
    record TaskWrite(String taskId, Map<String, ?> values, Collection<String> removed) {

        static TaskWrite of(Command<?> command) {
            if (command instanceof SubmitTaskFormCmd) {
                return new TaskWrite((String) read(SUBMIT_TASK, command), read(SUBMIT_VARIABLES, command), null);
            }
            if (command instanceof CompleteTaskCmd) { // also resolving a delegated task
                return new TaskWrite((String) read(COMPLETE_TASK, command), read(COMPLETE_VARIABLES, command), null);
            }
            if (command instanceof SetTaskVariablesCmd) {
                return new TaskWrite((String) read(VARIABLE_ENTITY, command), read(SET_VARIABLES, command), null);
            }
            if (command instanceof RemoveTaskVariablesCmd) {
                return new TaskWrite((String) read(VARIABLE_ENTITY, command), null, read(REMOVED_VARIABLES, command));
            }
            if (command instanceof PatchTaskVariablesCmd) {
                return new TaskWrite((String) read(PATCH_ENTITY, command), read(PATCH_VARIABLES, command),
                        read(PATCH_DELETIONS, command));
            }
            return null;
        }

        void check(CommandContext context) {
            if (taskId == null || (values == null || values.isEmpty()) && (removed == null || removed.isEmpty())) {
                return;
            }
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            if (task == null) {
                return; // the engine answers that itself
            }
            Set<String> fillable = fillable(context, task);
            Set<String> refused = new TreeSet<>();
            if (values != null) {
                values.forEach((name, value) -> {
                    if (!allowed(fillable, name) && !unchanged(task, name, value)) {
                        refused.add(name);
                    }
                });
            }
            if (removed != null) {
                removed.stream().filter(name -> !allowed(fillable, name) && task.getVariable(name) != null).forEach(refused::add);
            }
            if (!refused.isEmpty()) {
                throw new RefusedChange("Via een taak verander je alleen wat het formulier van de taak vraagt; "
                        + String.join(", ", refused) + (refused.size() == 1 ? " hoort" : " horen")
                        + " daar niet bij en blijft zoals de procedure het heeft vastgelegd.");
            }
        }

        /** Null: the task's form is no Camunda Form, and only the case's identity is kept out of reach. */
        private static Set<String> fillable(CommandContext context, TaskEntity task) {
            try (InputStream form = context.runWithoutAuthorization(() -> new GetDeployedTaskFormCmd(task.getId()).execute(context))) {
                JsonNode definition = JSON.readTree(form);
                return definition != null && definition.has("components") ? ModelCheck.inputKeys(definition) : null;
            } catch (ProcessEngineException | IOException noCamundaForm) {
                return null;
            }
        }

        private static boolean allowed(Set<String> fillable, String name) {
            return fillable == null ? !CASE_IDENTITY.contains(name) : fillable.contains(name);
        }

        /** A value shown on the form (read-only) comes back as it was. */
        private static boolean unchanged(TaskEntity task, String name, Object value) {
            Object sent = value instanceof TypedValue typed ? typed.getValue() : value;
            Object current = task.getVariable(name);
            return Objects.equals(sent, current) || blank(sent) && blank(current);
        }

        private static boolean blank(Object value) {
            return value == null || value instanceof String text && text.isEmpty();
        }
    }

    private static Field field(Class<?> type, String name) {
        return InternalFields.of(type, name, "check what a person writes through a task (tasklist.FormFieldsOnly)");
    }

    @SuppressWarnings("unchecked")
    private static <V> V read(Field field, Object command) {
        try {
            return (V) field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
