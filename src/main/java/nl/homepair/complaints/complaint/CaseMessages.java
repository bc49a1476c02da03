package nl.homepair.complaints.complaint;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Whether a case's process is waiting for a message now (an answer, an objection), or can never. */
@Component
public class CaseMessages {

    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final TaskService taskService;
    private final IdentityService identityService;

    public CaseMessages(RuntimeService runtimeService, RepositoryService repositoryService, TaskService taskService,
                        IdentityService identityService) {
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.taskService = taskService;
        this.identityService = identityService;
    }

    public boolean waitsFor(Complaint complaint, String messageName) {
        return complaint.getProcessInstanceId() != null && runtimeService.createEventSubscriptionQuery()
                .processInstanceId(complaint.getProcessInstanceId())
                .eventType("message").eventName(messageName).count() > 0;
    }

    /**
     * The version of the procedure the case runs on when that version has no event for the message at all (a case
     * begun before the message was added to the model, e.g. the withdrawal of 2026-12-04): waiting a minute will not
     * help, moving the case to a newer version will. Empty when the model has the event, or the case runs no process.
     */
    public Optional<ProcessDefinition> versionWithout(Complaint complaint, String messageName) {
        ProcessInstance process = complaint.getProcessInstanceId() == null ? null : runtimeService.createProcessInstanceQuery()
                .processInstanceId(complaint.getProcessInstanceId()).singleResult();
        if (process == null) {
            return Optional.empty();
        }
        boolean caught = repositoryService.getBpmnModelInstance(process.getProcessDefinitionId())
                .getModelElementsByType(MessageEventDefinition.class).stream()
                .anyMatch(event -> event.getMessage() != null && messageName.equals(event.getMessage().getName()));
        return caught ? Optional.empty() : Optional.of(repositoryService.getProcessDefinition(process.getProcessDefinitionId()));
    }

    /**
     * Starts the case's open task {@code taskKey} again through its interrupting boundary event for {@code messageName}
     * (the model leads it back to the task), with {@code variables}, held again by whoever held it while they are still in
     * one of its groups (not moved or gone meanwhile), and due as before. A handler who decided in a form opened before
     * the news came (or at the same moment) decided without it; their completion now finds the task gone, and the new one
     * shows the news. False, and nothing done, when the process does not wait for the message now (no such task open, or
     * a version of the model without the event). Completed by a handler at the same moment, the correlation fails on the
     * engine's concurrency check and the caller's transaction rolls back; its retry finds the task gone.
     */
    public boolean startAgain(Complaint complaint, String messageName, String taskKey, Map<String, Object> variables) {
        if (!waitsFor(complaint, messageName)) {
            return false;
        }
        Task open = taskService.createTaskQuery().processInstanceId(complaint.getProcessInstanceId())
                .taskDefinitionKey(taskKey).singleResult();
        // the new task is given back when it is made (heldAgain): inside another command (a set-aside mail put with the
        // case) a query after the correlation would not see it yet
        RESTARTING.set(new Restart(complaint.getProcessInstanceId(), taskKey, open == null ? null : open.getAssignee()));
        try {
            runtimeService.createMessageCorrelation(messageName)
                    .processInstanceId(complaint.getProcessInstanceId())
                    .setVariables(variables)
                    .correlate();
        } finally {
            RESTARTING.remove();
        }
        return true;
    }

    private static final ThreadLocal<Restart> RESTARTING = new ThreadLocal<>();

    private record Restart(String processInstanceId, String taskKey, String holder) {
    }

    /** The task {@link #startAgain} makes goes back to its holder while they are still in one of its groups. */
    @EventListener(condition = "#task.eventName == 'create'")
    public void heldAgain(DelegateTask task) {
        Restart restart = RESTARTING.get();
        if (restart == null || restart.holder() == null || !restart.processInstanceId().equals(task.getProcessInstanceId())
                || !restart.taskKey().equals(task.getTaskDefinitionKey())) {
            return;
        }
        Set<String> groups = task.getCandidates().stream().map(IdentityLink::getGroupId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (!groups.isEmpty() && identityService.createGroupQuery().groupMember(restart.holder()).list().stream()
                .anyMatch(group -> groups.contains(group.getId()))) {
            task.setAssignee(restart.holder());
        }
    }
}
