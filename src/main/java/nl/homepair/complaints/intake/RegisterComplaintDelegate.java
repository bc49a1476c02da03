package nl.homepair.complaints.intake;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.tasklist.StartFormRefusals;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * The start form "Klacht registreren" in Tasklist (R3): a complaint received by post or
 * phone goes through the same checks and registration as the API's. A bad field stops
 * the start with the Dutch messages, so Tasklist shows them and nothing is stored.
 * The personal data is not kept in this helper process.
 */
@Component("registerComplaintDelegate")
public class RegisterComplaintDelegate implements JavaDelegate {

    static final List<String> FIELDS = List.of("name", "email", "role", "subject", "jobDate", "jobReference", "description",
            "attemptedResolution", "chatSummary", "receivedAt", "receivedAtConfirmed");

    private final ComplaintIntakeService intake;
    private final ComplaintRepository complaints;

    public RegisterComplaintDelegate(ComplaintIntakeService intake, ComplaintRepository complaints) {
        this.intake = intake;
        this.complaints = complaints;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ComplaintSubmission submission = new ComplaintSubmission(text(execution, "name"), text(execution, "email"),
                text(execution, "role"), text(execution, "subject"), date(text(execution, "jobDate")), text(execution, "jobReference"),
                text(execution, "description"), text(execution, "attemptedResolution"), text(execution, "chatSummary"),
                withOffset(text(execution, "receivedAt")), Boolean.TRUE.equals(execution.getVariable("receivedAtConfirmed")));
        String staff = Context.getCommandContext().getAuthenticatedUserId();
        // the handler may register complaints; the procedure's own steps run as the system
        Complaint complaint = StartFormRefusals.refusedAsFormError(() -> Context.getCommandContext()
                .runWithoutAuthorization(() -> {
                    refuseIfRegisteredBefore(submission);
                    Complaint registered = intake.submit(submission, List.of(), IntakeChannel.STAFF, staff, null, List.of(),
                            sameLetter(submission));
                    try {
                        // written now, not at the end: a colleague registering the same letter this moment holds its key
                        // (the database waits for their commit), and this form says so instead of failing at the commit
                        complaints.flush();
                    } catch (org.springframework.dao.DataIntegrityViolationException e) {
                        if (nl.homepair.complaints.diagnostics.CauseChain.causes(e).noneMatch(cause -> cause.getMessage() != null
                                && cause.getMessage().toLowerCase(Locale.ROOT).contains("intake_key"))) {
                            throw e; // not the letter's key: a fault, not a colleague
                        }
                        throw new InvalidSubmissionException(List.of(new FieldError("description", "Deze brief is zojuist"
                                + " door een collega geregistreerd; registreer hem niet nog een keer. Zoek de zaak op het"
                                + " e-mailadres in het overzicht.")));
                    }
                    return registered;
                }));
        execution.removeVariables(FIELDS);
        execution.setVariable("registeredReference", complaint.getReference());
    }

    /**
     * The same letter typed in twice (two handlers, or a registration sent again after a slow answer) would be two
     * cases, two acknowledgements and two assessments: the same address with the same text is refused, naming the
     * case it already is. Another complaint from that address has another text.
     */
    private void refuseIfRegisteredBefore(ComplaintSubmission submission) {
        if (submission.email() == null || submission.email().isBlank() || submission.description() == null) {
            return; // the validator names what is missing
        }
        String text = sameText(submission.description());
        complaints.findByEmailIgnoreCaseOrderByReceivedAt(submission.email().strip()).stream()
                .filter(earlier -> earlier.getAnonymisedAt() == null && sameText(earlier.getDescription()).equals(text))
                .findFirst()
                .ifPresent(earlier -> {
                    throw new InvalidSubmissionException(List.of(new FieldError("description", "Deze klacht is al "
                            + "geregistreerd als " + earlier.getReference() + " (ontvangen " + DutchDates.day(earlier.getReceivedAt())
                            + ")" + (earlier.getStatus() == ComplaintStatus.CLOSED ? closedAgain(earlier)
                            : "; registreer haar niet nog een keer. Voeg iets nieuws toe aan die zaak."))));
                });
        // the same letter typed in again because the address had a typo: a second case, acknowledgement and assessment
        // beside the first, which only a withdrawal could end (mailing the wrong address once more)
        if (submission.name() != null && !submission.name().isBlank()) {
            complaints.findByNameIgnoreCaseOrderByReceivedAt(submission.name().strip()).stream()
                    .filter(earlier -> earlier.getAnonymisedAt() == null && sameText(earlier.getDescription()).equals(text))
                    .findFirst()
                    .ifPresent(earlier -> {
                        throw new InvalidSubmissionException(List.of(new FieldError("email", "Deze klacht van "
                                + submission.name().strip() + " is al geregistreerd als " + earlier.getReference()
                                + ", met een ander e-mailadres" + (earlier.getStatus() == ComplaintStatus.CLOSED
                                ? closedAgain(earlier)
                                : ". Was dat adres verkeerd, corrigeer het dan op de zaakpagina (E-mailadres van de klager);"
                                + " registreer de klacht niet nog een keer."))));
                    });
        }
    }

    /**
     * The earlier registration is closed (withdrawn or closed as incomplete by mistake, "geen klacht" at triage, its mails
     * to a wrong address, an agreement in the mediation not kept): nothing can be added to it or corrected there any more,
     * and the triage form itself says to register such a complaint again. A line on top makes the text another (and says
     * why); the case page names the closed case among the complainant's other cases. Not a decided case (disagreement is
     * an objection, R9) nor a duplicate (the complaint goes on under another case).
     */
    private static String closedAgain(Complaint earlier) {
        String closed = ", en die zaak is afgesloten (" + (earlier.getOutcome() == null ? "afgesloten"
                : earlier.getOutcome().label().toLowerCase(java.util.Locale.ROOT)) + ").";
        if (earlier.getOutcome() == nl.homepair.complaints.complaint.CaseOutcome.DUPLICATE) {
            // the complaint goes on under the open case it was a second registration of
            return closed + " De klacht liep verder onder de zaak die op de zaakpagina van " + earlier.getReference()
                    + " staat: is die nog open, voeg daar iets nieuws toe; is ook die zonder besluit gesloten, zet dan bovenaan"
                    + " de omschrijving een regel waarom ('Opnieuw geregistreerd: ...') en registreer haar zo.";
        }
        if (earlier.getDecidedAt() != null) {
            // decided (or declared inadmissible): disagreement is an objection, within its window (R9)
            return closed + " Over die klacht is besloten; registreer haar niet nog een keer. Is de klager het niet eens met de"
                    + " afhandeling, dan wijst de laatste e-mail van de zaak de weg naar onafhankelijke geschiloplossing.";
        }
        return closed + " Moet de klacht toch (opnieuw) behandeld worden, zet dan bovenaan de omschrijving een regel waarom,"
                + " bijvoorbeeld 'Opnieuw geregistreerd: zaak " + earlier.getReference() + " werd ten onrechte gesloten.', en"
                + " registreer haar zo.";
    }

    /**
     * The same letter as a key the database keeps unique (the complaint's intake key, cleared when its data go): two
     * handlers who type it in at the same moment both pass {@link #refuseIfRegisteredBefore}, and the second one's
     * registration then fails on the key instead of making a second case; sent again, it names the first. The key
     * starts with a character no Camunda user id has, so it never meets a caller's {@code Idempotency-Key}.
     */
    static IdempotentIntake.Request sameLetter(ComplaintSubmission submission) {
        if (submission.email() == null || submission.email().isBlank() || submission.description() == null) {
            return null;
        }
        String hash = nl.homepair.complaints.text.Sha256.hex(submission.email().strip().toLowerCase(Locale.ROOT) + "\n"
                + sameText(submission.description()));
        return new IdempotentIntake.Request("#letter:" + hash, hash);
    }

    private static String sameText(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }

    /**
     * The form's date-time field as a moment with its offset, for the validator: sent with or
     * without one ({@link DutchDates#parseMoment}); anything else is left for the validator to name.
     */
    static String withOffset(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        try {
            return OffsetDateTime.ofInstant(DutchDates.parseMoment(value), DutchDates.ZONE).toString();
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    /** A date field may arrive as "2026-04-20" or as a full timestamp. */
    private static String date(String value) {
        return value == null || value.length() <= 10 ? value : value.substring(0, 10);
    }

}
