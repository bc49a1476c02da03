package nl.homepair.complaints.intake;

import java.time.Instant;
import java.util.Date;
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
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * The start form "Antwoord registreren" in Tasklist (R4): the answer to our request for information that came by post
 * or phone, with the same rules as by mail or REST, counted from when it was received (the assessment's deadline moves
 * by the days the case waited up to then). A refusal stops the start with its Dutch reason, which Tasklist shows;
 * nothing changes.
 */
@Component("registerInformationDelegate")
public class RegisterInformationDelegate implements JavaDelegate {

    private final ComplaintRepository complaints;
    private final InformationReplyService replies;
    private final CaseAccess access;
    private final RuntimeService runtimeService;

    public RegisterInformationDelegate(ComplaintRepository complaints, InformationReplyService replies, CaseAccess access,
                                       RuntimeService runtimeService) {
        this.complaints = complaints;
        this.replies = replies;
        this.access = access;
        this.runtimeService = runtimeService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String typed = String.valueOf(execution.getVariable("informationReference")).strip();
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
            return Context.getCommandContext().runWithoutAuthorization(() -> {
                if (received != null && replies.waitsForInformation(complaint)
                        && runtimeService.getVariable(complaint.getProcessInstanceId(), "informationRequestedAt") instanceof Date asked
                        && received.isBefore(asked.toInstant())) {
                    // a typing error in the date: the pause would end before it began
                    throw new InvalidSubmissionException(List.of(new FieldError("letterReceivedAt",
                            "De ontvangst ligt vóór de vraag om informatie van " + DutchDates.moment(asked.toInstant()) + ".")));
                }
                replies.reply(complaint, (String) execution.getVariable("informationText"), List.of(), staff, received);
                return null;
            });
        });
        // the answer is on the case's timeline; the registration's own history keeps no copy of it
        execution.removeVariables(List.of("informationText", "letterReceivedAt"));
    }
}
