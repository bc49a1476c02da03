package nl.homepair.complaints.mediation;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.mail.SentMailRepository;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * The other party of a mediation (the tradesperson or client the complaint is about), as the assessment named them in
 * the case's process ({@code otherPartyEmail}).
 */
@Component
public class OtherParties {

    /** The mail step that invites the other party to the mediation. */
    static final String INVITATION = ComplaintProcess.MAIL_OTHER_PARTY_INVITATION;

    private final HistoryService historyService;
    private final SentMailRepository sentMails;

    public OtherParties(HistoryService historyService, SentMailRepository sentMails) {
        this.historyService = historyService;
        this.sentMails = sentMails;
    }

    /**
     * Whether the case's invitation to the mediation reached the other party's mail server: only then do they hear of
     * a withdrawal (a complaint withdrawn while the invitation still waited for the mail server is news they need not
     * get first through "waarover we met jou bemiddelden").
     */
    public boolean invited(DelegateExecution execution) {
        Object complaintId = execution.getVariable(ComplaintProcess.VAR_COMPLAINT_ID);
        return complaintId instanceof Long id && execution.getVariable(ComplaintProcess.VAR_OTHER_PARTY_EMAIL) != null
                && invitationLeft(id);
    }

    /**
     * Whether the case's invitation to the mediation reached the other party's mail server (see above). Not an overload
     * of {@link #invited}: an expression in a model picks a method by its name and number of arguments.
     */
    public boolean invitationLeft(Long complaintId) {
        return sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaintId).stream()
                .anyMatch(mail -> INVITATION.equals(mail.getTemplate()) && mail.isDelivered());
    }

    /**
     * The cases whose other party has this address: where their mail without a reference ("Mijn reactie op de klacht
     * over de badkamer") belongs, rather than in a new complaint with them as complainant. From the engine's history, as
     * the address may have been corrected since; oldest reference first.
     */
    public List<String> casesOf(String address) {
        return casesWith(historyService, ComplaintProcess.VAR_OTHER_PARTY_EMAIL, address);
    }

    /** Whether this address is (or was) the other party's in the case with this reference. */
    public boolean isOtherPartyOf(String reference, String address) {
        return casesOf(address).contains(reference);
    }

    /**
     * The references of the cases one of whose processes ever had this address in {@code variable} (ignoring case),
     * from the engine's history; oldest reference first. The mailbox's look-up of a mail without a reference from the
     * other party, or from the user a measure hit ({@code AffectedUserObjectionService#casesNaming}).
     */
    public static List<String> casesWith(HistoryService historyService, String variable, String address) {
        if (address == null || address.isBlank()) {
            return List.of();
        }
        Set<String> processes = historyService.createHistoricVariableInstanceQuery().variableName(variable)
                .variableValueEquals(variable, address.strip()).matchVariableValuesIgnoreCase()
                .list().stream().map(HistoricVariableInstance::getProcessInstanceId).collect(Collectors.toSet());
        if (processes.isEmpty()) {
            return List.of();
        }
        return historyService.createHistoricProcessInstanceQuery().processInstanceIds(processes).list().stream()
                .map(HistoricProcessInstance::getBusinessKey).filter(Objects::nonNull).distinct().sorted().toList();
    }
}
