package nl.homepair.complaints.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ReferenceNumbers;
import nl.homepair.complaints.tasklist.StartFormRefusals;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * The start form "Bezwaar registreren" in Tasklist (R9): an objection received by post
 * or phone, with the same rules as by mail or REST. A refusal stops the start with its
 * Dutch reason, which Tasklist shows; nothing changes.
 */
@Component("registerObjectionDelegate")
public class RegisterObjectionDelegate implements JavaDelegate {

    private final ComplaintRepository complaints;
    private final ObjectionService objections;
    private final AffectedUserObjectionService affectedUsers;

    private final CaseAccess access;

    public RegisterObjectionDelegate(ComplaintRepository complaints, ObjectionService objections,
                                     AffectedUserObjectionService affectedUsers, CaseAccess access) {
        this.access = access;
        this.affectedUsers = affectedUsers;
        this.complaints = complaints;
        this.objections = objections;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String typed = String.valueOf(execution.getVariable("objectionReference")).strip();
        // as the mailbox reads a reference: "KL 2026 123", "kl2026000123", an en dash
        String reference = ReferenceNumbers.findIn(typed).orElse(typed.toUpperCase(Locale.ROOT));
        String staff = Context.getCommandContext().getAuthenticatedUserId();
        StartFormRefusals.refusedAsFormError(() -> {
            Complaint complaint = complaints.findByReference(reference)
                    .orElseThrow(() -> CaseRefused.notFound("Er is geen klacht met referentie " + reference + "."));
            // a handler registers letters for the cases their team handles, as on the case page (R12)
            if (staff != null && !access.staffMayAct(complaint)) {
                throw CaseRefused.notAllowed(CaseAccess.OTHER_TEAM + " Geef de brief aan een teamleider.");
            }
            Instant received = StartFormRefusals.letterReceivedAt(execution);
            // a letter is dated by the day: one of the day of the decision is in time
            if (received != null && complaint.getDecidedAt() != null && received.atZone(DutchDates.ZONE).toLocalDate()
                    .isBefore(complaint.getDecidedAt().atZone(DutchDates.ZONE).toLocalDate())) {
                throw new InvalidSubmissionException(List.of(new FieldError("letterReceivedAt",
                        "De ontvangstdatum ligt vóór het besluit van " + DutchDates.day(complaint.getDecidedAt()) + ".")));
            }
            return Context.getCommandContext().runWithoutAuthorization(() -> {
                String motivation = (String) execution.getVariable("objectionMotivationText");
                if ("AFFECTED_USER".equals(execution.getVariable("objector"))) {
                    affectedUsers.object(complaint, motivation, staff, received);
                } else {
                    objections.object(complaint, motivation, staff, received);
                }
                return null;
            });
        });
        execution.removeVariables(List.of("objectionMotivationText", "letterReceivedAt"));
    }
}
