package nl.homepair.complaints.complaint;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Whether a case's process is waiting for a message now (an answer, an objection). */
@Component
public class CaseMessages {

    private final RuntimeService runtimeService;

    public CaseMessages(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    public boolean waitsFor(Complaint complaint, String messageName) {
        return complaint.getProcessInstanceId() != null && runtimeService.createEventSubscriptionQuery()
                .processInstanceId(complaint.getProcessInstanceId())
                .eventType("message").eventName(messageName).count() > 0;
    }
}
