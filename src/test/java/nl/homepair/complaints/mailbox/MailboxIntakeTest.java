package nl.homepair.complaints.mailbox;

import static nl.homepair.complaints.TestComplaints.PDF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.intake.InformationReplyService;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.MarkdownText;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/** R3: the contact mailbox, read over IMAP from a real mail server (GreenMail). */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class MailboxIntakeTest extends MailboxTestSupport {

    @Autowired
    TransactionTemplate transactions;
    @Autowired
    InformationReplyService replies;
    @Autowired
    nl.homepair.complaints.cluster.ClusterSettings clusterSettings;
    @Autowired
    ProcessedMailRepository processedMails;
    @Autowired
    nl.homepair.complaints.privacy.PrivacyService privacy;
    @Autowired
    SetAsideAnswers setAsideAnswers;
    @Autowired
    WorkingDayCalendar workingDays;
    @Autowired
    RepositoryService repositoryService;

    private void deliver(MimeMessage message) throws Exception {
        GreenMailUser contact = greenMail.getUserManager().getUser(CONTACT_MAILBOX);
        contact.deliver(message);
    }

    private Complaint latestFrom(String email) {
        List<Complaint> found = complaints.findByEmailIgnoreCaseOrderByReceivedAt(email);
        assertThat(found).isNotEmpty();
        return found.get(found.size() - 1);
    }

    /**
     * "Zie de bijgevoegde brief" with the complaint as a Word file: a case would hold a complaint without its words and
     * the letter would be nowhere in the application; it goes to a person, who opens the file in the task.
     */
    @Test
    void aComplaintThatIsAWordLetterGoesToAPerson() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        // the letter with a photo of the damage beside it, which a case would take
        deliver(mail("Bert Brief <bert.brief@example.nl>", "Klacht", "Zie de bijgevoegde brief.",
                Map.of("klacht.docx", "PK\u0003\u0004 een Word-bestand".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "schade.png", PNG)));
        // with words of its own the mail is the complaint, and only the file is left out
        deliver(mail("Wil Woord <wil.woord@example.nl>", "Klacht over de dakdekker", "De dakdekker heeft het dak half"
                + " gerepareerd en is daarna niet meer teruggekomen, hoewel hij drie keer beloofde de klus af te maken. Het"
                + " lekt nu in de slaapkamer en de schade aan het plafond wordt elke week groter. Ik heb hem via de chat"
                + " gevraagd te komen, maar hij reageert niet meer. Mijn aantekeningen staan in de bijlage.",
                Map.of("aantekeningen.docx", "PK\u0003\u0004 een Word-bestand".getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        pollAndRun(poller);

        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("bert.brief@example.nl")).isEmpty();
        assertThat(folder("Handmatig")).contains("Klacht");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("manualMailHandling")
                .variableValueLike("mailFrom", "%Bert Brief%").count()).isOne();
        assertThat(latestFrom("wil.woord@example.nl").getDescription()).contains("dakdekker");
    }

    /**
     * The answer to our question as a Word letter ("Zie de bijgevoegde brief."): the case does not take the file, and
     * ending the wait with "zie de brief" would let the assessment go on without it; a person reads it, the case waits.
     */
    @Test
    void anAnswerThatIsAWordLetterGoesToAPersonAndTheCaseWaits() throws Exception {
        String reference = waitingForInformation("Bea Brief", "bea.brief@example.nl", "Wat spraken jullie af?");
        deliver(mail("Bea Brief <bea.brief@example.nl>", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                "Zie de bijgevoegde brief.", Map.of("antwoord.docx",
                        "PK\u0003\u0004 een Word-bestand".getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        pollAndRun(poller);

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(complaint.getStatus()).isEqualTo(ComplaintStatus.AWAITING_INFORMATION);
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(reference);
        assertThat(String.valueOf(taskService.getVariable(task.getId(), "mailProblem")).replace("\\", ""))
                .contains("Het antwoord staat waarschijnlijk in die bijlage", "antwoord.docx");

        // the handler puts what the letter says in the note: it is the answer the assessment reads, not only a timeline line
        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "INFORMATION",
                "mailCaseReference", reference, "manualMailNotes", "In de brief: de schilder komt op 3 maart terug en"
                        + " rekent geen voorrijkosten.")).getStatusCode().value()).isEqualTo(204);
        runDueJobs(reference);
        Task assess = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(nl.homepair.complaints.complaint.ComplaintProcess.TASK_ASSESS).singleResult();
        assertThat(caseFileText("behandelaar", assess, "caseInformationAnswer"))
                .contains("Zie de bijgevoegde brief", "Volgens de behandelaar", "de schilder komt op 3 maart terug");
    }

    /**
     * An objection as a Word letter ("In de bijlage mijn bezwaarschrift"): the case does not take the file, and an
     * objection with the covering line as its motivation would reach the board without its reasons; a person reads it.
     */
    @Test
    void anObjectionThatIsAWordLetterGoesToAPersonNotToTheBoardWithoutItsReasons() throws Exception {
        String reference = mailedAndDecidedUnfounded("Lies Letter", "lies.letter@example.nl");

        deliver(mail("Lies Letter <lies.letter@example.nl>", "Bezwaar " + reference, "In de bijlage vindt u mijn bezwaarschrift.",
                Map.of("bezwaarschrift.docx", "PK\u0003\u0004 een Word-bestand".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        pollAndRun(poller);

        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count()).isZero();
        assertThat(latestFrom("lies.letter@example.nl").getObjectionReceivedAt()).isNull();
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(reference);
        assertThat(String.valueOf(taskService.getVariable(task.getId(), "mailProblem")).replace("\\", ""))
                .contains("staat waarschijnlijk in die bijlage", "bezwaarschrift.docx", "Bezwaar tegen het besluit, van de klager");
    }

    /** "Bedankt!" above the tradesperson's offer, forwarded: what it passes on is the answer, not a thank-you (R4). */
    @Test
    void aThankYouAboveAForwardedMailIsTheAnswer() throws Exception {
        String reference = waitingForInformation("Fien Forward", "fien.forward@example.nl", "Stuur de offerte van de schilder.");
        deliver(mail("Fien Forward <fien.forward@example.nl>", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                "Bedankt!\n\n---------- Forwarded message ---------\nVan: Piet Bakker <piet@bakker.nl>\n"
                        + "Subject: Offerte\n\nDe offerte voor het schilderwerk komt op 450 euro.\nGroet, Piet", Map.of()));
        pollAndRun(poller);

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(replies.waitsForInformation(complaint)).isFalse();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("450 euro"));
    }

    /** A complaint mailed by this sender, triaged, assessed for a direct decision and decided unfounded. */
    private String mailedAndDecidedUnfounded(String name, String address) throws Exception {
        deliver(mail(name + " <" + address + ">", "Klacht", "De hovenier was onbeschoft.", Map.of()));
        pollAndRun(poller);
        String reference = latestFrom(address).getReference();
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("UserTask_TriageComplaint").singleResult().getId(), Map.of("triageOutcome", "COMPLAINT", "role", "CLIENT", "subject", "CONDUCT"));
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult().getId(),
                Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "We besluiten direct."));
        runDueJobs(reference);
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_DECIDE).singleResult().getId(),
                Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        runDueJobs(reference);
        return reference;
    }

    @Test
    void aNewMailWithTwoAttachmentsBecomesOneComplaintAndIsAcknowledgedAndNeverTwice() throws Exception {
        MimeMessage message = mail("Anna de Boer <anna@example.nl>", "Klacht over de loodgieter",
                "De loodgieter heeft de lekkage niet verholpen en rekent wel het volle bedrag.",
                Map.of("foto.png", PNG, "factuur.pdf", PDF));
        deliver(message);

        assertThat(pollAndRun(poller)).isEqualTo(1);

        Complaint complaint = latestFrom("anna@example.nl");
        assertThat(complaint.getName()).isEqualTo("Anna de Boer");
        assertThat(complaint.getChannel()).isEqualTo(IntakeChannel.MAILBOX);
        assertThat(complaint.getDescription()).contains("Klacht over de loodgieter", "lekkage niet verholpen");
        assertThat(complaint.getRole()).isNull();
        assertThat(evidenceOf(complaint)).isEqualTo(2);
        assertThat(folder("INBOX")).isEmpty();
        assertThat(folder("Verwerkt")).containsExactly("Klacht over de loodgieter");

        // the handler completes role and subject first (triage), then the acknowledgement goes out
        Task triage = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey("UserTask_TriageComplaint").singleResult();
        assertThat(triage).isNotNull();
        taskService.complete(triage.getId(), Map.of("triageOutcome", "COMPLAINT", "role", "CLIENT", "subject", "JOB_HANDLING"));
        runDueJobs(complaint.getReference());
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage ack = Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals("anna@example.nl");
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst().orElseThrow();
        assertThat(ack.getSubject()).contains(complaint.getReference());
        assertThat(latestFrom("anna@example.nl").getRole()).isEqualTo(nl.homepair.complaints.complaint.ComplainantRole.CLIENT);
        assertThat(latestFrom("anna@example.nl").getSubject()).isEqualTo(nl.homepair.complaints.complaint.ComplaintSubject.JOB_HANDLING);

        // the same mail seen again (a restart before it was moved) creates nothing
        long before = complaints.count();
        deliver(message);
        assertThat(pollAndRun(poller)).isEqualTo(1);
        assertThat(complaints.count()).isEqualTo(before);
        assertThat(folder("INBOX")).isEmpty();
    }

    @Test
    void aReplyQuotingTheReferenceResumesTheCaseThatWaitsForInformation() throws Exception {
        deliver(mail("Bert Bakker <bert@example.nl>", "Klacht", "De stukadoor liet alles vies achter.", Map.of()));
        pollAndRun(poller);
        Complaint complaint = latestFrom("bert@example.nl");
        String reference = complaint.getReference();
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("UserTask_TriageComplaint").singleResult().getId(), Map.of("triageOutcome", "COMPLAINT", "role", "CLIENT", "subject", "JOB_HANDLING"));
        // asked two days ago (an answer cannot come before its question)
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
        try {
            taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult().getId(),
                    Map.of("assessmentOutcome", "MORE_INFORMATION", "assessmentNotes", "Stuur een foto."));
            runDueJobs(reference);
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }

        long complaintsBefore = complaints.count();
        // it arrived yesterday; the mailbox could not be read until now
        Date arrived = Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        greenMail.getManagers().getImapHostManager().getInbox(greenMail.getUserManager().getUser(CONTACT_MAILBOX))
                .appendMessage(mail("bert@example.nl", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                        "Hierbij de foto van de vloer.", Map.of("vloer.png", PNG)), new jakarta.mail.Flags(), arrived);
        pollAndRun(poller);

        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("Hierbij de foto van de vloer."));
        assertThat(evidenceOf(complaint)).isEqualTo(1);
        // the wait on the complainant ends when the mail arrived, not when the mailbox read it (R4)
        assertThat(runtimeService.getVariable(complaint.getProcessInstanceId(), ComplaintProcess.VAR_INFORMATION_RECEIVED_AT))
                .isEqualTo(arrived);
        // a second mail after the answer ("en nog de foto van de trap") shows with it in the assessment's form
        deliver(mail("bert@example.nl", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                "En nog de foto van de trap.", Map.of()));
        pollAndRun(poller);
        Task again = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        assertThat(caseFileText("behandelaar", again, "caseInformationAnswer"))
                .contains(MarkdownText.escape("Hierbij de foto van de vloer."), MarkdownText.escape("En nog de foto van de trap."));
        assertThat(complaints.count()).as("no new complaint from the replies").isEqualTo(complaintsBefore);
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("bert@example.nl")).hasSize(1);
    }

    /**
     * A reply with no word of its own (our question quoted under "Verstuurd vanaf mijn iPhone") is no answer to end the
     * wait with; it may hold one a mail program hid (a photo in a format we cannot read, text in an attachment): a
     * handler reads it while the case waits on, and makes it the answer. An answer written below the quote is one.
     */
    @Test
    void aReplyWithoutWordsOfItsOwnDoesNotEndTheWaitButGoesToAHandler() throws Exception {
        String reference = waitingForInformation("Iris Iphone", "iris@example.nl", "Stuur een foto van de scheur.");
        String quote = "Verstuurd vanaf mijn iPhone\n\n> Op 5 dec. 2026 om 10:12 heeft HomePair <klachten@homepair.nl> het"
                + " volgende geschreven:\n>\n> Stuur een foto van de scheur.\n";
        deliver(mail("Iris Iphone <iris@example.nl>", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                quote, Map.of()));
        pollAndRun(poller);

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(complaint.getStatus()).isEqualTo(ComplaintStatus.AWAITING_INFORMATION);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isZero();
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(reference);

        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "INFORMATION", "mailCaseReference",
                reference)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
        assertThat(timelineOf(complaints.findByReference(reference).orElseThrow()))
                .anyMatch(s -> s.contains("Aanvullende informatie ontvangen") && s.contains("foto van de scheur"));

        String below = waitingForInformation("Iris Iphone", "iris@example.nl", "Stuur een foto van de scheur.");
        deliver(mail("Iris Iphone <iris@example.nl>", "Re: Aanvullende informatie nodig voor je klacht " + below,
                quote + "\nDe scheur zit links van de deur, 40 cm lang.", Map.of()));
        pollAndRun(poller);
        assertThat(complaints.findByReference(below).orElseThrow().getStatus()).isEqualTo(ComplaintStatus.IN_ASSESSMENT);
        assertThat(timelineOf(complaints.findByReference(below).orElseThrow()))
                .anyMatch(s -> s.contains("Aanvullende informatie ontvangen") && s.contains("40 cm lang"));

        // a thank-you written below the quote (Thunderbird) is a thank-you: the case waits on
        String thanked = waitingForInformation("Iris Iphone", "iris@example.nl", "Stuur een foto van de scheur.");
        deliver(mail("Iris Iphone <iris@example.nl>", "Re: Aanvullende informatie nodig voor je klacht " + thanked,
                "Op 07-12-2026 om 10:00 schreef HomePair:\n> Stuur een foto van de scheur.\n\nBedankt!\n-- \nIris", Map.of()));
        pollAndRun(poller);
        assertThat(complaints.findByReference(thanked).orElseThrow().getStatus()).isEqualTo(ComplaintStatus.AWAITING_INFORMATION);
        assertThat(timelineOf(complaints.findByReference(thanked).orElseThrow()))
                .anyMatch(s -> s.contains("geen antwoord op de vraag om informatie"));
    }

    @Test
    void anAnswerFromAnotherAddressGoesToAHandlerWhoseChoiceMakesItTheAnswer() throws Exception {
        String reference = waitingForInformation("Wim Werk", "wim@example.nl", "Stuur een foto.");
        deliver(mail("Wim Werk <wim@werk.example.com>", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                "Hierbij de foto, vanaf mijn werk.", Map.of("scheur.png", PNG)));
        pollAndRun(poller);

        // only the case's own address acts on it: a handler looks, with the case named
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(reference);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(timelineOf(complaint)).noneMatch(s -> s.contains("vanaf mijn werk"));

        // a reference that is no case is refused beside the form, and the task stays
        ResponseEntity<String> wrong = submitTaskForm("behandelaar", task.getId(),
                Map.of("manualMailResult", "INFORMATION", "mailCaseReference", "KL-2000-999999"));
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrong.getBody()).contains("Zaak KL-2000-999999 bestaat niet");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
        // a case that asked for nothing: the refusal says what to choose instead
        String other = submitted("Anna Ander", "anna.ander@example.nl");
        ResponseEntity<String> notWaiting = submitTaskForm("behandelaar", task.getId(),
                Map.of("manualMailResult", "INFORMATION", "mailCaseReference", other));
        assertThat(notWaiting.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notWaiting.getBody()).contains("Kies dan 'Bij een bestaande zaak voegen'");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

        ResponseEntity<String> answered = submitTaskForm("behandelaar", task.getId(),
                Map.of("manualMailResult", "INFORMATION", "mailCaseReference", reference));
        assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
        complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("Aanvullende informatie ontvangen met 1 bewijsstuk(ken)")
                && s.contains("Hierbij de foto, vanaf mijn werk."));
        assertThat(evidenceOf(complaint)).isEqualTo(1);
    }

    /**
     * The photos asked for, sent as a new mail without the reference: not a second case while the first closes as
     * unanswered, but a handler's choice, with the waiting case named; the handler makes it the answer.
     */
    @Test
    void anAnswerSentAsANewMailWithoutTheReferenceGoesToAHandlerWithTheWaitingCase() throws Exception {
        String reference = waitingForInformation("Nel Nieuwmail", "nel.nieuwmail@example.nl", "Stuur een foto van de lekkage.");
        deliver(mail("Nel Nieuwmail <nel.nieuwmail@example.nl>", "Foto's lekkage", "Hier zijn de foto's die u vroeg.",
                Map.of("lekkage.png", PNG)));
        pollAndRun(poller);

        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("nel.nieuwmail@example.nl")).as("no second case").hasSize(1);
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(reference);
        assertThat((String) taskService.getVariable(task.getId(), "mailProblem")).contains("wacht op aanvullende informatie");

        assertThat(submitTaskForm("behandelaar", task.getId(),
                Map.of("manualMailResult", "INFORMATION", "mailCaseReference", reference)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
        assertThat(timelineOf(complaints.findByReference(reference).orElseThrow()))
                .anyMatch(s -> s.contains("Hier zijn de foto's die u vroeg."));
    }

    /**
     * A new complaint written as a reply to an old mail of ours, under a subject of its own: the old case is named only in
     * the quote, so it is not a note on that case (no acknowledgement, no triage) but a person's choice, with the case
     * named.
     */
    @Test
    void aReferenceOnlyInTheQuotedMailDoesNotDecideTheCase() throws Exception {
        String reference = submitted("Quinten Quote", "quinten.quote@example.nl");
        deliver(mail("Quinten Quote <quinten.quote@example.nl>", "Nieuwe klacht: lekkage badkamer",
                "De loodgieter heeft mijn badkamer laten lekken.\n\nOp 1 dec. 2026 om 10:00 schreef HomePair"
                        + " <klachten@homepair.nl>:\n> We hebben je klacht ontvangen. Je referentie is " + reference + ".",
                Map.of()));
        pollAndRun(poller);

        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("quinten.quote@example.nl")).hasSize(1);
        assertThat(timelineOf(complaints.findByReference(reference).orElseThrow())).noneMatch(s -> s.contains("loodgieter"));
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(reference);
        assertThat((String) taskService.getVariable(task.getId(), "mailProblem")).contains("alleen in het geciteerde bericht");

        // the same reply with the reference in the sender's own words is for that case
        deliver(mail("Quinten Quote <quinten.quote@example.nl>", "Aanvulling",
                "Nog een foto voor " + reference + " volgt.\n\nOp 1 dec. 2026 om 10:00 schreef HomePair"
                        + " <klachten@homepair.nl>:\n> Je referentie is " + reference + ".", Map.of()));
        pollAndRun(poller);
        assertThat(timelineOf(complaints.findByReference(reference).orElseThrow())).anyMatch(s -> s.contains("Nog een foto voor"));
    }

    /**
     * A mail to the tradesperson with HomePair in Cc ("Wanneer kom je de kraan maken?") is not the answer to our question:
     * a person reads it and the case waits on; the same mail to us is the answer.
     */
    @Test
    void aMailToSomeoneElseWithUsInCopyIsNoAnswerUntilAPersonSaysSo() throws Exception {
        String reference = waitingForInformation("Cor Cee", "cor.cee@example.nl", "Wanneer is de kraan geplaatst?");
        jakarta.mail.internet.MimeMessage copied = mail("Cor Cee <cor.cee@example.nl>", "Re: Aanvullende informatie nodig voor je"
                + " klacht " + reference, "Wanneer kom je de kraan maken? Hij is op 3 maart geplaatst.", Map.of());
        copied.setRecipients(jakarta.mail.Message.RecipientType.TO, "Loodgieter Lek <lek@loodgieter.example.org>");
        copied.setRecipients(jakarta.mail.Message.RecipientType.CC, "HomePair <" + CONTACT_MAILBOX + ">");
        deliver(copied);
        pollAndRun(poller);

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(replies.waitsForInformation(complaint)).isTrue();
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(reference);
        assertThat((String) taskService.getVariable(task.getId(), "mailProblem")).contains("alleen in de cc", "lek@loodgieter");
        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "INFORMATION", "mailCaseReference",
                reference)).getStatusCode().value()).isEqualTo(204);
        assertThat(replies.waitsForInformation(reload(complaint))).isFalse();
    }

    /**
     * A handler answers the complainant from their own mail program with the contact mailbox in Cc (reply-all): the
     * mail goes on the case for the staff, no task asks someone to register or judge it; the case waits on.
     */
    @Test
    void aHandlersOwnReplyWithTheMailboxInCopyIsANoteOnTheCase() throws Exception {
        String reference = waitingForInformation("Cc Collega", "cc.collega@example.nl", "Wanneer is de kraan geplaatst?");
        long tasksBefore = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count();
        jakarta.mail.internet.MimeMessage reply = mail("Bea Behandelaar <bea.behandelaar@homepair.nl>", "RE: Je klacht "
                + reference, "Dag, ik bel je morgen over de kraan.", Map.of());
        reply.setRecipients(jakarta.mail.Message.RecipientType.TO, "cc.collega@example.nl");
        reply.setRecipients(jakarta.mail.Message.RecipientType.CC, "HomePair <" + CONTACT_MAILBOX + ">");
        deliver(reply);
        pollAndRun(poller);

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count()).isEqualTo(tasksBefore);
        assertThat(replies.waitsForInformation(complaint)).isTrue();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.startsWith("E-mail van bea.behandelaar@homepair.nl (HomePair) aan"
                + " cc.collega@example.nl") && s.contains("ik bel je morgen"));

        // once the complainant's data is erased, no line with their address and words goes back on the case
        privacy.erase("cc.collega@example.nl", "privacy");
        jakarta.mail.internet.MimeMessage after = mail("Bea Behandelaar <bea.behandelaar@homepair.nl>", "RE: Je klacht "
                + reference + " (verwijderd)", "Je gegevens zijn verwijderd.", Map.of());
        after.setRecipients(jakarta.mail.Message.RecipientType.TO, "cc.collega@example.nl");
        after.setRecipients(jakarta.mail.Message.RecipientType.CC, "HomePair <" + CONTACT_MAILBOX + ">");
        deliver(after);
        pollAndRun(poller);
        assertThat(timelineOf(complaints.findByReference(reference).orElseThrow()))
                .noneMatch(s -> s.contains("Je gegevens zijn verwijderd"));
    }

    /** The order number asked for, with a thank-you around it: that is the answer, not a thank-you. */
    @Test
    void aNumberWithAThankYouIsTheAnswer() throws Exception {
        String reference = waitingForInformation("Bas Bon", "bas.bon@example.nl", "Wat is het ordernummer?");
        deliver(mail("Bas Bon <bas.bon@example.nl>", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                "88123\n\nBedankt, Bas", Map.of()));
        pollAndRun(poller);

        assertThat(replies.waitsForInformation(complaints.findByReference(reference).orElseThrow())).isFalse();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
        assertThat(timelineOf(complaints.findByReference(reference).orElseThrow()))
                .anyMatch(s -> s.contains("Aanvullende informatie ontvangen") && s.contains("88123"));
    }

    /**
     * A mail without text whose only file we cannot take (a HEIC photo), its subject the reference as our question
     * asks: no answer to end the wait with (the subject is ours, not an answer); a person reads it while the case waits.
     */
    @Test
    void anEmptyMailWithOnlyAFileWeCannotTakeDoesNotEndTheWait() throws Exception {
        String reference = waitingForInformation("Henk Heic", "henk.heic@example.nl", "Stuur een foto van de scheur.");
        deliver(mail("Henk Heic <henk.heic@example.nl>", reference, "", Map.of("foto.heic", "ftypheic not taken".getBytes())));
        pollAndRun(poller);

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(complaint.getStatus()).isEqualTo(ComplaintStatus.AWAITING_INFORMATION);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isZero();
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(reference);
        assertThat((String) taskService.getVariable(task.getId(), "mailProblem")).contains("geen eigen tekst",
                "geen bestand dat we kunnen opnemen");
    }

    /** A thank-you without the reference answers no question either: a note on the waiting case, no task. */
    @Test
    void aThankYouWithoutTheReferenceIsANoteOnTheWaitingCase() throws Exception {
        String reference = waitingForInformation("Dirk Dankbaar", "dirk.dankbaar@example.nl", "Stuur de offerte.");
        long manualTasks = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count();

        deliver(mail("Dirk Dankbaar <dirk.dankbaar@example.nl>", "Bedankt", "Bedankt voor uw bericht!", Map.of()));
        pollAndRun(poller);

        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("dirk.dankbaar@example.nl")).hasSize(1);
        assertThat(taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count()).isEqualTo(manualTasks);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(replies.waitsForInformation(complaint)).isTrue();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("zonder referentie (geen antwoord op de vraag om informatie"));
    }

    @Test
    void aTaskOfAnOlderManualMailModelWithoutTheListenerStillMakesTheChosenMailTheAnswer() throws Exception {
        // the version open before the upgrade that brought the choice: its model has no end listener
        String model = Files.readString(Path.of("processes/manualMailHandling.bpmn"));
        String withoutListener = model.replaceAll("\\s*<camunda:executionListener expression=\"\\$\\{setAsideAnswers[^>]*/>", "");
        assertThat(withoutListener).isNotEqualTo(model).doesNotContain("setAsideAnswers");
        String older = repositoryService.createDeployment().name("manualMailHandling without listener")
                .addString("manualMailHandling.bpmn", withoutListener).deploy().getId();
        try {
            String reference = waitingForInformation("Wim Werk", "wim@example.nl", "Stuur een foto.");
            deliver(mail("Wim Werk <wim@werk.example.com>", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                    "De foto, verstuurd voor de nieuwe versie.", Map.of()));
            pollAndRun(poller);
            Task task = newestManualMailTask();
            assertThat(repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getDeploymentId()).isEqualTo(older);

            assertThat(submitTaskForm("behandelaar", task.getId(),
                    Map.of("manualMailResult", "INFORMATION", "mailCaseReference", reference)).getStatusCode())
                    .isEqualTo(HttpStatus.NO_CONTENT);

            // taken once, as by the model's own listener
            assertThat(timelineOf(complaints.findByReference(reference).orElseThrow()))
                    .filteredOn(s -> s.contains("De foto, verstuurd voor de nieuwe versie.")).hasSize(1);
            assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
        } finally {
            repositoryService.deleteDeployment(older, true);
        }
    }

    @Test
    void pressingReplyOnTheInformationRequestAnswersTheCase() throws Exception {
        String reference = waitingForInformation("Bas Bos", "bas@example.nl", "Stuur een foto.");
        MimeMessage request = mailsTo("bas@example.nl").stream()
                .filter(m -> subjectOf(m).startsWith("Aanvullende informatie")).findFirst().orElseThrow();

        // what a mail program makes of Reply, delivered where the mail server would deliver it
        MimeMessage reply = (MimeMessage) request.reply(false);
        reply.setFrom(new InternetAddress("bas@example.nl"));
        reply.setText("Hierbij de foto van de scheur.", "UTF-8");
        reply.saveChanges();
        for (Address to : reply.getAllRecipients()) {
            String address = ((InternetAddress) to).getAddress();
            GreenMailUser mailbox = greenMail.getUserManager().getUserByEmail(address);
            (mailbox != null ? mailbox : greenMail.setUser(address, address, "x")).deliver(reply);
        }
        pollAndRun(poller);

        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
        assertThat(timelineOf(complaints.findByReference(reference).orElseThrow()))
                .anyMatch(s -> s.contains("Hierbij de foto van de scheur."));
    }

    @Test
    void aThankYouWhileTheCaseWaitsForInformationIsNoAnswerButALongAnswerIsOne() throws Exception {
        String reference = waitingForInformation("Bea Berg", "bea@example.nl", "Stuur het gesprek met de schilder.");
        Complaint complaint = complaints.findByReference(reference).orElseThrow();

        deliver(mail("Bea Berg <bea@example.nl>", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                "Bedankt!\n\nGroet,\nBea", Map.of()));
        pollAndRun(poller);
        assertThat(replies.waitsForInformation(complaint)).isTrue();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("geen antwoord op de vraag om informatie"));

        // the whole chat pasted in: longer than a case's text may be, so it is shortened, not refused
        String chat = "Hierbij het gesprek.\n" + "Schilder: ik kom morgen. Ik: prima, tot dan.\n".repeat(400);
        deliver(mail("Bea Berg <bea@example.nl>", "Re: Aanvullende informatie nodig voor je klacht " + reference, chat, Map.of()));
        pollAndRun(poller);
        assertThat(replies.waitsForInformation(complaint)).isFalse();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("Hierbij het gesprek.") && s.contains("[Ingekort"));
        assertThat(folder("Handmatig")).isEmpty();
    }

    /**
     * An Outlook user answers between the lines of our question, under "Bedankt, zie hieronder": Outlook quotes without
     * {@code >}, so only the mail we sent tells which lines are theirs. The same reply with our mail quoted as it was is
     * a thank-you, and the case waits on (R4).
     */
    @Test
    void anAnswerTypedBetweenTheLinesOfOurQuestionIsAnAnswer() throws Exception {
        String reference = waitingForInformation("Olaf Outlook", "olaf@example.nl", "Wat is het ordernummer van de klus?");
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        MimeMessage request = mailsTo("olaf@example.nl").stream()
                .filter(m -> subjectOf(m).startsWith("Aanvullende informatie")).findFirst().orElseThrow();
        String header = "Van: HomePair Klachten <klachten@homepair.nl>\nVerzonden: maandag 7 december 2026 10:00\n"
                + "Aan: Olaf Outlook <olaf@example.nl>\nOnderwerp: " + subjectOf(request) + "\n\n";
        String ours = text(request).replace("\r\n", "\n");

        deliver(mail("Olaf Outlook <olaf@example.nl>", "RE: " + subjectOf(request),
                "Bedankt!\n\nOlaf\n\n" + header + ours, Map.of()));
        pollAndRun(poller);
        assertThat(replies.waitsForInformation(complaint)).as("our question quoted as it was: thanks").isTrue();

        String answered = ours.replace("Wat is het ordernummer van de klus?\n",
                "Wat is het ordernummer van de klus?\nOLAF: dat is HP-ABCD, de klus van 3 november.\n");
        assertThat(answered).isNotEqualTo(ours);
        deliver(mail("Olaf Outlook <olaf@example.nl>", "RE: " + subjectOf(request),
                "Bedankt, zie mijn antwoord hieronder.\n\nOlaf\n\n" + header + answered, Map.of()));
        pollAndRun(poller);
        assertThat(replies.waitsForInformation(complaint)).isFalse();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("OLAF: dat is HP-ABCD"));
        assertThat(folder("Handmatig")).isEmpty();
    }

    @Test
    void anObjectionByMailStartsTheBoardEscalation() throws Exception {
        String reference = mailedAndDecidedUnfounded("Carla Claes", "carla@example.nl");

        deliver(mail("carla@example.nl", "Bezwaar tegen besluit " + reference,
                "Ik maak bezwaar: de hovenier heeft mij wel degelijk uitgescholden, zie de chat.", Map.of()));
        pollAndRun(poller);

        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count()).isEqualTo(1);
        assertThat(latestFrom("carla@example.nl").getObjectionReceivedAt()).isNotNull();
    }

    @Test
    void anObjectionByMailBeforeAnyDecisionGetsAClearAnswerAndChangesNothing() throws Exception {
        deliver(mail("Frits Fout <frits@example.nl>", "Klacht", "De dakdekker kwam te laat.", Map.of()));
        pollAndRun(poller);
        String reference = latestFrom("frits@example.nl").getReference();

        deliver(mail("frits@example.nl", "Bezwaar " + reference, "Ik maak bezwaar tegen jullie aanpak.", Map.of()));
        pollAndRun(poller);

        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count()).isZero();
        assertThat(latestFrom("frits@example.nl").getObjectionReceivedAt()).isNull();
        MimeMessage answer = Arrays.stream(greenMail.getReceivedMessagesForDomain("example.nl"))
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals("frits@example.nl");
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst().orElseThrow();
        assertThat(answer.getSubject()).contains(reference).startsWith("Je bericht over klacht");
        assertThat(nl.homepair.complaints.mail.MailText.plainText(answer).orElseThrow()).contains("nog geen besluit");
        assertThat(folder("INBOX")).isEmpty();
    }

    @Test
    void aMailQuotingSomeoneElsesCaseGoesToAPersonAndChangesNothing() throws Exception {
        deliver(mail("Hans Echt <hans@example.nl>", "Klacht", "De elektricien liet draden los hangen.", Map.of()));
        pollAndRun(poller);
        Complaint complaint = latestFrom("hans@example.nl");
        int entries = timelineOf(complaint).size();

        deliver(mail("Indringer <indringer@example.org>", "Bezwaar " + complaint.getReference(), "Ik maak bezwaar namens Hans.", Map.of()));
        pollAndRun(poller);

        assertThat(timelineOf(complaint)).hasSize(entries);
        assertThat(folder("Handmatig")).contains("Bezwaar " + complaint.getReference());
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString()).contains("niet de klager");
    }

    /**
     * The answer to our question sent with a mistyped reference, someone else's case: the task names that case, and the
     * sender's own case, which waits for this answer, waits for the person's choice too instead of closing unanswered.
     */
    @Test
    void anAnswerWithAMistypedReferenceKeepsTheSendersOwnWaitingCaseOpen() throws Exception {
        String own = waitingForInformation("Tom Typo", "tom.typo@example.nl", "Stuur de factuur.");
        deliver(mail("Ander Mens <ander.mens@example.nl>", "Klacht", "De tegelzetter kwam niet.", Map.of()));
        pollAndRun(poller);
        Complaint someoneElses = latestFrom("ander.mens@example.nl");

        deliver(mail("Tom Typo <tom.typo@example.nl>", "Re: Aanvullende informatie nodig voor je klacht "
                + someoneElses.getReference(), "Hierbij de factuur, nummer 2024-118.", Map.of()));
        pollAndRun(poller);

        Task task = newestManualMailTask();
        // the sender's own case is filled in: a click on "Antwoord op de vraag om informatie" must not reach the other
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(own);
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_ALSO_NAMED_CASE)).isEqualTo(someoneElses.getReference());
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString()).contains("niet de klager",
                "misschien verschreven", "Antwoord op de vraag om informatie", own.replace("-", "\\-"));
        // both cases are the handlers', as the task is: their group is not given twice
        assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting(l -> l.getGroupId()).containsExactly("handlers");
        assertThat(setAsideAnswers.waitFor(own)).isTrue();
        assertThat(replies.waitsForInformation(complaints.findByReference(own).orElseThrow())).isTrue();
        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "INFORMATION", "mailCaseReference",
                own)).getStatusCode().value()).isEqualTo(204);
        assertThat(replies.waitsForInformation(complaints.findByReference(own).orElseThrow())).isFalse();
    }

    /**
     * "Hierbij nog een foto" with a reference one digit off, someone else's case, while the sender's own case is being
     * assessed (it waits for nothing of theirs): the task fills in the sender's own case and names the other, so that a
     * click does not put the mail and its photo on a stranger's case.
     */
    @Test
    void aMailWithAMistypedReferenceFillsInTheSendersOwnRunningCase() throws Exception {
        String own = submit(nl.homepair.complaints.TestComplaints.janJansen().name("Tina Typo").email("tina.typo@example.nl"));
        runDueJobs(own);
        deliver(mail("Ander Mens <ander.mens2@example.nl>", "Klacht", "De stukadoor kwam niet.", Map.of()));
        pollAndRun(poller);
        Complaint someoneElses = latestFrom("ander.mens2@example.nl");

        deliver(mail("Tina Typo <tina.typo@example.nl>", "Foto bij klacht " + someoneElses.getReference(),
                "Hierbij nog een foto van de scheur.", Map.of("scheur.png", PNG)));
        pollAndRun(poller);

        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(own);
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_ALSO_NAMED_CASE)).isEqualTo(someoneElses.getReference());
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString()).contains("niet de klager",
                "misschien verschreven", own.replace("-", "\\-"), "in beoordeling");
        assertThat(evidenceOf(someoneElses)).isZero();
        assertThat(timelineOf(someoneElses)).noneMatch(line -> line.contains("scheur"));
    }

    /**
     * A colleague forwards a complaint that reached them: not a case with the colleague as complainant, but a task to
     * register it under the person who wrote it. A complainant who forwards the tradesperson's mail is still the
     * complainant.
     */
    @Test
    void aComplaintForwardedByAColleagueIsRegisteredByAPersonUnderWhoWroteIt() throws Exception {
        deliver(mail("Klantenservice HomePair <klantenservice@homepair.nl>", "Fwd: Klacht over de dakdekker",
                "Graag oppakken.\n\n---------- Forwarded message ---------\nVan: Piet Pan <piet.pan@example.nl>\n"
                        + "Onderwerp: Klacht over de dakdekker\n\nHet dak lekt nog steeds.", Map.of()));
        pollAndRun(poller);

        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("klantenservice@homepair.nl")).isEmpty();
        assertThat(taskService.getVariable(newestManualMailTask().getId(), "mailProblem").toString())
                .contains("doorgestuurd", "oorspronkelijke afzender");

        deliver(mail("Fien Forward <fien.forward@example.nl>", "Fwd: Uw offerte", "Zie hieronder: hij rekent het dubbele."
                + "\n\n---------- Forwarded message ---------\nVan: Dakdekker <info@dak.example.org>\n\nOfferte: 2x", Map.of()));
        pollAndRun(poller);
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("fien.forward@example.nl")).hasSize(1);
    }

    @Autowired
    IncomingMailHandler realHandler;
    @Autowired
    MailboxProperties mailboxProperties;
    @Autowired
    nl.homepair.complaints.cluster.ClusterLeases leases;

    /** The test application's mailbox, read (enabled) and with this many new cases an hour. */
    /**
     * A changed mailbox password: the log says so at once as an ERROR naming the settings, then once an hour, and not as
     * "not reachable" at every poll in between (which sends the administrator after the network).
     */
    @Test
    void aRefusedLoginIsSaidOnceAnHourAsWhatItIs(org.springframework.boot.test.system.CapturedOutput output) {
        MailboxProperties wrongPassword = new MailboxProperties(true, mailboxProperties.protocol(), mailboxProperties.host(),
                mailboxProperties.port(), mailboxProperties.username(), "niet-het-wachtwoord", mailboxProperties.folder(),
                mailboxProperties.processedFolder(), mailboxProperties.manualFolder(), mailboxProperties.pollInterval(),
                mailboxProperties.authservId(), mailboxProperties.leaseDuration(), mailboxProperties.maxNewComplaintsPerHour());
        MailboxPoller refused = new MailboxPoller(wrongPassword, realHandler, runtimeService, leases,
                new MailboxReadMark(clusterSettings, wrongPassword));
        int before = output.getOut().length();
        try {
            for (int i = 0; i < 3; i++) {
                refused.pollIfEnabled();
            }
        } finally {
            leases.lease(MailboxPoller.LEASE, wrongPassword.leaseDuration()).release();
            jdbc.update("delete from cluster_setting where name = ?", MailboxReadMark.IN_USE);
        }
        String logged = output.getOut().substring(before);
        assertThat(logged.split("refuses this node's login \\(check MAILBOX_USER and MAILBOX_PASSWORD\\)", -1)).hasSize(2);
        assertThat(logged).doesNotContain("not reachable");
    }

    private MailboxProperties enabledWithHourlyLimit(int perHour) {
        return new MailboxProperties(true, mailboxProperties.protocol(), mailboxProperties.host(), mailboxProperties.port(),
                mailboxProperties.username(), mailboxProperties.password(), mailboxProperties.folder(),
                mailboxProperties.processedFolder(), mailboxProperties.manualFolder(), mailboxProperties.pollInterval(),
                mailboxProperties.authservId(), mailboxProperties.leaseDuration(), perHour);
    }

    /**
     * A poller of this node (its lease) whose handler meets {@code fault} on the mail with this
     * subject and is the application's own for every other mail and for setting mails aside.
     */
    private MailboxPoller pollerFailingOn(String subject, Exception fault) throws Exception {
        IncomingMailHandler failing = org.mockito.Mockito.mock(IncomingMailHandler.class);
        org.mockito.Mockito.when(failing.handle(org.mockito.ArgumentMatchers.any())).thenAnswer(call -> {
            IncomingMail mail = call.getArgument(0);
            if (mail.subject().equals(subject)) {
                throw fault;
            }
            return realHandler.handle(mail);
        });
        org.mockito.Mockito.when(failing.setAsideOnce(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
                        org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any()))
                .thenAnswer(call -> realHandler.setAsideOnce(call.getArgument(0), call.getArgument(1), call.getArgument(2),
                        call.getArgument(3)));
        org.mockito.Mockito.when(failing.caseOfUnreadable(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any()))
                .thenAnswer(call -> realHandler.caseOfUnreadable(call.getArgument(0), call.getArgument(1)));
        return new MailboxPoller(mailboxProperties, failing, runtimeService, leases);
    }

    /**
     * The answer to our question that cannot be read (encrypted; or failing every time): the task names the case, which
     * waits for the person's choice instead of closing as unanswered. Only the case's own complainant names it so.
     */
    @Test
    void anUnreadableAnswerNamesItsCaseWhichWaits() throws Exception {
        String encrypted = waitingForInformation("Stijn Smime", "stijn.smime@example.nl", "Stuur de factuur.");
        MimeMessage sealed = mail("Stijn Smime <stijn.smime@example.nl>", "Re: Aanvullende informatie nodig voor je klacht "
                + encrypted, "x", Map.of());
        sealed.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                new byte[] {0x30, (byte) 0x80, 0x06, 0x09}, "application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m")));
        sealed.setFileName("smime.p7m");
        sealed.saveChanges();
        deliver(sealed);
        pollAndRun(poller);
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(encrypted);
        assertThat(setAsideAnswers.waitFor(encrypted)).isTrue();

        String failing = waitingForInformation("Fien Faalt", "fien.faalt@example.nl", "Stuur de factuur.");
        String subject = "Re: Aanvullende informatie nodig voor je klacht " + failing;
        MailboxPoller breaking = pollerFailingOn(subject, new IllegalStateException("a fault of ours"));
        deliver(mail("Fien Faalt <fien.faalt@example.nl>", subject, "Hierbij de factuur.", Map.of()));
        // and the same reference from a stranger names no case
        String stranger = waitingForInformation("Guus Goed", "guus.goed@example.nl", "Stuur de factuur.");
        String strangerSubject = "Re: Aanvullende informatie nodig voor je klacht " + stranger;
        MimeMessage other = mail("Vreemde <vreemd.smime@example.nl>", strangerSubject, "x", Map.of());
        other.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                new byte[] {0x30, (byte) 0x80, 0x06, 0x09}, "application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m")));
        other.saveChanges();
        deliver(other);
        for (int i = 0; i < 3; i++) {
            pollAndRun(breaking);
        }
        Task failed = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject", nl.homepair.complaints.text.MarkdownText.escape(subject)).singleResult();
        assertThat(taskService.getVariable(failed.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(failing);
        assertThat(setAsideAnswers.waitFor(failing)).isTrue();
        Task strangers = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject", nl.homepair.complaints.text.MarkdownText.escape(strangerSubject))
                .singleResult();
        assertThat(taskService.getVariable(strangers.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isNull();
    }

    @Test
    void aMailThatKeepsFailingDoesNotBlockTheOthersAndGoesToAPersonAfterThreeTries() throws Exception {
        MailboxPoller poller = pollerFailingOn("Kapot", new IllegalStateException("a fault of ours"));
        deliver(mail("Kees Kapot <kees@example.nl>", "Kapot", "Deze mail laat de verwerking struikelen.", Map.of()));
        deliver(mail("Lies Goed <lies@example.nl>", "Klacht over de tuinman", "De tuinman kwam niet.", Map.of()));

        pollAndRun(poller);
        assertThat(folder("INBOX")).containsExactly("Kapot"); // the next mail was handled all the same
        assertThat(latestFrom("lies@example.nl").getChannel()).isEqualTo(IntakeChannel.MAILBOX);
        pollAndRun(poller);
        assertThat(folder("INBOX")).containsExactly("Kapot");
        pollAndRun(poller);

        assertThat(folder("INBOX")).isEmpty();
        assertThat(folder("Handmatig")).contains("Kapot");
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("kees@example.nl")).isEmpty();
    }

    /**
     * A node that reads the mailbox but cannot send the answers its mails need (a password changed on this node only):
     * the mail waits in the inbox, and after a while this node gives the mailbox to another, which may be able to send.
     */
    @Test
    void aNodeThatCannotSendGivesTheMailboxToAnother() throws Exception {
        MailboxPoller poller = pollerFailingOn("Antwoord kan niet weg",
                new org.springframework.mail.MailSendException("535 authentication failed"));
        var lease = leases.lease(MailboxPoller.LEASE, mailboxProperties.leaseDuration());
        greenMail.purgeEmailFromAllMailboxes();
        deliver(mail("Saar Smtp <saar.smtp@example.nl>", "Antwoord kan niet weg", "Mijn bezwaar.", Map.of()));
        try {
            pollAndRun(poller);
            assertThat(folder("INBOX")).containsExactly("Antwoord kan niet weg");
            assertThat(lease.holder()).as("a moment's failure: this node reads on").isPresent();

            ClockUtil.setCurrentTime(Date.from(Instant.now().plus(MailboxPoller.CANNOT_SEND_HANDOVER)));
            pollAndRun(poller);
            assertThat(folder("INBOX")).containsExactly("Antwoord kan niet weg");
            assertThat(lease.holder()).as("given to another node").isEmpty();
        } finally {
            ClockUtil.reset();
            lease.release();
            greenMail.purgeEmailFromAllMailboxes();
        }
    }

    /** A mail on which the server breaks the connection every time goes to a person after three polls. */
    @Test
    void aMailOnWhichTheConnectionAlwaysBreaksDoesNotStallTheInbox() throws Exception {
        MailboxPoller poller = pollerFailingOn("Breekt",
                new IncomingMail.ConnectionLost(new jakarta.mail.FolderClosedException(null, "* BYE")));
        deliver(mail("Bram Breuk <bram@example.nl>", "Breekt", "Deze mail laat de verbinding breken.", Map.of()));
        deliver(mail("Lies Goed <lies4@example.nl>", "Klacht over de loodgieter", "De loodgieter kwam niet.", Map.of()));

        for (int poll = 1; poll < MailboxPoller.MAX_TRIES; poll++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> pollAndRun(poller))
                    .isInstanceOf(IncomingMail.ConnectionLost.class);
            assertThat(folder("INBOX")).hasSize(2); // read again at the next poll
        }
        pollAndRun(poller);

        assertThat(folder("INBOX")).isEmpty();
        assertThat(folder("Handmatig")).contains("Breekt");
        assertThat(latestFrom("lies4@example.nl").getChannel()).isEqualTo(IntakeChannel.MAILBOX);
    }

    /**
     * A mail handled by an earlier poll that could not move it (a full quota, a folder refused) is not new work again at
     * every poll: counted again, such mails filled the hour and no new complaint by mail was taken in.
     */
    @Test
    void aMailThatStaysUnmovedIsNotCountedAgainstTheHourAtEveryPoll() throws Exception {
        IncomingMailHandler handler = org.mockito.Mockito.mock(IncomingMailHandler.class);
        org.mockito.Mockito.when(handler.alreadyHandled(org.mockito.ArgumentMatchers.any()))
                .thenAnswer(call -> realHandler.alreadyHandled(call.getArgument(0)));
        org.mockito.Mockito.when(handler.handle(org.mockito.ArgumentMatchers.any())).thenAnswer(call -> {
            IncomingMail mail = call.getArgument(0);
            if (mail.subject().equals("Blijft staan")) {
                // the server refuses every move this poll (the folders go each time)
                for (String folder : List.of("Verwerkt", "Handmatig")) {
                    greenMail.getManagers().getImapHostManager()
                            .deleteMailbox(greenMail.getUserManager().getUser(CONTACT_MAILBOX), folder);
                }
            }
            return realHandler.handle(mail);
        });
        MailboxPoller poller = new MailboxPoller(enabledWithHourlyLimit(3), handler, runtimeService, leases);
        greenMail.purgeEmailFromAllMailboxes();
        deliver(mail("Bea Blijft <bea.blijft@example.nl>", "Blijft staan", "De loodgieter kwam niet.", Map.of()));
        // and one that cannot be read (no sender): set aside once, then only moved
        MimeMessage unreadable = new MimeMessage(SESSION);
        unreadable.setSubject("Zonder afzender");
        unreadable.setText("Wie ben ik?");
        unreadable.saveChanges();
        deliver(unreadable);
        for (int poll = 0; poll < 3; poll++) {
            pollAndRun(poller);
        }
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("bea.blijft@example.nl")).hasSize(1);

        deliver(mail("Nieuwe Klager <nieuw.na.bea@example.nl>", "Nieuwe klacht", "De schilder kwam te laat.", Map.of()));
        pollAndRun(poller);
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("nieuw.na.bea@example.nl"))
                .as("two of three new pieces of work of the hour used, not four or more").hasSize(1);
        runDueDeliveryJobs("mailbox-vol:");
    }

    @Test
    void aMailThatCannotBeMovedOutOfTheInboxDoesNotBlockTheOthersAndIsMovedOnce() throws Exception {
        // someone removes the folder Verwerkt while the first mail is being handled: its move is refused
        IncomingMailHandler handler = org.mockito.Mockito.mock(IncomingMailHandler.class);
        java.util.concurrent.atomic.AtomicBoolean removed = new java.util.concurrent.atomic.AtomicBoolean();
        org.mockito.Mockito.when(handler.handle(org.mockito.ArgumentMatchers.any())).thenAnswer(call -> {
            IncomingMail mail = call.getArgument(0);
            if (mail.subject().equals("Eerste klacht") && removed.compareAndSet(false, true)) {
                greenMail.getManagers().getImapHostManager()
                        .deleteMailbox(greenMail.getUserManager().getUser(CONTACT_MAILBOX), "Verwerkt");
            }
            return realHandler.handle(mail);
        });
        MailboxPoller poller = new MailboxPoller(mailboxProperties, handler, runtimeService, leases);
        deliver(mail("Olga Eerst <olga.onverplaatsbaar@example.nl>", "Eerste klacht", "De loodgieter kwam niet.", Map.of()));
        deliver(mail("Piet Later <piet.na.olga@example.nl>", "Tweede klacht", "De schilder kwam te laat.", Map.of()));

        pollAndRun(poller);
        assertThat(latestFrom("olga.onverplaatsbaar@example.nl").getChannel()).isEqualTo(IntakeChannel.MAILBOX);
        assertThat(latestFrom("piet.na.olga@example.nl").getChannel()).as("the next mail was handled all the same")
                .isEqualTo(IntakeChannel.MAILBOX);
        assertThat(folder("INBOX")).contains("Eerste klacht");

        pollAndRun(poller); // the folder is back: the mails are moved, not taken in again
        assertThat(folder("INBOX")).isEmpty();
        assertThat(folder("Verwerkt")).contains("Eerste klacht", "Tweede klacht");
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("olga.onverplaatsbaar@example.nl")).hasSize(1);
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("piet.na.olga@example.nl")).hasSize(1);
    }

    @Test
    void aWaveOfNewMailsBeyondTheHourlyLimitWaitsInTheInboxWhileRepliesToCasesGoOn() throws Exception {
        MailboxProperties two = enabledWithHourlyLimit(2);
        MailboxPoller poller = new MailboxPoller(two, realHandler, runtimeService, leases);
        String reference = submitted("Rita Referentie", "rita.golf@example.nl");
        greenMail.purgeEmailFromAllMailboxes();
        Instant start = Instant.parse("2026-06-09T08:00:00Z");
        ClockUtil.setCurrentTime(Date.from(start));
        try {
            for (int i = 1; i <= 4; i++) {
                deliver(mail("golf" + i + "@example.org", "Golf " + i, "Koop nu!", Map.of()));
            }
            deliver(mail("rita.golf@example.nl", "Re: " + reference, "Hierbij nog een foto.", Map.of("foto.png", PNG)));

            pollAndRun(poller);
            assertThat(folder("INBOX")).containsExactly("Golf 3", "Golf 4");
            assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("golf2@example.org")).hasSize(1);
            assertThat(evidenceOf(complaints.findByReference(reference).orElseThrow())).as("the reply went on").isEqualTo(1);
            runDueDeliveryJobs("mailbox-vol:");
            assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(mailsTo("teamleiders@homepair.nl")).singleElement().satisfies(alert -> {
                assertThat(alert.getSubject()).isEqualTo("Contactmailbox: 2 e-mails wachten, het maximum aan nieuwe zaken per uur is bereikt");
                assertThat(text(alert)).contains("homepair.mailbox.max-new-complaints-per-hour");
            });

            pollAndRun(poller); // still within the hour: they wait, and the team leads are not told twice
            runDueDeliveryJobs("mailbox-vol:");
            assertThat(folder("INBOX")).containsExactly("Golf 3", "Golf 4");
            assertThat(greenMail.waitForIncomingEmail(1000, greenMail.getReceivedMessages().length + 1)).isFalse();
            assertThat(mailsTo("teamleiders@homepair.nl")).hasSize(1);

            ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(61))));
            pollAndRun(poller);
            assertThat(folder("INBOX")).isEmpty();
            assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("golf4@example.org")).hasSize(1);
        } finally {
            ClockUtil.reset();
        }
    }

    /**
     * A reference in the subject lets a reply to a case past the hourly limit, but only a reference that exists: a wave
     * quoting made-up ones would otherwise pass, each an answer to whatever address it came from, or a handler task.
     */
    @Test
    void aWaveQuotingMadeUpReferencesWaitsLikeNewMail() throws Exception {
        MailboxProperties two = enabledWithHourlyLimit(2);
        MailboxPoller poller = new MailboxPoller(two, realHandler, runtimeService, leases);
        String real = submitted("Echte Zaak", "echte.zaak@example.nl");
        greenMail.purgeEmailFromAllMailboxes();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-10T08:00:00Z")));
        try {
            for (int i = 1; i <= 4; i++) {
                deliver(mail("verzonnen" + i + "@example.org", "Bezwaar KL-2026-99999" + i,
                        "Ik maak bezwaar tegen het besluit, want het klopt niet.", Map.of()));
            }
            // a real reference, but quoted by a stranger (references are sequential): as new work too
            deliver(mail("vreemde@example.org", "Re: " + real, "Over deze zaak wil ik ook iets kwijt.", Map.of()));

            pollAndRun(poller);

            assertThat(folder("INBOX")).containsExactly("Bezwaar KL-2026-999993", "Bezwaar KL-2026-999994", "Re: " + real);
            assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
            assertThat(mailsTo("verzonnen1@example.org")).hasSize(1);
            assertThat(mailsTo("verzonnen3@example.org")).isEmpty();
            runDueDeliveryJobs("mailbox-vol:"); // the team leads' notice: no queued mail left to other tests
        } finally {
            ClockUtil.reset();
        }
    }

    /**
     * Of two nodes, the one whose login the mailbox refuses (a password changed on one node only) or cannot reach gives
     * its turn to the other: it held the lease, extended it at every poll, and no node ever read a mail.
     */
    @Test
    void aNodeThatCannotLogInToTheMailboxLeavesItToOneThatCan() throws Exception {
        MailboxProperties right = enabledWithHourlyLimit(mailboxProperties.maxNewComplaintsPerHour());
        MailboxProperties wrong = new MailboxProperties(true, right.protocol(), right.host(), right.port(), right.username(),
                "oud-wachtwoord", right.folder(), right.processedFolder(), right.manualFolder(), right.pollInterval(),
                right.authservId(), right.leaseDuration(), right.maxNewComplaintsPerHour());
        leases.lease(MailboxPoller.LEASE, right.leaseDuration()).release(); // earlier tests' poller (this node) held it
        nl.homepair.complaints.cluster.ClusterLeases nodeA = new nl.homepair.complaints.cluster.ClusterLeases(jdbc);
        nl.homepair.complaints.cluster.ClusterLeases nodeB = new nl.homepair.complaints.cluster.ClusterLeases(jdbc);
        MailboxPoller refused = new MailboxPoller(wrong, realHandler, runtimeService, nodeA);
        MailboxPoller reading = new MailboxPoller(right, realHandler, runtimeService, nodeB);
        try {
            deliver(mail("Lotte Lease <lotte.lease@example.nl>", "Klacht over de tegelzetter", "Hij kwam niet.", Map.of()));

            org.assertj.core.api.Assertions.assertThatThrownBy(refused::poll)
                    .isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
            assertThat(leases.lease(MailboxPoller.LEASE, right.leaseDuration()).holder()).as("given up").isEmpty();
            refused.pollIfEnabled(); // the scheduled poll: logged, not thrown, and the lease is free again
            assertThat(pollAndRun(reading)).isOne();
            assertThat(latestFrom("lotte.lease@example.nl").getChannel()).isEqualTo(IntakeChannel.MAILBOX);
            assertThat(leases.lease(MailboxPoller.LEASE, right.leaseDuration()).holder()).contains(nodeB.node());
            assertThat(refused.poll()).as("the reading node keeps its turn").isZero();
        } finally {
            reading.releaseLease();
            refused.releaseLease();
        }
    }

    /**
     * A full inbox (a wave held back by the hourly limit) is read a page of envelopes at a time, with the lease
     * extended before each page: one fetch of everything on a slow server could outlast the lease, and two nodes
     * would then take it from each other in turn without reading a mail.
     */
    @Test
    void aFullInboxIsReadAPageAtATimeWithTheLeaseExtendedBeforeEachPage() throws Exception {
        MailboxProperties one = enabledWithHourlyLimit(1);
        nl.homepair.complaints.cluster.ClusterLease lease = org.mockito.Mockito.spy(
                leases.lease(MailboxPoller.LEASE, mailboxProperties.leaseDuration()));
        nl.homepair.complaints.cluster.ClusterLeases counting = org.mockito.Mockito.spy(leases);
        org.mockito.Mockito.doReturn(lease).when(counting).lease(org.mockito.ArgumentMatchers.eq(MailboxPoller.LEASE),
                org.mockito.ArgumentMatchers.any());
        MailboxPoller poller = new MailboxPoller(one, realHandler, runtimeService, counting);
        try {
            deliver(mail("Paula Pagina <paula.pagina@example.nl>", "Klacht over de loodgieter", "Hij kwam niet.", Map.of()));
            for (int i = 1; i <= 2 * MailboxPoller.FETCH_PAGE + 10; i++) {
                deliver(mail("reclame" + i + "@example.org", "Aanbieding " + i, "Koop nu!", Map.of()));
            }

            pollAndRun(poller);

            assertThat(latestFrom("paula.pagina@example.nl").getChannel()).isEqualTo(IntakeChannel.MAILBOX);
            assertThat(folder("INBOX")).hasSize(2 * MailboxPoller.FETCH_PAGE + 10); // held: the hour is full
            // at the poll's start, before Paula's mail, and before each of the two further pages
            org.mockito.Mockito.verify(lease, org.mockito.Mockito.atLeast(4)).acquire();
        } finally {
            runDueDeliveryJobs("mailbox-vol:"); // the team leads' notice of the full hour: no queued mail left to other tests
            greenMail.purgeEmailFromAllMailboxes();
        }
    }

    /**
     * The case a set-aside mail names is the one the mailbox read in it: a handler who types another reference in the
     * task's field before choosing (and saves it without completing) does not let the named case close as incomplete
     * with its answer in the task.
     */
    @Test
    void aSetAsideMailKeepsTheCaseItNamedWhenTheFieldIsChangedBeforeTheChoice() throws Exception {
        MailboxProperties enabled = enabledWithHourlyLimit(mailboxProperties.maxNewComplaintsPerHour());
        MailboxPoller poller = new MailboxPoller(enabled, realHandler, runtimeService, leases);
        String reference = waitingForInformation("Vera Veld", "vera.veld@example.nl", "Stuur een foto.");
        deliver(mail("Vera Veld <vera@werk.example.com>", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                "De foto, vanaf mijn werk.", Map.of("scheur.png", PNG)));
        pollAndRun(poller);
        org.camunda.bpm.engine.task.Task manual = newestManualMailTask();
        assertThat(taskService.getVariable(manual.getId(), ComplaintProcess.VAR_MAIL_CASE_REFERENCE)).isEqualTo(reference);
        assertThat(setAsideAnswers.waitFor(reference)).isTrue();

        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        assertThat(as("behandelaar").exchange("/engine-rest/task/" + manual.getId() + "/variables/"
                        + ComplaintProcess.VAR_MAIL_CASE_REFERENCE, org.springframework.http.HttpMethod.PUT,
                new org.springframework.http.HttpEntity<>("{\"value\": \"KL-2026-999977\", \"type\": \"String\"}", headers),
                String.class).getStatusCode().value()).isEqualTo(204);

        assertThat(setAsideAnswers.waitFor(reference)).as("the named case still waits for the choice").isTrue();
    }

    /** R13: a mail set aside naming a case keeps that case with it, so that erasing the case finds the original too. */
    @Test
    void aSetAsideMailNamingACaseIsFoundByItsCaseAndItsOriginalDeleted() throws Exception {
        MailboxProperties enabled = enabledWithHourlyLimit(mailboxProperties.maxNewComplaintsPerHour());
        MailboxPoller poller = new MailboxPoller(enabled, realHandler, runtimeService, leases);
        String reference = waitingForInformation("Wim Wissel", "wim.wissel@example.nl", "Stuur een foto.");
        greenMail.purgeEmailFromAllMailboxes();
        deliver(mail("Wim Wissel <wim@werk.example.com>", "Re: Aanvullende informatie nodig voor je klacht " + reference,
                "De foto, vanaf mijn werk.", Map.of("scheur.png", PNG)));
        pollAndRun(poller);
        assertThat(folder(enabled.manualFolder())).anyMatch(subject -> subject.contains(reference));

        List<String> ids = processedMails.findByOutcomeAndReferenceIn(ProcessedMail.Outcome.MANUAL, List.of(reference)).stream()
                .map(ProcessedMail::getMessageId).toList();
        assertThat(ids).hasSize(1);
        assertThat(poller.deleteFiledMailWithIds(ids)).isOne();
        assertThat(folder(enabled.manualFolder())).noneMatch(subject -> subject.contains(reference));
    }

    /** R13: the original mails in the folders go after the retention period, and those of an erased address at once. */
    @Test
    void filedOriginalsAreDeletedByAddressAndAfterTheRetentionPeriod() throws Exception {
        MailboxProperties enabled = enabledWithHourlyLimit(mailboxProperties.maxNewComplaintsPerHour());
        MailboxPoller poller = new MailboxPoller(enabled, realHandler, runtimeService, leases);
        greenMail.purgeEmailFromAllMailboxes();
        deliver(mail("Ada Archief <ada.archief@example.nl>", "Klacht van Ada", "De stukadoor kwam niet.", Map.of()));
        deliver(mail("Henk <henk.ada.archief@example.nl>", "Klacht van Henk", "De dakdekker kwam niet.", Map.of()));
        pollAndRun(poller);
        assertThat(folder("Verwerkt")).contains("Klacht van Ada", "Klacht van Henk");

        assertThat(poller.deleteFiledMailFrom("Ada.Archief@example.nl")).isOne();
        assertThat(folder("Verwerkt")).contains("Klacht van Henk").doesNotContain("Klacht van Ada");

        assertThat(poller.deleteFiledMailReceivedBefore(Instant.now().minus(Duration.ofDays(1)))).isZero();
        assertThat(poller.deleteFiledMailReceivedBefore(Instant.now().plus(Duration.ofDays(2)))).isOne();
        assertThat(folder("Verwerkt")).doesNotContain("Klacht van Henk");
        // a mailbox this application does not read is left alone
        assertThat(new MailboxPoller(mailboxProperties, realHandler, runtimeService, leases)
                .deleteFiledMailReceivedBefore(Instant.now().plus(Duration.ofDays(2)))).isZero();
    }

    /**
     * R13, in a cluster where one node reads the mailbox: a node that does not read it cannot remove an erased person's
     * mails from its folders, and says so ("0 removed" would tell the privacy officer nothing of them is left there).
     */
    @Test
    void aNodeThatDoesNotReadTheMailboxDoesNotSayItRemovedNothing() throws Exception {
        MailboxPoller notReading = new MailboxPoller(mailboxProperties, realHandler, runtimeService, leases,
                new MailboxReadMark(clusterSettings, mailboxProperties));
        List<String> marks = List.of(MailboxReadMark.SETTING, MailboxReadMark.IN_USE);
        marks.forEach(name -> jdbc.update("delete from cluster_setting where name = ?", name));
        try {
            assertThat(notReading.readsHere()).isFalse();
            assertThat(notReading.deleteFiledMailFrom("ada.archief@example.nl")).as("no mailbox in the cluster").isZero();
            // another node read it, and has been down for two hours: its folders may still hold the person's mails
            clusterSettings.put(MailboxReadMark.IN_USE, Instant.now().minus(Duration.ofHours(2)).toString());
            assertThatThrownBy(() -> notReading.deleteFiledMailFrom("ada.archief@example.nl"))
                    .isInstanceOf(jakarta.mail.MessagingException.class).hasMessageContaining("another node");
            assertThatThrownBy(() -> notReading.deleteFiledMailWithIds(List.of("<een@example.nl>")))
                    .isInstanceOf(jakarta.mail.MessagingException.class);
        } finally {
            marks.forEach(name -> jdbc.update("delete from cluster_setting where name = ?", name));
        }
    }

    @Test
    void ourOwnMailsAreNeverAnswered() throws Exception {
        long before = complaints.count();
        int sent = greenMail.getReceivedMessages().length;
        deliver(mail("HomePair Klachten <contact@homepair.nl>", "Iets van onszelf", "Geen klacht.", Map.of()));
        pollAndRun(poller);
        assertThat(complaints.count()).isEqualTo(before);
        assertThat(greenMail.getReceivedMessages()).as("only the mail itself, no answer to it").hasSize(sent + 1);
        assertThat(folder("Verwerkt")).contains("Iets van onszelf");
    }

    @Test
    void autoRepliesAndBouncesAreIgnored() throws Exception {
        long before = complaints.count();
        MimeMessage outOfOffice = mail("Dirk <dirk@example.nl>", "Afwezig", "Ik ben tot maandag afwezig.", Map.of());
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        outOfOffice.saveChanges();
        deliver(outOfOffice);
        MimeMessage bounce = mail("Mail Delivery System <MAILER-DAEMON@mx.example.nl>", "Undelivered Mail Returned to Sender",
                "This is the mail system at host mx.example.nl.", Map.of());
        deliver(bounce);

        assertThat(pollAndRun(poller)).isEqualTo(2);

        assertThat(complaints.count()).isEqualTo(before);
        assertThat(folder("INBOX")).isEmpty();
        assertThat(greenMail.getReceivedMessages()).noneMatch(m -> {
            try {
                return m.getAllRecipients()[0].toString().contains("example.nl");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aBounceOfOurMailAboutACaseGoesToAHandlerAndIsNeverAnswered() throws Exception {
        String reference = submitted("Tim Typfout", "tim@exampel.nl"); // a mistyped domain
        String ack = acknowledgementMessageId(reference);
        // a server returns a mail to its envelope sender: the contact mailbox we read, not the address the mail shows
        MimeMessage acknowledgement = java.util.Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> ack.equals(messageId(m))).findFirst().orElseThrow();
        assertThat(acknowledgement.getHeader("Return-Path", null)).isEqualTo("<" + CONTACT_MAILBOX + ">");
        assertThat(acknowledgement.getFrom()[0].toString()).doesNotContain(CONTACT_MAILBOX);
        greenMail.purgeEmailFromAllMailboxes();

        // a delivery report (RFC 3464) as a mail server sends it, with the headers of our mail
        MimeMessage report = new MimeMessage(SESSION);
        report.setFrom(new InternetAddress("Mail Delivery System <MAILER-DAEMON@mx.homepair.nl>"));
        report.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(CONTACT_MAILBOX));
        report.setSubject("Undelivered Mail Returned to Sender");
        MimeBodyPart human = new MimeBodyPart();
        human.setText("I'm sorry to have to inform you that your message could not be delivered: tim@exampel.nl: Host not found");
        MimeBodyPart status = new MimeBodyPart();
        status.setContent("Reporting-MTA: dns; mx.homepair.nl\r\n\r\nFinal-Recipient: rfc822; tim@exampel.nl\r\n"
                + "Action: failed\r\nStatus: 5.1.2\r\n", "message/delivery-status");
        MimeBodyPart headers = new MimeBodyPart();
        headers.setContent("From: HomePair Klachten <klachten@homepair.nl>\r\nTo: tim@exampel.nl\r\nMessage-ID: " + ack
                + "\r\nSubject: Ontvangstbevestiging\r\n", "text/rfc822-headers");
        report.setContent(new MimeMultipart("report; report-type=delivery-status", human, status, headers));
        report.saveChanges();
        deliver(report);

        pollAndRun(poller);

        assertUndeliveredTask("Undelivered Mail Returned to Sender", reference);
        assertThat(folder("Handmatig")).containsExactly("Undelivered Mail Returned to Sender");
        assertThat(greenMail.getReceivedMessagesForDomain("mx.homepair.nl")).isEmpty(); // a bounce is never answered

        // the task holds our mail and Tim's address, though no step of the case waits for it: his erasure takes it along
        privacy.erase("tim@exampel.nl", "privacy");
        assertThat(taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject", "Undelivered Mail Returned to Sender").count()).isZero();
        // and the original in the folder, found by its case (the erasure's own mailbox is not enabled in tests)
        List<String> ids = processedMails.findByOutcomeAndReferenceIn(ProcessedMail.Outcome.MANUAL, List.of(reference)).stream()
                .map(ProcessedMail::getMessageId).toList();
        assertThat(ids).hasSize(1);
        MailboxPoller enabled = new MailboxPoller(enabledWithHourlyLimit(mailboxProperties.maxNewComplaintsPerHour()),
                realHandler, runtimeService, leases);
        assertThat(enabled.deleteFiledMailWithIds(ids)).isOne();
        assertThat(folder("Handmatig")).isEmpty();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            return null;
        }
    }

    private String acknowledgementMessageId(String reference) {
        return jdbc.queryForObject("select s.message_id from sent_mail s join complaint c on c.id = s.complaint_id"
                + " where c.reference = ? and s.template = 'ontvangstbevestiging'", String.class, reference);
    }

    /** A handler's task for the bounce with this subject, saying which mail of which case did not arrive. */
    private void assertUndeliveredTask(String subject, String reference) {
        Task task = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject", MarkdownText.escape(subject)).singleResult();
        assertThat(task).isNotNull();
        assertThat((String) taskService.getVariable(task.getId(), "mailProblem"))
                .contains(MarkdownText.escape("zaak " + reference), "niet afgeleverd", "de klager");
        // and the case file no longer says only that the mail was sent (R14)
        assertThat(timelineOf(complaints.findByReference(reference).orElseThrow()))
                .filteredOn(line -> line.contains("niet afgeleverd")).singleElement()
                .satisfies(line -> assertThat(line).contains("Ontvangstbevestiging", "mailserver stuurde hem terug"));
    }

    /** A plain-text bounce (Exim's words) of our mail with this Message-ID to this address, quoting {@code headers} too. */
    private void deliverBounce(String from, String subject, String address, String messageId, String headers) throws Exception {
        deliver(mail(from, subject, """
                I'm afraid I wasn't able to deliver your message to the following addresses.

                <%s>:
                Sorry, no mailbox here by that name. (#5.1.1)

                --- Below this line is a copy of the message.

                Message-ID: %s
                %s""".formatted(address, messageId, headers), Map.of()));
    }

    /** What the handler's task for the bounce with this subject says (its Markdown escapes left out). */
    private String problemOfTheTaskFor(String subject) {
        Task task = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject", MarkdownText.escape(subject)).singleResult();
        return ((String) taskService.getVariable(task.getId(), "mailProblem")).replace("\\", "");
    }

    /** qmail's "failure notice": plain text, with the returned mail's headers quoted in it; no delivery report. */
    @Test
    void aPlainTextBounceOfOurMailGoesToAHandlerToo() throws Exception {
        String reference = submitted("Quirijn Qmail", "quirijn@exampel.nl");
        String ack = acknowledgementMessageId(reference);
        deliver(mail("MAILER-DAEMON@mx.exampel.nl", "failure notice", """
                Hi. This is the qmail-send program at mx.exampel.nl.
                I'm afraid I wasn't able to deliver your message to the following addresses.

                <quirijn@exampel.nl>:
                Sorry, no mailbox here by that name. (#5.1.1)

                --- Below this line is a copy of the message.

                Return-Path: <klachten@homepair.nl>
                Message-ID: %s
                Subject: Ontvangstbevestiging
                """.formatted(ack), Map.of()));

        pollAndRun(poller);

        assertUndeliveredTask("failure notice", reference);
    }

    /** A bounce that arrives after the address was corrected is still about the complainant's mail, to the earlier address. */
    @Test
    void aLateBounceToTheComplainantsEarlierAddressNamesTheComplainant(
            @Autowired nl.homepair.complaints.casework.AddressCorrection corrections) throws Exception {
        String reference = submitted("Ria Typo", "ria@exampel.nl");
        String ack = acknowledgementMessageId(reference);
        corrections.correct(complaints.findByReference(reference).orElseThrow(), "ria@example.nl", false, true, "behandelaar");
        deliverBounce("MAILER-DAEMON@mx.exampel.nl", "Mail delivery failed: returning message to sender", "ria@exampel.nl",
                ack, "Subject: Ontvangstbevestiging\n");

        pollAndRun(poller);

        assertUndeliveredTask("Mail delivery failed: returning message to sender", reference);
        assertThat(problemOfTheTaskFor("Mail delivery failed: returning message to sender"))
                .contains("eerdere adres ria@exampel.nl", "inmiddels gecorrigeerd").doesNotContain("andere partij");
    }

    /**
     * The invitation to the mediation bounced (the handler mistyped the other party's address): the task names the other
     * party and where the address is corrected, which sends the invitation again, while the mediation's days run (R7).
     */
    @Test
    void aBounceOfTheInvitationNamesTheOtherPartyAndWhereToCorrectTheAddress() throws Exception {
        String reference = submitted("Mia Mediatie", "mia.mediatie@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MEDIATION",
                ComplaintProcess.VAR_ASSESSMENT_NOTES, "We bemiddelen.", "otherPartyName", "Klusbedrijf Kees",
                "otherPartyEmail", "kees@klusbedrijf.exampel"));
        String invitation = jdbc.queryForObject("select s.message_id from sent_mail s join complaint c on c.id = s.complaint_id"
                + " where c.reference = ? and s.recipient = ?", String.class, reference, "kees@klusbedrijf.exampel");
        deliverBounce("MAILER-DAEMON@mx.klusbedrijf.exampel", "Undeliverable: uitnodiging", "kees@klusbedrijf.exampel",
                invitation, "");

        pollAndRun(poller);

        assertThat(problemOfTheTaskFor("Undeliverable: uitnodiging"))
                .contains("aan de andere partij", "E-mailadres van de andere partij", "gaat dan opnieuw")
                .doesNotContain("of de betrokken gebruiker");
    }

    /** A reply to a closed case's old mail may be the answer the sender's live case waits for: a person decides, with it named. */
    @Test
    void aReplyToAClosedCaseNamesTheSendersCaseThatWaits() throws Exception {
        String closed = submitted("Carla Closed", "carla.closed@example.nl");
        assertThat(as("platform").postForEntity("/api/complaints/" + closed + "/withdrawal",
                json("{\"reason\":\"Opgelost met de vakman.\"}"), String.class).getStatusCode().value()).isEqualTo(202);
        runDueJobs(closed);
        assertThat(complaints.findByReference(closed).orElseThrow().getStatus()).isEqualTo(ComplaintStatus.CLOSED);
        String live = waitingForInformation("Carla Closed", "carla.closed@example.nl", "Stuur de offerte.");

        deliver(mail("Carla Closed <carla.closed@example.nl>", "Re: Je klacht " + closed, "Hierbij de offerte.", Map.of()));
        pollAndRun(poller);

        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(live);
        assertThat(complaints.findByReference(live).orElseThrow().getStatus()).isEqualTo(ComplaintStatus.AWAITING_INFORMATION);

        // the same with the closed case named only in the quoted mail, under a subject of her own: the waiting case is named
        deliver(mail("Carla Closed <carla.closed@example.nl>", "De offerte", "Hierbij de offerte.\n\nOp 1 dec. 2026 om 10:00"
                + " schreef HomePair <klachten@homepair.nl>:\n> Je klacht " + closed + " is afgesloten.", Map.of()));
        pollAndRun(poller);
        Task quoted = newestManualMailTask();
        assertThat(quoted.getId()).isNotEqualTo(task.getId());
        assertThat(taskService.getVariable(quoted.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(live);
    }

    /**
     * An older case waits for the photos, and the sender's new complaint by mail waits for its acknowledgement: "Hier de
     * foto's" without a reference may be for either, so a person decides; the older case does not close unanswered.
     */
    @Test
    void aMailWithoutReferenceWhileAnOlderCaseWaitsAndANewOneIsFreshGoesToAPerson() throws Exception {
        String older = submitted("Olga Ouder", "olga@example.nl");
        deliver(mail("Olga Ouder <olga@example.nl>", "Nieuwe klacht", "De loodgieter kwam niet opdagen.", Map.of()));
        pollAndRun(poller);
        Complaint fresh = complaints.findByEmailIgnoreCaseOrderByReceivedAt("olga@example.nl").stream()
                .filter(c -> c.getChannel() == nl.homepair.complaints.complaint.IntakeChannel.MAILBOX).findFirst().orElseThrow();
        assertThat(fresh.getReference()).isNotEqualTo(older);
        completeTask(older, ComplaintProcess.TASK_ASSESS,
                Map.of("assessmentOutcome", "MORE_INFORMATION", "assessmentNotes", "Stuur een foto van de schade."));
        int freshTimeline = timelineOf(fresh).size();

        deliver(mail("Olga Ouder <olga@example.nl>", "Foto's", "Hier de foto's.", Map.of("schade.png", PNG)));
        pollAndRun(poller);

        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(older);
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString()).contains(fresh.getReference().replace("-", "\\-"));
        assertThat(timelineOf(reload(fresh))).hasSize(freshTimeline);
        assertThat(complaints.findByReference(older).orElseThrow().getStatus()).isEqualTo(ComplaintStatus.AWAITING_INFORMATION);
    }

    @Test
    void furtherMailsBeforeTheAcknowledgementJoinTheWaitingCaseInsteadOfMakingNewOnes() throws Exception {
        deliver(mail("Nina Nogmaals <nina@example.nl>", "Klacht over de glazenzetter", "Het nieuwe raam lekt.", Map.of()));
        pollAndRun(poller);
        Complaint complaint = latestFrom("nina@example.nl");

        // she has no reference yet: the photo she forgot, and the same complaint sent again the next morning
        deliver(mail("nina@example.nl", "foto", "Hierbij nog de foto van het raam.",
                Map.of("raam.png", PNG, "raam.heic", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'})));
        deliver(mail("Nina Nogmaals <NINA@example.nl>", "Klacht over de glazenzetter", "Het nieuwe raam lekt. Nog geen antwoord?",
                Map.of()));
        pollAndRun(poller);

        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("nina@example.nl")).hasSize(1);
        assertThat(evidenceOf(complaint)).isEqualTo(1);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.startsWith("Nog een e-mail van nina@example.nl zonder referentie")
                && s.contains("Hierbij nog de foto")).anyMatch(s -> s.contains("Nog geen antwoord?"));
        Task triage = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference()).singleResult();
        assertThat(triage.getTaskDefinitionKey()).isEqualTo("UserTask_TriageComplaint");
        assertThat(caseFileText("behandelaar", triage, "caseTimeline")).contains("Hierbij nog de foto");
        assertThat(folder("INBOX")).isEmpty();

        // a mail she sent before the acknowledgement, read only after it (the hourly limit held it, the mailbox was down):
        // she could not know the reference either, so it joins too
        deliver(mail("nina@example.nl", "Nog iets", "Ik vergat te zeggen: het is het raam aan de achterkant.", Map.of()));
        Thread.sleep(1100); // the mail server keeps the arrival to the second
        taskService.complete(triage.getId(), Map.of("triageOutcome", "COMPLAINT", "role", "CLIENT", "subject", "JOB_HANDLING"));
        runDueJobs(complaint.getReference());
        assertThat(reload(complaint).getAcknowledgedAt()).isNotNull();
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mailsTo("nina@example.nl")).singleElement().satisfies(ack -> assertThat(text(ack)).contains("raam.heic"));
        pollAndRun(poller);
        Thread.sleep(1100); // the next mail arrives in a later second than the acknowledgement
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("nina@example.nl")).hasSize(1);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.startsWith("Nog een e-mail van nina@example.nl zonder referentie")
                && s.contains("raam aan de achterkant"));

        // once acknowledged she knows her reference: a mail without it is a new complaint again
        deliver(mail("nina@example.nl", "Andere klacht", "De schilder kwam niet opdagen.", Map.of()));
        pollAndRun(poller);
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("nina@example.nl")).hasSize(2);
    }

    /**
     * R3: a handler holds the triage of a mail ("Nieuwsbrief?") open and chooses "geen klacht", while the sender's second
     * mail ("ik wil een klacht indienen") joins the case: the triage starts again, held by the same handler and due as
     * before; the form opened before the mail is refused, and the case stays open for a triage with both mails.
     */
    @Test
    void aFurtherMailWhileTheTriageIsOpenStartsItAgainAndAStaleNotAComplaintIsRefused() throws Exception {
        deliver(mail("Rik Racer <rik.racer@example.nl>", "Vraagje", "Krijg ik ook jullie nieuwsbrief?", Map.of()));
        pollAndRun(poller);
        Complaint complaint = latestFrom("rik.racer@example.nl");
        Task first = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference()).singleResult();
        assertThat(first.getTaskDefinitionKey()).isEqualTo(ComplaintProcess.TASK_TRIAGE);
        taskService.setAssignee(first.getId(), "behandelaar");

        deliver(mail("rik.racer@example.nl", "Klacht", "Ik wil een klacht indienen: de loodgieter liet een lekkage achter.",
                Map.of()));
        pollAndRun(poller);

        Task again = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference()).singleResult();
        assertThat(again.getTaskDefinitionKey()).isEqualTo(ComplaintProcess.TASK_TRIAGE);
        assertThat(again.getId()).isNotEqualTo(first.getId());
        assertThat(again.getAssignee()).isEqualTo("behandelaar");
        assertThat(again.getDueDate()).isEqualTo(first.getDueDate());
        var stale = submitTaskForm("behandelaar", first.getId(), Map.of("triageOutcome", "NOT_A_COMPLAINT",
                "notAComplaintConfirmed", true, "triageNotes", "Vraag over de nieuwsbrief."));
        assertThat(stale.getStatusCode().value()).as(stale.getBody()).isEqualTo(404);
        assertThat(stale.getBody()).contains("Deze taak bestaat niet meer");
        assertThat(reload(complaint).getStatus()).isNotEqualTo(ComplaintStatus.CLOSED);
        assertThat(caseFileText("behandelaar", again, "caseTimeline")).contains("liet een lekkage achter");
        // whole, however long, where the triage form shows it
        assertThat(caseFileText("behandelaar", again, "caseLaterMails")).contains("Ik wil een klacht indienen\\: de loodgieter"
                + " liet een lekkage achter\\.");
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("rik.racer@example.nl")).hasSize(1);
        assertThat(submitTaskForm("behandelaar", again.getId(), Map.of("triageOutcome", "COMPLAINT", "role", "CLIENT",
                "subject", "JOB_HANDLING")).getStatusCode().value()).isEqualTo(204);
        runDueJobs(complaint.getReference());
        assertThat(reload(complaint).getAcknowledgedAt()).isNotNull();
    }

    /** The same when a set-aside mail is put with a case whose triage a handler holds open. */
    @Test
    void aSetAsideMailPutWithACaseInTriageStartsTheTriageAgain() throws Exception {
        deliver(mail("Saar Sorteer <saar.sorteer@example.nl>", "Aanbieding?", "Hebben jullie kortingscodes?", Map.of()));
        pollAndRun(poller);
        Complaint complaint = latestFrom("saar.sorteer@example.nl");
        Task first = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference()).singleResult();
        taskService.setAssignee(first.getId(), "behandelaar");

        deliver(mail("s.sorteer@werk.example.org", "Re: " + complaint.getReference(), "Dit is mijn klacht over de schilder.",
                Map.of()));
        pollAndRun(poller);
        Task manual = newestManualMailTask();
        assertThat(submitTaskForm("behandelaar", manual.getId(), Map.of("manualMailResult", "ATTACHED",
                "mailCaseReference", complaint.getReference())).getStatusCode().value()).isEqualTo(204);

        Task again = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference()).singleResult();
        assertThat(again.getTaskDefinitionKey()).isEqualTo(ComplaintProcess.TASK_TRIAGE);
        assertThat(again.getId()).isNotEqualTo(first.getId());
        assertThat(again.getAssignee()).isEqualTo("behandelaar");
        assertThat(caseFileText("behandelaar", again, "caseTimeline")).contains("mijn klacht over de schilder");
        assertThat(caseFileText("behandelaar", again, "caseLaterMails")).contains("mijn klacht over de schilder");
    }

    /**
     * R4: an answer sent in time but read late (the mail server was down at the deadline) must not close its case as
     * incomplete. A poll that read the whole inbox records up to when it read; an unreachable mailbox records nothing,
     * and a case whose wait ended after that moment waits a working day more (setAsideAnswers.mayStillArrive).
     */
    @Test
    void aPollThatReadTheInboxThroughSaysUpToWhenAndAnOutageDoesNot() throws Exception {
        MailboxProperties enabled = enabledWithHourlyLimit(mailboxProperties.maxNewComplaintsPerHour());
        MailboxReadMark mark = new MailboxReadMark(clusterSettings, enabled);
        MailboxPoller reading = new MailboxPoller(enabled, realHandler, runtimeService, leases, mark);
        jdbc.update("delete from cluster_setting where name = ?", MailboxReadMark.SETTING);
        Instant start = Instant.parse("2026-06-12T21:00:00Z");
        ClockUtil.setCurrentTime(Date.from(start));
        try {
            assertThat(mark.behind(start.minusSeconds(3600))).as("never read through").isTrue();

            pollAndRun(reading);
            assertThat(mark.behind(start.minusSeconds(1))).isFalse();
            assertThat(mark.behind(start.plusSeconds(3600))).as("what came after the poll began").isTrue();

            ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(12))));
            greenMail.stop();
            try {
                assertThatThrownBy(reading::poll).isInstanceOf(jakarta.mail.MessagingException.class);
            } finally {
                greenMail.start();
                greenMail.setUser(CONTACT_MAILBOX, CONTACT_MAILBOX, "contact");
            }
            assertThat(mark.behind(start.plus(Duration.ofHours(1)))).as("the outage read nothing").isTrue();
            ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(8))));
            assertThat(mark.behind(start.plus(Duration.ofHours(1)))).as("a week's outage is not waited out").isFalse();
            assertThat(new MailboxReadMark(clusterSettings, mailboxProperties).behind(start.plus(Duration.ofDays(1))))
                    .as("without a mailbox to read nothing waits there").isFalse();
        } finally {
            ClockUtil.reset();
        }
    }

    /**
     * R4: a node without {@code MAILBOX_ENABLED} runs the timers of waiting cases too; while another node reads the
     * mailbox and has not read it through (its server is down), such a node must not close them either.
     */
    @Test
    void aNodeThatDoesNotReadTheMailboxAsksWhetherAnotherOneDoes(org.springframework.boot.test.system.CapturedOutput output) {
        MailboxProperties enabled = enabledWithHourlyLimit(mailboxProperties.maxNewComplaintsPerHour());
        MailboxReadMark otherNode = new MailboxReadMark(clusterSettings, mailboxProperties);
        List<String> marks = List.of(MailboxReadMark.SETTING, MailboxReadMark.IN_USE);
        marks.forEach(name -> jdbc.update("delete from cluster_setting where name = ?", name));
        Instant sent = Instant.now().minusSeconds(600);
        try {
            assertThat(otherNode.behind(sent)).as("no node reads a mailbox").isFalse();

            greenMail.stop();
            try {
                // the reading node's scheduled poll, which cannot reach the server
                new MailboxPoller(enabled, realHandler, runtimeService, leases, new MailboxReadMark(clusterSettings, enabled))
                        .pollIfEnabled();
            } finally {
                greenMail.start();
                greenMail.setUser(CONTACT_MAILBOX, CONTACT_MAILBOX, "contact");
            }
            assertThat(otherNode.behind(sent)).as("another node reads the mailbox and has not read it through").isTrue();
            clusterSettings.put(MailboxReadMark.SETTING, Instant.now().toString());
            assertThat(otherNode.behind(sent)).as("read through since").isFalse();

            clusterSettings.put(MailboxReadMark.SETTING, sent.minusSeconds(60).toString());
            clusterSettings.put(MailboxReadMark.IN_USE, Instant.now().minus(Duration.ofHours(2)).toString());
            // the reading node was stopped or died (or MAILBOX_ENABLED switched off everywhere) two hours ago: the answer
            // may lie unread, so the case waits on, and a closing mail that says none came stays unsent
            assertThat(otherNode.behind(sent)).as("the reading node is gone since two hours").isTrue();
            // and every node that does not read it says so in its log, once an hour
            MailboxPoller notReading = new MailboxPoller(mailboxProperties, realHandler, runtimeService, leases,
                    new MailboxReadMark(clusterSettings, mailboxProperties));
            int logged = output.getOut().length();
            notReading.pollIfEnabled();
            notReading.pollIfEnabled();
            assertThat(output.getOut().substring(logged).split("No node has read the contact mailbox since", -1)).hasSize(2);
            clusterSettings.put(MailboxReadMark.IN_USE, Instant.now().minus(Duration.ofDays(8)).toString());
            assertThat(otherNode.behind(sent)).as("no node has read a mailbox for over a week: none is used").isFalse();
            // a node that only tried to read it (a wrong host) read nothing: nothing can wait there
            clusterSettings.put(MailboxReadMark.IN_USE, Instant.now().minus(Duration.ofHours(2)).toString());
            jdbc.update("delete from cluster_setting where name in (?, ?)", MailboxReadMark.SETTING, MailboxReadMark.POLLED);
            assertThat(otherNode.behind(sent)).as("the mailbox was only tried, never read").isFalse();
        } finally {
            marks.forEach(name -> jdbc.update("delete from cluster_setting where name = ?", name));
            leases.lease(MailboxPoller.LEASE, enabled.leaseDuration()).release();
        }
    }

    /**
     * A complainant's long reply with more arguments, while a handler assesses the case: the assessment's form shows it
     * whole under *Later ontvangen e-mails*, not the timeline's 300 characters of it.
     */
    @Test
    void aLongReplyIsShownWholeToWhoeverDecides() throws Exception {
        String reference = submitted("Lange Uitleg", "lange.uitleg@example.nl");
        String arguments = "Aanvulling op mijn klacht. " + "De schilder beschadigde ook de vensterbank en de deurpost. ".repeat(8)
                + "Het laatste dat ik wil zeggen: de rekening klopt niet.";
        deliver(mail("lange.uitleg@example.nl", "Re: Ontvangstbevestiging van je klacht " + reference, arguments, Map.of()));
        pollAndRun(poller);

        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        assertThat(caseFileText("behandelaar", assessment, "caseTimeline")).doesNotContain("de rekening klopt niet");
        assertThat(caseFileText("behandelaar", assessment, "caseLaterMails")).contains("Aanvulling op mijn klacht",
                "Het laatste dat ik wil zeggen\\: de rekening klopt niet\\.");
    }

    /** A reply to one case whose words say it is for the sender's other case: a person chooses, no file on the wrong case. */
    @Test
    void aMailWhoseWordsNameAnotherCaseThanItsSubjectGoesToAHandler() throws Exception {
        String first = submitted("Twee Zaken", "twee.zaken@example.nl");
        String second = submitted("Twee Zaken", "twee.zaken@example.nl");
        greenMail.purgeEmailFromAllMailboxes();
        deliver(mail("Twee Zaken <twee.zaken@example.nl>", "Re: Ontvangstbevestiging van je klacht " + first,
                "Sorry, dit is voor " + second + ", hierbij de foto's.", Map.of("scheur.png", PNG)));

        pollAndRun(poller);

        assertThat(evidenceOf(complaints.findByReference(first).orElseThrow())).isZero();
        assertThat(evidenceOf(complaints.findByReference(second).orElseThrow())).isZero();
        org.camunda.bpm.engine.task.Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("noemt twee zaken: " + first + " (in het onderwerp) en " + second);
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(first);
        // both cases wait for the person's choice: neither closes while the mail may be its answer
        assertThat(setAsideAnswers.waitFor(first)).isTrue();
        assertThat(setAsideAnswers.waitFor(second)).isTrue();
    }

    /**
     * A contact form of another site (or a ticket system) writes from a no-reply address for a person named in Reply-To:
     * a person's mail, so a handler sees it, not ignored as automatic; a no-reply mail without one stays ignored.
     */
    @Test
    void aNoReplyMailForAPersonInReplyToGoesToAHandler() throws Exception {
        long before = complaints.count();
        MimeMessage form = mail("Contactformulier <noreply@bouwbedrijf.example.nl>", "Klacht via ons formulier",
                "Naam: Jan Jansen. De schilder van HomePair kwam niet opdagen.", Map.of());
        form.setReplyTo(new jakarta.mail.Address[] {new InternetAddress("jan.formulier@example.nl")});
        // as RFC 3834 asks of generated mail: the form marks it so, and it is still the person's
        form.setHeader("Auto-Submitted", "auto-generated");
        form.setHeader("Precedence", "bulk");
        form.saveChanges();
        deliver(form);
        MimeMessage newsletter = mail("noreply@nieuwsbrief.example.nl", "Onze aanbiedingen", "Koop nu!", Map.of());
        newsletter.setReplyTo(new jakarta.mail.Address[] {new InternetAddress("klantenservice@nieuwsbrief.example.nl")});
        newsletter.setHeader("Precedence", "bulk");
        newsletter.setHeader("List-Unsubscribe", "<mailto:afmelden@nieuwsbrief.example.nl>");
        newsletter.saveChanges();
        deliver(newsletter);
        // an out-of-office answer of a ticket system for a person stays automatic
        MimeMessage away = mail("noreply@ticket.example.nl", "Ticket 42", "Ik ben afwezig tot maandag.", Map.of());
        away.setReplyTo(new jakarta.mail.Address[] {new InternetAddress("piet.ticket@example.nl")});
        away.setHeader("Auto-Submitted", "auto-replied");
        away.saveChanges();
        deliver(away);

        pollAndRun(poller);

        assertThat(complaints.count()).isEqualTo(before);
        org.camunda.bpm.engine.task.Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("no-reply-adres (noreply@bouwbedrijf.example.nl)", "jan.formulier@example.nl (Reply-To)");
        assertThat(folder("Handmatig")).containsExactly("Klacht via ons formulier");
        assertThat(folder("Verwerkt")).contains("Onze aanbiedingen", "Ticket 42");

        // the person it was written for asks for erasure: the task and the original go, though From is the form's
        privacy.erase("jan.formulier@example.nl", "privacy");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isZero();
        MailboxPoller enabled = new MailboxPoller(enabledWithHourlyLimit(mailboxProperties.maxNewComplaintsPerHour()),
                realHandler, runtimeService, leases);
        assertThat(enabled.deleteFiledMailFrom("jan.formulier@example.nl")).isOne();
        assertThat(folder("Handmatig")).isEmpty();
    }

    /**
     * A mail held back by the hourly limit may be an answer without its reference in the subject ("Foto's lekkage"): the
     * inbox counts as read only up to the first mail left in it, so a case whose wait ends meanwhile waits on (R4).
     */
    @Test
    void mailsHeldBackByTheHourlyLimitAreNotCountedAsRead() throws Exception {
        MailboxProperties two = enabledWithHourlyLimit(2);
        MailboxReadMark mark = new MailboxReadMark(clusterSettings, two);
        MailboxPoller poller = new MailboxPoller(two, realHandler, runtimeService, leases, mark);
        greenMail.purgeEmailFromAllMailboxes();
        for (int i = 1; i <= 3; i++) {
            deliver(mail("vasthouden" + i + "@example.org", i == 3 ? "Foto's lekkage" : "Vol uur " + i, "Zie bijlage.", Map.of()));
        }
        Instant arrived = Instant.now();
        // the mail server's arrival times are the computer's; the engine's clock a day later
        Instant start = arrived.plus(Duration.ofDays(1));
        ClockUtil.setCurrentTime(Date.from(start));
        try {
            pollAndRun(poller);
            assertThat(folder("INBOX")).containsExactly("Foto's lekkage");
            assertThat(mark.behind(arrived.plusSeconds(60))).as("a mail held back may be the answer").isTrue();
            // also an answer that arrived in the days after its deadline, which still count: the case waits
            Date dueBefore = Date.from(arrived.minus(Duration.ofHours(1)));
            mark.tryingToRead(); // as the scheduled reader says each round: the node that asks reads no mailbox itself
            assertThat(setAsideAnswers.mayStillArrive("KL-2026-999990", dueBefore)).as("held back in the margin").isTrue();

            ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(61))));
            pollAndRun(poller);
            assertThat(folder("INBOX")).isEmpty();
            assertThat(mark.behind(start)).as("read through once the hour had room").isFalse();
            assertThat(setAsideAnswers.mayStillArrive("KL-2026-999990", dueBefore)).as("read through").isFalse();
        } finally {
            ClockUtil.reset();
            // no node reads the mailbox for the tests that follow: their cases close as they would without one
            jdbc.update("delete from cluster_setting where name = ?", MailboxReadMark.IN_USE);
            runDueDeliveryJobs("mailbox-vol:");
            greenMail.purgeEmailFromAllMailboxes();
        }
    }

    @Test
    void aFileLeftOutOfAFurtherMailWhileTheAcknowledgementWaitsForTheMailServerIsToldInAMailOfItsOwn() throws Exception {
        deliver(mail("Pim Post <pim@example.nl>", "Klacht over de dakgoot", "De dakgoot lekt nog steeds.", Map.of()));
        pollAndRun(poller);
        Complaint complaint = latestFrom("pim@example.nl");
        Task triage = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference()).singleResult();
        greenMail.stop();
        try {
            taskService.complete(triage.getId(), Map.of("triageOutcome", "COMPLAINT", "role", "CLIENT", "subject", "JOB_HANDLING"));
            runDueJobs(complaint.getReference()); // the acknowledgement is written, its server is down
        } finally {
            greenMail.start();
            greenMail.setUser(CONTACT_MAILBOX, CONTACT_MAILBOX, "contact");
        }
        assertThat(reload(complaint).getAcknowledgedAt()).isNull();

        deliver(mail("pim@example.nl", "foto", "De foto van de dakgoot.",
                Map.of("dakgoot.heic", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'})));
        pollAndRun(poller);
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("pim@example.nl")).hasSize(1);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mailsTo("pim@example.nl")).singleElement().satisfies(told -> {
            assertThat(told.getSubject()).startsWith("Niet alle bijlagen bij klacht " + complaint.getReference());
            assertThat(text(told)).contains("dakgoot.heic");
        });
    }

    @Test
    void aForgedFollowUpDoesNotJoinSomeoneElsesWaitingCase() throws Exception {
        deliver(mail("Otto Open <otto@example.nl>", "Klacht over de stratenmaker", "De tegels liggen scheef.", Map.of()));
        pollAndRun(poller);
        Complaint complaint = latestFrom("otto@example.nl");
        MimeMessage forged = mail("otto@example.nl", "Aanvulling", "Stuur alles naar mijn nieuwe adres.", Map.of());
        forged.addHeader("Authentication-Results", "mx.homepair.nl; spf=fail smtp.mailfrom=example.nl; dkim=none; dmarc=fail header.from=example.nl");
        deliver(forged);
        pollAndRun(poller);

        assertThat(timelineOf(complaint)).noneMatch(s -> s.contains("Stuur alles naar"));
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("otto@example.nl")).hasSize(2);
        // the case it became shows the triage why to doubt the address, and the sender's other case
        Complaint second = latestFrom("otto@example.nl");
        Task triage = taskService.createTaskQuery().processInstanceBusinessKey(second.getReference()).singleResult();
        assertThat(timelineOf(second)).contains("Let op: de mailserver kon de afzender niet bevestigen (SPF=fail, DMARC=fail): de"
                + " e-mail komt misschien niet van otto@example.nl. Na 'Ja, een klacht' krijgt dat adres de ontvangstbevestiging;"
                + " is de e-mail vervalst, kies 'Nee, geen klacht'.");
        assertThat(caseFileText("behandelaar", triage, "caseTimeline")).contains("de mailserver kon de afzender niet bevestigen",
                "is de e\\-mail vervalst, kies 'Nee, geen klacht'");
        assertThat(caseFileText("behandelaar", triage, "caseOtherCases")).contains(complaint.getReference());
        assertThat(timelineOf(complaint)).noneMatch(s -> s.contains("afzender niet bevestigen"));
        assertThat(mailsTo("otto@example.nl")).as("nothing to the address before triage").isEmpty();
    }

    @Test
    void aForbiddenAttachmentIsLeftOutAndTheHandlerIsTold() throws Exception {
        deliver(mail("Eva Everts <eva@example.nl>", "Klacht over schilder", "Zie bijlagen.",
                Map.of("foto.png", PNG, "virus.pdf", new byte[] {'M', 'Z', (byte) 0x90, 0})));
        pollAndRun(poller);

        Complaint complaint = latestFrom("eva@example.nl");
        assertThat(evidenceOf(complaint)).isEqualTo(1);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.startsWith("Bijlage niet opgenomen") && s.contains("virus.pdf"));
        Task triage = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference()).singleResult();
        assertThat(caseFileText("behandelaar", triage, "caseTimeline")).contains("virus");

        // nothing goes to the sender before triage; the acknowledgement then names the file that was left out
        assertThat(mailsTo("eva@example.nl")).isEmpty();
        taskService.complete(triage.getId(), Map.of("triageOutcome", "COMPLAINT", "role", "CLIENT", "subject", "JOB_HANDLING"));
        runDueJobs(complaint.getReference());
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mailsTo("eva@example.nl")).singleElement().satisfies(ack -> {
            assertThat(ack.getSubject()).startsWith("Ontvangstbevestiging");
            assertThat(text(ack)).contains("Niet alle bijlagen van je e-mail konden we opnemen", "virus.pdf",
                    "als antwoord op deze e-mail");
            assertThat(nl.homepair.complaints.mail.MailText.html(ack).orElseThrow()).contains("<li>Bijlage niet opgenomen");
        });
    }

    @Test
    void aComplainantWhoseFileWasLeftOutIsToldWhichAndWhatWeTake() throws Exception {
        String reference = submitted("Olaf Offerte", "olaf@example.nl");
        greenMail.purgeEmailFromAllMailboxes();

        deliver(mail("olaf@example.nl", "Re: " + reference, "Hierbij de foto en de offerte.",
                Map.of("foto.png", PNG, "offerte.docx", new byte[] {'P', 'K', 3, 4, 20, 0})));
        pollAndRun(poller);

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(evidenceOf(complaint)).isEqualTo(1);
        MimeMessage told = mailsTo("olaf@example.nl").stream()
                .filter(m -> subjectOf(m).startsWith("Niet alle bijlagen")).findFirst().orElseThrow();
        assertThat(nl.homepair.complaints.mail.MailText.plainText(told).orElseThrow())
                .contains("offerte.docx", "PDF, PNG, JPEG, GIF of WEBP", "10 MB");
    }

    /**
     * With the mail server down, a reply with a refused file joins its case at once; the complainant is told which file
     * was left out once the server is back, by the outbox's delivery job (not "nog niet afgeleverd" for ever).
     */
    @Test
    void aReplyWithARefusedFileWhileTheMailServerIsDownJoinsItsCaseAllTheSame() throws Exception {
        String reference = submitted("Pim Storing", "pim.storing@example.nl");
        deliver(mail("pim.storing@example.nl", "Re: " + reference, "Hierbij de offerte van de aannemer.",
                Map.of("offerte.docx", new byte[] {'P', 'K', 3, 4, 20, 0})));
        greenMail.getSmtp().stopService(); // the mailbox is read, mail cannot be sent
        try {
            pollAndRun(poller);
            assertThat(folder("INBOX")).isEmpty();
        } finally {
            greenMail.stop();
            greenMail.start();
            greenMail.setUser(CONTACT_MAILBOX, CONTACT_MAILBOX, "contact");
        }

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("Hierbij de offerte van de aannemer"))
                .noneMatch(s -> s.startsWith("E-mail \"Niet alle bijlagen"));
        assertThat(mailsTo("pim.storing@example.nl")).noneMatch(m -> subjectOf(m).startsWith("Niet alle bijlagen"));

        // the server back: the delivery job (its next attempt, made due here) sends the notice, once
        List<org.camunda.bpm.engine.runtime.Job> delivery = managementService.createJobQuery().list().stream()
                .filter(job -> job instanceof org.camunda.bpm.engine.impl.persistence.entity.JobEntity entity
                        && nl.homepair.complaints.mail.QueuedMail.JOB_TYPE.equals(entity.getJobHandlerType())
                        && entity.getJobHandlerConfigurationRaw().endsWith(":bijlagen-niet-opgenomen"))
                .toList();
        assertThat(delivery).hasSize(1);
        managementService.setJobDuedate(delivery.get(0).getId(), new java.util.Date());
        managementService.setJobRetries(delivery.get(0).getId(), 3);
        managementService.executeJob(delivery.get(0).getId());
        assertThat(mailsTo("pim.storing@example.nl")).filteredOn(m -> subjectOf(m).startsWith("Niet alle bijlagen"))
                .singleElement().satisfies(told -> assertThat(nl.homepair.complaints.mail.MailText.plainText(told).orElseThrow())
                        .contains("offerte.docx"));
        assertThat(timelineOf(complaint)).anyMatch(s -> s.startsWith("E-mail \"Niet alle bijlagen"));
        assertThat(jdbc.queryForObject("select count(*) from sent_mail where complaint_id = ? and template ="
                + " 'bijlagen-niet-opgenomen' and delivered_at is null", Integer.class, complaint.getId())).isZero();
    }

    @Test
    void aMailThatCannotBeUsedGoesToTheManualFolderWithAHandlerTask() throws Exception {
        MimeMessage noSender = mail("x@example.nl", "Vreemde mail", "Zonder geldige afzender", Map.of());
        noSender.setHeader("From", "niet-een-adres");
        noSender.saveChanges();
        deliver(noSender);
        long before = complaints.count();

        // read three days after it arrived (an outage): its two working days count from its arrival
        Date setAside = Date.from(Instant.now().plus(Duration.ofDays(3)));
        ClockUtil.setCurrentTime(setAside);
        Task task;
        try {
            pollAndRun(poller);
            task = newestManualMailTask(); // made "three days from now"
        } finally {
            ClockUtil.reset();
        }

        assertThat(complaints.count()).isEqualTo(before);
        assertThat(folder("Handmatig")).containsExactly("Vreemde mail");
        assertThat(task.getName()).isEqualTo("E-mail handmatig verwerken: Vreemde mail"); // told apart in the list by its subject
        assertThat(taskService.getVariable(task.getId(), "mailSubject")).isEqualTo("Vreemde mail");
        Date arrived = (Date) taskService.getVariable(task.getId(), "receivedAt");
        assertThat(arrived).isBefore(Date.from(setAside.toInstant().minus(Duration.ofDays(2))));
        assertThat(task.getDueDate()).isEqualTo(workingDays.deadline(arrived, 2));
        assertThat(taskService.getVariable(task.getId(), "mailReceived")).isEqualTo(DutchDates.moment(arrived.toInstant()));
        // created "three days from now": other tests look for the newest task
        runtimeService.deleteProcessInstance(task.getProcessInstanceId(), "test done");
    }

    /**
     * A poll that ended after setting a mail aside but before the mail left the inbox (a crash,
     * a dropped IMAP connection): the next poll finds it again and gives the handler no second
     * task. Once for a mail that could be read (a sender address that is none) and once for one
     * that could not (no sender at all).
     */
    @ParameterizedTest
    @ValueSource(strings = {"geen-adres", ""})
    void aMailSetAsideBeforeGetsNoSecondTaskWhenItIsFoundAgain(String from) throws Exception {
        String subject = "Nog een vreemde mail " + (from.isEmpty() ? "zonder afzender" : "met een afzender die geen adres is");
        MimeMessage strange = mail("x@example.nl", subject, "Zonder geldige afzender", Map.of());
        if (from.isEmpty()) {
            strange.removeHeader("From");
        } else {
            strange.setHeader("From", from);
        }
        strange.saveChanges();
        deliver(strange);
        pollAndRun(poller);
        assertThat(manualTasks(subject)).isEqualTo(1);

        deliver(strange); // the same mail, still in the inbox
        pollAndRun(poller);

        assertThat(manualTasks(subject)).isEqualTo(1);
        assertThat(folder("INBOX")).isEmpty();
        assertThat(folder("Handmatig")).containsExactly(subject, subject);
    }

    /** A file name longer than the task can hold (4,000 characters) no longer ends the poll at that mail. */
    @Test
    void aMailWithAnOverlongFileNameIsSetAsideWithItsFileAndTheMailsAfterItAreStillRead() throws Exception {
        String subject = "Mail met een heel lange bestandsnaam";
        MimeMessage strange = mail("x@example.nl", subject, "Zie bijlage.", Map.of("a".repeat(5000) + ".pdf", PDF));
        strange.setHeader("From", "geen-adres");
        strange.saveChanges();
        deliver(strange);
        deliver(mail("Lies Goed <lies2@example.nl>", "Klacht over de glazenwasser", "De glazenwasser kwam niet.", Map.of()));

        pollAndRun(poller);

        assertThat(folder("INBOX")).isEmpty();
        assertThat(manualTasks(subject)).isEqualTo(1);
        assertThat(latestFrom("lies2@example.nl").getChannel()).isEqualTo(IntakeChannel.MAILBOX);
        Task task = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject", subject).singleResult();
        assertThat(taskService.getVariable(task.getId(), "mailAttachments").toString()).contains("aaaa\\.pdf");
    }

    /**
     * A mail whose content the task cannot hold (a value the database refuses) is set aside
     * without it, the mail itself waiting in the folder; one that cannot be set aside at all
     * stays in the inbox, and the mails after it are read all the same.
     */
    @Test
    void aMailThatCannotBeSetAsideWithItsContentNeverBlocksTheMailsAfterIt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        MailboxPoller poller = pollerWhoseSetAsideFails(id -> id.contains("nooit") || tries.incrementAndGet() == 1,
                new IllegalStateException("the database refuses a value"));
        MimeMessage once = mail("x@example.nl", "Eenmaal geweigerd", "Een tekst die de taak niet houdt.", Map.of());
        once.setHeader("From", "geen-adres");
        once.saveChanges();
        MimeMessage never = mail("x@example.nl", "Nooit te bewaren", "Niets gaat.", Map.of());
        never.setHeader("From", "ook-geen-adres");
        never.setHeader("Message-ID", "<nooit@example.nl>");
        deliver(never);
        deliver(once);
        deliver(mail("Lies Goed <lies3@example.nl>", "Klacht over de stukadoor", "De stukadoor kwam niet.", Map.of()));

        pollAndRun(poller);

        assertThat(folder("INBOX")).containsExactly("Nooit te bewaren");
        assertThat(latestFrom("lies3@example.nl").getChannel()).isEqualTo(IntakeChannel.MAILBOX);
        Task task = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject", "Eenmaal geweigerd").singleResult();
        assertThat(taskService.getVariable(task.getId(), "mailText").toString()).contains("in de map Handmatig");
    }

    /**
     * A mail set aside while the database is away for a moment is not set aside without its text and files (as a value
     * the database refuses is): it stays in the inbox, and the next poll makes the task with all of it.
     */
    @Test
    void aMailSetAsideDuringADatabaseBlipWaitsAndKeepsItsText() throws Exception {
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        MailboxPoller poller = pollerWhoseSetAsideFails(id -> tries.incrementAndGet() == 1,
                new org.springframework.dao.DataAccessResourceFailureException("connection refused"));
        MimeMessage message = mail("x@example.nl", "Even geen database", "Mijn tekst blijft bewaard.", Map.of());
        message.setHeader("From", "geen-geldig-adres");
        message.saveChanges();
        deliver(message);

        pollAndRun(poller);
        assertThat(folder("INBOX")).containsExactly("Even geen database");

        pollAndRun(poller);
        assertThat(folder("INBOX")).isEmpty();
        Task task = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject", "Even geen database").singleResult();
        assertThat(taskService.getVariable(task.getId(), "mailText").toString()).contains("Mijn tekst blijft bewaard.");
    }

    /**
     * A poller whose handler is the real one, except that setting a mail aside (by its id) fails with {@code failure}
     * whenever {@code fails} says so.
     */
    private MailboxPoller pollerWhoseSetAsideFails(java.util.function.Predicate<String> fails, RuntimeException failure) {
        IncomingMailHandler failing = org.mockito.Mockito.mock(IncomingMailHandler.class);
        org.mockito.Mockito.when(failing.handle(org.mockito.ArgumentMatchers.any()))
                .thenAnswer(call -> realHandler.handle(call.getArgument(0)));
        org.mockito.Mockito.when(failing.setAsideOnce(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
                        org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any()))
                .thenAnswer(call -> {
                    String id = call.getArgument(0);
                    if (fails.test(id)) {
                        throw failure;
                    }
                    return realHandler.setAsideOnce(id, call.getArgument(1), call.getArgument(2), call.getArgument(3));
                });
        return new MailboxPoller(mailboxProperties, failing, runtimeService, leases);
    }

    /** Apple Mail writes the text after an inline photo as a part of its own; all of it is the complaint. */
    @Test
    void theTextAfterAnInlinePhotoIsPartOfTheComplaint() throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress("Tom Appel <tom@example.nl>"));
        message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(CONTACT_MAILBOX));
        message.setSubject("Klacht over de keukenmonteur", "UTF-8");
        MimeMultipart body = new MimeMultipart();
        MimeBodyPart before = new MimeBodyPart();
        before.setText("Zie de foto van het aanrecht:", "UTF-8");
        MimeBodyPart photo = new MimeBodyPart();
        photo.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(PNG, "image/png")));
        photo.setFileName("IMG_0001.png");
        photo.setDisposition(MimeBodyPart.INLINE);
        MimeBodyPart after = new MimeBodyPart();
        after.setText("De keuken is ook beschadigd bij het weghalen van de oude kastjes.", "UTF-8");
        body.addBodyPart(before);
        body.addBodyPart(photo);
        body.addBodyPart(after);
        message.setContent(body);
        message.saveChanges();
        deliver(message);

        pollAndRun(poller);

        Complaint complaint = latestFrom("tom@example.nl");
        assertThat(complaint.getDescription()).contains("Zie de foto van het aanrecht", "De keuken is ook beschadigd");
        assertThat(evidenceOf(complaint)).isEqualTo(1);
    }

    /** Windows-1252 labelled ISO-8859-1 in the headers: the dash is a dash, and the mail a complaint, not a task. */
    @Test
    void aSubjectAndNameInMislabelledWindows1252AreReadAsMeant() throws Exception {
        MimeMessage message = mail("jose@example.nl", "x", "De lekkage onder de douche is niet verholpen.", Map.of());
        message.setHeader("Subject", "=?iso-8859-1?Q?Klacht_=96_lekkage?=");
        message.setHeader("From", "=?iso-8859-1?Q?Jos=E9_=96_Bakker?= <jose@example.nl>");
        message.saveChanges();
        deliver(message);

        pollAndRun(poller);

        Complaint complaint = latestFrom("jose@example.nl");
        assertThat(complaint.getDescription()).contains("Klacht \u2013 lekkage");
        assertThat(complaint.getName()).isEqualTo("Jos\u00e9 \u2013 Bakker");
    }

    private long manualTasks(String subject) {
        return taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject", subject).count();
    }

    /** Reads the mailbox once, then runs the jobs it started (a new case's first step is a job). */
    private int pollAndRun(MailboxPoller mailbox) throws Exception {
        Set<String> before = jobIds();
        int handled = mailbox.poll();
        runDueJobsExcept(before);
        return handled;
    }
}
