package nl.homepair.complaints.webform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.intake.IntakeProperties;
import nl.homepair.complaints.intake.SubmissionValidator;
import nl.homepair.complaints.mail.MailProperties;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/** Builds the pages of the web form, for the controller and for upload failures alike. */
@Component
class WebFormPages {

    static final String FORM = "webform/klacht";
    static final String RECEIVED = "webform/ontvangen";

    private static final ZoneId ZONE = DutchDates.ZONE;
    private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");

    private final IntakeProperties limits;
    private final MailProperties mail;
    private final FormTokens tokens;

    WebFormPages(IntakeProperties limits, MailProperties mail, FormTokens tokens) {
        this.limits = limits;
        this.mail = mail;
        this.tokens = tokens;
    }

    /** A link from the error summary to the field it is about. */
    record ErrorLink(String target, String message) {
    }

    /** What the form tells the complainant about limits, from {@code homepair.intake.*}. */
    record Limits(int maxFiles, long maxFileMegabytes, String fileTypes, String accept, int maxTextLength,
                  String maxTextLengthText, int nameMax, int jobReferenceMax, String today) {
    }

    /**
     * The form, filled with what was typed.
     *
     * @param errors            the validator's messages; empty on first view
     * @param problem           a message about the whole submission (upload failure, outage), or null
     * @param filesChosenBefore whether files were sent that the browser will not send again
     */
    ModelAndView form(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ComplaintForm values,
                      List<FieldError> errors, String problem, boolean filesChosenBefore) {
        ComplaintForm typed = values == null ? ComplaintForm.EMPTY : values;
        ModelAndView page = page(FORM, request, response, status, typed, errors, problem, filesChosenBefore, field -> switch (field) {
            case "name" -> new Typed("Volledige naam", typed.name());
            case "jobReference" -> new Typed("Referentie van de opdracht", typed.jobReference());
            case "description" -> new Typed("Omschrijving van je klacht", typed.description());
            case "attemptedResolution" -> new Typed("Wat heb je al geprobeerd?", typed.attemptedResolution());
            case "chatSummary" -> new Typed("Samenvatting van het gesprek in de HomePair-chat", typed.chatSummary());
            default -> null;
        });
        page.addObject("roles", ComplainantRole.values());
        page.addObject("subjects", ComplaintSubject.values());
        return page;
    }

    ModelAndView received() {
        return received(RECEIVED);
    }

    /** The form for a message about an existing complaint ({@link CaseMessageController}), filled with what was typed. */
    ModelAndView messageForm(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                             CaseMessageController.CaseMessage values, List<FieldError> errors, String problem,
                             boolean filesChosenBefore) {
        ModelAndView page = page(CaseMessageController.PAGE, request, response, status, values, errors, problem, filesChosenBefore,
                field -> field.equals("message") && values != null ? new Typed("Je bericht", values.message()) : null);
        page.addObject("messageMaxText", nl.homepair.complaints.text.DutchNumbers.of(CaseMessageController.MESSAGE_MAX));
        return page;
    }

    /** A text field of a form: its label, and what was typed in it. */
    private record Typed(String label, String text) {
    }

    /** What both forms show: what was typed, each message beside its field and in the summary, a fresh token, the limits. */
    private ModelAndView page(String view, HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                              Object values, List<FieldError> errors, String problem, boolean filesChosenBefore,
                              java.util.function.Function<String, Typed> typedIn) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<ErrorLink> summary = new ArrayList<>();
        for (FieldError error : errors) {
            String field = error.field().startsWith("evidence") ? "evidence" : error.field();
            String message = switch (field) {
                // the validator names the API's codes; on the form there are only the options shown
                case "role" -> "Kies wie je bent.";
                case "subject" -> "Kies waar je klacht over gaat.";
                default -> withPlace(error.message(), typedIn.apply(field));
            };
            byField.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
            summary.add(new ErrorLink(target(field), message));
        }
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("form", values);
        page.addObject("errors", byField);
        page.addObject("errorSummary", summary);
        page.addObject("problem", problem);
        page.addObject("chooseFilesAgain", filesChosenBefore && (!errors.isEmpty() || problem != null));
        page.addObject("csrfToken", tokens.issue(request, response));
        page.addObject("csrfField", FormTokens.FIELD);
        page.addObject("limits", limits());
        page.addObject("contactAddress", mail.contactAddress());
        return page;
    }

    /**
     * "Dit veld bevat tekens …" names the field (the summary lists several) and where the first such character is: it
     * cannot be seen, nor heard by a screen reader, in a text pasted from a document.
     */
    private static String withPlace(String message, Typed typed) {
        if (typed == null || typed.text() == null) {
            return message;
        }
        int at = message.equals(PlainText.REFUSAL) ? PlainText.firstNotPlain(typed.text())
                : message.equals(SubmissionValidator.INVISIBLE_REFUSAL) ? firstInvisible(typed.text()) : -1;
        if (at < 0) {
            return message;
        }
        String place = PlainText.placeOf(typed.text(), at);
        return message.equals(PlainText.REFUSAL)
                ? "Het veld ‘" + typed.label() + "’ bevat tekens die niet in tekst horen (zoals stuurtekens), het eerste "
                        + place + ". Verwijder ze, of typ dat stuk opnieuw."
                : "Het veld ‘" + typed.label() + "’ bevat onzichtbare tekens (zoals tekens die de leesrichting omdraaien), "
                        + "het eerste " + place + ". Typ het opnieuw.";
    }

    private static int firstInvisible(String text) {
        java.util.regex.Matcher invisible = SubmissionValidator.INVISIBLE.matcher(text);
        return invisible.find() ? invisible.start() : -1;
    }

    /** Where a complainant mails us: named where the form cannot take their complaint now. */
    String contactAddress() {
        return mail.contactAddress();
    }

    ModelAndView messageReceived() {
        return received(CaseMessageController.RECEIVED);
    }

    /**
     * The confirmation, shown as the answer itself instead of after a redirect: for a message sent again after the
     * connection's limit, which begins no session (the limit bounds sessions) and was stored the first time.
     */
    ModelAndView messageReceivedBefore(String reference, java.time.Instant first) {
        ModelAndView page = messageReceived();
        page.addObject("reference", reference);
        page.addObject("received", nl.homepair.complaints.text.DutchDates.moment(first));
        return page;
    }

    /** A confirmation page: what was sent is in the flash attributes; the page names the contact address. */
    private ModelAndView received(String view) {
        ModelAndView page = new ModelAndView(view);
        page.addObject("contactAddress", mail.contactAddress());
        return page;
    }

    /** After a refusal by the rate limit: the Retry-After header, and "over N minuten" for the page. */
    static String afterWait(HttpServletResponse response, java.time.Duration wait) {
        response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        if (minutes > 90) {
            long hours = (minutes + 59) / 60;
            return "over " + hours + " uur";
        }
        return "over " + minutes + (minutes == 1 ? " minuut" : " minuten");
    }

    private Limits limits() {
        List<String> types = limits.allowedTypes().stream()
                .map(t -> t.substring(t.indexOf('/') + 1).toUpperCase(Locale.ROOT)).toList();
        String fileTypes = types.size() == 1 ? types.get(0)
                : String.join(", ", types.subList(0, types.size() - 1)) + " of " + types.get(types.size() - 1);
        return new Limits(limits.maxFiles(), limits.maxFileSize().toMegabytes(), fileTypes,
                String.join(",", limits.allowedTypes()), limits.maxTextLength(),
                nl.homepair.complaints.text.DutchNumbers.of(limits.maxTextLength()), Complaint.NAME_MAX, Complaint.JOB_REFERENCE_MAX,
                ClockUtil.getCurrentTime().toInstant().atZone(ZONE).toLocalDate().toString());
    }

    private static String target(String field) {
        return switch (field) {
            case "role" -> "role-" + ComplainantRole.values()[0].name();
            case "subject" -> "subject-" + ComplaintSubject.values()[0].name();
            default -> field;
        };
    }
}
