package nl.homepair.complaints.security;

import static nl.homepair.complaints.TestComplaints.PNG;
import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * R12 as a matrix: for each role and each door of the running application, over HTTP,
 * who gets in and who sees what. "Only staff involved in handling a complaint see it."
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends IntegrationTest {

    static final String ANONYMOUS = null;

    @LocalServerPort
    int port;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private String plainCase;
    private String objectionCase;
    private String evidenceHref;

    @BeforeAll
    void twoCases() throws Exception {
        plainCase = submit();
        objectionCase = caseBeforeTheBoard();
        evidenceHref = as("beheerder").getForObject("/api/complaints/" + plainCase, JsonNode.class)
                .get("evidence").get(0).get("href").asText();
    }

    private String submit() {
        return submit(janJansen().file("bewijs.png", PNG));
    }

    /** A case decided unfounded whose complainant objected: the board's review waits. */
    private String caseBeforeTheBoard() {
        String reference = submit();
        complete(reference, ComplaintProcess.TASK_ASSESS, "assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct besluit.");
        complete(reference, ComplaintProcess.TASK_DECIDE, "verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond.");
        objectTo(reference);
        return reference;
    }

    /** The complainant objects to the decision through the platform: the board's review begins. */
    private void objectTo(String reference) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                new HttpEntity<>("{\"motivation\":\"Het is wel aangetoond.\"}", headers), String.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        runDueJobs(reference);
    }

    /**
     * The board's review handed on to a handler (a director on holiday, "assign it to a substitute"): the handler may
     * see it, but not decide it (R9); a director can.
     */
    @Test
    void onlyADirectorDecidesTheBoardsReviewAlsoWhenItWasHandedToAHandler() {
        String reference = caseBeforeTheBoard();
        var review = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult();
        taskService.setAssignee(review.getId(), "behandelaar");
        Map<String, Object> rejected = Map.of(ComplaintProcess.VAR_BOARD_DECISION, "REJECTED",
                "boardMotivation", "Het besluit is goed onderbouwd.");

        ResponseEntity<String> byTheHandler = submitTaskForm("behandelaar", review.getId(), rejected);

        assertThat(byTheHandler.getStatusCode().is4xxClientError()).as(byTheHandler.getBody()).isTrue();
        assertThat(byTheHandler.getBody()).contains("Alleen de directie beslist hierover");
        assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).as("still the board's").isOne();

        taskService.setAssignee(review.getId(), "directeur");
        assertThat(submitTaskForm("directeur", review.getId(), rejected).getStatusCode().is2xxSuccessful()).isTrue();
    }

    /**
     * A director who also handles cases and decided this one as a handler does not review it while another director
     * can (R9, procedure §4); alone in the board they may, and the case says so.
     */
    @Test
    void aDirectorWhoDecidedTheCaseAsAHandlerDoesNotReviewIt() {
        String password = "Beslist-En-Beoordeelt-2026";
        newUser("dina", password, Groups.DIRECTORS, Groups.HANDLERS);
        java.util.List<String> others = identityService.createUserQuery().memberOfGroup(Groups.DIRECTORS).list().stream()
                .map(org.camunda.bpm.engine.identity.User::getId).filter(id -> !id.equals("dina")).toList();
        try {
            String reference = submit();
            complete(reference, ComplaintProcess.TASK_ASSESS, "assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct besluit.");
            var decide = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(ComplaintProcess.TASK_DECIDE).singleResult();
            assertThat(submitTaskFormAs("dina", password, decide.getId(), Map.of("verdict", "UNFOUNDED",
                    "decisionMotivation", "Niet aangetoond.")).getStatusCode().is2xxSuccessful()).isTrue();
            runDueJobs(reference);
            objectTo(reference);
            var review = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult();
            Map<String, Object> rejected = Map.of(ComplaintProcess.VAR_BOARD_DECISION, "REJECTED",
                    "boardMotivation", "Het besluit is goed onderbouwd.");

            ResponseEntity<String> byTheDecider = submitTaskFormAs("dina", password, review.getId(), rejected);

            assertThat(byTheDecider.getStatusCode().is4xxClientError()).as(byTheDecider.getBody()).isTrue();
            assertThat(byTheDecider.getBody()).contains("zelf mee aan het besluit", "directeur");
            assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).isOne();

            // alone in the board: she may, and the case says so
            others.forEach(other -> identityService.deleteMembership(other, Groups.DIRECTORS));
            assertThat(submitTaskFormAs("dina", password, review.getId(), rejected).getStatusCode().is2xxSuccessful()).isTrue();
            assertThat(jdbc.queryForList("select summary from timeline_entry t join complaint c on c.id = t.complaint_id"
                    + " where c.reference = ?", String.class, reference))
                    .anyMatch(line -> line.contains("Bezwaar beoordeeld door dina, die zelf meewerkte aan het besluit"));
        } finally {
            others.forEach(other -> {
                if (identityService.createUserQuery().userId(other).memberOfGroup(Groups.DIRECTORS).count() == 0) {
                    identityService.createMembership(other, Groups.DIRECTORS);
                }
            });
            identityService.deleteUser("dina");
        }
    }

    /**
     * A handler who delegates the decision to a director (who fills it in and hands it back) does not make that
     * director a stranger to it: whoever handed a decision step back or wrote its fields took part, as whoever completed it.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aDirectorWhoFilledInADelegatedDecisionDoesNotReviewIt(boolean handedBack) {
        String password = "Gedelegeerd-Besluit-2026";
        newUser("dirk", password, Groups.DIRECTORS);
        try {
            String reference = submit();
            complete(reference, ComplaintProcess.TASK_ASSESS, "assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct besluit.");
            var decide = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(ComplaintProcess.TASK_DECIDE).singleResult();
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            String task = "/engine-rest/task/" + decide.getId();
            assertThat(as("behandelaar").postForEntity(task + "/claim", new HttpEntity<>("{\"userId\":\"behandelaar\"}", headers),
                    String.class).getStatusCode().value()).isEqualTo(204);
            assertThat(as("behandelaar").postForEntity(task + "/delegate", new HttpEntity<>("{\"userId\":\"dirk\"}", headers),
                    String.class).getStatusCode().value()).isEqualTo(204);
            Map<String, Object> decision = Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond.");
            if (handedBack) {
                // "Voltooien" by the delegate: the task goes back to its owner
                assertThat(submitTaskFormAs("dirk", password, decide.getId(), decision).getStatusCode().is2xxSuccessful()).isTrue();
            } else {
                // the delegate writes the motivation, and the owner takes the task back
                assertThat(rest.withBasicAuth("dirk", password).exchange(task + "/variables/decisionMotivation",
                        org.springframework.http.HttpMethod.PUT, new HttpEntity<>("{\"value\":\"Niet aangetoond.\",\"type\":\"String\"}",
                                headers), String.class).getStatusCode().value()).isEqualTo(204);
                assertThat(as("behandelaar").postForEntity(task + "/assignee", new HttpEntity<>("{\"userId\":\"behandelaar\"}", headers),
                        String.class).getStatusCode().value()).isEqualTo(204);
                // still delegated: the owner's first "Voltooien" ends the delegation, the second completes
                assertThat(submitTaskFormAs("behandelaar", "behandelaar", decide.getId(), decision).getStatusCode().is2xxSuccessful())
                        .isTrue();
            }
            assertThat(taskService.createTaskQuery().taskId(decide.getId()).singleResult().getAssignee()).isEqualTo("behandelaar");
            assertThat(submitTaskFormAs("behandelaar", "behandelaar", decide.getId(), decision).getStatusCode().is2xxSuccessful())
                    .isTrue();
            runDueJobs(reference);
            objectTo(reference);
            var review = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult();

            ResponseEntity<String> byTheDelegate = submitTaskFormAs("dirk", password, review.getId(),
                    Map.of(ComplaintProcess.VAR_BOARD_DECISION, "REJECTED", "boardMotivation", "Het besluit is goed onderbouwd."));

            assertThat(byTheDelegate.getStatusCode().is4xxClientError()).as(byTheDelegate.getBody()).isTrue();
            assertThat(byTheDelegate.getBody()).contains("zelf mee aan het besluit");
            assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).isOne();
        } finally {
            identityService.deleteUser("dirk");
        }
    }

    private void newUser(String id, String password, String... groups) {
        org.camunda.bpm.engine.identity.User user = identityService.newUser(id);
        user.setPassword(password);
        identityService.saveUser(user);
        for (String group : groups) {
            identityService.createMembership(id, group);
        }
    }

    private ResponseEntity<String> submitTaskFormAs(String user, String password, String taskId, Map<String, ?> values) {
        Map<String, Object> variables = new java.util.HashMap<>();
        values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, password).postForEntity("/engine-rest/task/" + taskId + "/submit-form",
                new HttpEntity<>(Map.of("variables", variables), headers), String.class);
    }

    private void complete(String reference, String taskKey, Object... keysAndValues) {
        var task = taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).singleResult();
        Map<String, Object> variables = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        taskService.complete(task.getId(), variables);
        runDueJobs(reference);
    }

    private HttpStatus status(String user, String path) {
        var client = user == null ? rest : as(user);
        return HttpStatus.valueOf(client.getForEntity(path, String.class).getStatusCode().value());
    }

    private int count(String user, String path) {
        ResponseEntity<JsonNode> response = as(user).getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode()).as(user + " " + path).isEqualTo(HttpStatus.OK);
        return response.getBody().size();
    }

    // ------------------------------------------------------------------------ application API

    @Test
    void submittingAComplaint() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        HttpEntity<String> body = new HttpEntity<>(VALID_COMPLAINT, headers);
        assertThat(rest.postForEntity("/api/complaints", body, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        for (String user : new String[] {"platform", "behandelaar", "teamleider", "beheerder"}) {
            assertThat(as(user).postForEntity("/api/complaints", body, String.class).getStatusCode()).as(user).isEqualTo(HttpStatus.CREATED);
        }
    }

    @Test
    void readingACaseFile() {
        String path = "/api/complaints/" + plainCase;
        assertThat(status(ANONYMOUS, path)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(status("platform", path)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("behandelaar", path)).isEqualTo(HttpStatus.OK);
        assertThat(status("teamleider", path)).isEqualTo(HttpStatus.OK);
        assertThat(status("beheerder", path)).isEqualTo(HttpStatus.OK);
        assertThat(status("directeur", path)).as("no objection, not the board's").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("directeur", "/api/complaints/" + objectionCase)).isEqualTo(HttpStatus.OK);
        assertThat(status("platform", path + "/mails")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("behandelaar", path + "/mails")).isEqualTo(HttpStatus.OK);
    }

    @Test
    void downloadingEvidence() {
        assertThat(status(ANONYMOUS, evidenceHref)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(status("platform", evidenceHref)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("directeur", evidenceHref)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("behandelaar", evidenceHref)).isEqualTo(HttpStatus.OK);
        assertThat(status("teamleider", evidenceHref)).isEqualTo(HttpStatus.OK);
        assertThat(status("beheerder", evidenceHref)).isEqualTo(HttpStatus.OK);
    }

    @Test
    void privacyRequests() {
        // "": nobody logged in
        for (var expected : Map.of("", HttpStatus.UNAUTHORIZED, "platform", HttpStatus.FORBIDDEN,
                "behandelaar", HttpStatus.FORBIDDEN, "directeur", HttpStatus.FORBIDDEN, "teamleider", HttpStatus.OK,
                "beheerder", HttpStatus.OK).entrySet()) {
            var client = expected.getKey().isEmpty() ? rest : as(expected.getKey());
            assertThat(client.postForEntity("/api/privacy/export", Map.of("email", "jan@example.nl"), String.class)
                    .getStatusCode().value()).as(expected.getKey()).isEqualTo(expected.getValue().value());
        }
    }

    // -------------------------------------------------------------------------- engine REST API

    @Test
    void engineRestTasks() {
        String assessment = "/engine-rest/task?processInstanceBusinessKey=" + plainCase;
        String review = "/engine-rest/task?processInstanceBusinessKey=" + objectionCase + "&taskDefinitionKey="
                + ComplaintProcess.TASK_REVIEW_OBJECTION;
        assertThat(status(ANONYMOUS, assessment)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as("platform").getForEntity(assessment, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(count("behandelaar", assessment)).isEqualTo(1);
        assertThat(count("teamleider", assessment)).isEqualTo(1);
        assertThat(count("directeur", assessment)).isZero();
        assertThat(count("beheerder", assessment)).isEqualTo(1);

        assertThat(count("directeur", review)).isEqualTo(1);
        assertThat(count("behandelaar", review)).as("not the board's escalation tasks").isZero();
        assertThat(as("platform").getForEntity(review, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(count("teamleider", review)).isEqualTo(1);

        // seeing is not deciding: only a director completes the board's review
        String reviewId = as("directeur").getForObject(review, JsonNode.class).get(0).get("id").asText();
        for (String user : new String[] {"teamleider", "behandelaar", "platform"}) {
            ResponseEntity<String> claim = as(user).postForEntity("/engine-rest/task/" + reviewId + "/claim",
                    json("{\"userId\":\"" + user + "\"}"), String.class);
            assertThat(claim.getStatusCode().is2xxSuccessful()).as(user + " claims the board's task").isFalse();
            ResponseEntity<String> attempt = as(user).postForEntity("/engine-rest/task/" + reviewId + "/complete",
                    json("{\"variables\":{\"boardDecision\":{\"value\":\"UPHELD\"}}}"), String.class);
            assertThat(attempt.getStatusCode()).as(user).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
            assertThat(taskService.createTaskQuery().taskId(reviewId).count()).as(user).isEqualTo(1);
        }
    }

    @Test
    void engineRestProcessInstancesAndHistory() {
        String running = "/engine-rest/process-instance?businessKey=" + plainCase;
        String history = "/engine-rest/history/process-instance?processInstanceBusinessKey=" + plainCase;
        String boardHistory = "/engine-rest/history/process-instance?processDefinitionKey=" + ComplaintProcess.BOARD_PROCESS_KEY
                + "&processInstanceBusinessKey=" + objectionCase;
        assertThat(status(ANONYMOUS, running)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as("platform").getForEntity(running, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("platform").getForEntity(history, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(count("behandelaar", running)).as("where the case waits").isEqualTo(1);
        assertThat(count("behandelaar", history)).as("not every case's history: its tasks name every complainant").isZero();
        assertThat(count("behandelaar", "/engine-rest/history/task?processInstanceBusinessKey=" + plainCase))
                .as("the history of the task the handlers were given").isEqualTo(1);
        assertThat(count("directeur", running)).isZero();
        assertThat(count("directeur", history)).isZero();
        assertThat(count("directeur", boardHistory)).isEqualTo(1);
        assertThat(count("behandelaar", boardHistory)).isZero();
        assertThat(count("teamleider", history)).isEqualTo(1);
        assertThat(count("beheerder", history)).isEqualTo(1);
        // the API user has the application's API only: not even its own user record, which the engine grants it in full
        ResponseEntity<String> own = as("platform").exchange("/engine-rest/user/platform", org.springframework.http.HttpMethod.DELETE,
                null, String.class);
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(own.getBody()).contains("Dit account is alleen voor de klachten-API");
        assertThat(as("platform").getForEntity("/engine-rest/user", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("platform").getForEntity("/api/complaints/" + plainCase, String.class).getStatusCode().value())
                .as("its own door still opens").isNotEqualTo(401);
    }

    @Test
    void aCasesVariablesAreForItsStaffNotForManagers() {
        String runningId = as("beheerder").getForObject("/engine-rest/process-instance?businessKey=" + plainCase,
                JsonNode.class).get(0).get("id").asText();
        String variables = "/engine-rest/variable-instance?processInstanceIdIn=" + runningId;
        String caseFile = "/engine-rest/variable-instance?variableName=complaintId&processInstanceIdIn=" + runningId;
        String history = "/engine-rest/history/variable-instance?processInstanceId=" + runningId;

        // a manager sees where the case waits, not what it holds (R12)
        assertThat(count("manager", "/engine-rest/process-instance?businessKey=" + plainCase)).isEqualTo(1);
        assertThat(count("manager", variables)).isZero();
        assertThat(count("manager", caseFile)).isZero();
        assertThat(count("manager", history)).isZero();
        assertThat(status("manager", "/engine-rest/process-instance/" + runningId + "/variables"))
                .isEqualTo(HttpStatus.FORBIDDEN);

        // a team reads a case through the tasks it was given, not every case's variables (R12: a group of handlers
        // sees the cases of its group); team leads read every case's
        assertThat(count("behandelaar", variables)).isZero();
        assertThat(count("behandelaar", caseFile)).isZero();
        assertThat(count("behandelaar", history)).as("the history of the case the handlers hold a task of "
                + "(another team's case: ManagerMadeGroupTest)").isPositive();
        assertThat(count("teamleider", caseFile)).isEqualTo(1);
        assertThat(count("teamleider", history)).isPositive();
        String assessment = as("behandelaar").getForObject("/engine-rest/task?processInstanceBusinessKey=" + plainCase,
                JsonNode.class).get(0).get("id").asText();
        assertThat(as("behandelaar").getForObject("/engine-rest/task/" + assessment + "/variables", JsonNode.class)
                .get("complaintId")).as("the case's variables through its task").isNotNull();
        // Tasklist's history tab of a task: the handlers read their task's, not the board's
        String review = as("directeur").getForObject("/engine-rest/task?candidateGroups=directors&processInstanceBusinessKey="
                + objectionCase, JsonNode.class).get(0).get("id").asText();
        assertThat(as("behandelaar").postForEntity("/engine-rest/task/" + assessment + "/claim",
                json("{\"userId\":\"behandelaar\"}"), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(as("directeur").postForEntity("/engine-rest/task/" + review + "/claim",
                json("{\"userId\":\"directeur\"}"), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        try {
            assertThat(count("behandelaar", "/engine-rest/history/user-operation?taskId=" + assessment)).isPositive();
            assertThat(count("directeur", "/engine-rest/history/user-operation?taskId=" + review)).isPositive();
            assertThat(count("behandelaar", "/engine-rest/history/user-operation?taskId=" + review)).isZero();
            assertThat(count("behandelaar", "/engine-rest/history/user-operation?category=TaskWorker&userId=directeur")).isZero();
        } finally {
            taskService.setAssignee(assessment, null);
            taskService.setAssignee(review, null);
        }
        assertThat(as("behandelaar").getForObject("/engine-rest/task/" + assessment + "/form-variables", JsonNode.class)
                .get("caseComplainant").get("value").asText()).contains("jan@example\\.nl");
        assertThat(status("manager", "/engine-rest/task/" + assessment + "/form-variables")).isEqualTo(HttpStatus.FORBIDDEN);
    }

    // ----------------------------------------------------------------------------- web applications

    /** Logs in to a Camunda web application as a browser would; the answer says whether the user may use it. */
    private int webappLogin(String user, String app) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://localhost:" + port + "/camunda";
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/app/" + app + "/default/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String xsrf = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';'))).findFirst().orElse("");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpRequest login = HttpRequest.newBuilder(URI.create(base + "/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return browser.send(login, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void tasklistCockpitAndAdmin() throws Exception {
        assertThat(webappLogin("behandelaar", "tasklist")).isEqualTo(200);
        assertThat(webappLogin("teamleider", "tasklist")).isEqualTo(200);
        assertThat(webappLogin("directeur", "tasklist")).isEqualTo(200);
        assertThat(webappLogin("platform", "tasklist")).isEqualTo(403);

        assertThat(webappLogin("teamleider", "cockpit")).isEqualTo(200);
        assertThat(webappLogin("beheerder", "cockpit")).isEqualTo(200);
        assertThat(webappLogin("behandelaar", "cockpit")).isEqualTo(403);
        assertThat(webappLogin("directeur", "cockpit")).isEqualTo(403);
        assertThat(webappLogin("platform", "cockpit")).isEqualTo(403);
        // not even the welcome page, whose profile would change the machine's password
        assertThat(webappLogin("platform", "welcome")).isEqualTo(403);

        assertThat(webappLogin("beheerder", "admin")).isEqualTo(200);
        assertThat(webappLogin("teamleider", "admin")).isEqualTo(403);
        assertThat(webappLogin("behandelaar", "admin")).isEqualTo(403);

        assertThat(status(ANONYMOUS, "/camunda/api/engine/engine/default/task")).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
