package nl.homepair.complaints.intake;

import static nl.homepair.complaints.TestComplaints.PDF;
import static nl.homepair.complaints.TestComplaints.PNG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.intake.SubmissionValidator.ValidSubmission;
import nl.homepair.complaints.mail.MailProperties;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.junit.jupiter.api.Test;

/** The intake rules (R2) without the application: every channel's submission passes through these. */
class SubmissionValidatorTest {

    /** Friday 24 April 2026, 23:30 UTC: already Saturday 25 April in Amsterdam. */
    static final Instant NOW = Instant.parse("2026-04-24T23:30:00Z");

    final SubmissionValidator validator = new SubmissionValidator(new IntakeProperties(null, 2, null, null, null, null),
            new MailProperties("HomePair <klachten@homepair.nl>", "contact@homepair.nl", "teamleiders@homepair.nl",
                    "klachtenteam@homepair.nl", "directie@homepair.nl", "classpath:/templates/mail/", java.util.Map.of()));

    static ComplaintSubmission submission(String name, String email, String role, String subject, String jobDate,
                                          String description, String receivedAt) {
        return new ComplaintSubmission(name, email, role, subject, jobDate, " OPD-4711 ", description,
                null, null, receivedAt);
    }

    static ComplaintSubmission valid() {
        return submission("  Jan Jansen ", "jan@example.nl", "CLIENT", "JOB_HANDLING", "2026-04-25",
                "De schilder kwam niet.", null);
    }

    private List<FieldError> errors(ComplaintSubmission s, List<EvidenceUpload> uploads, IntakeChannel channel) {
        InvalidSubmissionException refused = catchThrowableOfType(InvalidSubmissionException.class,
                () -> validator.validate(s, uploads, channel, NOW));
        assertThat(refused).as("refused").isNotNull();
        return refused.errors();
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aValidSubmissionIsTrimmedTypedAndReceivedNow() {
        ValidSubmission checked = validator.validate(valid(), List.of(), IntakeChannel.API, NOW);

        assertThat(checked.name()).isEqualTo("Jan Jansen");
        assertThat(checked.jobReference()).isEqualTo("OPD-4711");
        assertThat(checked.role()).isEqualTo(ComplainantRole.CLIENT);
        assertThat(checked.subject()).isEqualTo(ComplaintSubject.JOB_HANDLING);
        // 25 April is today in Amsterdam, though still 24 April in UTC
        assertThat(checked.jobDate()).isEqualTo(LocalDate.of(2026, 4, 25));
        assertThat(checked.receivedAt()).isEqualTo(NOW);
        assertThat(checked.evidence()).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedAtOnceInDutch() {
        List<FieldError> errors = errors(submission(" ", "jan@", "KLANT", null, "26-04-2026", "", null),
                List.of(), IntakeChannel.WEB_FORM);

        assertThat(fields(errors)).containsExactly("name", "email", "role", "subject", "jobDate", "description");
        assertThat(errors.get(0).message()).isEqualTo("Vul je volledige naam in.");
        assertThat(errors.get(2).message()).startsWith("Kies wie je bent: ");
    }

    /** The acknowledgement greets with the name and goes to the typed address: a link there would be ours to send. */
    @Test
    void aNameWithAWebOrMailAddressIsRefusedButRealNamesPass() {
        for (String phishing : List.of("Uw account is geblokkeerd, log in op https://evil.example",
                "Bel ons via www.homepair-help.top", "Mail naar hulp@evil.example", "Ga naar homepair-login.com",
                "Herstel je account via homepair-herstel.dev", "homepair-login\uFF0Ecom", "Bel 0900-1234567 om te ontgrendelen",
                "dr.homepair-login.com", "Mr. Jansen, zie ing.homepairlogin.com", "Account geblokkeerd, log in via mr.top",
                "ing.top/herstel", "prof.dr.com", "Herstel via dr.ir.nl nu")) {
            ComplaintSubmission s = submission(phishing, "victim@example.nl", "CLIENT", "CONDUCT", null, "Klacht.", null);
            assertThat(errors(s, List.of(), IntakeChannel.WEB_FORM)).as(phishing).singleElement()
                    .extracting(FieldError::message).asString()
                    .startsWith("Vul bij naam alleen je naam in, zonder webadres, e-mailadres of telefoonnummer");
        }
        // a link written backwards behind a direction override reads as "homepair-login.com"
        ComplaintSubmission reversed = submission("Jan \u202Emoc.nigol-riapemoh", "victim@example.nl", "CLIENT", "CONDUCT", null,
                "Klacht.", null);
        assertThat(errors(reversed, List.of(), IntakeChannel.WEB_FORM)).singleElement().extracting(FieldError::message)
                .isEqualTo(SubmissionValidator.INVISIBLE_REFUSAL);
        // a joined emoji holds an invisible joiner: told to leave the emoji out, not to type it again
        ComplaintSubmission joined = submission("Sanne \uD83D\uDC69\u200D\uD83D\uDD27 de Vries", "sanne@example.nl", "CLIENT",
                "CONDUCT", null, "Klacht.", null);
        assertThat(errors(joined, List.of(), IntakeChannel.WEB_FORM)).singleElement().extracting(FieldError::message).asString()
                .contains("emoji", "laat de emoji weg").doesNotContain("typ het opnieuw");
        // titles and abbreviated first names written together, as Dutch names often are
        for (String name : List.of("J.P. de Vries-Baas", "Anne-Marie O'Neill", "Dr. A. Ünal", "Bouwbedrijf Van Dam B.V.",
                "Jan Jansen (Klusbedrijf 2000)", "dr.ir. P. de Vries", "mr.drs. A. Bakker", "J.Th.de Groot", "Chr.van Dijk",
                "Prof.dr. M. Smit", "ing.J. Jansen", "prof.dr.ir. J. Jansen", "mr.dr.ir. A. Smit", "dr.ir.J. de Vries")) {
            ComplaintSubmission s = submission(name, "jan@example.nl", "CLIENT", "CONDUCT", null, "Klacht.", null);
            assertThat(validator.validate(s, List.of(), IntakeChannel.WEB_FORM, NOW).name()).isEqualTo(name);
        }
        // the job reference is quoted in the mails to the other party: no link there either
        ComplaintSubmission linked = new ComplaintSubmission("Jan Jansen", "jan@example.nl", "CLIENT", "CONDUCT", null,
                "https://homepair-login.example/opdracht", "Klacht.", null, null, null);
        assertThat(fields(errors(linked, List.of(), IntakeChannel.WEB_FORM))).containsExactly("jobReference");
        // the abbreviations of a job's reference pass; one written against the next word is named, with how to write it
        for (String reference : List.of("Ref.nr. 12345", "Kenm. AB/123", "opdr.nr. 88-2026", "werkbon nr. WB-88")) {
            ComplaintSubmission s = new ComplaintSubmission("Jan Jansen", "jan@example.nl", "CLIENT", "CONDUCT", null,
                    reference, "Klacht.", null, null, null);
            assertThat(validator.validate(s, List.of(), IntakeChannel.STAFF, NOW).jobReference()).as(reference).isEqualTo(reference);
        }
        ComplaintSubmission together = new ComplaintSubmission("Jan Jansen", "jan@example.nl", "CLIENT", "CONDUCT", null,
                "werkbon nr.WB-88", "Klacht.", null, null, null);
        assertThat(errors(together, List.of(), IntakeChannel.STAFF)).singleElement().extracting(FieldError::message).asString()
                .contains("\"nr.WB\" lijkt een webadres", "spatie na de punt");
        // a mail's name may be its sender's address: such a case is triaged by a person before anything is sent
        ComplaintSubmission mail = submission("jan@example.nl", "jan@example.nl", null, null, null, "Klacht.", null);
        assertThat(validator.validate(mail, List.of(), IntakeChannel.MAILBOX, NOW).name()).isEqualTo("jan@example.nl");
    }

    /** A handler typing in a letter reads the messages about the complainant's address, not their own. */
    @Test
    void theStaffFormSpeaksOfTheComplainantsAddress() {
        ComplaintSubmission ours = submission("Jan Jansen", "contact@homepair.nl", "CLIENT", "CONDUCT", null, "Brief.", null);
        assertThat(errors(ours, List.of(), IntakeChannel.STAFF)).singleElement().extracting(FieldError::message).asString()
                .startsWith("Vul het e-mailadres van de klager in, niet dat van HomePair");
        assertThat(errors(ours, List.of(), IntakeChannel.WEB_FORM)).singleElement().extracting(FieldError::message)
                .isEqualTo("Vul je eigen e-mailadres in, niet dat van HomePair.");
        ComplaintSubmission none = submission("Jan Jansen", null, "CLIENT", "CONDUCT", null, "Brief.", null);
        assertThat(errors(none, List.of(), IntakeChannel.STAFF)).singleElement().extracting(FieldError::message)
                .isEqualTo("Vul het e-mailadres van de klager in.");
    }

    @Test
    void onlyAFreeFormMailMayComeWithoutRoleAndSubject() {
        ComplaintSubmission unclassified = submission("Jan", "jan@example.nl", null, null, null, "Klacht.", null);

        assertThat(validator.validate(unclassified, List.of(), IntakeChannel.MAILBOX, NOW).role()).isNull();
        assertThat(fields(errors(unclassified, List.of(), IntakeChannel.API))).containsExactly("role", "subject");
        // a wrong value is an error even where the field may be left out
        ComplaintSubmission wrong = submission("Jan", "jan@example.nl", "KLANT", null, null, "Klacht.", null);
        assertThat(fields(errors(wrong, List.of(), IntakeChannel.MAILBOX))).containsExactly("role");
    }

    @Test
    void onlyStaffMayGiveAnEarlierMomentOfReceiptAndNeverOneInTheFuture() {
        ComplaintSubmission letter = submission("Jan", "jan@example.nl", "CLIENT", "CONDUCT", null, "Brief.",
                "2026-04-20T10:00:00+02:00");

        assertThat(validator.validate(letter, List.of(), IntakeChannel.STAFF, NOW).receivedAt())
                .isEqualTo(Instant.parse("2026-04-20T08:00:00Z"));
        assertThat(errors(letter, List.of(), IntakeChannel.API).get(0).message())
                .isEqualTo("Alleen medewerkers van HomePair kunnen de ontvangstdatum opgeven.");
        ComplaintSubmission future = submission("Jan", "jan@example.nl", "CLIENT", "CONDUCT", null, "Brief.",
                "2026-04-27T10:00:00+02:00");
        assertThat(errors(future, List.of(), IntakeChannel.STAFF).get(0).message())
                .isEqualTo("De ontvangstdatum ligt in de toekomst.");
        ComplaintSubmission noZone = submission("Jan", "jan@example.nl", "CLIENT", "CONDUCT", null, "Brief.",
                "2026-04-20 10:00");
        assertThat(fields(errors(noZone, List.of(), IntakeChannel.STAFF))).containsExactly("receivedAt");
    }

    @Test
    void aMomentOfReceiptLongAgoMustBeConfirmedSoThatAMistypedYearIsCaught() {
        // 24 April 2026: a letter of 20 April 2025 is most likely one of 20 April 2026 with the wrong year
        ComplaintSubmission lastYear = new ComplaintSubmission("Jan", "jan@example.nl", "CLIENT", "CONDUCT", null, null,
                "Brief.", null, null, "2025-04-20T10:00:00+02:00", null);
        assertThat(errors(lastYear, List.of(), IntakeChannel.STAFF)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("receivedAt");
            assertThat(error.message()).startsWith("De ontvangstdatum, 20 april 2025, ligt meer dan 30 dagen terug: klopt het jaartal?");
        });
        ComplaintSubmission confirmed = new ComplaintSubmission("Jan", "jan@example.nl", "CLIENT", "CONDUCT", null, null,
                "Brief.", null, null, "2025-04-20T10:00:00+02:00", true);
        assertThat(validator.validate(confirmed, List.of(), IntakeChannel.STAFF, NOW).receivedAt())
                .isEqualTo(Instant.parse("2025-04-20T08:00:00Z"));
        // a letter that waited a few weeks needs no confirmation; one day over the limit does
        ComplaintSubmission weeksLate = submission("Jan", "jan@example.nl", "CLIENT", "CONDUCT", null, "Brief.",
                "2026-03-26T10:00:00+01:00");
        assertThat(validator.validate(weeksLate, List.of(), IntakeChannel.STAFF, NOW).receivedAt())
                .isEqualTo(Instant.parse("2026-03-26T09:00:00Z"));
        ComplaintSubmission monthLate = submission("Jan", "jan@example.nl", "CLIENT", "CONDUCT", null, "Brief.",
                "2026-03-24T10:00:00+01:00");
        assertThat(fields(errors(monthLate, List.of(), IntakeChannel.STAFF))).containsExactly("receivedAt");
    }

    @Test
    void ourOwnAddressAndLineBreaksInHeaderFieldsAreRefused() {
        ComplaintSubmission ours = submission("Jan\nBcc: x@example.org", "Contact@HomePair.nl", "CLIENT", "CONDUCT",
                null, "Klacht.", null);

        assertThat(fields(errors(ours, List.of(), IntakeChannel.API))).containsExactly("name", "email");
    }

    /**
     * An address with a comment or in angle brackets reaches the same mailbox as the bare one but would be counted,
     * compared (our own address) and found (a privacy request) as another: only the bare address is taken.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"jan@voorbeeld.nl(2)", "<jan@voorbeeld.nl>",
            "contact@homepair.nl(x)", "jan@voorbeeld.nl (Jan)"})
    void anAddressWithACommentOrBracketsIsRefused(String address) {
        ComplaintSubmission submission = submission("Jan", address, "CLIENT", "CONDUCT", null, "Klacht.", null);

        assertThat(fields(errors(submission, List.of(), IntakeChannel.API))).containsExactly("email");
    }

    /** An address stored before only the bare one was taken still reaches its mailbox: its mails go to the bare one. */
    @Test
    void anAddressStoredWithACommentIsMailedAtItsBareAddress() {
        assertThat(nl.homepair.complaints.mail.EmailAddresses.bare("jan@voorbeeld.nl(2)")).isEqualTo("jan@voorbeeld.nl");
        assertThat(nl.homepair.complaints.mail.EmailAddresses.bare("<jan@voorbeeld.nl>")).isEqualTo("jan@voorbeeld.nl");
        assertThat(nl.homepair.complaints.mail.EmailAddresses.bare(" jan@voorbeeld.nl ")).isEqualTo("jan@voorbeeld.nl");
        assertThat(nl.homepair.complaints.mail.EmailAddresses.bare("geen adres")).isNull();
        assertThat(nl.homepair.complaints.mail.EmailAddresses.bare("jan@voorbeeld.nl\nBcc: x@example.org")).isNull();
    }

    @Test
    void textLongerThanTheLimitIsRefusedOnItsField() {
        ComplaintSubmission longText = submission("Jan", "jan@example.nl", "CLIENT", "CONDUCT", null,
                "x".repeat(10_001), null);

        assertThat(errors(longText, List.of(), IntakeChannel.API).get(0).message())
                .isEqualTo("De omschrijving mag hoogstens 10.000 tekens lang zijn; het is er 10.001. Maak het korter, of stuur"
                        + " de rest als PDF mee.");
    }

    @Test
    void evidenceIsRecognisedByItsContentAndNamedWithoutAPath() {
        ValidSubmission checked = validator.validate(valid(),
                List.of(new EvidenceUpload("C:\\Users\\jan\\foto.png", PNG), new EvidenceUpload("../factuur.pdf", PDF)),
                IntakeChannel.API, NOW);

        assertThat(checked.evidence()).extracting(SubmissionValidator.CheckedEvidence::fileName)
                .containsExactly("foto.png", "factuur.pdf");
        assertThat(checked.evidence()).extracting(SubmissionValidator.CheckedEvidence::contentType)
                .containsExactly("image/png", "application/pdf");
    }

    /** An MP4 (brand {@code isom}) whose movie box declares tracks of these handler types. */
    private static byte[] isoMediaWithTracks(String... handlers) {
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes(new byte[] {0, 0, 0, 0x14, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'm', 'p', '4', '1'});
        file.writeBytes(new byte[] {0, 0, 0, 0x08, 'm', 'o', 'o', 'v'});
        for (String handler : handlers) {
            file.writeBytes(new byte[] {0, 0, 0, 0x21, 'h', 'd', 'l', 'r', 0, 0, 0, 0, 0, 0, 0, 0});
            file.writeBytes(handler.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            file.writeBytes(new byte[13]);
        }
        return file.toByteArray();
    }

    @Test
    void emptyDisguisedAndTooManyFilesAreRefused() {
        List<FieldError> errors = errors(valid(), List.of(new EvidenceUpload("leeg.png", new byte[0]),
                new EvidenceUpload("foto.png", new byte[] {'M', 'Z', (byte) 0x90, 0})), IntakeChannel.API);
        assertThat(fields(errors)).containsExactly("evidence[0]", "evidence[1]");
        assertThat(errors.get(1).message()).contains("\"foto.png\" is geen afbeelding");

        // a phone's HEIC photo is a photo: the complainant hears how to send it, not that it is no picture
        byte[] heic = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1'};
        assertThat(errors(valid(), List.of(new EvidenceUpload("IMG_1234.heic", heic)), IntakeChannel.WEB_FORM).get(0).message())
                .contains("\"IMG_1234.heic\" is een foto in HEIC-formaat", "Meest compatibel", "schermafbeelding")
                .doesNotContain("geen afbeelding");

        // a video, however large: that it is a video, not that it is too large (and, made smaller, "geen afbeelding")
        byte[] mp4 = new byte[12 * 1024 * 1024];
        System.arraycopy(new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, mp4, 0, 12);
        byte[] webm = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1, 2, 3, 4};
        assertThat(errors(valid(), List.of(new EvidenceUpload("lekkage.mp4", mp4)), IntakeChannel.WEB_FORM).get(0).message())
                .contains("\"lekkage.mp4\" is een video", "foto's of schermafbeeldingen").doesNotContain("groter dan");
        assertThat(errors(valid(), List.of(new EvidenceUpload("clip.webm", webm)), IntakeChannel.WEB_FORM).get(0).message())
                .contains("is een video");
        // a voice memo is sound, not a video (and not evidence we take either)
        byte[] m4a = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'M', '4', 'A', ' ', 0, 0, 0, 0};
        assertThat(errors(valid(), List.of(new EvidenceUpload("gesprek.m4a", m4a)), IntakeChannel.WEB_FORM).get(0).message())
                .contains("geen afbeelding").doesNotContain("video");
        // a generic MP4 with a sound track only (a voice recorder's file) is no video; with a picture track it is
        byte[] soundOnly = isoMediaWithTracks("soun");
        assertThat(errors(valid(), List.of(new EvidenceUpload("opname.mp4", soundOnly)), IntakeChannel.WEB_FORM).get(0).message())
                .contains("geen afbeelding").doesNotContain("video");
        assertThat(errors(valid(), List.of(new EvidenceUpload("filmpje.mp4", isoMediaWithTracks("vide", "soun"))),
                IntakeChannel.WEB_FORM).get(0).message()).contains("is een video");

        List<EvidenceUpload> three = Collections.nCopies(3, new EvidenceUpload("foto.png", PNG));
        assertThat(errors(valid(), three, IntakeChannel.API).get(0).message())
                .isEqualTo("Je kunt hoogstens 2 bestanden meesturen.");
    }
}
