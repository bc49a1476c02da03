package nl.homepair.complaints.complaint;

import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.springframework.stereotype.Component;

/** Whether a case's process is waiting for a message now (an answer, an objection), or can never. */
@Component
public class CaseMessages {

    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;

    public CaseMessages(RuntimeService runtimeService, RepositoryService repositoryService) {
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
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
}
