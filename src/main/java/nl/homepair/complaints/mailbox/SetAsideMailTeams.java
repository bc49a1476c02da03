package nl.homepair.complaints.mailbox;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.homepair.complaints.complaint.CaseGroups;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A mail set aside for a person that names a case goes to that case's team too (R12): the model gives *E-mail handmatig
 * verwerken* to the mailbox's handlers, but with teams (a routing table that gives cases to another group) only the
 * case's own team or a team lead may act on a case for a mail whose sender nobody confirmed, or that names another case.
 * The team's members now find it in their Tasklist beside the handlers. The groups added are the case's handler groups
 * as recorded with the case; with every case in {@code handlers} (the default routing) nothing changes.
 */
@Component
public class SetAsideMailTeams {

    private final ComplaintRepository complaints;
    private final CaseGroups caseGroups;
    private final HandlerGroups handlerGroups;

    public SetAsideMailTeams(ComplaintRepository complaints, CaseGroups caseGroups, HandlerGroups handlerGroups) {
        this.complaints = complaints;
        this.caseGroups = caseGroups;
        this.handlerGroups = handlerGroups;
    }

    @EventListener(condition = "#task.eventName == 'create'")
    public void offerToTheCasesTeams(DelegateTask task) {
        if (task.getProcessDefinitionId() == null || !task.getProcessDefinitionId().startsWith(MailboxPoller.MANUAL_PROCESS_KEY + ":")) {
            return;
        }
        Set<String> groups = new TreeSet<>();
        for (String name : List.of(MailboxPoller.VAR_MAIL_CASE_REFERENCE, MailboxPoller.VAR_MAIL_ALSO_NAMED_CASE)) {
            if (task.getVariable(name) instanceof String reference) {
                complaints.findByReference(reference).ifPresent(complaint -> groups.addAll(caseGroups.of(complaint.getId())));
            }
        }
        groups.retainAll(handlerGroups.ids());
        // the engine would add a group that is a candidate already a second time
        task.getCandidates().forEach(link -> groups.remove(link.getGroupId()));
        groups.forEach(task::addCandidateGroup);
    }
}
