package nl.homepair.complaints.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
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
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
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
 * its variables) may name only the fields of the task's Camunda Form that a person fills in. A field the form only
 * shows (read-only), which Tasklist sends back with the form, is left out of the completion: it is never written
 * back. Any other name may only come back with the value the case holds, and is then left out too. A task with another kind of form keeps at
 * least the case's own identity ({@code complaintId}, {@code reference}) out of a person's reach. A BPMN error or
 * escalation on a task, which no form throws and which without a catching event ends the task's path, is refused
 * for a person. Our own code writes without a person, and an administrator repairs a case's variables in Cockpit
 * (the process instance's, not through a task).
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
    private static final Field VARIABLE_LOCAL = field(AbstractVariableCmd.class, "isLocal");
    private static final Field PATCH_LOCAL = field(AbstractPatchVariablesCmd.class, "isLocal");

    /**
     * A task-local value hides the case's value of that name from the task: a form field written there before the form
     * is submitted keeps the submitted value on the task, while the process goes on with the old one (the timeline
     * says "ongegrond", the mails and the routing the verdict as it was). Tasklist never writes one.
     */
    static final String LOCAL_REFUSAL = "Via een taak verander je alleen wat het formulier van de taak vraagt, voor de"
            + " zaak zelf: een waarde alleen op de taak (localVariables) kan een persoon niet zetten of weghalen.";

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
    record TaskWrite(String taskId, Map<String, ?> values, Collection<String> removed, boolean completes) {

        static TaskWrite of(Command<?> command) {
            if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
                // no form throws these; without a catching event the engine ends the task's path silently
                throw new RefusedChange("Een taak rond je af met het formulier van de taak; een BPMN-fout of -escalatie"
                        + " op een taak kan een persoon niet geven.");
            }
            if ((command instanceof SetTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd)
                    && (Boolean) read(VARIABLE_LOCAL, command)
                    || command instanceof PatchTaskVariablesCmd && (Boolean) read(PATCH_LOCAL, command)) {
                throw new RefusedChange(LOCAL_REFUSAL);
            }
            if (command instanceof SubmitTaskFormCmd) {
                return new TaskWrite((String) read(SUBMIT_TASK, command), read(SUBMIT_VARIABLES, command), null, true);
            }
            if (command instanceof CompleteTaskCmd) { // also resolving a delegated task
                return new TaskWrite((String) read(COMPLETE_TASK, command), read(COMPLETE_VARIABLES, command), null, true);
            }
            if (command instanceof SetTaskVariablesCmd) {
                return new TaskWrite((String) read(VARIABLE_ENTITY, command), read(SET_VARIABLES, command), null, false);
            }
            if (command instanceof RemoveTaskVariablesCmd) {
                return new TaskWrite((String) read(VARIABLE_ENTITY, command), null, read(REMOVED_VARIABLES, command), false);
            }
            if (command instanceof PatchTaskVariablesCmd) {
                return new TaskWrite((String) read(PATCH_ENTITY, command), read(PATCH_VARIABLES, command),
                        read(PATCH_DELETIONS, command), false);
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
            FormKeys form = FormKeys.of(context, task);
            Set<String> refused = new TreeSet<>();
            if (values != null) {
                for (String name : List.copyOf(values.keySet())) {
                    if (form.writable(name)) {
                        continue;
                    }
                    // a field the form only shows comes back with the form as Tasklist read it: never written back,
                    // so a text that changed meanwhile (a second mail joining the one being judged) stays
                    if (completes && form.shown(name) && dropped(name)) {
                        continue;
                    }
                    // sent back as the case holds it: left out, so that a number sent untyped does not turn the
                    // case's Long into an Integer
                    Object sent = valueOf(name);
                    Object current = task.getVariable(name);
                    if (!unchanged(sent, current) || !dropped(name) && !sameType(sent, current)) {
                        refused.add(name);
                    }
                }
            }
            if (removed != null) {
                removed.stream().filter(name -> !form.writable(name) && task.getVariable(name) != null).forEach(refused::add);
            }
            if (!refused.isEmpty()) {
                boolean one = refused.size() == 1;
                throw new RefusedChange("Via een taak verander je alleen wat het formulier van de taak vraagt; "
                        + String.join(", ", refused) + (one ? " hoort" : " horen") + " daar niet bij en "
                        + (one ? "blijft zoals de procedure het heeft" : "blijven zoals de procedure ze heeft") + " vastgelegd.");
            }
        }

        /** Leaves a shown field out of the write; false when the caller's map cannot change (then it is compared). */
        private boolean dropped(String name) {
            try {
                values.remove(name);
                return true;
            } catch (UnsupportedOperationException fixed) {
                return false;
            }
        }

        /** The value as sent, without deserializing an object value (which the engine does later, if at all). */
        private Object valueOf(String name) {
            Object value = values instanceof VariableMap typed ? typed.getValueTyped(name) : values.get(name);
            return value instanceof TypedValue typed ? (typed instanceof SerializableValue ? typed : typed.getValue()) : value;
        }

        /** A value the case already holds, sent back as it is (a number as another number type, a date as a date). */
        private static boolean unchanged(Object sent, Object current) {
            if (sent instanceof SerializableValue) {
                return false;
            }
            if (sent instanceof Number a && current instanceof Number b) {
                return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
            }
            if (sent instanceof Date a && current instanceof Date b) {
                return a.getTime() == b.getTime();
            }
            return Objects.equals(sent, current) || blank(sent) && blank(current);
        }

        private static boolean sameType(Object sent, Object current) {
            return sent == null || current == null || sent.getClass() == current.getClass();
        }

        private static boolean blank(Object value) {
            return value == null || value instanceof String text && text.isEmpty();
        }
    }

    /**
     * The variables a task's Camunda Form writes (the fields a person fills in; a group's or dynamic list's
     * {@code path} and the first part of a dotted key, under which Camunda Forms submits them) and those it only
     * shows (read-only or disabled). Null sets: the task's form is no Camunda Form, and only the case's identity is
     * kept out of a person's reach.
     */
    record FormKeys(Set<String> writable, Set<String> shown) {

        static FormKeys of(CommandContext context, TaskEntity task) {
            try (InputStream form = context.runWithoutAuthorization(() -> new GetDeployedTaskFormCmd(task.getId()).execute(context))) {
                return of(JSON.readTree(form));
            } catch (ProcessEngineException | IOException noCamundaForm) {
                return new FormKeys(null, null);
            }
        }

        static FormKeys of(JsonNode definition) {
            if (definition == null || !definition.has("components")) {
                return new FormKeys(null, null);
            }
            Set<String> writable = new HashSet<>();
            for (String key : ModelCheck.inputKeys(definition)) {
                writable.add(key);
                writable.add(firstPart(key));
            }
            for (JsonNode container : definition.findParents("path")) {
                if (container.path("path").isTextual() && !container.path("path").asText().isBlank()) {
                    writable.add(firstPart(container.path("path").asText()));
                }
            }
            Set<String> shown = new HashSet<>();
            for (JsonNode field : definition.findParents("key")) {
                if (field.path("key").isTextual() && !writable.contains(firstPart(field.path("key").asText()))) {
                    shown.add(firstPart(field.path("key").asText()));
                }
            }
            return new FormKeys(writable, shown);
        }

        boolean writable(String name) {
            return writable == null ? !CASE_IDENTITY.contains(name) : writable.contains(name);
        }

        boolean shown(String name) {
            return shown != null && shown.contains(name);
        }

        private static String firstPart(String key) {
            int dot = key.indexOf('.');
            return dot < 0 ? key : key.substring(0, dot);
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
