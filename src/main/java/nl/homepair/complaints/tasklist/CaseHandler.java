package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_COMPLAINT_ID;

import java.util.List;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One handler per case (R15): whoever completes a handlers' task of a case becomes its
 * handler, and the case's next handlers' task is assigned to them straight away, so
 * nobody claims again at every step. A team lead who gives a task to someone else
 * (Tasklist or /zaken) thereby makes that person the case's handler at once.
 * Kept in the case's main process ({@code caseHandler}), so the revision after the
 * board's judgement goes to the same person, as long as that person is still a handler.
 */
@Component
public class CaseHandler {

    public static final String VAR_CASE_HANDLER = "caseHandler";

    private final ComplaintRepository complaints;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final HandlerGroups handlerGroups;

    public CaseHandler(ComplaintRepository complaints, RuntimeService runtimeService, IdentityService identityService,
                       HandlerGroups handlerGroups) {
        this.handlerGroups = handlerGroups;
        this.complaints = complaints;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
    }

    @EventListener(condition = "#task.eventName == 'create'")
    public void assignToTheCasesHandler(DelegateTask task) {
        List<String> groups = handlerGroups.ofTask(task.getCandidates());
        if (task.getAssignee() != null || groups.isEmpty()) {
            return;
        }
        String processInstanceId = mainProcessOf(task);
        Object handler = processInstanceId == null ? null : runtimeService.getVariable(processInstanceId, VAR_CASE_HANDLER);
        if (handler instanceof String userId && !userId.isBlank() && isHandlerOf(userId, groups)) {
            task.setAssignee(userId);
        }
    }

    /**
     * Whether the case's handler is one of the task's group: someone who left or moved to another team
     * (or whose group does not have this step) keeps nothing, the step goes to the group's queue. Asked
     * without the caller's authorizations (the step may follow the platform's or the mailbox's request,
     * which may not read users).
     */
    private boolean isHandlerOf(String userId, List<String> groups) {
        CommandContext command = Context.getCommandContext();
        return command == null ? HandlerGroups.isMemberOfAny(identityService, userId, groups)
                : command.runWithoutAuthorization(() -> HandlerGroups.isMemberOfAny(identityService, userId, groups));
    }

    @EventListener(condition = "#task.eventName == 'complete'")
    public void rememberTheHandler(DelegateTask task) {
        if (task.getAssignee() == null || handlerGroups.ofTask(task.getCandidates()).isEmpty()) {
            return;
        }
        String processInstanceId = mainProcessOf(task);
        if (processInstanceId != null) {
            runtimeService.setVariable(processInstanceId, VAR_CASE_HANDLER, task.getAssignee());
        }
    }

    /**
     * A task given to another handler (the team lead's *Toewijzen*, Tasklist's reassign, a colleague's claim) makes that
     * handler the case's at once, not only once they finish it: the case's next steps (an answer to a question, a new
     * mail) went to the one who was away. A task handed back to the group ("Teruggeven", the team lead's "naar de groep")
     * takes the case from its handler when it was theirs: its next steps go to the group's queue.
     */
    @EventListener(condition = "#task.eventName == 'update'") // a change of an open task, never its creation
    public void followTheHolder(DelegateTask task) {
        if (!(task instanceof TaskEntity entity) || entity.getPropertyChanges().get(TaskEntity.ASSIGNEE) == null) {
            return; // no change of holder
        }
        List<String> groups = handlerGroups.ofTask(task.getCandidates());
        if (groups.isEmpty()) {
            return; // no handlers' task
        }
        String processInstanceId = mainProcessOf(task);
        if (processInstanceId == null) {
            return;
        }
        Object before = entity.getPropertyChanges().get(TaskEntity.ASSIGNEE).getOrgValue();
        String now = task.getAssignee();
        if (now != null && isHandlerOf(now, groups)) {
            runtimeService.setVariable(processInstanceId, VAR_CASE_HANDLER, now);
        } else if (now == null && before != null && before.equals(runtimeService.getVariable(processInstanceId, VAR_CASE_HANDLER))) {
            runtimeService.removeVariable(processInstanceId, VAR_CASE_HANDLER);
        }
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
