package nl.homepair.complaints.tasklist;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What a person changes on a case in Camunda itself goes on the case's timeline (R14: who did what and when): a task
 * claimed, handed back or given to someone in Tasklist, a due date or priority changed, the case's process moved,
 * suspended or ended in Cockpit, its variables edited, over the web applications or the engine's REST API, one case at
 * a time (a batch that Cockpit runs as jobs has no request, and a message correlated by name no case in its path). The engine
 * keeps such changes in its user operation log, which the history clean-up and an erasure remove and which no export
 * or case page shows; this handler copies each operation, once, onto the timeline as it is logged.
 * <p>
 * Only what arrives through Camunda's own doors ({@code /engine-rest/}, the web applications' {@code /camunda/api/})
 * is copied: the application's own pages and API write their own, more telling lines (a reassignment on the team
 * overview, a withdrawal, an intake), and a completed task is recorded by {@link TaskCaseFile}.
 */
@Component
public class CamundaChangesOnTheTimeline extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(CamundaChangesOnTheTimeline.class);

    /** Operations recorded elsewhere (a completed task, an intake) or about no case in particular. */
    private static final Set<String> RECORDED_ELSEWHERE = Set.of(UserOperationLogEntry.OPERATION_TYPE_COMPLETE,
            UserOperationLogEntry.OPERATION_TYPE_CREATE, UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES,
            UserOperationLogEntry.OPERATION_TYPE_EVALUATE);

    private final ObjectProvider<ComplaintRepository> complaints;
    private final ObjectProvider<CaseTimeline> timeline;

    public CamundaChangesOnTheTimeline(ObjectProvider<ComplaintRepository> complaints, ObjectProvider<CaseTimeline> timeline) {
        this.complaints = complaints;
        this.timeline = timeline;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(new Handler());
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    /**
     * Beside the engine's own handler, which still writes every event to the history tables. One operation is one entry
     * per changed property (a delegation changes the owner, the assignee and the delegation state), and the engine hands
     * them over one by one: they are gathered per operation and written as one line each when the command closes, in
     * its transaction.
     */
    final class Handler implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!(event instanceof UserOperationLogEntryEventEntity entry) || entry.getProcessInstanceId() == null
                    || RECORDED_ELSEWHERE.contains(entry.getOperationType())) {
                return;
            }
            Door door = door();
            // what the model's own code did while the request was about something else (the next step assigned to the
            // case's handler after a form was submitted, variables a listener wrote on a claim) is the procedure at
            // work: the request's own change is the line
            if (door == null || !door.isAbout(entry) || Context.getCommandContext() == null) {
                return;
            }
            Operations.of(Context.getCommandContext(), CamundaChangesOnTheTimeline.this).add(entry, door);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }

    /** The operations of one command, written when it closes. */
    static final class Operations implements CommandContextListener {

        /**
         * Per thread, the commands that logged an operation and have not closed. Weak keys (a command context has identity
         * equality): should another listener of a command fail before this one is told, the closed command and its entity
         * cache are not kept for as long as the request thread lives.
         */
        private static final ThreadLocal<Map<CommandContext, Operations>> OPEN = ThreadLocal.withInitial(WeakHashMap::new);

        private final CamundaChangesOnTheTimeline owner;
        private final Map<String, List<UserOperationLogEntryEventEntity>> entries = new LinkedHashMap<>();
        private final Map<String, Door> doors = new HashMap<>();

        private Operations(CamundaChangesOnTheTimeline owner) {
            this.owner = owner;
        }

        static Operations of(CommandContext command, CamundaChangesOnTheTimeline owner) {
            return OPEN.get().computeIfAbsent(command, context -> {
                Operations operations = new Operations(owner);
                context.registerCommandContextListener(operations);
                return operations;
            });
        }

        void add(UserOperationLogEntryEventEntity entry, Door door) {
            String id = String.valueOf(entry.getOperationId());
            entries.computeIfAbsent(id, key -> new ArrayList<>()).add(entry);
            doors.putIfAbsent(id, door);
        }

        @Override
        public void onCommandContextClose(CommandContext command) {
            OPEN.get().remove(command);
            entries.forEach((id, operation) -> {
                try {
                    owner.record(operation, doors.get(id).name(), command);
                } catch (RuntimeException e) {
                    // the person's change itself must go on whatever happens here
                    log.error("Could not put a change in Camunda on the case's timeline: {}", CauseChain.of(e));
                }
            });
        }

        @Override
        public void onCommandFailed(CommandContext command, Throwable t) {
            OPEN.get().remove(command);
        }
    }

    /** Which of Camunda's doors a request came through, and its path. */
    record Door(String name, String path) {

        /** Whether the request names what the operation changed: its task, else its process (or execution). */
        boolean isAbout(UserOperationLogEntryEventEntity entry) {
            if (isVariableChange(entry) && !(path.contains("/variables") || path.contains("/localVariables"))) {
                return false;
            }
            return entry.getTaskId() != null ? path.contains(entry.getTaskId())
                    : path.contains(entry.getProcessInstanceId())
                            || entry.getExecutionId() != null && path.contains(entry.getExecutionId());
        }
    }

    /** Through which of Camunda's doors the current request came, or null for anything else. */
    private static Door door() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        HttpServletRequest request = attributes.getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/engine-rest/")) {
            return new Door("de engine-API", path);
        }
        return path.startsWith("/camunda/api/") ? new Door("Camunda Tasklist of Cockpit", path) : null;
    }

    private static final Set<String> VARIABLE_CHANGES = Set.of(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE,
            UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES, UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE,
            UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE);

    private static boolean isVariableChange(UserOperationLogEntryEventEntity entry) {
        return VARIABLE_CHANGES.contains(entry.getOperationType());
    }

    private void record(List<UserOperationLogEntryEventEntity> operation, String door, CommandContext command) {
        UserOperationLogEntryEventEntity first = operation.get(0);
        ExecutionEntity process = command.getExecutionManager().findExecutionById(first.getProcessInstanceId());
        String reference = process != null ? process.getBusinessKey() : businessKeyInHistory(first.getProcessInstanceId(), command);
        Complaint complaint = reference == null ? null : complaints.getObject().findByReference(reference).orElse(null);
        if (complaint == null) {
            return;
        }
        String what = describe(operation, command);
        String actor = first.getUserId();
        // staff-only (R13): a change to the affected user's measure review (same reference) is none of the complainant's
        timeline.getObject().recordAboutOthers(complaint, TimelineEventType.NOTE, actor, what + " (in " + door + ")");
    }

    /** A process ended meanwhile (deleted in Cockpit): its business key from the history. */
    private static String businessKeyInHistory(String processInstanceId, CommandContext command) {
        var historic = command.getHistoricProcessInstanceManager().findHistoricProcessInstance(processInstanceId);
        return historic == null ? null : historic.getBusinessKey();
    }

    /** The change in Dutch, for a person reading the case file. */
    static String describe(List<UserOperationLogEntryEventEntity> operation, CommandContext command) {
        UserOperationLogEntryEventEntity first = operation.get(0);
        String task = first.getTaskId() == null ? null : "taak \"" + stepOf(first.getTaskId(), command) + "\"";
        String newValue = valueOf(operation, "assignee");
        String was = originalOf(operation, "assignee");
        return switch (first.getOperationType()) {
            case UserOperationLogEntry.OPERATION_TYPE_CLAIM -> newValue == null
                    ? capital(task) + " teruggegeven aan de groep" + (was == null ? "" : " (was: " + was + ")")
                    : capital(task) + " geclaimd door " + newValue;
            case UserOperationLogEntry.OPERATION_TYPE_ASSIGN -> newValue == null
                    ? capital(task) + " teruggegeven aan de groep" + (was == null ? "" : " (was: " + was + ")")
                    : capital(task) + " toegewezen aan " + newValue + (was == null ? "" : " (was: " + was + ")");
            case UserOperationLogEntry.OPERATION_TYPE_DELEGATE -> capital(task) + " gedelegeerd aan " + newValue;
            case UserOperationLogEntry.OPERATION_TYPE_RESOLVE -> capital(task) + " teruggegeven aan de eigenaar";
            case UserOperationLogEntry.OPERATION_TYPE_SET_OWNER -> "Eigenaar van " + task + ": " + valueOf(operation, "owner");
            case UserOperationLogEntry.OPERATION_TYPE_SET_PRIORITY -> "Prioriteit van " + task + " gewijzigd in "
                    + valueOf(operation, "priority");
            case UserOperationLogEntry.OPERATION_TYPE_SET_DUEDATE -> "Termijn van " + task + " gewijzigd in "
                    + moment(valueOf(operation, "dueDate"));
            case UserOperationLogEntry.OPERATION_TYPE_ADD_GROUP_LINK, UserOperationLogEntry.OPERATION_TYPE_ADD_USER_LINK ->
                    capital(task) + " ook zichtbaar gemaakt voor " + links(operation);
            case UserOperationLogEntry.OPERATION_TYPE_DELETE_GROUP_LINK, UserOperationLogEntry.OPERATION_TYPE_DELETE_USER_LINK ->
                    capital(task) + " niet langer zichtbaar voor " + links(operation);
            case UserOperationLogEntry.OPERATION_TYPE_DELETE -> task != null ? capital(task) + " verwijderd"
                    : "Het proces van de zaak beëindigd" + reason(operation);
            case UserOperationLogEntry.OPERATION_TYPE_SUSPEND -> "Het proces van de zaak opgeschort: er gebeurt niets tot het"
                    + " wordt hervat";
            case UserOperationLogEntry.OPERATION_TYPE_ACTIVATE -> "Het proces van de zaak hervat";
            case UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE -> "Het verloop van de zaak aangepast (een stap"
                    + " gestart of afgebroken)";
            case UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES,
                 UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE -> "Procesgegevens van de zaak gewijzigd"
                    + (task == null ? "" : " (bij " + task + ")");
            case UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE -> "Procesgegevens van de zaak verwijderd"
                    + (task == null ? "" : " (bij " + task + ")");
            case UserOperationLogEntry.OPERATION_TYPE_UPDATE -> capital(task) + " gewijzigd: " + changes(operation);
            default -> "Wijziging in Camunda: " + first.getOperationType() + (task == null ? "" : " (" + task + ")");
        };
    }

    /** What a task's form in Tasklist changed ({@code PUT /task/{id}}: due date, follow-up date, priority, name, …). */
    private static String changes(List<UserOperationLogEntryEventEntity> operation) {
        List<String> parts = new ArrayList<>();
        for (UserOperationLogEntryEventEntity entry : operation) {
            String property = entry.getProperty() == null ? "" : entry.getProperty();
            switch (property) {
                case "dueDate" -> parts.add("termijn " + moment(entry.getNewValue()) + " (was: " + moment(entry.getOrgValue()) + ")");
                case "followUpDate" -> parts.add("opvolgdatum " + moment(entry.getNewValue()));
                case "priority" -> parts.add("prioriteit " + entry.getNewValue() + " (was: " + entry.getOrgValue() + ")");
                case "assignee" -> parts.add(entry.getNewValue() == null ? "niemand toegewezen" : "toegewezen aan " + entry.getNewValue());
                case "owner" -> parts.add("eigenaar " + entry.getNewValue());
                case "" -> { }
                default -> parts.add(property);
            }
        }
        return parts.isEmpty() ? "details" : String.join(", ", parts);
    }

    private static String stepOf(String taskId, CommandContext command) {
        TaskEntity task = command.getTaskManager().findTaskById(taskId);
        if (task == null) {
            return "onbekend";
        }
        ExecutionEntity execution = task.getExecution();
        ActivityImpl activity = execution == null || execution.getProcessDefinition() == null ? null
                : execution.getProcessDefinition().findActivity(task.getTaskDefinitionKey());
        return activity != null && activity.getName() != null ? activity.getName() : task.getTaskDefinitionKey();
    }

    private static String valueOf(List<UserOperationLogEntryEventEntity> operation, String property) {
        return operation.stream().filter(entry -> property.equals(entry.getProperty())).findFirst()
                .map(UserOperationLogEntryEventEntity::getNewValue).orElse(null);
    }

    private static String originalOf(List<UserOperationLogEntryEventEntity> operation, String property) {
        return operation.stream().filter(entry -> property.equals(entry.getProperty())).findFirst()
                .map(UserOperationLogEntryEventEntity::getOrgValue).orElse(null);
    }

    private static String links(List<UserOperationLogEntryEventEntity> operation) {
        return operation.stream().filter(entry -> entry.getNewValue() != null || entry.getOrgValue() != null)
                .filter(entry -> "candidate".equals(entry.getProperty()) || "group".equals(entry.getProperty())
                        || "user".equals(entry.getProperty()))
                .map(entry -> entry.getNewValue() != null ? entry.getNewValue() : entry.getOrgValue())
                .findFirst().orElse("iemand");
    }

    private static String reason(List<UserOperationLogEntryEventEntity> operation) {
        String reason = valueOf(operation, "deleteReason");
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }

    private static String moment(String millis) {
        if (millis == null) {
            return "geen";
        }
        try {
            return DutchDates.moment(Instant.ofEpochMilli(Long.parseLong(millis)));
        } catch (NumberFormatException e) {
            return millis;
        }
    }

    private static String capital(String text) {
        return text == null ? "Een taak" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
