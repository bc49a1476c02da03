package nl.homepair.complaints.reporting;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Five cases received in April 2029, taken through the real procedure with the engine clock
 * moved, day by day, as people would in Tasklist and as the platform would over REST. Their
 * figures are worked out by hand in {@link ReportFiguresTest}:
 * <ul>
 *   <li>A, a client about a job (REST, Mon 16 Apr): mediated and resolved on Thu 19 Apr;</li>
 *   <li>B, a professional about support (REST, Mon 23 Apr): inadmissible on Tue 1 May, five
 *       working days because King's Day (Fri 27 Apr) does not count; its objection window runs;</li>
 *   <li>C, a client about conduct (REST, Mon 16 Apr): information asked on Wed 18 Apr and
 *       answered on Wed 25 Apr (5 working days paused), decided well-founded with a
 *       suspension on Wed 2 May; the suspended user objects (the measure stands), the
 *       complainant objects (upheld), the decision is revised to partly well-founded on Fri
 *       11 May (Ascension Day, Thu 10 May, does not count) and the complainant goes to the
 *       dispute-resolution body;</li>
 *   <li>D, a professional about a job (REST, Tue 17 Apr): decided unfounded on Mon 23 Apr, then
 *       erased on request while the objection window ran;</li>
 *   <li>E, another user about support: a letter received Wed 11 Apr, registered by a handler
 *       on Mon 16 Apr (acknowledged on working day 3), waiting for its decision, due on Wed 2
 *       May and late when the report is read on Mon 14 May.</li>
 * </ul>
 */
final class SeededHistory {

    /**
     * The reporting tests have an application of their own (the open cases are counted over
     * the whole database). Its engine has its own name, for Camunda keeps engines in a static
     * registry by name. It is not closed after the tests (no {@code @DirtiesContext}): the
     * Camunda web applications keep static state of the last application started, and after
     * closing this one the shared application's Tasklist logins answered 500.
     */
    static final String ENGINE = "reporting";
    static final String CONTEXT = "camunda.bpm.process-engine-name=" + ENGINE;
    static final LocalDate FROM = LocalDate.of(2029, 4, 1);
    static final LocalDate TO = LocalDate.of(2029, 4, 30);
    static final String ERASED_EMAIL = "dirk@example.nl";

    private final TestRestTemplate rest;
    private final TaskService taskService;
    private final Consumer<String> runDueJobs;

    String a;
    String b;
    String c;
    String d;
    String e;

    private SeededHistory(TestRestTemplate rest, TaskService taskService, Consumer<String> runDueJobs) {
        this.rest = rest;
        this.taskService = taskService;
        this.runDueJobs = runDueJobs;
    }

    private static final Map<ApplicationContext, SeededHistory> PLAYED = new ConcurrentHashMap<>();

    /**
     * The history played once per application (the figures test and the page test share
     * theirs), with the engine clock reset afterwards.
     */
    static synchronized SeededHistory in(ApplicationContext application, TestRestTemplate rest, TaskService taskService,
                                         Consumer<String> runDueJobs) {
        return PLAYED.computeIfAbsent(application, a -> {
            SeededHistory history = new SeededHistory(rest, taskService, runDueJobs);
            try {
                history.play();
            } finally {
                ClockUtil.reset();
            }
            return history;
        });
    }

    void play() {
        at(16, 4);
        a = submit(janJansen().email("anna@example.nl"));
        c = submit(janJansen().email("carla@example.nl").with("subject", "CONDUCT"));
        e = submitAs("behandelaar", janJansen().email("eva@example.nl").with("role", "OTHER_USER").with("subject", "SUPPORT")
                .with("receivedAt", "2029-04-11T10:00:00+02:00"));

        at(17, 4);
        d = submit(janJansen().email(ERASED_EMAIL).with("role", "PROFESSIONAL"));
        complete(a, ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "MEDIATION",
                "assessmentNotes", "We gaan bemiddelen.", "otherPartyName", "Schildersbedrijf Verf",
                "otherPartyEmail", "verf@example.nl");
        complete(e, ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "We nemen direct een besluit.");

        at(18, 4);
        complete(c, ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "MORE_INFORMATION",
                "assessmentNotes", "Stuur ons de berichten uit de chat.");

        at(19, 4);
        complete(a, ComplaintProcess.TASK_MEDIATE, "behandelaar", "mediationOutcome", "RESOLVED",
                "mediationAgreement", "De schilder komt dinsdag terug.", "mediationNotes", "Beide partijen akkoord.");
        complete(d, ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "We nemen direct een besluit.");

        at(23, 4);
        b = submit(janJansen().email("bas@example.nl").with("role", "PROFESSIONAL").with("subject", "SUPPORT"));
        complete(d, ComplaintProcess.TASK_DECIDE, "behandelaar", "verdict", "UNFOUNDED",
                "decisionMotivation", "Niet aangetoond.");

        at(24, 4);
        expect(HttpStatus.OK, post("teamleider", "/api/privacy/erasure", "{\"email\":\"" + ERASED_EMAIL + "\"}"));

        at(25, 4);
        expect(HttpStatus.ACCEPTED, post("platform", "/api/complaints/" + c + "/information",
                "{\"message\":\"De berichten staan hieronder.\"}"));
        runDueJobs.accept(c);

        at(26, 4);
        complete(c, ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "We nemen direct een besluit.");

        at(1, 5);
        complete(b, ComplaintProcess.TASK_ASSESS, "behandelaar", "assessmentOutcome", "INADMISSIBLE",
                "assessmentNotes", "Dit gaat over een dienst buiten HomePair.");

        at(2, 5);
        complete(c, ComplaintProcess.TASK_DECIDE, "behandelaar", "verdict", "WELL_FOUNDED",
                "decisionMotivation", "De opdrachtnemer schold de klant uit.",
                "measureWarning", false, "measureSuspension", true, "measureRemoval", false,
                "measureCompensationAdvice", false, "measureInternalImprovement", false,
                "suspensionDuration", "30 dagen", "affectedUserName", "Klusbedrijf Hamer",
                "affectedUserEmail", "hamer@example.nl", "measureFacts", "Scheldwoorden in de chat.",
                "termsGround", "Artikel 5.1: respectvol gedrag.");

        at(3, 5);
        expect(HttpStatus.ACCEPTED, post("platform", "/api/complaints/" + c + "/objection",
                "{\"motivation\":\"Ik heb niet gescholden, lees de hele chat.\",\"objector\":\"AFFECTED_USER\"}"));
        runDueJobs.accept(c);

        at(4, 5);
        expect(HttpStatus.ACCEPTED, post("platform", "/api/complaints/" + c + "/objection",
                "{\"motivation\":\"Een schorsing is te licht voor wat er gebeurde.\"}"));
        runDueJobs.accept(c);

        at(7, 5);
        complete(c, ComplaintProcess.TASK_REVIEW_MEASURE, "directeur", ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME,
                "MEASURE_STANDS", "measureReviewMotivation", "De chat laat de scheldwoorden zien.");

        at(9, 5);
        complete(c, ComplaintProcess.TASK_REVIEW_OBJECTION, "directeur", "boardDecision", "UPHELD",
                "boardMotivation", "Het besluit moet opnieuw worden gemotiveerd.");

        at(11, 5);
        complete(c, ComplaintProcess.TASK_REVISE_DECISION, "behandelaar", "verdict", "PARTLY_WELL_FOUNDED",
                "revisedDecision", "Je klacht is deels gegrond; de schorsing blijft.");
        expect(HttpStatus.OK, put("teamleider", "/api/complaints/" + c + "/external-dispute", "{\"submitted\":true}"));

        at(14, 5);
    }

    /** 10:00 in Amsterdam on that day of 2029. */
    static void at(int day, int month) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(LocalDate.of(2029, month, day), LocalTime.of(10, 0),
                DutchDates.ZONE).toInstant()));
    }

    private String submit(TestComplaints.Builder complaint) {
        return submitAs("platform", complaint);
    }

    private String submitAs(String user, TestComplaints.Builder complaint) {
        ResponseEntity<JsonNode> response = rest.withBasicAuth(user, user)
                .postForEntity("/api/complaints", complaint.request(), JsonNode.class);
        expect(HttpStatus.CREATED, response);
        String reference = response.getBody().get("reference").asText();
        runDueJobs.accept(reference);
        return reference;
    }

    private void complete(String reference, String taskKey, String user, Object... keysAndValues) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task %s of %s", taskKey, reference).isNotNull();
        taskService.claim(task.getId(), user);
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        taskService.complete(task.getId(), variables);
        runDueJobs.accept(reference);
    }

    private ResponseEntity<String> post(String user, String path, String json) {
        return rest.withBasicAuth(user, user).postForEntity(path, jsonBody(json), String.class);
    }

    private ResponseEntity<String> put(String user, String path, String json) {
        return rest.withBasicAuth(user, user).exchange(path, HttpMethod.PUT, jsonBody(json), String.class);
    }

    private static HttpEntity<String> jsonBody(String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(json, headers);
    }

    private static void expect(HttpStatus status, ResponseEntity<?> response) {
        assertThat(response.getStatusCode()).as("answer: %s", response.getBody()).isEqualTo(status);
    }
}
