package nl.homepair.complaints;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.complaint.BoardDecision;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.mail.MailText;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every road of the procedure end to end: in through REST, tasks completed as the
 * handlers and directors would in Tasklist, and every mail read back from a real SMTP
 * server, in Dutch, with the reference in its subject and the facts of the case.
 */
class ProcedureRoadsTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    WorkingDayCalendar workingDays;
    @Autowired
    CaseTimeline timeline;
    @Autowired
    nl.homepair.complaints.webform.SubmissionRateLimiter rateLimiter;

    private String reference;
    private final java.util.Set<MimeMessage> read = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /**
     * Every road starts on Monday 8 June 2026 at 10:00 in Amsterdam, so that deadlines and
     * office hours do not depend on when the tests run (a Friday evening moves every
     * working-day clock to Monday).
     */
    @org.junit.jupiter.api.BeforeEach
    void fixClock() {
        ClockUtil.setCurrentTime(Date.from(java.time.ZonedDateTime.of(2026, 6, 8, 10, 0, 0, 0,
                java.time.ZoneId.of("Europe/Amsterdam")).toInstant()));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ------------------------------------------------------------------------------------ helpers

    private ResponseEntity<JsonNode> post(String user, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).postForEntity(path, new HttpEntity<>(json, headers), JsonNode.class);
    }

    private void submit() {
        reference = submit(janJansen());
        expectMail("jan@example.nl", "Ontvangstbevestiging", reference);
    }

    private void complete(String taskKey, String user, Object... keysAndValues) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task " + taskKey).isNotNull();
        taskService.claim(task.getId(), user);
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        taskService.complete(task.getId(), variables);
        runDueJobs(reference);
    }

    /**
     * A mail received and not yet read: to whom, with the reference in the subject and these
     * phrases in its text. Mails that go out in the same moment may arrive in any order.
     */
    private String expectMail(String to, String subjectStart, String... phrases) {
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            MimeMessage[] received = greenMail.getReceivedMessages();
            for (MimeMessage message : received) {
                try {
                    if (!read.contains(message) && Arrays.stream(message.getAllRecipients()).map(Address::toString).toList().equals(List.of(to))
                            && message.getSubject().startsWith(subjectStart)) {
                        read.add(message);
                        assertThat(message.getSubject()).contains(reference);
                        String text = MailText.plainText(message).orElseThrow();
                        if (phrases.length > 0) {
                            assertThat(text).contains(phrases);
                        }
                        assertThat(MailText.html(message).orElseThrow()).contains("lang=\"nl\"");
                        return text;
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No mail \"" + subjectStart + "...\" to " + to + "; received: "
                        + Arrays.stream(received).map(ProcedureRoadsTest::describe).toList());
            }
            greenMail.waitForIncomingEmail(200, received.length + 1);
        }
    }

    private static String describe(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients()) + " " + message.getSubject();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private void noMoreMail() {
        assertThat(greenMail.getReceivedMessages()).hasSize(read.size());
    }

    private void moveClock(Duration by) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
    }

    private Complaint complaint() {
        return complaints.findByReference(reference).orElseThrow();
    }

    private void decideWellFoundedWithSuspension() {
        complete(ComplaintProcess.TASK_DECIDE, "behandelaar", "verdict", "WELL_FOUNDED",
                "decisionMotivation", "De schilder heeft zijn afspraken twee keer niet nagekomen.",
                "measureWarning", false, "measureSuspension", true, "measureRemoval", false,
                "measureCompensationAdvice", false, "measureInternalImprovement", false,
                "suspensionDuration", "30 dagen", "affectedUserName", "Schildersbedrijf Verf",
                "affectedUserEmail", "verf@example.nl", "measureFacts", "Twee afspraken zonder bericht afgezegd.",
                "termsGround", "Artikel 7.2: afspraken nakomen.");
    }

    // -------------------------------------------------------------------------------- the roads

    @Test
    void aLateAssessmentIsToldToTheComplainantOnceWithTheDatePromised() {
        submit(); // Monday 8 June: the next steps by Monday 15 June
        ClockUtil.setCurrentTime(Date.from(java.time.ZonedDateTime.of(2026, 6, 16, 9, 30, 0, 0,
                java.time.ZoneId.of("Europe/Amsterdam")).toInstant()));
        runDueJobs(reference);

        String told = expectMail("jan@example.nl", "Je klacht " + reference + " wordt later beoordeeld",
                "uiterlijk maandag 15 juni 2026", "met voorrang");
        assertThat(told).doesNotContain("[(", "${");
        expectMail("teamleiders@homepair.nl", "Termijn verstreken: eerste beoordeling");
        moveClock(Duration.ofDays(1));
        runDueJobs(reference);
        noMoreMail();
    }

    @Test
    void inadmissibleCanBeObjectedToAndClosesWhenTheWindowEnds() {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "INADMISSIBLE",
                "assessmentNotes", "Je klacht gaat over een webwinkel buiten HomePair.");

        // "Niet tevreden over de afhandeling?" (§4): the mail says how and until when to object, as a decision's does
        Date deadline = Date.from(complaint().getObjectionDeadline());
        expectMail("jan@example.nl", "Je klacht", "buiten onze klachtenprocedure", "Je klacht gaat over een webwinkel buiten HomePair.",
                "gemotiveerd bezwaar indienen bij de directie", new nl.homepair.complaints.mail.DutchFormat().date(deadline),
                // the message form as a second way, when the operator gave its public address (the test profile does)
                "Je kunt je bezwaar ook sturen met het formulier op https://klachten.homepair.nl/klacht/bericht.");
        noMoreMail();
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.DECIDED);
        assertThat(complaint().isDeclaredInadmissible()).isTrue();
        assertThat(timeline.of(complaint())).anySatisfy(entry -> assertThat(entry.getSummary())
                .startsWith("Besluit: klacht niet-ontvankelijk; bezwaar mogelijk tot en met"));
        JsonNode decision = as("teamleider").getForObject("/api/complaints/" + reference, JsonNode.class).path("decision");
        assertThat(decision.hasNonNull("declaredInadmissibleAt")).isTrue();
        assertThat(decision.path("verdict").isNull()).isTrue();
        assertThat(decision.path("objectionDeadline").isNull()).isFalse();

        ClockUtil.setCurrentTime(new Date(closesAfter(deadline).getTime() + 1000));
        runDueJobs(reference);
        expectMail("jan@example.nl", "Je klacht", "afgesloten");
        noMoreMail();
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(complaint().getOutcome()).isEqualTo(CaseOutcome.INADMISSIBLE);
    }

    /** A complaint declared inadmissible, and the complainant's objection to that before the board. */
    private void declaredInadmissibleAndObjectedTo(String motivation) {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "INADMISSIBLE",
                "assessmentNotes", "Je klacht gaat over een webwinkel buiten HomePair.");
        expectMail("jan@example.nl", "Je klacht", "buiten onze klachtenprocedure");
        assertThat(post("platform", "/api/complaints/" + reference + "/objection", "{\"motivation\":\"" + motivation + "\"}")
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        runDueJobs(reference);
        expectMail("jan@example.nl", "Ontvangstbevestiging van je bezwaar");
    }

    @Test
    void anObjectionToTheInadmissibilityThatTheBoardUpholdsLeadsToADecisionOnTheMerits() {
        declaredInadmissibleAndObjectedTo("De schilder vond ik via HomePair; de opdracht staat in mijn account.");
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.IN_OBJECTION);

        // the director sees what is objected to: the declaration and its reason
        Task review = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).taskCandidateGroup("directors").singleResult();
        assertThat(caseFileText("directeur", review, "caseDecision")).contains("niet-ontvankelijk verklaard",
                "Je klacht gaat over een webwinkel buiten HomePair", "alsnog een besluit over de");
        complete(ComplaintProcess.TASK_REVIEW_OBJECTION, "directeur", "boardDecision", "UPHELD",
                "boardMotivation", "De opdracht liep wel via HomePair.");
        expectMail("jan@example.nl", "Je bezwaar over klacht", "We nemen je klacht daarom alsnog in behandeling",
                "De opdracht liep wel via HomePair.");

        complete(ComplaintProcess.TASK_REVISE_DECISION, "behandelaar", "verdict", "WELL_FOUNDED",
                "revisedDecision", "De schilder kwam twee keer niet opdagen.", "measureInternalImprovement", true);
        expectMail("jan@example.nl", "Besluit over je klacht", "De schilder kwam twee keer niet opdagen.",
                "valt wel onder onze klachtenprocedure", "Ons oordeel: je klacht is gegrond", "De Geschillencommissie");
        noMoreMail();
        assertThat(complaint().getOutcome()).isEqualTo(CaseOutcome.DECIDED_AFTER_OBJECTION);
        assertThat(complaint().getVerdict()).isEqualTo(nl.homepair.complaints.complaint.Verdict.WELL_FOUNDED);
        assertThat(complaint().isDeclaredInadmissible()).isFalse();
        JsonNode decision = as("teamleider").getForObject("/api/complaints/" + reference, JsonNode.class).path("decision");
        assertThat(decision.hasNonNull("declaredInadmissibleAt")).as("declared, then decided").isTrue();
        assertThat(decision.path("verdict").asText()).isEqualTo("WELL_FOUNDED");
        assertThat(timeline.of(complaint())).anySatisfy(entry -> assertThat(entry.getSummary())
                .isEqualTo("Besluit na het gegronde bezwaar tegen de niet-ontvankelijkheid: klacht gegrond"));
        assertThat(decision.path("boardDecision").asText()).isEqualTo("UPHELD");
    }

    /**
     * The board sent the case back for a decision on the merits; before the handler decides, the complainant says it is
     * solved. Nothing is decided on the merits, so the complaint can be withdrawn, and the revision ends with it.
     */
    @Test
    void aComplaintTheBoardSentBackForADecisionCanStillBeWithdrawn() {
        declaredInadmissibleAndObjectedTo("De opdracht liep wel via HomePair.");
        // before the board decides, the declaration stands: no withdrawal, the wish goes to the director
        assertThat(post("platform", "/api/complaints/" + reference + "/withdrawal", "{\"reason\":\"Toch opgelost.\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        complete(ComplaintProcess.TASK_REVIEW_OBJECTION, "directeur", "boardDecision", "UPHELD",
                "boardMotivation", "De opdracht liep wel via HomePair.");
        expectMail("jan@example.nl", "Je bezwaar over klacht", "alsnog in behandeling");

        ResponseEntity<JsonNode> withdrawal = post("platform", "/api/complaints/" + reference + "/withdrawal",
                "{\"reason\":\"De schilder heeft het alsnog opgelost.\"}");
        assertThat(withdrawal.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        runDueJobs(reference);
        expectMail("jan@example.nl", "Je klacht " + reference + " is ingetrokken");
        noMoreMail();
        assertThat(complaint().getOutcome()).isEqualTo(CaseOutcome.WITHDRAWN);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).count()).as("no revision left").isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
    }

    /**
     * A case declared inadmissible before that could be objected to (an earlier version of the model closed it at once,
     * its mail said "laat het ons weten"): an objection is refused with what the complainant can do instead.
     */
    @Test
    void anObjectionToAnInadmissibilityOfBeforeTheWindowSaysWhatCanBeDone() {
        submit();
        Complaint closedEarlier = complaint();
        closedEarlier.close(CaseOutcome.INADMISSIBLE, java.time.Instant.now());
        complaints.save(closedEarlier);

        ResponseEntity<JsonNode> objection = post("platform", "/api/complaints/" + reference + "/objection",
                "{\"motivation\":\"Mijn klacht valt wel onder de procedure.\"}");
        assertThat(objection.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(objection.getBody().get("message").asText()).contains("niet-ontvankelijk verklaard",
                "opnieuw worden ingediend");
    }

    @Test
    void anObjectionToTheInadmissibilityThatTheBoardRejectsClosesTheCaseAsInadmissible() {
        declaredInadmissibleAndObjectedTo("Ik betaalde de webwinkel met een link die ik op HomePair kreeg.");

        complete(ComplaintProcess.TASK_REVIEW_OBJECTION, "directeur", "boardDecision", "REJECTED",
                "boardMotivation", "De betaling liep buiten HomePair om.");
        expectMail("jan@example.nl", "Je bezwaar", "De betaling liep buiten HomePair om.", "De Geschillencommissie");
        noMoreMail();
        assertThat(complaint().getOutcome()).isEqualTo(CaseOutcome.INADMISSIBLE);
        assertThat(complaint().getBoardDecision()).isEqualTo(BoardDecision.REJECTED);
        // the board has ruled: a second objection is refused with the way to the dispute body
        ResponseEntity<JsonNode> again = post("platform", "/api/complaints/" + reference + "/objection",
                "{\"motivation\":\"Ik ben het ook met de directie oneens.\"}");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("message").asText()).contains("De directie heeft al besloten", "De Geschillencommissie");
    }

    @Test
    void moreInformationAnsweredOverRestResumesTheAssessment() {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "MORE_INFORMATION",
                "assessmentNotes", "Stuur ons de offerte van de schilder.");
        expectMail("jan@example.nl", "Aanvullende informatie nodig", "Stuur ons de offerte van de schilder.");
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.AWAITING_INFORMATION);

        ResponseEntity<JsonNode> unreadable = post("platform", "/api/complaints/" + reference + "/information",
                "{\"message\":\"De offerte zit in de bijlage.\",\"sentAt\":\"gisteren\"}");
        assertThat(unreadable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unreadable.getBody().toString()).contains("ISO 8601");
        // sent in the app half an hour ago, delivered now (the platform retried): it counts from when it was sent
        ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + java.time.Duration.ofHours(2).toMillis()));
        java.time.OffsetDateTime sent = java.time.OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant().minusSeconds(1800),
                java.time.ZoneOffset.ofHours(1));
        ResponseEntity<JsonNode> reply = post("platform", "/api/complaints/" + reference + "/information",
                "{\"message\":\"De offerte zit in de bijlage van mijn eerdere mail.\",\"sentAt\":\"" + sent + "\"}");

        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(reply.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        // the same answer sent again (the platform's retry after a time-out): answered as the first, and says so
        ResponseEntity<JsonNode> retried = post("platform", "/api/complaints/" + reference + "/information",
                "{\"message\":\"De offerte zit in de bijlage van mijn eerdere mail.\",\"sentAt\":\"" + sent + "\"}");
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        assertThat(assessment).isNotNull();
        // the form opens without the earlier choice and request: "Voltooien" alone would ask the same again
        JsonNode form = as("behandelaar").getForObject("/engine-rest/task/" + assessment.getId() + "/form-variables",
                JsonNode.class);
        assertThat(form.has("assessmentOutcome")).isFalse();
        assertThat(form.has("assessmentNotes")).isFalse();
        JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("timeline").findValuesAsText("summary"))
                .anyMatch(s -> s.contains("De offerte zit in de bijlage") && s.contains("(ontvangen op "));
        // a second answer is not awaited any more
        assertThat(post("platform", "/api/complaints/" + reference + "/information", "{\"message\":\"Nog iets\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void moreInformationNotAnsweredIsRemindedAndClosedAsIncomplete() {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "MORE_INFORMATION",
                "assessmentNotes", "Stuur ons de offerte van de schilder.");
        expectMail("jan@example.nl", "Aanvullende informatie nodig", "Stuur ons de offerte");

        moveClock(Duration.ofDays(13)); // past the reminder, three working days before the end
        runDueJobs(reference);
        expectMail("jan@example.nl", "Herinnering", "Stuur ons de offerte");
        moveClock(Duration.ofDays(9)); // past 10 working days and the 2 the case waits for a letter on its way
        runDueJobs(reference);
        expectMail("jan@example.nl", "Je klacht", "onvolledig");
        noMoreMail();
        assertThat(complaint().getOutcome()).isEqualTo(CaseOutcome.INCOMPLETE);
    }

    @Test
    void mediationResolvedConfirmsTheAgreementAndInformsTheOtherParty() {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "MEDIATION",
                "assessmentNotes", "We gaan bemiddelen via de HomePair-chat.",
                "otherPartyName", "Schildersbedrijf Verf", "otherPartyEmail", "verf@example.nl",
                "chatConversationReference", "CHAT-991");
        expectMail("jan@example.nl", "Vervolgstappen", "We gaan bemiddelen via de HomePair-chat.");
        String toOtherParty = expectMail("verf@example.nl", "Bemiddeling", "CHAT-991", "Schildersbedrijf Verf");
        assertThat(toOtherParty).doesNotContain("jan@example.nl", "Jan Jansen", "twee keer niet opdagen");

        ResponseEntity<JsonNode> chat = post("platform", "/api/complaints/" + reference + "/chat-messages",
                "{\"author\":\"Schildersbedrijf Verf\",\"message\":\"Ik kom dinsdag.\",\"conversationReference\":\"CHAT-991\"}");
        assertThat(chat.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        complete(ComplaintProcess.TASK_MEDIATE, "behandelaar", "mediationOutcome", "RESOLVED",
                "mediationAgreement", "De schilder komt dinsdag 12 mei om 9 uur.", "mediationNotes", "Beide partijen akkoord.");
        expectMail("jan@example.nl", "Bevestiging", "De schilder komt dinsdag 12 mei om 9 uur.");
        // the other party has the same agreement in writing, and nothing of the complainant
        String agreed = expectMail("verf@example.nl", "Bevestiging", "De schilder komt dinsdag 12 mei om 9 uur.",
                "Schildersbedrijf Verf");
        assertThat(agreed).doesNotContain("jan@example.nl", "Jan Jansen");
        noMoreMail();
        assertThat(complaint().getOutcome()).isEqualTo(CaseOutcome.RESOLVED_BY_MEDIATION);

        // the agreement is not kept: a chat message on the closed case is kept, and the handlers hear of it
        assertThat(post("platform", "/api/complaints/" + reference + "/chat-messages",
                "{\"author\":\"Jan Jansen\",\"message\":\"De schilder kwam dinsdag weer niet.\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        runDueDeliveryJobs("chat-after-closing:" + reference);
        String toHandlers = expectMail("klachtenteam@homepair.nl", "Chatbericht over afgesloten klacht " + reference);
        assertThat(toHandlers).doesNotContain("Jan Jansen", "schilder kwam");
        // the conversation goes on: kept on the case, the handlers are not mailed again that day
        assertThat(post("platform", "/api/complaints/" + reference + "/chat-messages",
                "{\"author\":\"Schildersbedrijf Verf\",\"message\":\"Ik kom morgen.\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        runDueDeliveryJobs("chat-after-closing:" + reference);
        noMoreMail();
        assertThat(queuedMails("chat-after-closing:" + reference + ":")).isEqualTo(1);
        JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("timeline").findValuesAsText("summary"))
                .anyMatch(s -> s.contains("Ik kom dinsdag"))
                .anyMatch(s -> s.contains("Beide partijen akkoord"))
                .anyMatch(s -> s.contains("De schilder kwam dinsdag weer niet."))
                .anyMatch(s -> s.contains("Ik kom morgen."));
    }

    @Test
    void failedMediationLeadsToADecisionAndTheCaseClosesWhenTheObjectionWindowEnds() {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "MEDIATION",
                "assessmentNotes", "We gaan bemiddelen.", "otherPartyName", "Schildersbedrijf Verf",
                "otherPartyEmail", "verf@example.nl");
        expectMail("jan@example.nl", "Vervolgstappen");
        expectMail("verf@example.nl", "Bemiddeling");
        complete(ComplaintProcess.TASK_MEDIATE, "behandelaar", "mediationOutcome", "NOT_RESOLVED", "mediationNotes", "Geen akkoord.");
        // the complainant hears now that a decision follows, and by when, not only when it comes
        runDueDeliveryJobs(complaint());
        expectMail("jan@example.nl", "De bemiddeling over je klacht", "niet tot een oplossing geleid",
                new nl.homepair.complaints.mail.DutchFormat().date((Date) runtimeService.getVariable(
                        complaint().getProcessInstanceId(), "decisionDue")));
        // and the other party, invited to the chat, hears that it ended and that HomePair decides now
        assertThat(expectMail("verf@example.nl", "De bemiddeling over klacht", "niet tot een oplossing geleid",
                "HomePair beoordeelt de klacht nu zelf")).doesNotContain("Jan Jansen", "jan@example.nl");
        decideWellFoundedWithSuspension();

        String statement = expectMail("verf@example.nl", "Verklaring van redenen", "30 dagen", "Artikel 7.2: afspraken nakomen.",
                "Twee afspraken zonder bericht afgezegd.");
        assertThat(statement).doesNotContain("Jan Jansen");
        Date deadline = Date.from(complaint().getObjectionDeadline());
        expectMail("jan@example.nl", "Besluit", "gegrond", "De schilder heeft zijn afspraken twee keer niet nagekomen.",
                new nl.homepair.complaints.mail.DutchFormat().date(deadline),
                "Je kunt je bezwaar ook sturen met het formulier op https://klachten.homepair.nl/klacht/bericht.");
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.DECIDED);

        // too late: the window has ended (an objection counts from when it was received) and nothing changes
        ClockUtil.setCurrentTime(new Date(deadline.getTime() + 1000));
        runDueJobs(reference);
        ResponseEntity<JsonNode> late = post("platform", "/api/complaints/" + reference + "/objection",
                "{\"motivation\":\"Ik ben het er echt niet mee eens.\"}");
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(late.getBody().get("message").asText()).contains("bezwaartermijn liep tot en met");

        // the case closes five working days later, once what arrived in time has been registered
        noMoreMail();
        ClockUtil.setCurrentTime(new Date(closesAfter(deadline).getTime() + 1000));
        runDueJobs(reference);
        expectMail("jan@example.nl", "Je klacht", "afgesloten");
        noMoreMail();
        assertThat(complaint().getOutcome()).isEqualTo(CaseOutcome.DECIDED);
        late = post("platform", "/api/complaints/" + reference + "/objection",
                "{\"motivation\":\"Ik ben het er echt niet mee eens.\"}");
        assertThat(late.getBody().get("message").asText()).contains("bezwaartermijn liep tot en met");
    }

    private Date closesAfter(Date objectionDeadline) {
        return workingDays.plusWorkingDays(workingDays.afterDeadline(objectionDeadline), 5);
    }

    /** A complaint decided at once as unfounded: the objection window is open. */
    private void decidedUnfoundedAtOnce() {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "We nemen direct een besluit.");
        complete(ComplaintProcess.TASK_DECIDE, "behandelaar", "verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond.");
    }

    @Test
    void aLetterObjectionReceivedOnTheLastDayIsHeardWhenItIsRegisteredAfterTheDeadline() {
        decidedUnfoundedAtOnce();
        Date deadline = Date.from(complaint().getObjectionDeadline());

        // the letter arrived on the last afternoon; a handler registers it two working days later
        String lastAfternoon = deadline.toInstant().atZone(DutchDates.ZONE).toLocalDate().atTime(14, 0).toString();
        ClockUtil.setCurrentTime(workingDays.plusWorkingDays(workingDays.afterDeadline(deadline), 1));
        runDueJobs(reference);
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.DECIDED);
        ResponseEntity<String> registered = submitStartForm("behandelaar", "objectionRegistration", Map.of(
                "objectionReference", reference, "letterReceivedAt", lastAfternoon,
                "objectionMotivationText", "Per brief: de schade is wel degelijk door de schilder veroorzaakt."));

        assertThat(registered.getStatusCode()).as(registered.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count()).isEqualTo(1);
    }

    /**
     * R9: an objection through the web form on the last afternoon goes to a person; the handler is away past the
     * window's five working days, and the case waits for them instead of closing; registered with the message's moment,
     * the objection reaches the board.
     */
    @Test
    void anObjectionThroughTheWebFormOnTheLastDayWaitsForItsHandlerAndReachesTheBoard() {
        decidedUnfoundedAtOnce();
        Date deadline = Date.from(complaint().getObjectionDeadline());
        ClockUtil.setCurrentTime(Date.from(deadline.toInstant().atZone(DutchDates.ZONE).toLocalDate().atTime(14, 0)
                .atZone(DutchDates.ZONE).toInstant()));
        rateLimiter.clear();
        nl.homepair.complaints.webform.WebFormClient form = new nl.homepair.complaints.webform.WebFormClient(rest, "");
        nl.homepair.complaints.webform.WebFormClient.Session browser = form.open();
        assertThat(form.postTo("/klacht/bericht", "same-origin", browser, browser.token(), Map.of("reference", reference,
                "email", "jan@example.nl", "message", "Ik maak bezwaar: de schilder heeft de schade wel veroorzaakt."),
                Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        Task message = taskService.createTaskQuery().processDefinitionKey(nl.homepair.complaints.mailbox.MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals(nl.homepair.complaints.mailbox.MailboxPoller.VAR_MAIL_NAMED_CASE, reference).singleResult();
        Date received = (Date) taskService.getVariable(message.getId(), "receivedAt");

        // a week past the window's end, nobody has read it: the case has not closed
        ClockUtil.setCurrentTime(workingDays.plusWorkingDays(closesAfter(deadline), 2));
        runDueJobs(reference);
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.DECIDED);

        ResponseEntity<String> registered = submitStartForm("behandelaar", "objectionRegistration", Map.of(
                "objectionReference", reference, "letterReceivedAt", received.toInstant().atZone(DutchDates.ZONE)
                        .toLocalDateTime().withSecond(0).withNano(0).toString(),
                "objectionMotivationText", "Via het webformulier: de schilder heeft de schade wel veroorzaakt."));
        assertThat(registered.getStatusCode()).as(registered.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count()).isEqualTo(1);
    }

    /** A message about the case that came after the deadline cannot be an objection in time: it keeps no case open. */
    @Test
    void aMessageAfterTheDeadlineDoesNotKeepTheCaseOpen() {
        decidedUnfoundedAtOnce();
        Date deadline = Date.from(complaint().getObjectionDeadline());
        ClockUtil.setCurrentTime(workingDays.plusWorkingDays(workingDays.afterDeadline(deadline), 1));
        rateLimiter.clear();
        nl.homepair.complaints.webform.WebFormClient form = new nl.homepair.complaints.webform.WebFormClient(rest, "");
        nl.homepair.complaints.webform.WebFormClient.Session browser = form.open();
        assertThat(form.postTo("/klacht/bericht", "same-origin", browser, browser.token(), Map.of("reference", reference,
                "email", "jan@example.nl", "message", "Nog een vraag over mijn klacht."), Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.SEE_OTHER);

        ClockUtil.setCurrentTime(workingDays.plusWorkingDays(closesAfter(deadline), 1));
        runDueJobs(reference);
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.CLOSED);
    }

    @Test
    void anObjectionRegisteredLateIsPromisedAFreshDateAndNotToldItIsLateBeforeThatDate() {
        decidedUnfoundedAtOnce();
        expectMail("jan@example.nl", "Vervolgstappen");
        expectMail("jan@example.nl", "Besluit");

        // a letter received on Tuesday 9 June, registered three weeks later: the board's 10 working days are over
        moveClock(Duration.ofDays(22));
        ResponseEntity<String> registered = submitStartForm("behandelaar", "objectionRegistration", Map.of(
                "objectionReference", reference, "letterReceivedAt", "2026-06-09T10:00",
                "objectionMotivationText", "Per brief: de schilder heeft de schade wel veroorzaakt."));
        assertThat(registered.getStatusCode()).as(registered.getBody()).isEqualTo(HttpStatus.OK);
        runDueJobs(reference);
        expectMail("jan@example.nl", "Ontvangstbevestiging van je bezwaar", "met voorrang", "dinsdag 7 juli 2026");
        // the team leads hear at once that the board's deadline has passed; the complainant was just promised 7 July
        expectMail("teamleiders@homepair.nl", "", "directie vandaag aanspreken");
        expectMail("directie@homepair.nl", "Termijn verstreken: Bezwaar beoordelen door directie", "vandaag af in Tasklist",
                "een latere datum toegezegd", "uiterlijk dinsdag 7 juli 2026");
        // and the board hears of the objection with the date promised, not the term that passed
        runDueDeliveryJobs(complaint());
        expectMail("directie@homepair.nl", "Nieuw bezwaar voor de directie", "uiterlijk dinsdag 7 juli 2026",
                "was al voorbij of te kort toen het bezwaar bij de directie kwam");
        noMoreMail();
        // the board lets that date pass too: now the complainant hears it is late, on the next working morning
        ClockUtil.setCurrentTime(Date.from(java.time.ZonedDateTime.of(2026, 7, 8, 9, 0, 0, 0, DutchDates.ZONE).toInstant()));
        runDueJobs(reference);
        expectMail("jan@example.nl", "Het besluit op je bezwaar", "uiterlijk dinsdag 7 juli 2026", "Dat is niet gelukt");
        noMoreMail();
    }

    @Test
    void objectionRejectedByTheBoardPointsToDisputeResolution() {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "We nemen direct een besluit.");
        expectMail("jan@example.nl", "Vervolgstappen", "We nemen direct een besluit.");
        complete(ComplaintProcess.TASK_DECIDE, "behandelaar", "verdict", "UNFOUNDED",
                "decisionMotivation", "De afspraak is door jou zelf afgezegd.");
        expectMail("jan@example.nl", "Besluit", "ongegrond", "De afspraak is door jou zelf afgezegd.");

        String longMotivation = "Ik heb de afspraak niet afgezegd; zie de chat. " + "Meer uitleg. ".repeat(500);
        ResponseEntity<JsonNode> objection = post("platform", "/api/complaints/" + reference + "/objection",
                "{\"motivation\":\"" + longMotivation + "\"}");
        assertThat(objection.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        runDueJobs(reference);
        expectMail("jan@example.nl", "Ontvangstbevestiging van je bezwaar");
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.IN_OBJECTION);
        assertThat(complaint().getObjectionReceivedAt()).isNotNull();

        Task review = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).taskCandidateGroup("directors").singleResult();
        assertThat(caseFileText("directeur", review, "caseObjection")).contains("Ik heb de afspraak niet afgezegd");
        assertThat(caseFileText("directeur", review, "caseDecision")).contains("ongegrond");
        // and the day the complainant was promised the board's answer by
        assertThat(caseFileText("directeur", review, "casePromisedBoardAnswer")).isEqualTo(nl.homepair.complaints.text.DutchDates
                .weekday(((Date) runtimeService.getVariable(review.getProcessInstanceId(), "objectionAnswerDue")).toInstant()));
        // "laat maar" while the board reviews: the decision cannot be withdrawn, but the wish reaches the director's timeline, once
        for (int attempt = 0; attempt < 2; attempt++) {
            ResponseEntity<JsonNode> withdrawal = post("platform", "/api/complaints/" + reference + "/withdrawal",
                    "{\"reason\":\"Laat maar, de schilder heeft het alsnog opgelost.\"}");
            assertThat(withdrawal.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(withdrawal.getBody().get("message").asText()).contains("bezwaar ligt bij de directie", "tijdlijn")
                    .doesNotContain("bezwaartermijn verlopen");
        }
        assertThat(timeline.of(complaint())).filteredOn(entry -> entry.getSummary().contains("bezwaar intrekken"))
                .singleElement().satisfies(entry -> assertThat(entry.getSummary()).contains("alsnog opgelost"));
        assertThat(caseFileText("directeur", review, "caseTimeline")).contains("De klager wil het bezwaar intrekken");
        // and the board hears of it by mail, once, by reference only
        assertThat(queuedMails("objection-withdrawal-wish:" + reference)).isEqualTo(1);
        runDueDeliveryJobs("objection-withdrawal-wish:" + reference);
        assertThat(expectMail("directie@homepair.nl", "De klager wil het bezwaar intrekken",
                "vast als ingetrokken door de klager", "Bezwaren voor de directie")).doesNotContain("opgelost");
        // a second objection while the board reviews changes nothing
        assertThat(post("platform", "/api/complaints/" + reference + "/objection",
                "{\"motivation\":\"Nog een keer bezwaar.\"}").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        // the first one sent again (the platform's retry after a time-out) is answered as the first and changes nothing
        ResponseEntity<JsonNode> retried = post("platform", "/api/complaints/" + reference + "/objection",
                "{\"motivation\":\"" + longMotivation + "\"}");
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(objection.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).count()).isEqualTo(1);
        assertThat(timeline.of(complaint()).stream().filter(entry -> entry.getType() == TimelineEventType.OBJECTION)).hasSize(1);

        // an outcome the model does not know is refused, not taken as a rejection
        taskService.claim(review.getId(), "directeur");
        for (String body : List.of("{\"variables\":{\"boardDecision\":{\"value\":\"upheld\"},\"boardMotivation\":{\"value\":\"Zo.\"}}}",
                "{\"variables\":{\"boardMotivation\":{\"value\":\"Vergeten te kiezen.\"}}}")) {
            ResponseEntity<String> refused = as("directeur").postForEntity("/engine-rest/task/" + review.getId() + "/complete",
                    json(body), String.class);
            assertThat(refused.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).contains("Kies uit: UPHELD (bezwaar gegrond, besluit wordt herzien), REJECTED");
        }
        // nor a judgement without the motivation the complainant's mail quotes ("Motivering van de directie:")
        ResponseEntity<String> unmotivated = as("directeur").postForEntity("/engine-rest/task/" + review.getId() + "/complete",
                json("{\"variables\":{\"boardDecision\":{\"value\":\"REJECTED\"},\"boardMotivation\":{\"value\":\"   \"},"
                        + "\"withdrawalWishTakenBack\":{\"value\":true}}}"),
                String.class);
        assertThat(unmotivated.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // Tasklist shows the message as it comes: the reason alone, not "Cannot complete task <id>: …"
        assertThat(unmotivated.getBody()).contains("\"message\":\"Schrijf de motivering").doesNotContain("Cannot", review.getId());
        assertThat(taskService.createTaskQuery().taskId(review.getId()).singleResult()).as("still open").isNotNull();
        assertThat(complaint().getBoardDecision()).isNull();
        taskService.setAssignee(review.getId(), null);

        complete(ComplaintProcess.TASK_REVIEW_OBJECTION, "directeur", "boardDecision", "REJECTED",
                "boardMotivation", "In de chat staat dat je zelf hebt afgezegd.");
        expectMail("jan@example.nl", "Je bezwaar", "In de chat staat dat je zelf hebt afgezegd.", "De Geschillencommissie");
        noMoreMail();
        assertThat(complaint().getOutcome()).isEqualTo(CaseOutcome.DECIDED_AFTER_OBJECTION);
        assertThat(complaint().getBoardDecision()).isEqualTo(BoardDecision.REJECTED);
        // the case file in the API says where the case stands on the merits, for whoever must account for it
        JsonNode decision = as("teamleider").getForObject("/api/complaints/" + reference, JsonNode.class).path("decision");
        assertThat(decision.path("verdict").asText()).isEqualTo("UNFOUNDED");
        assertThat(decision.path("boardDecision").asText()).isEqualTo("REJECTED");
        assertThat(decision.path("outcome").asText()).isEqualTo("DECIDED_AFTER_OBJECTION");
        assertThat(decision.path("objectionDeadline").isNull()).isFalse();
        // an objection within the six months but after the board's decision: the board has ruled, the dispute body is next
        ResponseEntity<JsonNode> afterTheBoard = post("platform", "/api/complaints/" + reference + "/objection",
                "{\"motivation\":\"Ik ben het ook met de directie oneens.\"}");
        assertThat(afterTheBoard.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(afterTheBoard.getBody().get("message").asText()).contains("De directie heeft al besloten", "ongegrond",
                "De Geschillencommissie").doesNotContain("beoordeelt het");
    }

    /** A complaint decided unfounded at once, and the complainant's objection to it, with the board now. */
    private void objectedToAnUnfoundedDecision() {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "We nemen direct een besluit.");
        expectMail("jan@example.nl", "Vervolgstappen");
        complete(ComplaintProcess.TASK_DECIDE, "behandelaar", "verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond.");
        expectMail("jan@example.nl", "Besluit");
        post("platform", "/api/complaints/" + reference + "/objection", "{\"motivation\":\"Hier is het bewijs in de chat.\"}");
        runDueJobs(reference);
        expectMail("jan@example.nl", "Ontvangstbevestiging van je bezwaar");
    }

    /**
     * The board upheld the objection and the handler revises the decision; before the revision is done the complainant
     * says it is solved. The first decision and its measures stand until the revision replaces them: not withdrawn, but
     * the wish reaches the handler who revises, and the platform hears why, truthfully.
     */
    @Test
    void aWishToWithdrawWhileTheDecisionIsRevisedReachesTheHandlerWhoRevises() {
        objectedToAnUnfoundedDecision();
        complete(ComplaintProcess.TASK_REVIEW_OBJECTION, "directeur", "boardDecision", "UPHELD",
                "boardMotivation", "Het bewijs in de chat is overtuigend.");
        expectMail("jan@example.nl", "Je bezwaar over klacht", "We herzien daarom ons besluit");
        // the revision is (also) a team's with a mailbox of its own (homepair.mail.group-addresses in the test profile)
        taskService.addCandidateGroup(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVISE_DECISION).singleResult().getId(), "gedrag");

        ResponseEntity<JsonNode> withdrawal = post("platform", "/api/complaints/" + reference + "/withdrawal",
                "{\"reason\":\"De schilder heeft het alsnog opgelost.\"}");
        assertThat(withdrawal.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(withdrawal.getBody().get("message").asText()).contains("het besluit wordt herzien",
                "de behandelaar die het besluit herziet").doesNotContain("laat de bezwaartermijn verlopen");
        assertThat(timeline.of(complaint())).extracting(nl.homepair.complaints.complaint.TimelineEntry::getSummary)
                .contains("De klager wil de klacht intrekken terwijl het besluit wordt herzien: De schilder heeft het alsnog opgelost.");
        org.camunda.bpm.engine.task.Task revision = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVISE_DECISION).singleResult();
        assertThat(revision).as("the revision goes on").isNotNull();
        // on top of the form of the handler who revises, whenever it is opened
        assertThat(caseFileText("behandelaar", revision, "caseRevisionWithdrawalWish")).contains("De schilder heeft het alsnog opgelost");
        // and the team that revises hears of it by mail, in its own mailbox, once (the platform's retry is the same wish),
        // by reference only
        assertThat(post("platform", "/api/complaints/" + reference + "/withdrawal",
                "{\"reason\":\"De schilder heeft het alsnog opgelost.\"}").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(queuedMails("revision-withdrawal-wish:" + reference)).isEqualTo(1);
        runDueDeliveryJobs("revision-withdrawal-wish:" + reference);
        assertThat(expectMail("gedrag@homepair.nl", "De klager wil de klacht intrekken: klacht " + reference,
                "\"Besluit herzien\"", "leg in het herziene besluit vast")).doesNotContain("opgelost");
        noMoreMail();

        // a form opened before the wish came, submitted over it: refused, naming the wish; nothing changes
        Map<String, Object> revised = new HashMap<>(Map.of("verdict", "UNFOUNDED",
                "revisedDecision", "Het besluit blijft; je liet ons weten dat het met de schilder is opgelost."));
        ResponseEntity<String> unseen = submitTaskForm("behandelaar", revision.getId(), revised);
        assertThat(unseen.getStatusCode().value()).as(unseen.getBody()).isEqualTo(400);
        assertThat(unseen.getBody()).contains("De klager wil de klacht intrekken", "De schilder heeft het alsnog opgelost",
                "vink aan dat je de wens hebt gelezen");
        assertThat(taskService.createTaskQuery().taskId(revision.getId()).count()).isOne();
        noMoreMail();
        // ticked, as the form shows with the wish: the revision goes through
        revised.put("revisionWishRead", true);
        ResponseEntity<String> seen = submitTaskForm("behandelaar", revision.getId(), revised);
        assertThat(seen.getStatusCode().value()).as(seen.getBody()).isEqualTo(204);
        runDueJobs(reference);
        expectMail("jan@example.nl", "Herzien besluit over je klacht", "met de schilder is opgelost");
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.CLOSED);
    }

    @Test
    void objectionUpheldByTheBoardLeadsToARevisedDecision() {
        objectedToAnUnfoundedDecision();
        // more for the board through the platform's answer to a request for information: refused, with where it goes
        ResponseEntity<JsonNode> more = post("platform", "/api/complaints/" + reference + "/information",
                "{\"message\":\"Nog een foto van de schade.\"}");
        assertThat(more.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(more.getBody().get("message").asText()).contains("Het bezwaar ligt bij de directie",
                "per e-mail aan contact@homepair.nl", "https://klachten.homepair.nl/klacht/bericht", "Er is niets opgeslagen");

        complete(ComplaintProcess.TASK_REVIEW_OBJECTION, "directeur", "boardDecision", "UPHELD",
                "boardMotivation", "Het bewijs in de chat is overtuigend.");
        // the board's decision reaches the complainant at once (the date promised was for it), with when the revision follows
        Date revisionDue = (Date) runtimeService.getVariable(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVISE_DECISION).singleResult().getProcessInstanceId(), "revisionDue");
        expectMail("jan@example.nl", "Je bezwaar over klacht", "We herzien daarom ons besluit", "Het bewijs in de chat is overtuigend.",
                "Je ontvangt het herziene besluit uiterlijk " + nl.homepair.complaints.text.DutchDates.weekday(revisionDue.toInstant()));
        // the board has decided: the case waits for the revised decision, not for the board
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.AWAITING_DECISION);
        complete(ComplaintProcess.TASK_REVISE_DECISION, "behandelaar", "verdict", "WELL_FOUNDED",
                "revisedDecision", "Je klacht is gegrond. De schilder krijgt een waarschuwing.",
                "measureWarning", true, "measureCompensationAdvice", true,
                "compensationAdvice", "Vraag de schilder de voorrijkosten van 45 euro terug.",
                "affectedUserName", "Schildersbedrijf Verf", "affectedUserEmail", "verf@example.nl",
                "measureFacts", "Twee afspraken zonder bericht afgezegd.", "termsGround", "Artikel 7 van de gebruiksvoorwaarden.");
        // the measure changed: the affected user gets a statement of reasons (DSA art. 17), their first one
        assertThat(expectMail("verf@example.nl", "Verklaring van redenen", "Een waarschuwing."))
                .doesNotContain("Dit is een nieuwe verklaring", "vervangt de vorige");
        expectMail("jan@example.nl", "Herzien besluit over je klacht", "Je klacht is gegrond. De schilder krijgt een waarschuwing.",
                "Het bewijs in de chat is overtuigend.", "gegrond", "Vraag de schilder de voorrijkosten van 45 euro terug.");
        noMoreMail();
        assertThat(complaint().getBoardDecision()).isEqualTo(BoardDecision.UPHELD);
        assertThat(complaint().getVerdict()).isEqualTo(nl.homepair.complaints.complaint.Verdict.WELL_FOUNDED);
        assertThat(complaint().getStatus()).isEqualTo(ComplaintStatus.CLOSED);
    }

    @Test
    void slaRemindersAndEscalationsGoToStaffMailboxes() {
        submit();
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        Date reminderDue = managementService.createJobQuery().timers().processInstanceId(instance)
                .activityId("BoundaryEvent_AssessmentReminder").singleResult().getDuedate();
        moveClock(Duration.ofMillis(reminderDue.getTime() - ClockUtil.getCurrentTime().getTime() + 1000)); // the reminder's morning
        runDueJobs(reference);
        String reminder = expectMail("klachtenteam@homepair.nl", "Herinnering");
        moveClock(Duration.ofDays(14)); // well past the assessment deadline
        runDueJobs(reference);
        List<String> subjects = List.of(reminder, expectMail("teamleiders@homepair.nl", "Termijn verstreken"));
        assertThat(subjects).allSatisfy(text -> assertThat(text).contains(reference));
    }

    /** The other party was told until when the mediation runs too: past that date, still open, both hear it. */
    @Test
    void aMediationPastItsDateIsToldToTheComplainantAndTheOtherParty() {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "MEDIATION",
                "assessmentNotes", "We gaan bemiddelen.", "otherPartyName", "Verf Laat", "otherPartyEmail", "verf.laat@example.nl");
        expectMail("jan@example.nl", "Vervolgstappen");
        expectMail("verf.laat@example.nl", "Bemiddeling", "tot en met maandag 22 juni 2026");

        // the morning after the last day of the mediation
        ClockUtil.setCurrentTime(Date.from(java.time.ZonedDateTime.of(2026, 6, 23, 10, 0, 0, 0, DutchDates.ZONE).toInstant()));
        runDueJobs(reference);
        expectMail("jan@example.nl", "De bemiddeling over je klacht", "uiterlijk maandag 22 juni 2026", "met voorrang");
        String toOtherParty = expectMail("verf.laat@example.nl", "De bemiddeling over klacht", "Beste Verf Laat",
                "uiterlijk maandag 22 juni 2026", "met voorrang", "HomePair-chat");
        assertThat(toOtherParty).doesNotContain("Jan Jansen");
        runDueJobs(reference);
        assertThat(java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(m -> describe(m).contains("verf.laat@example.nl")
                && describe(m).contains("duurt langer"))).hasSize(1);
    }

    @Test
    void mediationAndBoardRemindersGoToTheirMailboxes() {
        submit();
        complete(ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "MEDIATION",
                "assessmentNotes", "We gaan bemiddelen.", "otherPartyName", "Verf", "otherPartyEmail", "verf@example.nl");
        expectMail("jan@example.nl", "Vervolgstappen");
        expectMail("verf@example.nl", "Bemiddeling");
        moveClock(Duration.ofDays(14));
        runDueJobs(reference);
        expectMail("klachtenteam@homepair.nl", "Herinnering", "Bemiddelen via de HomePair-chat");

        complete(ComplaintProcess.TASK_MEDIATE, "behandelaar", "mediationOutcome", "NOT_RESOLVED", "mediationNotes", "Geen akkoord.");
        complete(ComplaintProcess.TASK_DECIDE, "behandelaar", "verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond.");
        expectMail("jan@example.nl", "Besluit");
        post("platform", "/api/complaints/" + reference + "/objection", "{\"motivation\":\"Het is wel aangetoond.\"}");
        runDueJobs(reference);
        expectMail("jan@example.nl", "Ontvangstbevestiging van je bezwaar");
        // the board hears of the objection when its task starts, not first from the reminder: the case, the due date, not the text
        runDueDeliveryJobs(complaint());
        // (the queued mails of the failed mediation leave with it)
        expectMail("jan@example.nl", "De bemiddeling over je klacht");
        expectMail("verf@example.nl", "De bemiddeling over klacht");
        String told = expectMail("directie@homepair.nl", "Nieuw bezwaar voor de directie", "Bezwaar beoordelen door directie",
                "Bezwaren voor de directie", nl.homepair.complaints.text.DutchDates.weekday(((Date) runtimeService.getVariable(
                        taskService.createTaskQuery().processInstanceBusinessKey(reference)
                                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult().getProcessInstanceId(),
                        "objectionReviewDue")).toInstant()));
        assertThat(told).doesNotContain("Het is wel aangetoond");
        noMoreMail();
        moveClock(Duration.ofDays(14));
        runDueJobs(reference);
        expectMail("directie@homepair.nl", "Herinnering", "Bezwaar beoordelen door directie");
        noMoreMail();

        // the board lets its deadline pass: the team leads are told, the board itself (not only a list a day later), and the
        // complainant, who need not wait
        moveClock(Duration.ofDays(1));
        runDueJobs(reference);
        expectMail("teamleiders@homepair.nl", "", "directie vandaag aanspreken");
        assertThat(expectMail("directie@homepair.nl", "Termijn verstreken: Bezwaar beoordelen door directie voor klacht " + reference,
                "vandaag af in Tasklist", "Bezwaren voor de directie", "hoort nu ook dat het besluit later komt"))
                .doesNotContain("latere datum toegezegd");
        expectMail("jan@example.nl", "Het besluit op je bezwaar", "Dat is niet gelukt", "met voorrang",
                "De Geschillencommissie");
        noMoreMail();
    }

    @Test
    void objectionsNeedAMotivationAKnownReferenceAndADecision() {
        submit();
        assertThat(post("platform", "/api/complaints/KL-2000-999999/objection", "{\"motivation\":\"Ik ben het oneens.\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> noMotivation = post("platform", "/api/complaints/" + reference + "/objection", "{\"motivation\":\" \"}");
        assertThat(noMotivation.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noMotivation.getBody().get("errors").findValuesAsText("field")).containsExactly("motivation");

        ResponseEntity<JsonNode> early = post("platform", "/api/complaints/" + reference + "/objection",
                "{\"motivation\":\"Ik ben het oneens met alles.\"}");
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(early.getBody().get("message").asText()).contains("nog geen besluit");
        assertThat(complaint().getObjectionReceivedAt()).isNull();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count()).isZero();

        assertThat(post("platform", "/api/complaints/" + reference + "/information", "{\"message\":\"Hier is meer.\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    /**
     * An objection refused because the case waits for none says why from the case as it is, not as the caller read it:
     * objected to by another door in between (REST and the mailbox at once), it is not "nog geen besluit".
     */
    @Test
    void anObjectionRefusedMeanwhileSaysWhyAsTheCaseIsNow(
            @Autowired nl.homepair.complaints.escalation.ObjectionService objections) {
        submit();
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION",
                ComplaintProcess.VAR_ASSESSMENT_NOTES, "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        runDueJobs(reference);

        Complaint readBefore = complaint();
        assertThat(post("platform", "/api/complaints/" + reference + "/objection",
                "{\"motivation\":\"Ik ben het oneens met het besluit.\"}").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(readBefore.getObjectionReceivedAt()).as("the copy read before").isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> objections.object(readBefore,
                        "Per e-mail: ik ben het er niet mee eens.", "mailbox"))
                .isInstanceOf(nl.homepair.complaints.complaint.CaseRefused.class)
                .hasMessageContaining("Er is al bezwaar gemaakt").hasMessageNotContaining("nog geen besluit");
    }
}
