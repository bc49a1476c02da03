package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.homepair.complaints.complaint.Complaint;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.Test;

/** R2/R14 through the real mailbox: what a complainant mails about a case is never lost. */
class NothingLostTest extends MailboxTestSupport {

    @Test
    void aLatePhotoBecomesEvidenceOfTheCaseWithATimelineEntry() throws Exception {
        Complaint complaint = decidedCase("Fenna Foto", "fenna@example.nl");
        int before = evidenceOf(complaint);

        receive(mail("fenna@example.nl", "Nog een foto " + complaint.getReference(), "Hierbij nog een foto van de schade.",
                Map.of("schade.png", PNG)));

        assertThat(evidenceOf(complaint)).isEqualTo(before + 1);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.equals("Bewijsstuk toegevoegd uit de e-mail: schade.png"))
                .anyMatch(s -> s.contains("Hierbij nog een foto van de schade."));
    }

    @Test
    void aRefusedObjectionKeepsItsTextAndFilesOnTheCase() throws Exception {
        String reference = submitted("Rutger Te Vroeg", "rutger@example.nl");
        Complaint complaint = complaints.findByReference(reference).orElseThrow();

        receive(mail("rutger@example.nl", "Bezwaar " + reference, "Ik maak bezwaar: de klusser liegt, zie de foto.",
                Map.of("bewijs.png", PNG)));

        assertThat(inBoardReview(complaint)).isFalse();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("Ik maak bezwaar: de klusser liegt, zie de foto."))
                .anyMatch(s -> s.startsWith("Bezwaar per e-mail niet in behandeling genomen"));
        assertThat(evidenceOf(complaint)).isEqualTo(1);
        // the answer says what happened to the mail: kept with the complaint, not taken up as an objection
        assertThat(mailsTo("rutger@example.nl")).anyMatch(m -> text(m).contains("nog geen besluit")
                && text(m).contains("bij je klacht bewaard") && !text(m).contains("kunnen hem niet in behandeling nemen:\n"));
    }

    @Test
    void aMailFromAnotherAddressKeepsItsTextAndFilesInTheHandlersTask() throws Exception {
        Complaint complaint = decidedCase("Gijs Echt", "gijs@example.nl");
        int before = timelineOf(complaint).size();

        receive(mail("Andere Partij <klusser@example.org>", "Re: " + complaint.getReference(),
                "Ik ben de klusser en wil mijn kant vertellen.", Map.of("offerte.png", PNG)));

        assertThat(timelineOf(complaint)).hasSize(before);
        assertThat(evidenceOf(complaint)).isZero();
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailText").toString()).contains("mijn kant vertellen");
        assertThat(taskService.getVariable(task.getId(), "mailAttachments").toString()).contains("offerte\\.png");
        FileValue file = taskService.getVariableTyped(task.getId(), "mailAttachment1");
        assertThat(file.getFilename()).isEqualTo("offerte.png");
        assertThat(file.getValue().readAllBytes()).isEqualTo(PNG);

        // the handler decides it is nothing for the case: the case says so, staff-only, with who and why (R14)
        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "NOT_A_COMPLAINT",
                "manualMailNotes", "Reclame van een klusbedrijf, geen partij in deze zaak.")).getStatusCode().value())
                .isEqualTo(204);
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId())).last().satisfies(line -> {
            assertThat(line.getSummary()).startsWith("Een bericht dat deze zaak noemt, ontvangen op ")
                    .endsWith("is door behandelaar afgehandeld zonder iets bij de zaak te voegen (geen klacht, of niets meer"
                            + " te doen): Reclame van een klusbedrijf, geen partij in deze zaak.");
            assertThat(line.isAboutOthers()).isTrue();
        });
    }

    /**
     * "Als klacht geregistreerd" closed the task whether or not a complaint was registered, and the mail's text and files
     * left with it. The choice now names the case the handler registered (after the mail came in), and the mail's text and
     * files go with that case.
     */
    @Test
    void aMailRegisteredAsAComplaintByHandGoesWithTheCaseItBecame() throws Exception {
        Complaint other = decidedCase("Henk Ander", "henk.ander@example.nl");
        receive(mail("Nieuwe Klager <nieuw.klager@example.org>", "Re: " + other.getReference(),
                "Mijn eigen klacht: de stukadoor liet de boel nat achter.", Map.of("natte-muur.png", PNG)));
        Task task = newestManualMailTask();

        var forgotten = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "REGISTERED",
                "mailCaseReference", ""));
        assertThat(forgotten.getStatusCode().value()).as(forgotten.getBody()).isEqualTo(400);
        assertThat(forgotten.getBody()).contains("Registreer de klacht eerst met Klacht registreren");
        // the case the mail named was there before the mail: not the one registered from it
        var older = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "REGISTERED",
                "mailCaseReference", other.getReference()));
        assertThat(older.getStatusCode().value()).as(older.getBody()).isEqualTo(400);
        assertThat(older.getBody()).contains("is geregistreerd voordat deze e-mail hier binnenkwam", "Bij een bestaande zaak voegen");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();

        String reference = submitted("Nieuwe Klager", "nieuw.klager@example.org");
        Complaint registered = complaints.findByReference(reference).orElseThrow();
        int evidence = evidenceOf(registered);
        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "REGISTERED",
                "mailCaseReference", reference, "manualMailNotes", "Telefonisch nagevraagd.")).getStatusCode().value())
                .isEqualTo(204);
        assertThat(timelineOf(registered)).anyMatch(line -> line.contains("de stukadoor liet de boel nat achter"))
                .anyMatch(line -> line.contains("Telefonisch nagevraagd."));
        assertThat(evidenceOf(registered)).isEqualTo(evidence + 1);
        assertThat(timelineOf(other)).anyMatch(line -> line.contains("als nieuwe klacht geregistreerd"));
    }

    /**
     * What a stranger's mail shows a handler in Tasklist's form is read, not followed: a bare address is no link there
     * (the form renders Markdown, which makes links of bare URLs), a file that is no image or PDF says so whatever its
     * name, and a name that turns the reading direction ("factuur\u202Efdp.exe", shown as "factuurexe.pdf") is shown
     * with the turn made visible. Put with the case, the sender and subject are on the timeline as they were.
     */
    @Test
    void aStrangersMailIsShownToTheHandlerAsItIsAndLinksNowhere() throws Exception {
        Complaint complaint = decidedCase("Gerda Vreemd", "gerda.vreemd@example.nl");

        receive(mail("\"Afzender\" <onbekend@example.org>", "Re: " + complaint.getReference()
                + " log in op https://homepair-login.example.org \u202Efdp.exe", "Kop\n===", Map.of("offerte.png", PNG,
                        "factuur\u202Efdp.exe", "MZ\u0090\u0000 niet een PDF".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));

        Task task = newestManualMailTask();
        // the text itself is in a text field, not rendered; what the form renders as Markdown is escaped
        String subject = taskService.getVariable(task.getId(), "mailSubject").toString();
        assertThat(subject).contains("https\\://homepair\\-login\\.example\\.org").doesNotContain("https://", "\u202E");
        assertThat(nl.homepair.complaints.text.MarkdownText.escape("Kop\n===")).endsWith("\\=\\=\\=");
        String files = taskService.getVariable(task.getId(), "mailAttachments").toString();
        assertThat(files).contains("factuur fdp\\.exe](").doesNotContain("\u202E");
        // the same from the web form or the API
        assertThat(nl.homepair.complaints.intake.SubmissionValidator.safeFileName("factuur\u202Efdp.exe"))
                .isEqualTo("factuur_fdp.exe");
        assertThat(nl.homepair.complaints.intake.SubmissionValidator.safeFileName("scan\u0085.pdf")).isEqualTo("scan_.pdf");
        assertThat(files.lines().filter(line -> line.contains("factuur"))).singleElement().asString()
                .endsWith("(geen afbeelding of PDF: wordt gedownload; open het alleen als je de afzender vertrouwt)");
        assertThat(files.lines().filter(line -> line.contains("offerte"))).singleElement().asString().endsWith(")");
        assertThat(files).doesNotContain("offerte\\.png](/zaken/berichten/x) (geen");
        assertThat(files.lines().filter(line -> line.contains("offerte"))).singleElement().asString()
                .doesNotContain("geen afbeelding");

        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "ATTACHED",
                "mailCaseReference", complaint.getReference())).getStatusCode().value()).isEqualTo(204);
        assertThat(timelineOf(complaint)).anyMatch(line -> line.startsWith("E-mail van Afzender <onbekend@example.org> bij de zaak gevoegd (Re: "
                + complaint.getReference() + " log in op https://homepair-login.example.org"))
                .noneMatch(line -> line.contains("&lt;") || line.contains("&quot;"));
    }
}
