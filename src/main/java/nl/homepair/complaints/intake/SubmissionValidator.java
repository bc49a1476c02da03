package nl.homepair.complaints.intake;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.mail.EmailAddresses;
import nl.homepair.complaints.mail.MailProperties;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.DutchNumbers;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.springframework.stereotype.Component;

/**
 * Checks a submission field by field (R2) and says in Dutch what is wrong with each bad
 * field, so that the complainant can fix all of them at once.
 */
@Component
public class SubmissionValidator {

    private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]");

    /**
     * A web address or an e-mail address where a name belongs: the acknowledgement greets the complainant with it
     * and goes to whatever address was typed, so "Uw account is geblokkeerd, log in op https://..." as a name would
     * make HomePair send a stranger a phishing link under its own name. No real name holds one.
     */
    private static final Pattern ADDRESS_IN_NAME = Pattern.compile("(?iu)(://|\\bwww\\.|@)");
    /** A host name ("homepair-login.com"): a word, a dot and letters; its first word is checked against {@link #TITLES}. */
    private static final Pattern HOST_IN_NAME = Pattern.compile("(?iu)\\b([\\p{L}\\d-]{2,})\\.(\\p{L}{2,})\\b");
    /**
     * What a Dutch name writes with a dot and no space before a word: titles written together ("dr.ir. P. de Vries",
     * "mr.drs. A. Bakker", "ing.J. Smit") and abbreviated first names ("J.Th.de Groot", "Chr.van Dijk"). Each looks
     * like a host name ("dr.ir", "Th.de") and is none.
     */
    private static final java.util.Set<String> TITLES = java.util.Set.of("dr", "drs", "ir", "ing", "mr", "prof", "ds", "bc",
            "dhr", "mw", "mevr", "jhr", "jkvr", "th", "chr", "ph", "joh", "jac", "wm", "fr", "st", "jr", "sr", "ma", "msc",
            "bsc", "ba", "mba", "llm", "phd", "kand", "lic",
            // and the abbreviations of a job's reference or a firm's name: "Ref.nr. 12345", "Kenm. AB/123", "Gebr. Jansen"
            "ref", "nr", "kenm", "opdr", "fact", "gebr", "fa", "wed", "zn");
    /** Words joined by dots, with the dot after the last if there is one: "prof.dr.ir.", "J.Th.de". */
    private static final Pattern DOTTED_WORDS = Pattern.compile("(?:\\p{L}+\\.)+\\p{L}*");
    /** What follows a title or an abbreviated first name in a Dutch name: another title, or a particle ("J.Th.de Groot"). */
    private static final java.util.Set<String> PARTICLES = java.util.Set.of("de", "van", "der", "den", "ten", "ter", "het",
            "te", "la", "le", "du", "di", "da", "op", "in", "'t");
    /** A telephone number ("Bel 0900-1234567 om te ontgrendelen"): five digits or more; a name has fewer. */
    private static final Pattern NUMBER_IN_NAME = Pattern.compile("(\\d\\D{0,2}){5,}");
    /**
     * Characters that change how a line reads without being seen: bidirectional overrides ("‮moc.nigol" shows as
     * "login.com"), zero-width spaces and joiners. A name or a reference that is shown in a mail has no use for them.
     */
    public static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}");
    /** An emoji or other pictured symbol. */
    private static final Pattern SYMBOL = Pattern.compile("\\p{So}");
    private static final ZoneId ZONE = DutchDates.ZONE;

    public static final String INVISIBLE_REFUSAL = "Dit veld bevat onzichtbare tekens (zoals tekens die de leesrichting omdraaien);"
            + " typ het opnieuw.";

    private final IntakeProperties limits;
    private final MailProperties mail;

    /** A web or mail address, also in look-alike characters ("homepair-login．com" with a full-width dot). */
    private static boolean addressIn(String text) {
        return hostIn(text) != null;
    }

    /** What in {@code text} reads as a web or e-mail address ("nr.WB", "login.homepair"), or null. */
    private static String hostIn(String text) {
        String normalised = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
        java.util.regex.Matcher address = ADDRESS_IN_NAME.matcher(normalised);
        if (address.find()) {
            return address.group();
        }
        java.util.regex.Matcher host = HOST_IN_NAME.matcher(normalised);
        int from = 0;
        while (host.find(from)) {
            if (!titleInAName(normalised, host)) {
                return host.group();
            }
            from = host.end(1) + 1; // after the title's dot: "ing.homepairlogin.com" is still a host name
        }
        return null;
    }

    /** Which part was taken for an address, and how to write an abbreviation so that it is not: "nr.WB-88" → "nr. WB-88". */
    private static String whichPart(String text) {
        String host = hostIn(text);
        return host == null || host.length() < 4 ? "" : " (\"" + host + "\" lijkt een webadres; is het een afkorting, zet dan"
                + " een spatie na de punt)";
    }

    /**
     * "dr.ir. P.", "mr.drs. A.", "J.Th.de Groot": a title followed by a title or a particle, and then a space or the end
     * (after a dot of its own or none). "mr.top", "ing.top/herstel" and "prof.dr.com" are host names.
     */
    private static boolean titleInAName(String text, java.util.regex.Matcher host) {
        java.util.regex.Matcher chain = DOTTED_WORDS.matcher(text).region(host.start(), text.length());
        if (!chain.lookingAt()) {
            return false;
        }
        // every word of the chain a title or particle ("prof.dr.ir."), the last one may be an initial ("dr.ir.J.")
        String[] words = chain.group().split("\\.");
        for (int i = 0; i < words.length; i++) {
            String word = words[i].toLowerCase(java.util.Locale.ROOT);
            boolean initial = i == words.length - 1 && i > 0 && word.length() == 1;
            if (!TITLES.contains(word) && !(i > 0 && PARTICLES.contains(word)) && !initial) {
                return false;
            }
        }
        int next = chain.end();
        return next >= text.length() || Character.isWhitespace(text.charAt(next));
    }

    public SubmissionValidator(IntakeProperties limits, MailProperties mail) {
        this.limits = limits;
        this.mail = mail;
    }

    /** A checked submission, ready to be registered. */
    public record ValidSubmission(String name, String email, ComplainantRole role, ComplaintSubject subject,
                                  LocalDate jobDate, String jobReference, String description,
                                  String attemptedResolution, String chatSummary, Instant receivedAt,
                                  List<CheckedEvidence> evidence) {
    }

    /** An evidence file whose type was recognised from its content. */
    public record CheckedEvidence(String fileName, String contentType, byte[] content) {
    }

    /**
     * @param channel decides what is allowed: a given moment of receipt, missing role and subject
     * @param now     the current time, the moment of receipt unless the submission may name one
     */
    public ValidSubmission validate(ComplaintSubmission s, List<EvidenceUpload> uploads, IntakeChannel channel, Instant now) {
        boolean requireClassification = channel.classificationRequired();
        if (s == null) {
            throw new InvalidSubmissionException(List.of(new FieldError("complaint", "De klacht ontbreekt.")));
        }
        List<FieldError> errors = new ArrayList<>();

        String name = trimmed(s.name());
        if (name == null) {
            errors.add(new FieldError("name", "Vul je volledige naam in."));
        } else if (name.length() > Complaint.NAME_MAX) {
            errors.add(new FieldError("name", "Je naam mag hoogstens " + Complaint.NAME_MAX + " tekens lang zijn."));
        } else if (LINE_BREAK.matcher(name).find()) {
            errors.add(new FieldError("name", "Je naam mag geen regeleinden bevatten."));
        } else if (!PlainText.isPlain(name)) {
            errors.add(new FieldError("name", PlainText.REFUSAL));
        } else if (INVISIBLE.matcher(name).find()) {
            // "Sanne 👩‍🔧": a joined emoji holds an invisible joiner; typing it again would meet the same answer
            errors.add(new FieldError("name", SYMBOL.matcher(name).find() ? "Je naam bevat een emoji die uit meerdere tekens"
                    + " bestaat (met een onzichtbaar verbindingsteken); laat de emoji weg." : INVISIBLE_REFUSAL));
        } else if (channel != IntakeChannel.MAILBOX && (addressIn(name) || NUMBER_IN_NAME.matcher(name).find())) {
            // a mail's name is its sender's display name, or its address; such a case is triaged before any answer
            errors.add(new FieldError("name", "Vul bij naam alleen je naam in, zonder webadres, e-mailadres of telefoonnummer"
                    + whichPart(name) + "."));
        }

        String email = trimmed(s.email());
        // a handler registering a letter or a call reads these about the complainant, not about themselves
        boolean staff = channel == IntakeChannel.STAFF;
        if (email == null) {
            errors.add(new FieldError("email", staff ? "Vul het e-mailadres van de klager in." : "Vul je e-mailadres in."));
        } else if (!EmailAddresses.isValid(email)) {
            errors.add(new FieldError("email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."));
        } else if (email.equalsIgnoreCase(mail.contactAddress())) {
            // our own mailbox as a complainant's address would make every mail to the complainant a new mail to us
            errors.add(new FieldError("email", staff ? "Vul het e-mailadres van de klager in, niet dat van HomePair: de berichten"
                    + " over de klacht gaan naar dit adres." : "Vul je eigen e-mailadres in, niet dat van HomePair."));
        }

        ComplainantRole role = parseEnum(ComplainantRole.class, s.role()).orElse(null);
        if (role == null && (requireClassification || s.role() != null)) {
            errors.add(new FieldError("role", "Kies wie je bent: " + options(ComplainantRole.values()) + "."));
        }
        ComplaintSubject subject = parseEnum(ComplaintSubject.class, s.subject()).orElse(null);
        if (subject == null && (requireClassification || s.subject() != null)) {
            errors.add(new FieldError("subject", "Kies waar je klacht over gaat: " + options(ComplaintSubject.values()) + "."));
        }

        LocalDate jobDate = null;
        if (trimmed(s.jobDate()) != null) {
            try {
                jobDate = LocalDate.parse(s.jobDate().trim());
                if (jobDate.isAfter(now.atZone(ZONE).toLocalDate())) {
                    errors.add(new FieldError("jobDate", "De datum van de opdracht ligt in de toekomst."));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("jobDate", "Vul de datum van de opdracht in als JJJJ-MM-DD, bijvoorbeeld 2026-04-24."));
            }
        }

        String jobReference = trimmed(s.jobReference());
        if (jobReference != null && (jobReference.length() > Complaint.JOB_REFERENCE_MAX || LINE_BREAK.matcher(jobReference).find())) {
            errors.add(new FieldError("jobReference", "De referentie van de opdracht mag hoogstens "
                    + Complaint.JOB_REFERENCE_MAX + " tekens op één regel zijn."));
        } else if (!PlainText.isPlain(jobReference)) {
            errors.add(new FieldError("jobReference", PlainText.REFUSAL));
        } else if (jobReference != null && INVISIBLE.matcher(jobReference).find()) {
            errors.add(new FieldError("jobReference", INVISIBLE_REFUSAL));
        } else if (jobReference != null && addressIn(jobReference)) {
            // the reference is quoted in the mails to the other party: no link in HomePair's name
            errors.add(new FieldError("jobReference", "Vul bij de referentie van de opdracht alleen het opdrachtnummer in,"
                    + " zonder webadres of e-mailadres" + whichPart(jobReference) + "."));
        }

        String description = typedText(s.description());
        if (description == null) {
            errors.add(new FieldError("description", "Beschrijf je klacht."));
        } else {
            checkLength("description", "De omschrijving", description, errors);
        }
        String attempted = typedText(s.attemptedResolution());
        checkLength("attemptedResolution", "Wat je al hebt geprobeerd", attempted, errors);
        String chatSummary = typedText(s.chatSummary());
        checkLength("chatSummary", "De samenvatting van het chatgesprek", chatSummary, errors);

        Instant receivedAt = now;
        if (trimmed(s.receivedAt()) != null) {
            if (!channel.receiptMayBeGiven()) {
                errors.add(new FieldError("receivedAt", "Alleen medewerkers van HomePair kunnen de ontvangstdatum opgeven."));
            } else {
                try {
                    receivedAt = OffsetDateTime.parse(s.receivedAt().trim()).toInstant();
                    if (receivedAt.isAfter(now)) {
                        errors.add(new FieldError("receivedAt", "De ontvangstdatum ligt in de toekomst."));
                    } else if (receivedAt.isBefore(now.minus(Duration.ofDays(limits.receiptConfirmAfterDays())))
                            && !Boolean.TRUE.equals(s.receivedAtConfirmed())) {
                        errors.add(new FieldError("receivedAt", "De ontvangstdatum, " + DutchDates.day(receivedAt)
                                + ", ligt meer dan " + limits.receiptConfirmAfterDays() + " dagen terug: klopt het jaartal? "
                                + "Kwam de brief of het telefoongesprek echt toen binnen, bevestig dat dan met "
                                + "„De ontvangstdatum klopt”; de termijnen tellen vanaf die datum."));
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError("receivedAt",
                            "Geef de ontvangstdatum op als tijdstip met tijdzone, bijvoorbeeld 2026-04-24T10:00:00+02:00."));
                }
            }
        }

        List<CheckedEvidence> evidence = checkEvidence(uploads == null ? List.of() : uploads, errors);

        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }
        return new ValidSubmission(name, email, role, subject, jobDate, jobReference, description, attempted,
                chatSummary, receivedAt, evidence);
    }

    /** How many files a case still takes ({@code homepair.intake.max-files-per-case}); never below 0. */
    public int roomOnCase(Complaint complaint) {
        return Math.max(0, limits.maxFilesPerCase() - complaint.getEvidence().size());
    }

    /** The most files a case holds (R2: evidence is size-limited, a case is no file store). */
    public int maxFilesPerCase() {
        return limits.maxFilesPerCase();
    }

    /**
     * Evidence for a case that exists: checked as {@link #checkEvidence}, and refused as a whole when it would take the
     * case past {@code max-files-per-case}.
     */
    public List<CheckedEvidence> checkEvidenceFor(Complaint complaint, List<EvidenceUpload> uploads, List<FieldError> errors) {
        List<CheckedEvidence> evidence = checkEvidence(uploads, errors);
        checkRoom(complaint, evidence, errors);
        return evidence;
    }

    /** Whether the case has room for these (checked) files beside the evidence it holds. */
    public void checkRoom(Complaint complaint, List<CheckedEvidence> evidence, List<FieldError> errors) {
        int room = roomOnCase(complaint);
        if (evidence.size() > room) {
            errors.add(new FieldError("evidence", "Er kunnen nog " + room + " bestanden bij: een zaak heeft hoogstens "
                    + maxFilesPerCase() + " bewijsstukken. Stuur alleen wat nog ontbreekt."));
        }
    }

    /** Checks evidence files alone: count, size and type by content. */
    public List<CheckedEvidence> checkEvidence(List<EvidenceUpload> uploads, List<FieldError> errors) {
        if (uploads.size() > limits.maxFiles()) {
            errors.add(new FieldError("evidence", "Je kunt hoogstens " + limits.maxFiles() + " bestanden meesturen."));
            return List.of();
        }
        List<CheckedEvidence> checked = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            EvidenceUpload upload = uploads.get(i);
            String field = "evidence[" + i + "]";
            String fileName = safeFileName(upload.fileName());
            byte[] content = upload.content() == null ? new byte[0] : upload.content();
            if (content.length == 0) {
                errors.add(new FieldError(field, "Het bestand \"" + fileName + "\" is leeg."));
            } else if (FileTypes.isVideo(content)) {
                // before the size: a smaller video would only meet "geen afbeelding" next
                errors.add(new FieldError(field, "Het bestand \"" + fileName + "\" is een video; video's kunnen we niet"
                        + " ontvangen. Stuur foto's of schermafbeeldingen (PNG, JPEG, GIF of WEBP) of een PDF."));
            } else if (content.length > limits.maxFileSize().toBytes()) {
                errors.add(new FieldError(field, "Het bestand \"" + fileName + "\" is groter dan "
                        + limits.maxFileSize().toMegabytes() + " MB."));
            } else {
                Optional<String> type = FileTypes.detect(content).filter(limits.allowedTypes()::contains);
                if (type.isEmpty() && FileTypes.isHeif(content)) {
                    errors.add(new FieldError(field, "Het bestand \"" + fileName + "\" is een foto in HEIC-formaat, dat we"
                            + " niet kunnen openen. Stuur de foto als JPEG (op een iPhone: Instellingen > Camera > Formaten >"
                            + " Meest compatibel), of maak een schermafbeelding van de foto en stuur die mee."));
                } else if (type.isEmpty()) {
                    errors.add(new FieldError(field, "Het bestand \"" + fileName
                            + "\" is geen afbeelding (PNG, JPEG, GIF of WEBP) of PDF."));
                } else {
                    checked.add(new CheckedEvidence(FileTypes.nameFor(fileName, type.get()), type.get(), content));
                }
            }
        }
        return checked;
    }

    private void checkLength(String field, String label, String value, List<FieldError> errors) {
        if (value != null && value.length() > limits.maxTextLength()) {
            // the count as the form's hint gives it, and how long it is now: on a phone nothing counts the characters
            errors.add(new FieldError(field, label + " mag hoogstens " + DutchNumbers.of(limits.maxTextLength())
                    + " tekens lang zijn; het is er " + DutchNumbers.of(value.length()) + ". Maak het korter, of stuur de"
                    + " rest als PDF mee."));
        } else if (!PlainText.isPlain(value)) {
            errors.add(new FieldError(field, PlainText.REFUSAL));
        }
    }

    /** A file name without path, control characters or excessive length. */
    public static String safeFileName(String fileName) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        // control characters of all of Unicode, and the invisible ones that turn the reading direction ("factuur\u202Efdp.exe"
        // shown as "factuurexe.pdf") or hide characters
        name = name.replaceAll("[\\p{Cc}\\p{Cf}\"<>]", "_").trim();
        if (name.isEmpty()) {
            name = "bestand";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * A long text with its line ends as one character ({@code \n}): a browser submits a
     * textarea's line breaks as CRLF but counts them as one against its {@code maxlength}, so a
     * text the browser let through must not be too long here. Null when blank.
     */
    public static String typedText(String s) {
        String text = trimmed(s);
        return text == null ? null : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(key)).findFirst();
    }

    private static String options(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(v -> v.name() + " (" + label(v) + ")").toList());
    }

    private static String label(Enum<?> value) {
        if (value instanceof ComplainantRole r) {
            return r.label().toLowerCase(Locale.ROOT);
        }
        return ((ComplaintSubject) value).label().toLowerCase(Locale.ROOT);
    }
}
