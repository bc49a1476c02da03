package nl.homepair.complaints.escalation;

import java.time.Instant;
import java.util.List;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.tasklist.LetterCases;
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

    private final LetterCases letterCases;
    private final ObjectionService objections;
    private final AffectedUserObjectionService affectedUsers;

    public RegisterObjectionDelegate(LetterCases letterCases, ObjectionService objections,
                                     AffectedUserObjectionService affectedUsers) {
        this.letterCases = letterCases;
        this.affectedUsers = affectedUsers;
        this.objections = objections;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String staff = Context.getCommandContext().getAuthenticatedUserId();
        StartFormRefusals.refusedAsFormError(() -> {
            // the affected user's name is not on the case: their objection is checked against the decision's measure
            Complaint complaint = "AFFECTED_USER".equals(execution.getVariable("objector"))
                    ? letterCases.named(execution, "objectionReference") : letterCases.namedForComplainant(execution, "objectionReference");
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
        execution.removeVariables(List.of("objectionMotivationText", "letterReceivedAt", LetterCases.SENDER_NAME));
    }
}
