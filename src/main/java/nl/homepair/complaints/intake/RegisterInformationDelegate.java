package nl.homepair.complaints.intake;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.tasklist.LetterCases;
import nl.homepair.complaints.tasklist.StartFormRefusals;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The start form "Antwoord registreren" in Tasklist (R4): the answer to our request for information that came by post
 * or phone, with the same rules as by mail or REST, counted from when it was received (the assessment's deadline moves
 * by the days the case waited up to then). A refusal stops the start with its Dutch reason, which Tasklist shows;
 * nothing changes.
 */
@Component("registerInformationDelegate")
public class RegisterInformationDelegate implements JavaDelegate {

    private final LetterCases letterCases;
    private final InformationReplyService replies;

    public RegisterInformationDelegate(LetterCases letterCases, InformationReplyService replies) {
        this.letterCases = letterCases;
        this.replies = replies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String staff = Context.getCommandContext().getAuthenticatedUserId();
        StartFormRefusals.refusedAsFormError(() -> {
            Complaint complaint = letterCases.namedForComplainant(execution, "informationReference");
            Instant received = StartFormRefusals.letterReceivedAt(execution);
            if (received != null && received.isAfter(ClockUtil.getCurrentTime().toInstant())) {
                // a mistyped day (16 for 6) would move the assessment's deadline on without a word
                throw new InvalidSubmissionException(List.of(new FieldError("letterReceivedAt", "De ontvangst ligt in de"
                        + " toekomst: vul in wanneer de brief binnenkwam of het gesprek was.")));
            }
            return Context.getCommandContext().runWithoutAuthorization(() -> {
                if (!replies.waitsForInformation(complaint)) {
                    throw CaseRefused.notNow("Zaak " + complaint.getReference() + " wacht nu niet op aanvullende informatie"
                            + " (niets gevraagd, al beantwoord, of de wachttijd is voorbij). Kwam de brief of het gesprek op tijd"
                            + " binnen, geef hem dan aan je teamleider.");
                }
                Optional<Instant> asked = replies.askedAt(complaint);
                // the form's moment has minutes only: a call in the minute of the question is after it
                if (received != null && asked.isPresent() && received.isBefore(asked.get().truncatedTo(ChronoUnit.MINUTES))) {
                    // a typing error in the date: the pause would end before it began
                    throw new InvalidSubmissionException(List.of(new FieldError("letterReceivedAt",
                            "De ontvangst ligt vóór de vraag om informatie van " + DutchDates.moment(asked.get()) + ".")));
                }
                replies.reply(complaint, (String) execution.getVariable("informationText"), List.of(), staff, received);
                return null;
            });
        });
        // the answer is on the case's timeline; the registration's own history keeps no copy of it
        execution.removeVariables(List.of("informationText", "letterReceivedAt", LetterCases.SENDER_NAME));
    }
}
