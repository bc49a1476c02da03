package nl.homepair.complaints.tasklist;

import java.util.List;
import java.util.Locale;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ReferenceNumbers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/** The case a registration start form (a letter's objection or answer) names, as the handler typed its reference. */
@Component
public class LetterCases {

    private final ComplaintRepository complaints;
    private final CaseAccess access;

    public LetterCases(ComplaintRepository complaints, CaseAccess access) {
        this.complaints = complaints;
        this.access = access;
    }

    /**
     * The case whose reference is in the form's field {@code field}, read as the mailbox reads one ("KL 2026 123",
     * "kl2026000123", an en dash); refused when there is none, or when the signed-in handler's team does not handle it
     * (R12: a handler registers letters for the cases their team handles, as on the case page). Called inside
     * {@link StartFormRefusals#refusedAsFormError}, which shows the refusal beside the form.
     */
    public Complaint named(DelegateExecution execution, String field) {
        String typed = String.valueOf(execution.getVariable(field)).strip();
        String reference = ReferenceNumbers.findIn(typed).orElse(typed.toUpperCase(Locale.ROOT));
        Complaint complaint = complaints.findByReference(reference)
                .orElseThrow(() -> CaseRefused.notFound("Er is geen klacht met referentie " + reference + "."));
        if (Context.getCommandContext().getAuthenticatedUserId() != null && !access.staffMayAct(complaint)) {
            throw CaseRefused.notAllowed(CaseAccess.OTHER_TEAM + " Geef de brief aan een teamleider.");
        }
        return complaint;
    }

    /** The start forms' field for whose name is on the letter or was heard on the phone. */
    public static final String SENDER_NAME = "letterSenderName";

    /**
     * {@link #named}, and the sender's name the handler typed ({@link #SENDER_NAME}) checked against the complainant's: a
     * reference typed with one digit wrong names another complainant's case, whose objection window or wait for an
     * answer would then be used up by a stranger's letter, and who would be mailed about it. A form without the field (a
     * manager's older copy) is not checked; the refusal does not show the case's name.
     */
    public Complaint namedForComplainant(DelegateExecution execution, String field) {
        Complaint complaint = named(execution, field);
        Object typed = execution.getVariable(SENDER_NAME);
        // an erased case's name is gone: the service's own refusal says so
        if (complaint.getAnonymisedAt() == null && typed instanceof String name
                && !nl.homepair.complaints.text.PersonNames.mayBe(name, complaint.getName())) {
            throw new nl.homepair.complaints.web.InvalidSubmissionException(List.of(new nl.homepair.complaints.web.FieldError(
                    SENDER_NAME, "Deze naam past niet bij de klager van " + complaint.getReference() + ". Controleer het"
                    + " referentienummer en de naam (de achternaam is genoeg).")));
        }
        return complaint;
    }
}
