package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintStatus;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** R3, R9, R12 through the real mailbox: clear answers, no cases by mistake, no forged senders. */
class ClearAnswersTest extends MailboxTestSupport {

    @Autowired
    IncomingMailHandler handler;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    SetAsideAnswers setAsideAnswers;

    @Test
    void anObjectionForAnUnknownReferenceGetsAnAnswerAndCreatesNoComplaint() throws Exception {
        long before = complaints.count();

        receive(mail("Onbekend Nummer <onbekend@example.nl>", "Bezwaar KL-2026-999999",
                "Ik maak bezwaar tegen jullie besluit over de schilder.", Map.of()));

        assertThat(complaints.count()).isEqualTo(before);
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("onbekend@example.nl")).isEmpty();
        MimeMessage answer = mailsTo("onbekend@example.nl").get(0);
        assertThat(answer.getSubject()).contains("KL-2026-999999");
        assertThat(text(answer)).contains("We kennen geen klacht met dat referentienummer");
        assertThat(folder("Verwerkt")).contains("Bezwaar KL-2026-999999");
    }

    /** A mistyped reference in a mail that only may object ("onterecht") goes to a person: it may be a complaint. */
    @Test
    void aMailWithAnUnknownReferenceThatDoesNotClearlyObjectGoesToAPersonWithoutAnAnswer() throws Exception {
        long before = complaints.count();

        receive(mail("Mis Getypt <misgetypt@example.nl>", "Mijn klacht KL-2025-999994",
                "De schilder heeft de kozijnen niet afgemaakt en rekent wel alles. Dit is onterecht.", Map.of()));

        assertThat(complaints.count()).isEqualTo(before);
        assertThat(mailsTo("misgetypt@example.nl")).isEmpty();
        assertThat(folder("Handmatig")).contains("Mijn klacht KL-2025-999994");
        assertThat(taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject", nl.homepair.complaints.text.MarkdownText.escape("Mijn klacht KL-2025-999994")).count())
                .isEqualTo(1);
    }

    /**
     * The sender's own case waits for their answer, or for an objection, and the mail names a reference of no case (the
     * year mistyped in January): the task names the sender's case, which waits for the person's choice, and no
     * "onbekende referentie" answer goes out.
     */
    @Test
    void aMistypedReferenceOfNoCaseNamesTheSendersOwnWaitingCase() throws Exception {
        String waiting = waitingForInformation("Tom Typfout", "tom.typfout@example.nl", "Wat is het ordernummer?");
        receive(mail("tom.typfout@example.nl", "Antwoord KL-2025-999993", "Het ordernummer is 88123.", Map.of()));
        Complaint decided = decidedCase("Dirk Datum", "dirk.datum@example.nl");
        receive(mail("dirk.datum@example.nl", "Bezwaar KL-2025-999992", "Ik maak bezwaar tegen het besluit.", Map.of()));

        for (String[] sent : new String[][] {{waiting, "Antwoord KL-2025-999993"}, {decided.getReference(), "Bezwaar KL-2025-999992"}}) {
            org.camunda.bpm.engine.task.Task task = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                    .processVariableValueEquals("mailSubject", nl.homepair.complaints.text.MarkdownText.escape(sent[1]))
                    .singleResult();
            assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(sent[0]);
            assertThat(String.valueOf(taskService.getVariable(task.getId(), "mailProblem"))).contains("bestaat niet",
                    "De referentie is misschien verschreven");
            assertThat(setAsideAnswers.waitFor(sent[0])).isTrue();
        }
        assertThat(mailsTo("tom.typfout@example.nl")).noneMatch(m -> subjectOf(m).contains("KL-2025-999993"));
        assertThat(mailsTo("dirk.datum@example.nl")).noneMatch(m -> subjectOf(m).contains("KL-2025-999992"));
    }

    /** Reply to our "reference unknown" answer, with the right reference typed in the text: it is about that case. */
    @Test
    void aReplyNamingTheRightReferenceUnderTheUnknownOneIsAboutThatCase() throws Exception {
        String reference = submit(nl.homepair.complaints.TestComplaints.janJansen().email("juist@example.nl"));

        receive(mail("Jan Jansen <juist@example.nl>", "Re: Referentie KL-2026-999993 onbekend",
                "Sorry, ik had een cijfer verkeerd. Het is " + reference + ". Ik heb nog een foto gemaakt.", Map.of()));

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("Ik heb nog een foto gemaakt"));
        assertThat(mailsTo("juist@example.nl")).noneMatch(m -> {
            try {
                return m.getSubject().contains("KL-2026-999993");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        });
    }

    @Test
    void theAnswerToAnUnknownReferenceRepeatsNoDisplayNameThatIsNotAName() throws Exception {
        // a forged sender: our answer would carry the stranger's words to someone else's address
        receive(mail("\"Uw account is geblokkeerd, log in op https://evil.example\" <slachtoffer@example.nl>",
                "Bezwaar KL-2026-999998", "Ik maak bezwaar tegen jullie besluit over de schilder.", Map.of()));

        MimeMessage answer = mailsTo("slachtoffer@example.nl").get(0);
        assertThat(text(answer)).startsWith("Beste afzender,").doesNotContain("evil.example", "geblokkeerd");
    }

    @Test
    void anAnswerToAnUnknownReferenceGoesOutOnceWhenItsMailIsReadAgainAfterACrash() throws Exception {
        IncomingMail objection = IncomingMail.read(mail("Onbekend Nummer <herhaald@example.nl>", "Bezwaar KL-2026-999996",
                "Ik maak bezwaar tegen jullie besluit.", Map.of()), Instant.now());

        // the answer left, then the node died before the mailbox recorded the mail
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            handler.handle(objection);
            status.setRollbackOnly();
        });
        assertThat(mailsTo("herhaald@example.nl")).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from processed_mail where message_id = ?", Integer.class,
                objection.messageId())).isZero();

        assertThat(handler.handle(objection).getOutcome()).isEqualTo(ProcessedMail.Outcome.REFUSED);
        assertThat(mailsTo("herhaald@example.nl")).as("read again, answered once").hasSize(1);
    }

    @Test
    void whenTheMailServerIsDownTheAnswerToAnUnknownReferenceWaitsAndGoesOutOnceWithItsMessageId() throws Exception {
        IncomingMail objection = IncomingMail.read(mail("Onbekend Nummer <later@example.nl>", "Bezwaar KL-2026-999995",
                "Ik maak bezwaar tegen jullie besluit.", Map.of()), Instant.now());
        greenMail.stop();
        try {
            assertThatThrownBy(() -> handler.handle(objection)).isInstanceOf(MailException.class);
        } finally {
            greenMail.start();
        }
        Map<String, Object> waiting = jdbc.queryForMap("select complaint_id, message_id, delivered_at from sent_mail"
                + " where recipient = 'later@example.nl'");
        assertThat(waiting.get("complaint_id")).as("no case").isNull();
        assertThat(waiting.get("delivered_at")).as("waits in the outbox").isNull();

        assertThat(handler.handle(objection).getOutcome()).isEqualTo(ProcessedMail.Outcome.REFUSED);
        List<MimeMessage> answers = mailsTo("later@example.nl");
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).getMessageID()).isEqualTo(waiting.get("message_id"));
        assertThat(jdbc.queryForObject("select delivered_at from sent_mail where recipient = 'later@example.nl'", Object.class))
                .isNotNull();
    }

    @Autowired
    org.springframework.mail.javamail.JavaMailSenderImpl mailSender;

    /**
     * The answer to an unknown reference leaves while the mail is handled; a mail server that is down for
     * longer than a few polls is an outage, not a mail that fails: the mail waits in the inbox and is answered
     * once the server is back, instead of going to a person as "failed three times".
     */
    @Test
    void anObjectionForAnUnknownReferenceWaitsInTheInboxWhileTheMailServerIsDown() throws Exception {
        int port = mailSender.getPort();
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort(); // nobody listens there once it is closed
        }
        greenMail.getUserManager().getUser(CONTACT_MAILBOX).deliver(mail("Onbekend Nummer <wacht@example.nl>",
                "Bezwaar KL-2026-999992", "Ik maak bezwaar tegen jullie besluit.", Map.of()));
        mailSender.setPort(closed);
        try {
            for (int poll = 0; poll <= MailboxPoller.MAX_TRIES; poll++) {
                poller.poll();
            }
            assertThat(folder("INBOX")).contains("Bezwaar KL-2026-999992");
            assertThat(folder("Handmatig")).doesNotContain("Bezwaar KL-2026-999992");
        } finally {
            mailSender.setPort(port);
        }

        receive(mail("Iemand Anders <anders@example.nl>", "Vraag", "Hoe gaat het met de klacht?", Map.of()));
        assertThat(mailsTo("wacht@example.nl")).singleElement()
                .satisfies(answer -> assertThat(answer.getSubject()).contains("KL-2026-999992"));
        assertThat(folder("Verwerkt")).contains("Bezwaar KL-2026-999992");
        assertThat(folder("Handmatig")).doesNotContain("Bezwaar KL-2026-999992");
    }

    @Test
    void aMailThatIsNotAComplaintIsClosedFromTriageWithoutAnAcknowledgement() throws Exception {
        receive(mail("Nieuwsbrief Bouwmarkt <nieuws@bouwmarkt.example>", "Deze week 20% korting op verf",
                "Bekijk onze aanbiedingen van deze week!", Map.of()));
        Complaint complaint = complaints.findByEmailIgnoreCaseOrderByReceivedAt("nieuws@bouwmarkt.example").get(0);

        // "Nee" closes for good: not without the tick the form asks for, nor without the reason for the timeline
        org.camunda.bpm.engine.task.Task triage = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_TRIAGE).singleResult();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> taskService.complete(triage.getId(), Map.of(
                        ComplaintProcess.VAR_TRIAGE_OUTCOME, "NOT_A_COMPLAINT", "notAComplaintConfirmed", false, "triageNotes", "Reclame.")))
                .hasMessageContaining("Vink aan dat je het hele bericht hebt gelezen");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> taskService.complete(triage.getId(), Map.of(
                        ComplaintProcess.VAR_TRIAGE_OUTCOME, "NOT_A_COMPLAINT", "notAComplaintConfirmed", true, "triageNotes", " ")))
                .hasMessageContaining("waarom dit geen klacht is");
        assertThat(reload(complaint).getStatus()).isNotEqualTo(ComplaintStatus.CLOSED);

        completeTask(complaint.getReference(), ComplaintProcess.TASK_TRIAGE, Map.of(ComplaintProcess.VAR_TRIAGE_OUTCOME,
                "NOT_A_COMPLAINT", "notAComplaintConfirmed", true, "triageNotes", "Reclame."));

        Complaint closed = reload(complaint);
        assertThat(closed.getStatus()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(closed.getOutcome()).isEqualTo(CaseOutcome.NOT_A_COMPLAINT);
        assertThat(closed.getAcknowledgedAt()).isNull();
        assertThat(closed.getRole()).isNull();
        assertThat(mailsTo("nieuws@bouwmarkt.example")).isEmpty();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("geen klacht"));
    }

    @Test
    void aSpoofedObjectionFromTheComplainantsAddressGoesToAHandler() throws Exception {
        Complaint complaint = decidedCase("Sanne Echt", "sanne@example.nl");
        int before = timelineOf(complaint).size();
        MimeMessage forged = mail("Sanne Echt <sanne@example.nl>", "Bezwaar " + complaint.getReference(),
                "Ik maak bezwaar tegen het besluit, de klusser had gelijk.", Map.of());
        forged.addHeader("Authentication-Results", "mx.homepair.nl; spf=fail smtp.mailfrom=example.nl; dkim=none; dmarc=fail header.from=example.nl");
        forged.saveChanges();

        receive(forged);

        assertThat(inBoardReview(complaint)).isFalse();
        assertThat(timelineOf(complaint)).hasSize(before);
        Task task = newestManualMailTask();
        assertThat(nl.homepair.complaints.text.MarkdownText.unescape(taskService.getVariable(task.getId(), "mailProblem").toString()))
                .contains("SPF=fail", "DMARC=fail");
        // and the case it names is not open to every handler of the mailbox through it: anyone can forge that From
        assertThat(taskService.getVariable(task.getId(), "mailSenderUnverified")).isEqualTo(true);
        assertThat(taskService.getVariable(task.getId(), "mailText").toString()).contains("de klusser had gelijk");
    }

    /** SPF passing for the forger's own envelope domain, with a From of a domain without DMARC, proves nothing. */
    @Test
    void anObjectionWhoseSenderNoCheckConfirmsGoesToAHandler() throws Exception {
        Complaint complaint = decidedCase("Vera Vals", "vera@example.nl");
        MimeMessage forged = mail("Vera Vals <vera@example.nl>", "Bezwaar " + complaint.getReference(),
                "Ik maak bezwaar tegen het besluit, trek het in.", Map.of());
        forged.addHeader("Authentication-Results", "mx.homepair.nl; spf=pass smtp.mailfrom=evil.example; dkim=none; dmarc=none");
        forged.saveChanges();

        receive(forged);

        assertThat(inBoardReview(complaint)).isFalse();
        Task task = newestManualMailTask();
        assertThat(nl.homepair.complaints.text.MarkdownText.unescape(taskService.getVariable(task.getId(), "mailProblem").toString()))
                .contains("slaagt niet", "DMARC=none");
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(complaint.getReference());
    }

    @Test
    void aMailWhoseChecksPassActsOnTheCase() throws Exception {
        Complaint complaint = decidedCase("Paul Pass", "paul@example.nl");
        MimeMessage genuine = mail("paul@example.nl", "Bezwaar " + complaint.getReference(),
                "Ik maak bezwaar: de chat bewijst dat de klusser niet kwam.", Map.of());
        genuine.addHeader("Authentication-Results", "mx.homepair.nl; spf=pass smtp.mailfrom=example.nl; dkim=pass; dmarc=pass");
        genuine.saveChanges();

        receive(genuine);

        assertThat(inBoardReview(complaint)).isTrue();
    }
}
