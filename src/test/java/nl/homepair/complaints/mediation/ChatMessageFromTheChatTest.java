package nl.homepair.complaints.mediation;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEntry;
import nl.homepair.complaints.complaint.TimelineRepository;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What the chat delivers as it is (R7): a long message or a photo without text is kept, not refused (a refused message
 * is lost to the case); a message from another conversation than the case's is refused (one person's words must not land
 * on another's case); a message delivered late stands where it was written and counts from then as an objection (R9).
 */
class ChatMessageFromTheChatTest extends IntegrationTest {

    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TimelineRepository timeline;
    @Autowired
    org.camunda.bpm.engine.TaskService taskService;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    javax.sql.DataSource dataSource;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    private ResponseEntity<JsonNode> deliver(String reference, String json) {
        return as("platform").postForEntity("/api/complaints/" + reference + "/chat-messages", json(json), JsonNode.class);
    }

    private List<String> chatLines(String reference) {
        Long id = complaints.findByReference(reference).orElseThrow().getId();
        return timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(id).stream().map(TimelineEntry::getSummary)
                .filter(summary -> summary.startsWith("Chatbericht")).toList();
    }

    private String inMediation(String conversation) {
        String reference = submit(janJansen());
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes",
                "We bemiddelen.", "otherPartyName", "Schilder Verf", "otherPartyEmail", "verf@example.nl",
                "chatConversationReference", conversation));
        return reference;
    }

    /**
     * The other party's chat messages are on the case for staff, and not in the complainant's copy of their data (GDPR
     * art. 15(4)), as their mails are not; the complainant's own are. Migration 26 marks those stored before.
     */
    @Test
    void theOtherPartysChatMessagesStayOutOfTheComplainantsCopy() throws Exception {
        String reference = inMediation("CHAT-2601");
        assertThat(deliver(reference, "{\"author\":\"Schilder Verf\",\"message\":\"Ik kom dinsdag, mijn nummer is 06-1.\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"Dinsdag is goed.\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String email = complaints.findByReference(reference).orElseThrow().getEmail();
        String copy = as("teamleider").postForObject("/api/privacy/export", Map.of("email", email), String.class);
        assertThat(copy).contains("Dinsdag is goed.").doesNotContain("mijn nummer is 06-1");
        assertThat(chatLines(reference)).as("both on the case for staff").hasSize(2);

        // stored before the mark: migration 26 finds the other party's line by the name the assessment gave them
        Long id = complaints.findByReference(reference).orElseThrow().getId();
        jdbc.update("update timeline_entry set about_others = false where complaint_id = ?", id);
        try (java.sql.Connection connection = dataSource.getConnection()) {
            new nl.homepair.complaints.database.ChatMessagesOfTheOtherParty().migrate(
                    nl.homepair.complaints.database.MigrationContexts.on(connection));
        }
        assertThat(jdbc.queryForList("select summary from timeline_entry where complaint_id = ? and about_others", String.class, id))
                .singleElement().satisfies(line -> assertThat(line).startsWith("Chatbericht van Schilder Verf"));
    }

    /** A complaint decided (unfounded) at once: its objection window is open. */
    private String decidedCase() {
        String reference = submit(janJansen());
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        runDueJobs(reference);
        return reference;
    }

    /**
     * The complainant writes in the chat while the board reviews the objection ("wanneer beslist de directie?", "laat
     * maar"): no handler has a task on the case, so the handlers hear of it, once a day; a thank-you tells nobody.
     */
    @Test
    void aChatMessageWhileTheBoardReviewsReachesTheHandlers() throws Exception {
        String reference = decidedCase();
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"Ik ben het niet eens met het besluit.\"}"), JsonNode.class).getStatusCode()
                .is2xxSuccessful()).isTrue();
        runDueJobs(reference);
        assertThat(nl.homepair.complaints.complaint.CaseWithdrawal.beforeTheBoard(complaints.findByReference(reference)
                .orElseThrow())).isTrue();
        java.util.Set<String> before = jobIds();

        assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"Dank je wel!\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        runDueJobsExcept(before);
        assertThat(handlersMailsAbout(reference)).as("a thank-you").isEmpty();

        assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"Wanneer beslist de directie?\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"Laat maar, ik trek mijn bezwaar in.\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        runDueJobsExcept(before);
        assertThat(handlersMailsAbout(reference)).as("once a day").singleElement().satisfies(mail ->
                assertThat(mail.getSubject()).isEqualTo("Chatbericht over klacht " + reference
                        + " terwijl de directie het bezwaar beoordeelt"));

        // the complainant as the chat spells them otherwise ("Jan" for Jan Jansen) may be the complainant as well
        greenMail.purgeEmailFromAllMailboxes();
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(1))));
        assertThat(deliver(reference, "{\"author\":\"Jan\",\"message\":\"Is er al nieuws van de directie?\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        runDueJobsExcept(before);
        assertThat(handlersMailsAbout(reference)).as("the next day").hasSize(1);
    }

    private static List<jakarta.mail.internet.MimeMessage> handlersMailsAbout(String reference) {
        return mailsTo("klachtenteam@homepair.nl").stream().filter(mail -> {
            try {
                return mail.getSubject().contains(reference);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /**
     * The complainant disagrees in the chat in the objection window: the handler who judges it reads that it was a chat
     * message and when it came, and the objection is recorded as one (not as "e-mail van ...").
     */
    @Test
    void aChatMessageJudgedAnObjectionIsCalledAChatMessage() {
        String reference = decidedCase();

        assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"Dit besluit vind ik onterecht.\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        org.camunda.bpm.engine.task.Task judge = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();
        JsonNode form = as("behandelaar").getForObject("/engine-rest/task/" + judge.getId() + "/form-variables", JsonNode.class);
        assertThat(form.path("casePossibleObjection").path("value").asText()).startsWith("chatbericht van ");

        completeTask(reference, ComplaintProcess.TASK_JUDGE_OBJECTION, Map.of("objectionJudgement", "OBJECTION"));
        runDueJobs(reference);
        Long id = complaints.findByReference(reference).orElseThrow().getId();
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(id)).map(TimelineEntry::getSummary)
                .anySatisfy(line -> assertThat(line).startsWith("Bezwaar ontvangen (chatbericht van ")
                        .contains("Dit besluit vind ik onterecht."))
                .noneSatisfy(line -> assertThat(line).contains("(e-mail van "));
    }

    /**
     * A photo in the chat in the objection window, with hardly a word: the handler who judges it an objection writes the
     * complainant's reasons (from the photo, or a call) under Toelichting, and the board reads them with the objection.
     */
    @Test
    void theHandlersToelichtingGoesWithAJudgedObjectionToTheBoard() {
        String reference = decidedCase();
        assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"Zie de foto.\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        completeTask(reference, ComplaintProcess.TASK_JUDGE_OBJECTION, Map.of("objectionJudgement", "OBJECTION",
                "objectionJudgementNotes", "De foto toont de lekkage die volgens het besluit verholpen was."));
        runDueJobs(reference);

        org.camunda.bpm.engine.task.Task review = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult();
        assertThat(review).isNotNull();
        assertThat(runtimeService.getVariable(review.getExecutionId(), ComplaintProcess.VAR_OBJECTION_MOTIVATION).toString())
                .contains("Volgens de behandelaar: De foto toont de lekkage");
        Long id = complaints.findByReference(reference).orElseThrow().getId();
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(id)).map(TimelineEntry::getSummary)
                .anySatisfy(line -> assertThat(line).startsWith("Bezwaar ontvangen (chatbericht van ")
                        .contains("Volgens de behandelaar: De foto toont de lekkage"));
    }

    /**
     * The judgement of a message in the objection window cannot start (here: an administrator suspended the case in
     * Cockpit): the message is kept, the platform gets its 201, and the case says once that a handler must read it.
     */
    @Test
    void aMessageWhoseJudgementCannotStartIsKeptAndTheCaseSaysSoOnce() {
        String reference = decidedCase();
        String process = complaints.findByReference(reference).orElseThrow().getProcessInstanceId();
        runtimeService.suspendProcessInstanceById(process);
        try {
            assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"Dit besluit vind ik onterecht.\"}")
                    .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        } finally {
            runtimeService.activateProcessInstanceById(process);
        }
        Long id = complaints.findByReference(reference).orElseThrow().getId();
        List<String> lines = timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(id).stream().map(TimelineEntry::getSummary).toList();
        assertThat(lines).filteredOn(line -> line.equals(ChatMessageController.NOT_JUDGED)).hasSize(1);
        assertThat(chatLines(reference)).singleElement().satisfies(line -> assertThat(line).contains("Dit besluit vind ik onterecht."));
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).count()).isZero();
    }

    @Test
    void aLongMessageAndAPhotoWithoutTextAreKeptAndSaySo() {
        String reference = submit(janJansen());
        String longText = "Het lekt. ".repeat(499) + "123456789\uD83D\uDE00" + "Nog meer.".repeat(200); // an emoji across 5,000

        assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"" + longText + "\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        assertThat(chatLines(reference)).satisfiesExactly(
                line -> assertThat(line).startsWith("Chatbericht van Jan Jansen: Het lekt.")
                        .contains("123456789 […] (ingekort: het bericht telt 6.801 tekens; het geheel staat in het chatgesprek)"),
                line -> assertThat(line).isEqualTo("Chatbericht van Jan Jansen: (bericht zonder tekst, bijvoorbeeld een foto"
                        + " of bestand: zie het chatgesprek)"));
    }

    /** A delivery that was stored and whose answer was lost gets its first answer, also when retried outside the bounds. */
    @Test
    void aRedeliveryIsAnsweredAsTheFirstBeforeItsMomentIsChecked() {
        String reference = submit(janJansen());
        Instant now = Instant.now();
        String message = "{\"author\":\"Jan Jansen\",\"message\":\"Ik wacht.\",\"sentAt\":\"" + now.minusSeconds(60) + "\"}";
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        headers.set("Idempotency-Key", "chat-42");
        org.springframework.http.HttpEntity<String> delivery = new org.springframework.http.HttpEntity<>(message, headers);
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/chat-messages", delivery, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(4)))); // the platform tried again after a long outage
        ResponseEntity<JsonNode> again = as("platform").postForEntity("/api/complaints/" + reference + "/chat-messages",
                delivery, JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(chatLines(reference)).hasSize(1);
    }

    /** The agreement is not kept: the other party writes in the chat after the case closed, and is still known by name. */
    @Test
    void theOtherPartyIsKnownInTheChatAfterTheCaseClosed() {
        String reference = inMediation("CHAT-1002");
        completeTask(reference, ComplaintProcess.TASK_MEDIATE, Map.of("mediationOutcome", "RESOLVED",
                "mediationAgreement", "De schilder komt vrijdag.", "mediationNotes", "Akkoord."));
        assertThat(complaints.findByReference(reference).orElseThrow().getStatus())
                .isEqualTo(nl.homepair.complaints.complaint.ComplaintStatus.CLOSED);

        assertThat(deliver(reference, "{\"author\":\"Schilder Verf\",\"message\":\"De klant laat mij er niet in.\","
                + "\"conversationReference\":\"CHAT-1002\"}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(chatLines(reference)).singleElement().satisfies(line -> assertThat(line)
                .startsWith("Chatbericht van Schilder Verf [gesprek CHAT-1002]: De klant laat").doesNotContain("niet herkend"));
    }

    @Test
    void aMessageFromAnotherConversationThanTheCasesIsRefusedAndNothingStored() {
        String reference = inMediation("CHAT-1001");

        ResponseEntity<JsonNode> wrong = deliver(reference,
                "{\"author\":\"Jan Jansen\",\"message\":\"Mijn adres is Dorpsstraat 1.\",\"conversationReference\":\"CHAT-2002\"}");
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(wrong.getBody().get("message").asText()).contains("chatgesprek CHAT-2002", "niet bij zaak " + reference,
                "Er is niets opgeslagen").doesNotContain("CHAT-1001");

        ResponseEntity<JsonNode> right = deliver(reference,
                "{\"author\":\"Jan Jansen\",\"message\":\"Ik wacht nog.\",\"conversationReference\":\"chat-1001\"}");
        assertThat(right.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(chatLines(reference)).singleElement().satisfies(line -> assertThat(line).contains("Ik wacht nog."));
    }

    /**
     * R7: a conversation reference typed wrong at the assessment kept every chat message of the mediation off the case,
     * unseen. The refusal is on the case's timeline for the handlers (once, without the message), and a handler corrects
     * the conversation on the case page; the chat's messages then come.
     */
    @Test
    void aWrongConversationOnTheCaseIsSeenAndCorrectedOnTheCasePage() throws Exception {
        String reference = inMediation("volgt");
        String message = "{\"author\":\"Jan Jansen\",\"message\":\"Wanneer komt de schilder?\",\"conversationReference\":\"CHAT-3003\"}";
        assertThat(deliver(reference, message).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(deliver(reference, message).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        Long id = complaints.findByReference(reference).orElseThrow().getId();
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(id).stream().map(TimelineEntry::getSummary)
                .filter(line -> line.contains("uit gesprek CHAT-3003 is niet bij de zaak gekomen"))).singleElement()
                .asString().contains("op de zaak staat gesprek volgt", "zaakpagina").doesNotContain("schilder");

        nl.homepair.complaints.StaffSession handler = nl.homepair.complaints.StaffSession.logIn(port, "behandelaar", "tasklist");
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(handler.get("/zaken/" + reference).body());
        assertThat(page.select("#chatgesprek input[name=gesprek]").attr("value")).isEqualTo("volgt");
        var tooLong = handler.post("/zaken/" + reference + "/chatgesprek", Map.of("gesprek", "x".repeat(101)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("hoogstens 100 tekens");
        var corrected = handler.post("/zaken/" + reference + "/chatgesprek", Map.of("gesprek", " CHAT-3003 "));
        assertThat(corrected.statusCode()).isIn(200, 302, 303);

        assertThat(deliver(reference, message).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(chatLines(reference)).singleElement().satisfies(line -> assertThat(line).contains("Wanneer komt de schilder?"));
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(id).stream().map(TimelineEntry::getSummary))
                .anyMatch(line -> line.equals("Chatgesprek van de zaak vastgelegd: CHAT-3003 (was volgt)."));
        // the other conversation is now refused instead
        assertThat(deliver(reference, message.replace("CHAT-3003", "volgt")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aMessageDeliveredLateStandsWhereItWasWrittenAndAMomentOutOfBoundsIsRefused() {
        String reference = submit(janJansen());
        Instant now = Instant.now();
        ClockUtil.setCurrentTime(Date.from(now));
        assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"Tweede bericht.\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        // written an hour ago, delivered after an outage: before the second one on the timeline
        assertThat(deliver(reference, "{\"author\":\"Jan Jansen\",\"message\":\"Eerste bericht.\",\"sentAt\":\""
                + now.minus(Duration.ofHours(1)) + "\"}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(chatLines(reference)).containsExactly("Chatbericht van Jan Jansen: Eerste bericht.",
                "Chatbericht van Jan Jansen: Tweede bericht.");
        // and when it reached the case is a line of its own, for staff, at its arrival (R14)
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaints.findByReference(reference).orElseThrow().getId()))
                .last().satisfies(line -> {
                    assertThat(line.getSummary()).isEqualTo("Een chatbericht dat op " + nl.homepair.complaints.text.DutchDates
                            .moment(now.minus(Duration.ofHours(1))) + " in de chat is verstuurd, kwam nu pas binnen; het staat op"
                            + " de tijdlijn bij dat moment.");
                    assertThat(line.isAboutOthers()).isTrue();
                });

        for (String sentAt : List.of("gisteren", now.plus(Duration.ofHours(1)).toString(), now.minus(Duration.ofDays(4)).toString())) {
            ResponseEntity<JsonNode> refused = deliver(reference,
                    "{\"author\":\"Jan Jansen\",\"message\":\"Nog een.\",\"sentAt\":\"" + sentAt + "\"}");
            assertThat(refused.getStatusCode()).as(sentAt).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("sentAt");
        }
        assertThat(chatLines(reference)).hasSize(2);
    }

    /** An objection sent in the app at 23:50 on the last day and delivered after midnight (our outage) is in time. */
    @Test
    void anObjectionSentOnTheLastEveningAndDeliveredAfterMidnightIsInTime() {
        String reference = submit(janJansen());
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        Complaint decided = complaints.findByReference(reference).orElseThrow();
        Instant deadline = decided.getObjectionDeadline();
        ClockUtil.setCurrentTime(Date.from(deadline.plus(Duration.ofMinutes(20))));

        ResponseEntity<JsonNode> late = as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"Ik ben het niet eens: de schilder kwam niet.\"}"), JsonNode.class);
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        ResponseEntity<JsonNode> sentInTime = as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"Ik ben het niet eens: de schilder kwam niet.\",\"sentAt\":\""
                        + deadline.minus(Duration.ofMinutes(10)) + "\"}"), JsonNode.class);
        assertThat(sentInTime.getStatusCode()).as(String.valueOf(sentInTime.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(complaints.findByReference(reference).orElseThrow().getObjectionReceivedAt())
                .isEqualTo(deadline.minus(Duration.ofMinutes(10)));
    }
}
