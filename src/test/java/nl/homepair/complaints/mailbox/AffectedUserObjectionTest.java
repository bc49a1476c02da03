package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.Measure;
import nl.homepair.complaints.reporting.CaseFacts;
import nl.homepair.complaints.reporting.CaseFactsRepository;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** DSA art. 17 and 20: the user a measure was taken against objects, by mail and over REST. */
class AffectedUserObjectionTest extends MailboxTestSupport {

    @Autowired
    CaseFactsRepository facts;
    @Autowired
    nl.homepair.complaints.sla.WorkingDayCalendar workingDays;
    @Autowired
    nl.homepair.complaints.casework.CaseOverview caseOverview;
    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;
    @Autowired
    nl.homepair.complaints.complaint.CaseTimeline timeline;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    private ResponseEntity<String> objectOverRest(Complaint complaint, String motivation) {
        return as("platform").postForEntity("/api/complaints/" + complaint.getReference() + "/objection",
                // the code as an integrator may write it: any case of letters
                json("{\"motivation\":\"" + motivation + "\",\"objector\":\"affected_user\"}"), String.class);
    }

    /** Every wrong value of an objection in one answer: who objects, when it was sent, the motivation. */
    @Test
    void anObjectionWithSeveralWrongValuesNamesEachInOneAnswer() throws Exception {
        Complaint complaint = complaints.findByReference(submitted("Drie Fouten", "drie.fouten@example.nl")).orElseThrow();
        ResponseEntity<com.fasterxml.jackson.databind.JsonNode> refused = as("platform").postForEntity("/api/complaints/"
                        + complaint.getReference() + "/objection",
                json("{\"motivation\":\" \",\"objector\":\"DIRECTIE\",\"sentAt\":\"gisteren\"}"),
                com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("objector", "sentAt", "motivation");
        assertThat(timeline.of(reload(complaint))).noneMatch(line -> line.getSummary().startsWith("Bezwaar"));
    }

    /** A case decided with a warning against the painter, who got a statement of reasons. */
    private Complaint caseWithAMeasure(String name, String email, String painter) throws Exception {
        String reference = submitted(name, email);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "WELL_FOUNDED", "decisionMotivation", "Aangetoond.",
                "measureWarning", true, "affectedUserName", "Schilder Verf", "affectedUserEmail", painter,
                "measureFacts", "Twee afspraken zonder bericht afgezegd.", "termsGround", "Artikel 7 van de voorwaarden.",
                "measureCompensationAdvice", true, "compensationAdvice", "Vraag de voorrijkosten van 45 euro terug."));
        assertThat(mailsTo(painter)).anyMatch(m -> text(m).contains("Hoe is dit besluit genomen?"));
        // the decision mail carries the advice the handler wrote (R8)
        assertThat(mailsTo(email)).anyMatch(m -> text(m).contains("Ons advies over een vergoeding: Vraag de voorrijkosten van 45 euro terug."));
        greenMail.purgeEmailFromAllMailboxes();
        return complaints.findByReference(reference).orElseThrow();
    }

    /** The complainant objects (R9): the board's review of it, once the objection is registered. */
    private Task complainantObjects(Complaint complaint, String motivation) {
        assertThat(as("platform").postForEntity("/api/complaints/" + complaint.getReference() + "/objection",
                json("{\"motivation\":\"" + motivation + "\"}"), String.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        runDueJobs(complaint.getReference());
        return taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult();
    }

    /** The affected user objects again; the board's review starts from a suspension of this duration, without the warning. */
    private void nextObjectionIsReviewedAgainstASuspensionOf(Complaint complaint, String motivation, String duration) {
        assertThat(objectOverRest(complaint, motivation).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        runDueJobs(complaint.getReference());
        Task review = review(complaint);
        assertThat(taskService.getVariable(review.getId(), "measureWarning")).isEqualTo(false);
        assertThat(taskService.getVariable(review.getId(), "measureSuspension")).isEqualTo(true);
        assertThat(taskService.getVariable(review.getId(), "suspensionDuration")).isEqualTo(duration);
    }

    /** The complainant objects, the board upholds it, and the handler decides anew: a month's suspension of {@code who}. */
    private void revisedToASuspensionAfterTheComplainantsObjection(Complaint complaint, String who) {
        complainantObjects(complaint, "Een waarschuwing is te licht voor wat er gebeurde.");
        completeTask(complaint.getReference(), ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "Het besluit moet zwaarder."));
        completeTask(complaint.getReference(), ComplaintProcess.TASK_REVISE_DECISION, Map.of("verdict", "WELL_FOUNDED",
                "revisedDecision", "Je klacht is gegrond; " + who + " wordt een maand geschorst.",
                "measureWarning", false, "measureSuspension", true, "suspensionDuration", "een maand"));
    }

    private Task review(Complaint complaint) {
        return taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_MEASURE).singleResult();
    }

    /**
     * The handler mistyped the painter's address in the decision: the statement of reasons bounced. On the case page
     * the address is corrected (not to the complainant's) and the statement goes again; the painter's objection from
     * the corrected address is theirs. While the board reviews the measure, the address is not corrected there.
     */
    /**
     * The decision named the wrong painter ("Schilder Verf" for "Schildersbedrijf Mees"): the statement of reasons that
     * goes again is written anew with the corrected name, the address stays, and the line is for staff only.
     */
    @Test
    void aHandlerCorrectsTheAffectedUsersNameAndTheStatementIsWrittenAnew() throws Exception {
        Complaint complaint = caseWithAMeasure("Naam Klant", "naam.klant@example.nl", "schilder.naam@example.org");
        String reference = complaint.getReference();
        String path = "/zaken/" + reference + "/e-mailadres-gebruiker-maatregel";
        nl.homepair.complaints.StaffSession handler = nl.homepair.complaints.StaffSession.logIn(port, "behandelaar", "tasklist");
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(handler.get("/zaken/" + reference).body());
        assertThat(page.select("#naam-gebruiker-maatregel").val()).isEqualTo("Schilder Verf");
        assertThat(page.select("#email-gebruiker-maatregel").val()).isEqualTo("schilder.naam@example.org");
        greenMail.purgeEmailFromAllMailboxes();

        java.util.Set<String> before = jobIds();
        assertThat(handler.post(path, Map.of("naam", "Schildersbedrijf Mees", "email", "schilder.naam@example.org",
                "opnieuw", "ja")).statusCode()).isEqualTo(302);
        runDueJobsExcept(before);

        assertThat(runtimeService.getVariable(complaint.getProcessInstanceId(), "affectedUserName")).isEqualTo("Schildersbedrijf Mees");
        assertThat(mailsTo("schilder.naam@example.org")).singleElement()
                .satisfies(m -> assertThat(text(m)).contains("Schildersbedrijf Mees").doesNotContain("Schilder Verf"));
        assertThat(timeline.of(reload(complaint)))
                .filteredOn(entry -> entry.getSummary().startsWith("Naam van de gebruiker met de maatregel gecorrigeerd"))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.isAboutOthers()).isTrue();
                    assertThat(entry.getSummary()).contains("Schildersbedrijf Mees (was Schilder Verf)");
                });
        // the same name again (spaces aside), and the same address, is nothing to correct
        assertThat(handler.post(path, Map.of("naam", " Schildersbedrijf  Mees", "email", "schilder.naam@example.org")).body())
                .contains("Dit is al het e-mailadres van de gebruiker met de maatregel.");
    }

    @Test
    void aHandlerCorrectsTheAffectedUsersAddressAndTheStatementGoesAgain() throws Exception {
        Complaint complaint = caseWithAMeasure("Mees Klant", "mees@example.nl", "schilder.mees@exmaple.org");
        String reference = complaint.getReference();
        String path = "/zaken/" + reference + "/e-mailadres-gebruiker-maatregel";
        nl.homepair.complaints.StaffSession handler = nl.homepair.complaints.StaffSession.logIn(port, "behandelaar", "tasklist");
        assertThat(handler.get("/zaken/" + reference).body())
                .contains("Naam en e-mailadres van de gebruiker met de maatregel", "schilder.mees@exmaple.org", "id=\"" + path.substring(path.lastIndexOf('/') + 1) + "\"",
                        "action=\"" + path + "\"", "<label for=\"email-gebruiker-maatregel\">", "id=\"opnieuw-gebruiker-maatregel\"");

        assertThat(handler.post(path, Map.of("email", "Mees@example.nl")).body()).contains("Dit is het e-mailadres van de klager.");
        java.util.Set<String> before = jobIds();
        assertThat(handler.post(path, Map.of("email", "schilder.mees@example.org", "opnieuw", "ja")).statusCode()).isEqualTo(302);
        runDueJobsExcept(before);
        // the section says what was done, once
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + reference).body()).select("#e-mailadres-gebruiker-maatregel .melding").text())
                .startsWith("E-mailadres gecorrigeerd. De e-mail \"").endsWith("\" gaat opnieuw, naar het nieuwe adres.");
        assertThat(handler.get("/zaken/" + reference).body()).doesNotContain("E-mailadres gecorrigeerd.").contains("id=\"tijdlijn\"");

        assertThat(mailsTo("schilder.mees@example.org")).singleElement()
                .satisfies(m -> assertThat(text(m)).contains("Hoe is dit besluit genomen?", "Artikel 7 van de voorwaarden."));
        assertThat(mailsTo("mees@example.nl")).as("nothing of it to the complainant").isEmpty();
        assertThat(runtimeService.getVariable(complaint.getProcessInstanceId(), "affectedUserEmail")).isEqualTo("schilder.mees@example.org");
        assertThat(timeline.of(reload(complaint)))
                .filteredOn(entry -> entry.getSummary().startsWith("E-mailadres van de gebruiker met de maatregel gecorrigeerd"))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.isAboutOthers()).as("not in the complainant's copy of their data").isTrue();
                    assertThat(entry.getSummary()).contains("schilder.mees@example.org (was schilder.mees@exmaple.org)",
                            "gaat opnieuw, naar het nieuwe adres");
                });
        assertThat(handler.post(path, Map.of("email", "Schilder.Mees@example.org")).body())
                .contains("Dit is al het e-mailadres van de gebruiker met de maatregel.");

        receive(mail("Schilder Mees <schilder.mees@example.org>", "Bezwaar " + reference,
                "Ik maak bezwaar tegen de waarschuwing: de klant zegde zelf af, zie de chat.", Map.of()));
        runDueJobs(reference);
        assertThat(review(complaint)).as("the objection from the corrected address is the affected user's").isNotNull();
        String page = handler.get("/zaken/" + reference).body();
        assertThat(page).contains("Tijdlijn", "schilder.mees@example.org").doesNotContain("id=\"e-mailadres-gebruiker-maatregel\"");
        assertThat(handler.post(path, Map.of("email", "schilder.ander@example.org")).statusCode()).isEqualTo(409);
    }

    /**
     * The user's mail has a file the case does not take: the acknowledgement of their objection says which and why, so
     * that they know the board will not see it; the file that was taken is with the case.
     */
    @Test
    void theAffectedUserHearsWhichOfTheirFilesTheBoardWillNotSee() throws Exception {
        Complaint complaint = caseWithAMeasure("Bas Klant", "bas@example.nl", "tegelzetter.bas@example.org");
        int evidenceBefore = evidenceOf(complaint);

        receive(mail("Tegelzetter <tegelzetter.bas@example.org>", "Bezwaar " + complaint.getReference(),
                "Ik maak bezwaar tegen de waarschuwing: de klant was zelf niet thuis.",
                Map.of("chat.png", nl.homepair.complaints.TestComplaints.PNG, "agenda.exe", "MZ niet een plaatje".getBytes())));
        runDueJobs(complaint.getReference());

        assertThat(review(complaint)).isNotNull();
        assertThat(evidenceOf(complaint)).isEqualTo(evidenceBefore + 1);
        assertThat(mailsTo("tegelzetter.bas@example.org")).singleElement().satisfies(m -> assertThat(text(m))
                .contains("We hebben je bezwaar tegen de maatregel", "de directie ziet ze dus niet", "agenda.exe")
                .doesNotContain("chat.png"));
        assertThat(mailsTo("bas@example.nl")).as("nothing of it to the complainant").isEmpty();
    }

    /**
     * More arguments from the user while the board reviews the measure: not refused as a second objection, but a
     * person's task on the case, who puts it with the case for the board.
     */
    @Test
    void theAffectedUsersFurtherMailDuringTheReviewReachesAPerson() throws Exception {
        Complaint complaint = caseWithAMeasure("Rens Klant", "rens@example.nl", "stukadoor@example.org");
        receive(mail("Stukadoor <stukadoor@example.org>", "Bezwaar " + complaint.getReference(),
                "Ik maak bezwaar tegen de waarschuwing: de klant was zelf niet thuis.", Map.of()));
        runDueJobs(complaint.getReference());
        assertThat(review(complaint)).isNotNull();
        greenMail.purgeEmailFromAllMailboxes();

        receive(mail("Stukadoor <stukadoor@example.org>", "Bezwaar " + complaint.getReference(),
                "Ik maak nog steeds bezwaar tegen de waarschuwing; hierbij de appjes van die dag.", Map.of()));

        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString())
                .contains("schrijft opnieuw over zijn bezwaar terwijl de directie het beoordeelt");
        assertThat(mailsTo("stukadoor@example.org")).isEmpty();
    }

    /** The complainant's own mail is not the affected user's objection: that choice is refused for it. */
    @Test
    void theComplainantsMailIsNotRegisteredAsTheAffectedUsersObjection() throws Exception {
        Complaint complaint = caseWithAMeasure("Ties Klant", "ties@example.nl", "dakdekker.ties@example.org");
        complainantObjects(complaint, "De waarschuwing is te licht voor wat er gebeurde.");
        receive(mail("Ties Klant <ties@example.nl>", "Vraag " + complaint.getReference(), "Wanneer hoor ik iets van de directie?",
                Map.of()));
        Task task = newestManualMailTask();

        var refused = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "MEASURE_OBJECTION",
                "mailCaseReference", complaint.getReference()));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("komt van de klager zelf");
        assertThat(review(complaint)).isNull();
    }

    /**
     * Anyone can mail a case's reference: an objection in the affected user's name from another address is not registered
     * as theirs (it would use up their one review with someone else's words).
     */
    @Test
    void anObjectionInTheAffectedUsersNameFromAnotherAddressIsNotTheirs() throws Exception {
        Complaint complaint = caseWithAMeasure("Sem Klant", "sem@example.nl", "metselaar.sem@example.org");
        receive(mail("Iemand <iemand.anders@example.com>", "Re: " + complaint.getReference(),
                "Namens de metselaar: hij heeft niets fout gedaan, kunt u bellen?", Map.of()));
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("ook niet de gebruiker tegen wie een maatregel is genomen");

        var refused = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "MEASURE_OBJECTION",
                "mailCaseReference", complaint.getReference()));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("niet van het adres waarnaar de verklaring van redenen ging");
        assertThat(review(complaint)).isNull();
    }

    /** "Bezwaar tegen mijn waarschuwing" without the reference, from the user it hit: not a new complaint, but their case's. */
    @Test
    void theAffectedUsersObjectionWithoutTheReferenceIsNoNewComplaint() throws Exception {
        Complaint complaint = caseWithAMeasure("Puck Klant", "puck@example.nl", "loodgieter.puck@example.org");
        long before = complaints.count();

        receive(mail("Loodgieter <Loodgieter.Puck@Example.org>", "Bezwaar waarschuwing",
                "Ik maak bezwaar tegen de waarschuwing die ik kreeg: ik was er wel.", Map.of()));

        assertThat(complaints.count()).isEqualTo(before);
        Task task = newestManualMailTask();
        // the task's text is Markdown, escaped
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("gebruiker tegen wie in zaak " + complaint.getReference() + " een maatregel is genomen");
        // tied to the case for its erasure (R13), without being put with it as the complainant's
        assertThat(taskService.getVariable(task.getId(), ManualMailTasks.VAR_TYPED_REFERENCE)).isEqualTo(complaint.getReference());
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isNull();
    }

    /** The same user hit by measures in two cases: a mail without the reference names both, for the handler to choose. */
    @Test
    void anObjectionWithoutTheReferenceFromAUserHitInTwoCasesNamesBoth() throws Exception {
        Complaint first = caseWithAMeasure("Roos Klant", "roos.twee.zaken@example.nl", "dakdekker.twee@example.org");
        Complaint second = caseWithAMeasure("Rob Klant", "rob.twee.zaken@example.nl", "dakdekker.twee@example.org");

        receive(mail("Dakdekker <dakdekker.twee@example.org>", "Bezwaar schorsing",
                "Ik maak bezwaar tegen de maatregel: het dak was wel op tijd klaar.", Map.of()));

        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("gebruiker tegen wie in zaak " + second.getReference() + " een maatregel is genomen",
                        "ook in zaak " + first.getReference(), "welke maatregel de e-mail bedoelt");
    }

    /**
     * The warning went to the wrong painter; after the complainant's upheld objection the revision puts it on the right
     * one. The first hears it no longer applies to them; the second gets a first statement (not "it replaces the last").
     */
    @Test
    void aMeasureMovedToAnotherUserIsLiftedForTheFirstAndAFirstStatementForTheSecond() throws Exception {
        Complaint complaint = caseWithAMeasure("Fien Klant", "fien@example.nl", "verkeerde.schilder@example.org");
        complainantObjects(complaint, "De waarschuwing ging naar de verkeerde schilder.");
        completeTask(complaint.getReference(), ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "De waarschuwing hoort bij de andere schilder."));
        completeTask(complaint.getReference(), ComplaintProcess.TASK_REVISE_DECISION, Map.of("verdict", "WELL_FOUNDED",
                "revisedDecision", "Je klacht is gegrond; de juiste schilder krijgt de waarschuwing.",
                "affectedUserName", "Schilder Juist", "affectedUserEmail", "juiste.schilder@example.org"));
        runDueDeliveryJobs(reload(complaint));

        assertThat(mailsTo("verkeerde.schilder@example.org")).anyMatch(m -> text(m).contains("geldt niet meer voor jou"))
                .noneMatch(m -> text(m).contains("Schilder Juist"));
        assertThat(mailsTo("juiste.schilder@example.org")).anyMatch(m -> text(m).contains("Een waarschuwing."))
                .noneMatch(m -> text(m).contains("vervangt de vorige"));
    }

    /**
     * The tradesperson invited to the mediation answers in a fresh mail, without the reference: a handler puts it with
     * the case (tied to it, not as the complainant's), instead of a new complaint with the tradesperson as complainant.
     */
    @Test
    void theOtherPartysMailWithoutTheReferenceReachesTheMediationCase() throws Exception {
        String reference = submitted("Rik Klant", "rik@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes", "We bemiddelen.",
                "otherPartyName", "Tegelzetter Vlak", "otherPartyEmail", "tegelzetter.vlak@example.org",
                "chatConversationReference", "CHAT-771"));
        long before = complaints.count();

        receive(mail("Tegelzetter <Tegelzetter.Vlak@Example.org>", "Mijn reactie op de klacht over de badkamer",
                "De voegen zijn volgens de afspraak gezet; ik kom graag kijken.", Map.of()));

        assertThat(complaints.count()).as("no new complaint").isEqualTo(before);
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("andere partij in zaak " + reference);
        assertThat(taskService.getVariable(task.getId(), ManualMailTasks.VAR_TYPED_REFERENCE)).isEqualTo(reference);
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isNull();
    }

    /**
     * The tradesperson invited to a mediation had mailed a complaint of their own, not yet acknowledged: their reaction
     * in the mediation, without a reference, is not silently put on their own new complaint; a person chooses, with both
     * cases named and the sender's own filled in.
     */
    @Test
    void theOtherPartysReactionDoesNotJoinTheirOwnNewComplaintSilently() throws Exception {
        receive(mail("Stukadoor Glad <stukadoor.glad@example.org>", "Klacht over een klant",
                "Een klant betaalt mijn factuur niet.", Map.of()));
        Complaint own = complaints.findByEmailIgnoreCaseOrderByReceivedAt("stukadoor.glad@example.org").get(0);
        String reference = submitted("Rik Klant", "rik.twee@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes", "We bemiddelen.",
                "otherPartyName", "Stukadoor Glad", "otherPartyEmail", "stukadoor.glad@example.org",
                "chatConversationReference", "CHAT-772"));
        int ownLines = timelineOf(own).size();

        receive(mail("Stukadoor Glad <stukadoor.glad@example.org>", "Mijn reactie op de klacht over het stucwerk",
                "Het stucwerk is volgens de offerte gedaan.", Map.of()));

        assertThat(timelineOf(own)).as("not on the tradesperson's own complaint").hasSize(ownLines);
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("andere partij in zaak " + reference, own.getReference());
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(own.getReference());
    }

    /**
     * The tradesperson whose own complaint was decided (its objection window open) is now the other party of a mediation:
     * "De klacht over het stucwerk is onterecht" without a reference may be an objection to their own decision or their
     * side in the mediation; the task names both, so that their one objection is not used up by mistake.
     */
    @Test
    void theOtherPartysMailNamesTheMediationBesideTheirOwnDecidedCase() throws Exception {
        String own = submitted("Stukadoor Drie", "stukadoor.drie@example.org");
        completeTask(own, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(own, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        String reference = submitted("Rik Klant", "rik.drie@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes", "We bemiddelen.",
                "otherPartyName", "Stukadoor Drie", "otherPartyEmail", "stukadoor.drie@example.org",
                "chatConversationReference", "CHAT-773"));

        receive(mail("Stukadoor Drie <stukadoor.drie@example.org>", "Klacht over het stucwerk",
                "De klacht over het stucwerk is onterecht; ik ben het er niet mee eens.", Map.of()));

        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString().replace("\\", ""))
                .contains("mogelijk een bezwaar", own, "andere partij in zaak " + reference);
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(own);
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_ALSO_NAMED_CASE)).isEqualTo(reference);
    }

    /**
     * A mail in the affected user's name whose sender our mail server could not confirm (anyone can put an address in
     * From): the task says so before a handler registers it as their objection, which would use up their one review.
     */
    @Test
    void aForgedMailInTheAffectedUsersNameSaysTheCheckFailed() throws Exception {
        Complaint complaint = caseWithAMeasure("Vera Klant", "vera.klant.maatregel@example.nl", "stukadoor@example.nl");
        jakarta.mail.internet.MimeMessage forged = mail("Stukadoor <stukadoor@example.nl>", "Re: " + complaint.getReference(),
                "Laat maar zitten, die waarschuwing klopt wel.", Map.of());
        forged.addHeader("Authentication-Results",
                "mx.homepair.nl; spf=fail smtp.mailfrom=example.nl; dkim=none; dmarc=fail header.from=example.nl");
        receive(forged);

        Task task = newestManualMailTask();
        assertThat(((String) taskService.getVariable(task.getId(), "mailProblem")).replace("\\", ""))
                .contains("gebruiker tegen wie de maatregel is genomen", "controle van de afzender", "slaagt niet");
    }

    /**
     * The case's other party disagrees with the decision by mail: the task names them, and their mail cannot be made
     * the complainant's objection (the complainant's one objection, told of one they never made, their copy of their data).
     */
    @Test
    void theOtherPartysMailIsNeitherTheComplainantsObjectionNorAnswer() throws Exception {
        String reference = submitted("Otto Klant", "otto.klant.besluit@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes",
                "We bemiddelen.", "otherPartyName", "Tegelzetter Tom", "otherPartyEmail", "tom.tegels@example.nl"));
        completeTask(reference, ComplaintProcess.TASK_MEDIATE, Map.of("mediationOutcome", "NOT_RESOLVED",
                "mediationNotes", "Geen akkoord."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        receive(mail("Tegelzetter Tom <tom.tegels@example.nl>", "Re: " + reference, "Ik ben het niet eens met jullie besluit.",
                Map.of()));

        Task task = newestManualMailTask();
        assertThat(((String) taskService.getVariable(task.getId(), "mailProblem")).replace("\\", ""))
                .contains("maar de andere partij");
        var asComplainants = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "OBJECTION",
                "mailCaseReference", reference));
        assertThat(asComplainants.getStatusCode().value()).isEqualTo(400);
        assertThat(asComplainants.getBody()).contains("andere partij van deze zaak");
        assertThat(complaints.findByReference(reference).orElseThrow().getObjectionReceivedAt()).isNull();
    }

    /**
     * The user's objection that reached a handler (it did not say "bezwaar" clearly) is registered from that task as
     * theirs, not as the complainant's: the board reviews the measure, and the files stay out of the complainant's copy.
     */
    @Test
    void aHandlerRegistersTheAffectedUsersObjectionFromASetAsideMail() throws Exception {
        Complaint complaint = caseWithAMeasure("Mila Klant", "mila@example.nl", "hovenier@example.org");
        receive(mail("Hovenier <hovenier@example.org>", "Re: " + complaint.getReference(),
                "Kunnen we hierover bellen? Ik was er gewoon op tijd, zie de foto.", Map.of("tijdstip.png", nl.homepair.complaints.TestComplaints.PNG)));
        Task task = newestManualMailTask();

        var asComplainants = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "OBJECTION",
                "mailCaseReference", complaint.getReference()));
        assertThat(asComplainants.getStatusCode().value()).isEqualTo(400);
        assertThat(asComplainants.getBody()).contains("niet van de klager", "Bezwaar tegen een maatregel");
        assertThat(inBoardReview(complaint)).isFalse();

        var asTheirs = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "MEASURE_OBJECTION",
                "mailCaseReference", complaint.getReference()));
        assertThat(asTheirs.getStatusCode().value()).as(asTheirs.getBody()).isEqualTo(204);
        runDueJobs(complaint.getReference());
        assertThat(review(complaint)).isNotNull();
        assertThat(inBoardReview(complaint)).isFalse();
        assertThat(as("teamleider").postForObject("/api/privacy/export", Map.of("email", "mila@example.nl"), String.class))
                .doesNotContain("tijdstip.png", "Ik was er gewoon op tijd");
    }

    /** The user's objection is only in a PDF: the handler is asked for the user's reasons against the measure. */
    @Test
    void aSetAsideObjectionWithoutReasonsAsksForTheUsersReasonsAgainstTheMeasure() throws Exception {
        Complaint complaint = caseWithAMeasure("Pim Klant", "pim.klant@example.nl", "stukadoor@example.org");
        receive(mail("Stukadoor <stukadoor@example.org>", "Re: " + complaint.getReference(), "Zie pdf.",
                Map.of("brief.png", nl.homepair.complaints.TestComplaints.PNG)));
        Task task = newestManualMailTask();

        var withoutReasons = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "MEASURE_OBJECTION",
                "mailCaseReference", complaint.getReference()));
        assertThat(withoutReasons.getStatusCode().value()).isEqualTo(400);
        assertThat(withoutReasons.getBody()).contains("waarom de gebruiker het oneens is met de maatregel",
                "wat de gebruiker vertelde").doesNotContain("klager");
        var withReasons = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "MEASURE_OBJECTION",
                "mailCaseReference", complaint.getReference(), "manualMailNotes",
                "De brief zegt: de klant was niet thuis op de afgesproken dag."));
        assertThat(withReasons.getStatusCode().value()).as(withReasons.getBody()).isEqualTo(204);
    }

    @Test
    void theAffectedUsersObjectionByMailOpensAReviewThatCanLiftTheMeasure() throws Exception {
        Complaint complaint = caseWithAMeasure("Karin Klant", "karin@example.nl", "verf@example.org");

        int evidenceBefore = evidenceOf(complaint);
        receive(mail("Schilder Verf <verf@example.org>", "Bezwaar " + complaint.getReference(),
                "Ik maak bezwaar tegen de waarschuwing: de klant zegde zelf af, zie de chat.",
                Map.of("chat-afzegging.png", nl.homepair.complaints.TestComplaints.PNG)));
        runDueJobs(complaint.getReference());

        Task review = review(complaint);
        assertThat(review).isNotNull();
        // the screenshot the user sent is with the case for the board, and not in the complainant's copy of their data
        assertThat(evidenceOf(complaint)).isEqualTo(evidenceBefore + 1);
        assertThat(caseFileText("directeur", review, "caseEvidence")).contains("chat\\-afzegging\\.png", "/bewijs/");
        assertThat(as("teamleider").postForObject("/api/privacy/export", Map.of("email", "karin@example.nl"), String.class))
                .doesNotContain("chat-afzegging.png");
        assertThat(review.getDueDate()).isNotNull();
        assertThat(taskService.getIdentityLinksForTask(review.getId())).anyMatch(l -> "directors".equals(l.getGroupId()));
        assertThat(mailsTo("verf@example.org")).anyMatch(m -> text(m).contains("We hebben je bezwaar tegen de maatregel"))
                .noneMatch(m -> text(m).contains("konden we opnemen"));
        // the board hears of it when the review starts, without the user's text
        runDueDeliveryJobs(reload(complaint));
        assertThat(mailsTo("directie@homepair.nl")).filteredOn(m -> text(m).contains(complaint.getReference()))
                .singleElement().satisfies(m -> assertThat(text(m)).contains("bezwaar gemaakt tegen de maatregel",
                        "Bezwaar tegen maatregel beoordelen", "Bezwaren voor de directie").doesNotContain("de klant zegde zelf af"));
        // the complainant's own objection right is untouched
        assertThat(inBoardReview(complaint)).isFalse();
        assertThat(reload(complaint).getObjectionReceivedAt()).isNull();
        // the director who reviews it sees the case: the decision in the form, the case file pages
        // with what the statement of reasons said, which the director judges
        assertThat(caseFileText("directeur", review, "caseDecision")).contains("Waarschuwing",
                "**Betrokken gebruiker:** Schilder Verf", "**Feiten:** Twee afspraken zonder bericht afgezegd",
                "**Grond in de voorwaarden:** Artikel 7 van de voorwaarden").doesNotContain("Duur van de schorsing");
        assertThat(caseFileText("directeur", review, "caseDescription")).isNotBlank();
        assertThat(as("directeur").getForEntity("/api/complaints/" + complaint.getReference(), String.class)
                .getStatusCode().value()).isEqualTo(200);
        // and finds it in the list of cases (/zaken)
        identityService.setAuthentication("directeur", List.of("directors"));
        try {
            assertThat(caseOverview.list(complaint.getReference(), null, false)).hasSize(1);
        } finally {
            identityService.clearAuthentication();
        }
        // a review that began before the column existed gets it from the timeline (migration 14)
        jdbc.update("update complaint set measure_objection_received_at = null where id = ?", complaint.getId());
        jdbc.execute(java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/main/resources/db/migration/common/V14__measure_objections_before_v13.sql")));
        assertThat(reload(complaint).getMeasureObjectionReceivedAt()).isNotNull();

        taskService.complete(review.getId(), Map.of(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "MEASURE_LIFTED",
                "measureReviewMotivation", "De chat laat zien dat de klant zelf afzegde."));
        runDueJobs(complaint.getReference());

        assertThat(mailsTo("verf@example.org")).anyMatch(m -> text(m).contains("Dit is een nieuwe verklaring")
                && text(m).contains("de eerder genomen maatregel is opgeheven")
                // from its subject and first line on, a lifting: not "HomePair heeft een maatregel genomen"
                && subject(m).equals("De maatregel in zaak " + complaint.getReference() + " is opgeheven")
                && text(m).contains("De maatregel die HomePair in deze zaak tegen je had genomen, is opgeheven.")
                && text(m).contains("Welke maatregel geldt nu?") && !text(m).contains("een maatregel genomen die jou")
                && !html(m).contains("een maatregel genomen die jou") && html(m).contains("Welke maatregel geldt nu?")
                // the board's reasons (DSA art. 20(5)), and no objection invited against a measure there is not
                && text(m).contains("De chat laat zien dat de klant zelf afzegde.")
                && text(m).contains("Er geldt geen maatregel meer tegen je")
                // the old accusations are not repeated for a measure that is gone (DSA art. 17: the lifting is the decision)
                && !text(m).contains("Welke feiten en omstandigheden") && !text(m).contains("De maatregel is genomen")
                && text(m).contains("De directie van HomePair heeft na je bezwaar de maatregel opgeheven, met ingang van")
                && !html(m).contains("Welke feiten en omstandigheden")
                && !text(m).contains("bezwaar indienen") && html(m).contains("De chat laat zien dat de klant zelf afzegde.")
                && html(m).contains("Er geldt geen maatregel meer tegen je") && !html(m).contains("bezwaar indienen"));
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("maatregel opgeheven"))
                .anyMatch(s -> s.contains("geen maatregel meer tegen die gebruiker"));
        // the board's ruling and its motivation to the user are staff-only, not in the complainant's copy of their data
        assertThat(as("teamleider").postForObject("/api/privacy/export", Map.of("email", "karin@example.nl"), String.class))
                .doesNotContain("De chat laat zien dat de klant zelf afzegde", "Bezwaar tegen maatregel beoordelen");
        // the figures count the warning no more; the advice to the complainant is no measure against the user and stays
        CaseFacts after = facts.findById(complaint.getId()).orElseThrow();
        assertThat(after.isMeasureWarning()).isFalse();
        assertThat(after.isMeasureCompensationAdvice()).isTrue();
        // a lifted measure cannot be objected to again
        ResponseEntity<String> again = objectOverRest(complaint, "Ik wil alsnog bezwaar maken tegen de waarschuwing.");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("geen maatregel");
        assertThat(review(complaint)).isNull();

        // the complainant's objection that follows reaches the board with the measures as they now stand
        Task board = complainantObjects(complaint, "Zonder waarschuwing leert de schilder niets.");
        assertThat(caseFileText("directeur", board, "caseDecision")).contains("Advies over vergoeding",
                        "**Advies over vergoeding:** Vraag de voorrijkosten van 45 euro terug")
                .doesNotContain("Waarschuwing aan een gebruiker", "**Feiten:**");
    }

    @Autowired
    nl.homepair.complaints.escalation.AffectedUserObjectionService affectedUsers;

    /**
     * A window "tot en met" a day ends at midnight: the affected user's mail sent on the last evening and read after
     * midnight (an outage, a full hour) still counts by its receipt, and an objection in the last second (deadlines are
     * stored as 23:59:59) is in time, for the complainant as for the affected user.
     */
    @Test
    void theLastEveningOfTheWindowCountsByReceiptUpToMidnight() throws Exception {
        Complaint complaint = caseWithAMeasure("Laatste Avond", "laatste.avond@example.nl", "stukadoor@example.org");
        java.time.Instant deadline = complaint.getObjectionDeadline();
        try {
            ClockUtil.setCurrentTime(Date.from(deadline.plus(java.time.Duration.ofMinutes(10))));
            assertThat(affectedUsers.mayStillObject(complaint, "stukadoor@example.org", deadline.minusSeconds(600)))
                    .as("sent at 23:50, read at 00:10").isTrue();
            assertThat(affectedUsers.mayStillObject(complaint, "stukadoor@example.org", deadline.plusMillis(400)))
                    .as("the last second").isTrue();
            assertThat(affectedUsers.mayStillObject(complaint, "stukadoor@example.org", deadline.plusSeconds(1)))
                    .as("after midnight").isFalse();

            ClockUtil.setCurrentTime(Date.from(deadline.plusMillis(500)));
            assertThat(complainantObjects(complaint, "Ik ben het oneens: de schilder kwam wel.")).isNotNull();
        } finally {
            ClockUtil.reset();
        }
    }

    /** A letter's date typed in the future is a typing error: refused as for the complainant, not taken as "now". */
    @Test
    void anAffectedUsersObjectionDatedInTheFutureIsRefused() throws Exception {
        Complaint complaint = caseWithAMeasure("Toekomst Klant", "toekomst@example.nl", "tuinman@example.org");
        assertThatThrownBy(() -> affectedUsers.object(complaint, "Per brief: de waarschuwing is onterecht.", "behandelaar",
                java.time.Instant.now().plus(java.time.Duration.ofDays(30))))
                .isInstanceOf(nl.homepair.complaints.web.InvalidSubmissionException.class)
                .hasMessageContaining("in de toekomst");
        assertThat(review(complaint)).isNull();
    }

    @Test
    void aChangedMeasureGoesOnTheCaseAndAFurtherObjectionIsReviewedAgainstIt() throws Exception {
        Complaint complaint = caseWithAMeasure("Noor Klant", "noor@example.nl", "tegelzetter@example.org");
        assertThat(objectOverRest(complaint, "Een waarschuwing is te zwaar voor een keer te laat.").getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        runDueJobs(complaint.getReference());

        // "gewijzigd" with nothing changed, or with nothing left, is refused beside the form: the director says what happened
        var unchanged = submitTaskForm("directeur", review(complaint).getId(), Map.of(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME,
                "MEASURE_CHANGED", "measureReviewMotivation", "Bij nader inzien."));
        assertThat(unchanged.getStatusCode().value()).isEqualTo(400);
        assertThat(unchanged.getBody()).contains("niet veranderd", "maatregel blijft");
        var nothingLeft = submitTaskForm("directeur", review(complaint).getId(), Map.of(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME,
                "MEASURE_CHANGED", "measureReviewMotivation", "Bij nader inzien.", "measureWarning", false));
        assertThat(nothingLeft.getStatusCode().value()).isEqualTo(400);
        assertThat(nothingLeft.getBody()).contains("maatregel opgeheven");

        // the board replaces the warning by a suspension of two weeks
        taskService.complete(review(complaint).getId(), Map.of(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "MEASURE_CHANGED",
                "measureReviewMotivation", "Bij nader inzien zwaarder: het gebeurde drie keer.",
                "measureWarning", false, "measureSuspension", true, "suspensionDuration", "twee weken",
                "measureFacts", "Drie keer niet verschenen zonder bericht.", "termsGround", "Artikel 7.2: afspraken nakomen."));
        runDueJobs(complaint.getReference());

        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains(
                "Maatregel na het bezwaar van de betrokken gebruiker: Tijdelijke schorsing van een gebruiker (twee weken)."));
        // the new statement of reasons gives the board's reasons and the right to object to the new measure
        assertThat(mailsTo("tegelzetter@example.org")).anyMatch(m -> text(m).contains("Dit is een nieuwe verklaring")
                && text(m).contains("Bij nader inzien zwaarder: het gebeurde drie keer.")
                && text(m).contains("De directie van HomePair heeft na je bezwaar het besluit herzien")
                && text(m).contains("schorsing van je account op het HomePair-platform, vanaf de datum van deze e-mail (duur: twee weken)")
                && text(m).contains("bezwaar indienen") && html(m).contains("Bij nader inzien zwaarder")
                && !html(m).contains("Er geldt geen maatregel meer"));
        // the complainant, told in the decision that a measure was taken, hears it was revised: not what it is now, nor why
        assertThat(mailsTo("noor@example.nl")).filteredOn(m -> subject(m).startsWith("De maatregel na je klacht"))
                .singleElement().satisfies(m -> assertThat(text(m)).contains("de maatregel aangepast",
                        "ons oordeel over je klacht zelf blijft").doesNotContain("schorsing", "twee weken", "Bij nader inzien",
                        "tegelzetter"));
        CaseFacts after = facts.findById(complaint.getId()).orElseThrow();
        assertThat(after.isMeasureWarning()).isFalse();
        assertThat(after.isMeasureSuspension()).isTrue();
        // the case's own process (a revision, the board's review of the complainant's objection) reads the board's reasons
        assertThat(runtimeService.getVariable(complaint.getProcessInstanceId(), "measureFacts"))
                .isEqualTo("Drie keer niet verschenen zonder bericht.");
        assertThat(runtimeService.getVariable(complaint.getProcessInstanceId(), "termsGround"))
                .isEqualTo("Artikel 7.2: afspraken nakomen.");

        // an objection to the suspension is reviewed against the suspension and the board's reasons for it, not the first decision's
        nextObjectionIsReviewedAgainstASuspensionOf(complaint, "Twee weken schorsing kost me al mijn klussen.", "twee weken");
        assertThat(taskService.getVariable(review(complaint).getId(), "measureFacts")).isEqualTo("Drie keer niet verschenen zonder bericht.");
        assertThat(taskService.getVariable(review(complaint).getId(), "termsGround")).isEqualTo("Artikel 7.2: afspraken nakomen.");
    }

    @Test
    void aDecisionRevisedAfterTheComplainantsObjectionIsANewOneTheAffectedUserCanObjectTo() throws Exception {
        Complaint complaint = caseWithAMeasure("Fenna Klant", "fenna@example.nl", "loodgieter@example.org");
        objectOverRest(complaint, "De waarschuwing klopt niet, de klant was er niet.");
        runDueJobs(complaint.getReference());
        taskService.complete(review(complaint).getId(), Map.of(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "MEASURE_STANDS",
                "measureReviewMotivation", "De chat laat zien dat de klant er wel was."));
        runDueJobs(complaint.getReference());

        // the complainant objects too; the board upholds it and the handler decides anew, with a suspension
        revisedToASuspensionAfterTheComplainantsObjection(complaint, "de loodgieter");

        // not "already reviewed": the suspension is a new decision, and its review starts from it
        nextObjectionIsReviewedAgainstASuspensionOf(complaint, "Een maand schorsing is buiten proportie.", "een maand");
        assertThat(taskService.getVariable(review(complaint).getId(), "decisionMotivation"))
                .isEqualTo("Je klacht is gegrond; de loodgieter wordt een maand geschorst.");
    }

    /**
     * A decision revised to unfounded takes no measure: the form hides the measures then and does not submit
     * them, so the first decision's warning must not stay behind.
     */
    @Test
    void aDecisionRevisedToUnfoundedLeavesNoMeasureAndTheAffectedUserHearsSo() throws Exception {
        Complaint complaint = caseWithAMeasure("Hanna Klant", "hanna@example.nl", "glazenwasser@example.org");
        complainantObjects(complaint, "Ik vind het besluit niet goed.");
        completeTask(complaint.getReference(), ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "Opnieuw bekijken."));
        // as the form submits it: the verdict and the text, the hidden measures not at all
        completeTask(complaint.getReference(), ComplaintProcess.TASK_REVISE_DECISION, Map.of("verdict", "UNFOUNDED",
                "revisedDecision", "Bij nader inzien is je klacht ongegrond."));
        runDueJobs(complaint.getReference());

        CaseFacts after = facts.findById(complaint.getId()).orElseThrow();
        assertThat(after.isMeasureWarning()).isFalse();
        assertThat(after.isMeasureCompensationAdvice()).isFalse();
        assertThat(mailsTo("hanna@example.nl")).noneMatch(m -> text(m).contains("We nemen maatregelen"));
        assertThat(mailsTo("glazenwasser@example.org")).anyMatch(m -> text(m).contains("Dit is een nieuwe verklaring")
                && text(m).contains("de eerder genomen maatregel is opgeheven") && !text(m).contains("bezwaar indienen"));
        ResponseEntity<String> objection = objectOverRest(complaint, "Ik wil bezwaar maken tegen de waarschuwing.");
        assertThat(objection.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    /** DSA art. 20: a revised decision with a new measure is a new decision, with six months of its own to object. */
    @Test
    void aRevisionNearTheEndOfTheWindowGivesTheAffectedUserSixMonthsFromTheRevision() throws Exception {
        Complaint complaint = caseWithAMeasure("Gijs Klant", "gijs@example.nl", "stukadoor@example.org");
        // the decision was taken almost six months ago: its window closes tomorrow
        java.time.Instant tomorrow = java.time.Instant.now().plus(java.time.Duration.ofDays(1));
        runtimeService.setVariable(complaint.getProcessInstanceId(), "objectionDeadline", java.util.Date.from(tomorrow));
        revisedToASuspensionAfterTheComplainantsObjection(complaint, "de stukadoor");
        runDueJobs(complaint.getReference());

        String sixMonths = nl.homepair.complaints.text.DutchDates.weekday(workingDays.monthsAfter(new java.util.Date(), 6).toInstant());
        assertThat(mailsTo("stukadoor@example.org")).anyMatch(m -> text(m).contains("Dit is een nieuwe verklaring")
                && text(m).contains(sixMonths));
        // three days later, past the first decision's window, the painter objects to the suspension: heard
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(tomorrow.plus(java.time.Duration.ofDays(2))));
        try {
            assertThat(objectOverRest(complaint, "Een maand schorsing is buiten proportie.").getStatusCode())
                    .isEqualTo(HttpStatus.ACCEPTED);
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
    }

    @Test
    void aMeasureLiftedWhileTheBoardReviewsTheComplainantsObjectionIsWhereTheRevisionStarts() throws Exception {
        Complaint complaint = caseWithAMeasure("Sam Klant", "sam@example.nl", "dakdekker@example.org");
        objectOverRest(complaint, "De waarschuwing is onterecht, het lekte al voor mijn komst.");
        Task board = complainantObjects(complaint, "Het dak lekt nog steeds, het besluit moet anders.");
        assertThat(caseFileText("directeur", board, "caseDecision")).contains(Measure.WARNING.label());
        // a value held for the task alone (a form's draft) is no decision: the form still shows the warning
        taskService.setVariableLocal(board.getId(), Measure.WARNING.key(), false);
        assertThat(as("directeur").getForObject("/engine-rest/task/" + board.getId() + "/form-variables", JsonNode.class)
                .path("caseDecision").path("value").asText()).contains(Measure.WARNING.label());
        taskService.removeVariableLocal(board.getId(), Measure.WARNING.key());

        // the measure review ends first: the warning is lifted
        taskService.complete(review(complaint).getId(), Map.of(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "MEASURE_LIFTED",
                "measureReviewMotivation", "Het lek was er al."));
        runDueJobs(complaint.getReference());

        // the board's open form shows it on the timeline; the revision it orders starts without the warning
        JsonNode form = as("directeur").getForObject("/engine-rest/task/" + board.getId() + "/form-variables", JsonNode.class);
        assertThat(form.path("caseTimeline").path("value").asText()).contains("geen maatregel meer tegen die gebruiker");
        // and its decision as it stands now, no longer the decision the board task started with
        assertThat(form.path("caseDecision").path("value").asText()).doesNotContain(Measure.WARNING.label())
                .contains(Measure.COMPENSATION_ADVICE.label());
        completeTask(complaint.getReference(), ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "Het besluit moet opnieuw."));
        Task revision = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_REVISE_DECISION).singleResult();
        assertThat(taskService.getVariable(revision.getId(), "measureWarning")).isEqualTo(false);
    }

    /**
     * The other order: the revision the board ordered is open when the measure review lifts the warning. The handler
     * leaves the measures as the form shows them now (none): that is no change of the decision for the painter, who
     * gets no second statement of reasons (and no new objection window) for a warning the board lifted.
     */
    @Test
    void aMeasureLiftedWhileTheRevisionIsOpenIsWhatTheRevisionComparesWith() throws Exception {
        Complaint complaint = caseWithAMeasure("Mia Klant", "mia@example.nl", "loodgieter@example.org");
        objectOverRest(complaint, "De waarschuwing is onterecht, de leiding was al kapot.");
        complainantObjects(complaint, "Het besluit moet anders, de lekkage is niet verholpen.");
        completeTask(complaint.getReference(), ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "Het besluit moet opnieuw."));
        taskService.complete(review(complaint).getId(), Map.of(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "MEASURE_LIFTED",
                "measureReviewMotivation", "De leiding was al kapot."));
        runDueJobs(complaint.getReference());
        Task revision = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_REVISE_DECISION).singleResult();
        assertThat(taskService.getVariable(revision.getId(), "measureWarning")).isEqualTo(false);
        greenMail.purgeEmailFromAllMailboxes();

        completeTask(complaint.getReference(), ComplaintProcess.TASK_REVISE_DECISION, Map.of("verdict", "WELL_FOUNDED",
                "revisedDecision", "Je klacht is gegrond; we adviseren over een vergoeding.", "measureWarning", false));

        assertThat(mailsTo("mia@example.nl")).anyMatch(m -> subject(m).startsWith("Herzien besluit"));
        // no statement of either kind (a measure, or its lifting, which is queued) for the painter
        runDueDeliveryJobs(complaint);
        assertThat(deliveryJobs(complaint)).isEmpty();
        assertThat(mailsTo("loodgieter@example.org")).isEmpty();
    }

    @Test
    void theAffectedUsersObjectionOverRestOpensAReviewAndAStandingMeasureIsExplained() throws Exception {
        Complaint complaint = caseWithAMeasure("Lotte Klant", "lotte@example.nl", "stukadoor@example.org");

        ResponseEntity<JsonNode> response = as("platform").postForEntity("/api/complaints/" + complaint.getReference() + "/objection",
                json("{\"motivation\":\"De waarschuwing is onterecht, ik was ziek.\",\"objector\":\"AFFECTED_USER\"}"), JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(response.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        runDueJobs(complaint.getReference());
        // the platform sends it again after a time-out: answered as the first, one review, one line on the timeline
        ResponseEntity<JsonNode> retried = as("platform").postForEntity("/api/complaints/" + complaint.getReference() + "/objection",
                json("{\"motivation\":\" De waarschuwing is onterecht, ik was ziek.\",\"objector\":\"AFFECTED_USER\"}"), JsonNode.class);
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.getBody().path("message").asText()).contains("al ontvangen");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(complaint.getReference())
                .processDefinitionKey("measureReview").count()).isEqualTo(1);
        assertThat(timelineOf(complaint)).filteredOn(s -> s.startsWith("Bezwaar van de betrokken gebruiker ontvangen")).hasSize(1);

        Task review = review(complaint);
        // the team leads, whom its escalation asks to speak to the directors, see the board's review and cannot decide it
        assertThat(as("teamleider").getForObject("/engine-rest/task/count?processInstanceBusinessKey="
                + complaint.getReference() + "&taskDefinitionKey=" + ComplaintProcess.TASK_REVIEW_MEASURE, JsonNode.class)
                .get("count").asInt()).isEqualTo(1);
        assertThat(as("teamleider").postForEntity("/engine-rest/task/" + review.getId() + "/claim",
                json("{\"userId\":\"teamleider\"}"), String.class).getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(as("behandelaar").getForObject("/engine-rest/task/count?processInstanceBusinessKey="
                + complaint.getReference() + "&taskDefinitionKey=" + ComplaintProcess.TASK_REVIEW_MEASURE, JsonNode.class)
                .get("count").asInt()).isZero();
        taskService.complete(review.getId(), Map.of(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "MEASURE_STANDS",
                "measureReviewMotivation", "Je meldde je ziekte niet."));
        runDueJobs(complaint.getReference());
        assertThat(mailsTo("stukadoor@example.org")).anyMatch(m -> text(m).contains("De maatregel blijft")
                && text(m).contains("Je meldde je ziekte niet."));
        // a measure that stands changes nothing on the case
        assertThat(timelineOf(complaint)).noneMatch(s -> s.contains("Maatregel na het bezwaar"));
        assertThat(facts.findById(complaint.getId()).orElseThrow().isMeasureWarning()).isTrue();

        // the same measure once more: the board has answered, the refusal says where to go now
        ResponseEntity<String> again = objectOverRest(complaint, "Ik blijf het oneens met de waarschuwing.");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("al beoordeeld op").contains("de maatregel blijft")
                .contains("onafhankelijke geschilleninstantie");
        assertThat(review(complaint)).isNull();
        // an unknown objector is a field error
        assertThat(as("platform").postForEntity("/api/complaints/" + complaint.getReference() + "/objection",
                json("{\"motivation\":\"Nog een keer bezwaar hierover.\",\"objector\":\"SOMEONE\"}"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aReviewTheBoardLeavesLyingIsReportedAndTheAffectedUserHearsWhereElseToGo() throws Exception {
        Complaint complaint = caseWithAMeasure("Mies Wacht", "mies@example.nl", "tegelzetter@example.org");
        assertThat(objectOverRest(complaint, "De schorsing is onterecht, de tegels lagen goed.").getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        runDueJobs(complaint.getReference());
        try {
            // three weeks on, the board has not decided: past its 10 working days
            ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(21).toMillis()));
            runDueJobs(complaint.getReference());
            assertThat(mailsTo("tegelzetter@example.org")).filteredOn(m -> subject(m).contains("laat op zich wachten"))
                    .singleElement().satisfies(m -> assertThat(text(m)).contains("Dat is niet gelukt", "De Geschillencommissie"));
            assertThat(mailsTo("teamleiders@homepair.nl")).anyMatch(m -> subject(m).contains(complaint.getReference()));
            assertThat(review(complaint)).as("the board's task stays open").isNotNull();
        } finally {
            ClockUtil.reset();
        }
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A decision without a measure (well-founded, settled by the handler) leaves no user anything to object to. */
    @Test
    void anAffectedUserWithoutAMeasureCannotObject() {
        String reference = submitted("Mo Zonder", "mo@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "WELL_FOUNDED",
                "decisionMotivation", "Aangetoond; de vakprofessional heeft het zelf rechtgezet."));
        ResponseEntity<String> response = as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"Ik ben het er niet mee eens.\",\"objector\":\"AFFECTED_USER\"}"), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody()).contains("geen maatregel tegen een gebruiker");
    }

    private static String html(jakarta.mail.internet.MimeMessage message) {
        try {
            return nl.homepair.complaints.mail.MailText.html(message).orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
