package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_COMPLAINT_ID;

import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.security.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One handler per case (R15): whoever completes a handlers' task of a case becomes its
 * handler, and the case's next handlers' task is assigned to them straight away, so
 * nobody claims again at every step. A team lead who gives a task to someone else
 * (Tasklist or /zaken) thereby makes that person the case's handler once they finish it.
 * Kept in the case's main process ({@code caseHandler}), so the revision after the
 * board's judgement goes to the same person, as long as that person is still a handler.
 */
@Component
public class CaseHandler {

    public static final String VAR_CASE_HANDLER = "caseHandler";

    private final ComplaintRepository complaints;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;

    public CaseHandler(ComplaintRepository complaints, RuntimeService runtimeService, IdentityService identityService) {
        this.complaints = complaints;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
    }

    @EventListener(condition = "#task.eventName == 'create'")
    public void assignToTheCasesHandler(DelegateTask task) {
        if (task.getAssignee() != null || !isHandlersTask(task)) {
            return;
        }
        String processInstanceId = mainProcessOf(task);
        Object handler = processInstanceId == null ? null : runtimeService.getVariable(processInstanceId, VAR_CASE_HANDLER);
        if (handler instanceof String userId && !userId.isBlank() && isHandler(userId)) {
            task.setAssignee(userId);
        }
    }

    /**
     * Whether the case's handler is still one: someone who left or moved to another team keeps
     * nothing, the step goes to the group's queue. Asked without the caller's authorizations
     * (the step may follow the platform's or the mailbox's request, which may not read users).
     */
    private boolean isHandler(String userId) {
        CommandContext command = Context.getCommandContext();
        return command == null ? memberOfHandlers(userId) : command.runWithoutAuthorization(() -> memberOfHandlers(userId));
    }

    private boolean memberOfHandlers(String userId) {
        return identityService.createUserQuery().userId(userId).memberOfGroup(Groups.HANDLERS).count() > 0;
    }

    @EventListener(condition = "#task.eventName == 'complete'")
    public void rememberTheHandler(DelegateTask task) {
        if (task.getAssignee() == null || !isHandlersTask(task)) {
            return;
        }
        String processInstanceId = mainProcessOf(task);
        if (processInstanceId != null) {
            runtimeService.setVariable(processInstanceId, VAR_CASE_HANDLER, task.getAssignee());
        }
    }

    private static boolean isHandlersTask(DelegateTask task) {
        return task.getCandidates().stream()
                .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && Groups.HANDLERS.equals(l.getGroupId()));
    }

    /** The complaint's own process instance (a called process's task belongs to it too), if still running. */
    private String mainProcessOf(DelegateTask task) {
        Object id = task.getVariable(VAR_COMPLAINT_ID);
        Complaint complaint = complaints.ofVariable(id).orElse(null);
        if (complaint == null || complaint.getProcessInstanceId() == null) {
            return null;
        }
        String instance = complaint.getProcessInstanceId();
        if (instance.equals(task.getProcessInstanceId())) {
            return instance; // the task's own instance runs: no query (one less per task, issue 16)
        }
        return runtimeService.createProcessInstanceQuery().processInstanceId(instance).count() == 1 ? instance : null;
    }
}
