package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintStatus;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A complainant with two cases writes as people do: the answer to one case's question as a reply to the other case's
 * mail, a mail without a reference while both cases wait, a thank-you after the case closed (R3, R4).
 */
class TwoCasesMailTest extends MailboxTestSupport {

    @Autowired
    SetAsideAnswers setAsideAnswers;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;


    /**
     * The photos asked for in case A, sent as a reply to case B's acknowledgement: B waits for nothing, A for this very
     * answer. Not a note with evidence on B while A closes as unanswered: a person chooses, and both wait.
     */
    @Test
    void anAnswerSentAsAReplyToTheOtherCasesMailGoesToAPersonAndTheAskingCaseWaits() throws Exception {
        String email = "twee.zaken.antwoord@example.nl";
        String asking = waitingForInformation("Twee Zaken", email, "Stuur een foto van de schade.");
        String other = submitted("Twee Zaken", email);
        greenMail.purgeEmailFromAllMailboxes();

        receive(mail("Twee Zaken <" + email + ">", "Re: Ontvangstbevestiging van je klacht " + other,
                "Hierbij de foto's van de schade.", Map.of("schade.png", PNG)));

        Complaint otherCase = complaints.findByReference(other).orElseThrow();
        assertThat(evidenceOf(otherCase)).as("no file on the case that did not ask").isZero();
        assertThat(timelineOf(otherCase)).noneMatch(line -> line.contains("Hierbij de foto's"));
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("noemt zaak " + other + " in het onderwerp, maar die wacht nergens op; zaak " + asking
                        + " van deze afzender wacht op aanvullende informatie");
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(asking);
        assertThat(setAsideAnswers.waitFor(asking)).as("the asking case waits for the person's choice").isTrue();
        assertThat(setAsideAnswers.waitFor(other)).isTrue();

        // a thank-you to the other case's mail is still only a note there: nothing waits on a "bedankt"
        receive(mail("Twee Zaken <" + email + ">", "Re: Ontvangstbevestiging van je klacht " + other, "Bedankt!", Map.of()));
        assertThat(timelineOf(complaints.findByReference(other).orElseThrow())).anyMatch(line -> line.contains("Bedankt!"));
    }

    /** Without a reference, while two cases of the sender wait for information: the task names both, and both wait. */
    @Test
    void aMailWithoutAReferenceWhileTwoCasesWaitNamesBothAndBothWait() throws Exception {
        String email = "twee.wachtend@example.nl";
        String older = waitingForInformation("Twee Wachtend", email, "Stuur de factuur.");
        String newer = waitingForInformation("Twee Wachtend", email, "Stuur een foto.");
        greenMail.purgeEmailFromAllMailboxes();

        receive(mail("Twee Wachtend <" + email + ">", "Gevraagde stukken", "Hierbij wat jullie vroegen.",
                Map.of("stuk.png", PNG)));

        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("zaak " + newer + " van deze afzender wacht op aanvullende informatie",
                        "Let op: ook zaak " + older + " van deze afzender wacht op aanvullende informatie",
                        "De zaken blijven open");
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(newer);
        assertThat(setAsideAnswers.waitFor(newer)).isTrue();
        assertThat(setAsideAnswers.waitFor(older)).as("the older case does not close as unanswered meanwhile").isTrue();
    }

    /**
     * "Re: Je klacht gaat verder onder A (was B)", the duplicate mail's subject, answered with "Klopt niet": the mail asks
     * for B in the subject so that a person looks. A person chooses between the two cases; a thank-you stays a note on A.
     */
    @Test
    void aMailWhoseSubjectNamesTwoOfTheSendersCasesGoesToAPersonUnlessItOnlyThanks() throws Exception {
        String email = "twee.in.onderwerp@example.nl";
        String kept = submitted("Twee Onderwerp", email);
        String closed = submitted("Twee Onderwerp", email);
        String subject = "Re: Je klacht gaat verder onder " + kept + " (was " + closed + ")";

        receive(mail("Twee Onderwerp <" + email + ">", subject, "Bedankt voor de informatie.", Map.of()));
        assertThat(timelineOf(complaints.findByReference(kept).orElseThrow()))
                .anyMatch(line -> line.contains("Bedankt voor de informatie."));

        receive(mail("Twee Onderwerp <" + email + ">", subject, "Klopt niet: het zijn twee verschillende klachten, over"
                + " twee klussen.", Map.of()));
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("Het onderwerp van de e-mail noemt twee zaken van dit e-mailadres: " + kept + " en " + closed,
                        "Beide zaken blijven open tot je gekozen hebt.")
                .doesNotContain("controle van de afzender");
        assertThat(setAsideAnswers.waitFor(kept)).isTrue();
        assertThat(setAsideAnswers.waitFor(closed)).isTrue();
        assertThat(timelineOf(complaints.findByReference(kept).orElseThrow()))
                .noneMatch(line -> line.contains("twee verschillende klachten"));

        // the same from a server that could not confirm the sender: the handler is warned before registering anything
        jakarta.mail.internet.MimeMessage forged = mail("Twee Onderwerp <" + email + ">", subject,
                "Hierbij de gegevens die jullie vroegen.", Map.of());
        forged.addHeader("Authentication-Results", "mx.homepair.nl; spf=fail smtp.mailfrom=example.nl; dkim=none;"
                + " dmarc=fail header.from=example.nl");
        receive(forged);
        assertThat(taskService.getVariable(newestManualMailTask().getId(), "mailProblem").toString().replace("\\", ""))
                .contains("noemt twee zaken van dit e-mailadres", "de controle van de afzender door de mailserver is mislukt");
    }

    /** The same mail with the same photo twice (the phone and the laptop): the photo is on the case once. */
    @Test
    void theSamePhotoSentTwiceIsOnTheCaseOnce() throws Exception {
        String email = "foto.twee.keer@example.nl";
        String reference = submitted("Foto Dubbel", email);
        int before = evidenceOf(complaints.findByReference(reference).orElseThrow());

        for (int i = 0; i < 2; i++) {
            receive(mail("Foto Dubbel <" + email + ">", "Re: Ontvangstbevestiging van je klacht " + reference,
                    "Hier nog een foto van de scheur in de muur.", Map.of("scheur.png", PNG)));
        }

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(evidenceOf(complaint)).isEqualTo(before + 1);
        assertThat(timelineOf(complaint)).anyMatch(line -> line.equals("Bijlage uit de e-mail niet nog eens opgenomen:"
                + " scheur.png staat al bij de zaak."));

        // a name stored otherwise than sent ("scan" is kept as "scan.png") on a case with room for one more file: the
        // copy in the next mail is no file too many, and the complainant gets no "niet opgenomen" mail for it
        int kept = evidenceOf(complaints.findByReference(reference).orElseThrow());
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
            Complaint full = complaints.findByReference(reference).orElseThrow();
            for (int i = kept; i < 29; i++) {
                full.addEvidence("eerder-" + i + ".png", "image/png", PNG);
            }
        });
        before = 29 - 1; // the scan below is the 30th file
        for (int i = 0; i < 2; i++) {
            receive(mail("Foto Dubbel <" + email + ">", "Re: Ontvangstbevestiging van je klacht " + reference,
                    "Hier de scan van de factuur.", new java.util.LinkedHashMap<>(Map.of("scan", PNG_OTHER))));
        }
        assertThat(evidenceOf(complaints.findByReference(reference).orElseThrow())).isEqualTo(before + 2);
        assertThat(timelineOf(complaint)).anyMatch(line -> line.equals("Bijlage uit de e-mail niet nog eens opgenomen:"
                + " scan.png staat al bij de zaak.")).noneMatch(line -> line.contains("hoogstens"));
        assertThat(mailsTo(email)).noneMatch(m -> subjectOf(m).startsWith("Niet alle bijlagen"));
    }

    /** A PNG whose bytes differ from {@link #PNG}: another picture. */
    private static final byte[] PNG_OTHER = anotherPng();

    private static byte[] anotherPng() {
        byte[] other = java.util.Arrays.copyOf(PNG, PNG.length + 1);
        other[other.length - 1] = 7; // after the image's end: still read as the same PNG type
        return other;
    }

    /** "Bedankt voor de afhandeling" to a closed case's mail: a line on the case, no task for a handler. */
    @Test
    void aThankYouAfterTheCaseClosedIsANoteNotATask() throws Exception {
        String email = "bedankt.na.afsluiten@example.nl";
        String reference = submitted("Dankbaar Mens", email);
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/withdrawal",
                json("{\"reason\":\"Opgelost met de schilder.\"}"), String.class).getStatusCode().value()).isEqualTo(202);
        runDueJobs(reference);
        assertThat(complaints.findByReference(reference).orElseThrow().getStatus()).isEqualTo(ComplaintStatus.CLOSED);
        long tasksBefore = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count();

        receive(mail("Dankbaar Mens <" + email + ">", "Re: Je klacht " + reference + " is ingetrokken",
                "Bedankt voor de snelle afhandeling!\n\nMet vriendelijke groet,\nDankbaar Mens", Map.of()));

        assertThat(taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count())
                .isEqualTo(tasksBefore);
        assertThat(timelineOf(complaints.findByReference(reference).orElseThrow()))
                .anyMatch(line -> line.contains("na het afsluiten van de zaak (alleen een bedankje)"));
        assertThat(folder("Verwerkt")).contains("Re: Je klacht " + reference + " is ingetrokken");

        // more than thanks still reaches a person: a closed case has no handler who reads its notes
        receive(mail("Dankbaar Mens <" + email + ">", "Re: Je klacht " + reference + " is ingetrokken",
                "Bedankt, maar de schilder is toch niet teruggekomen. Wat nu?", Map.of()));
        assertThat(taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count())
                .isEqualTo(tasksBefore + 1);
    }
}
