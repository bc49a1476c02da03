package nl.homepair.complaints.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/**
 * What the engine's authorizations leave open on its HTTP doors (issue 12, items 2, 3
 * and 5): engine jobs, incidents and the history clean-up are for administrators, no
 * one tests another user's password, and no other site's page deploys with an
 * administrator's cached credentials.
 */
class EngineDoorsTest extends IntegrationTest {

    static final String[] NOT_ADMINS = {"platform", "behandelaar", "teamleider", "directeur"};

    @LocalServerPort
    int port;
    @Autowired
    nl.homepair.complaints.complaint.ComplaintRepository commentedCases;
    @Autowired
    nl.homepair.complaints.complaint.TimelineRepository commentLines;
    @Autowired
    HistoryService historyService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    org.camunda.bpm.engine.TaskService taskService;

    private Job cleanup;

    @BeforeEach
    void historyCleanupJob() {
        cleanup = historyService.findHistoryCleanupJobs().stream().findFirst()
                .orElseGet(() -> historyService.cleanUpHistoryAsync(false));
    }

    private int status(String user, HttpMethod method, String path, String json) {
        return as(user).exchange(path, method, json == null ? null : json(json), String.class).getStatusCode().value();
    }

    /** The change is refused as a request the procedure does not allow (400), with this Dutch reason. */
    private void assertRefused(String user, HttpMethod method, String path, String json, String reason) {
        var answer = as(user).exchange(path, method, json(json), String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        assertThat(answer.getBody()).contains(reason);
    }

    private Job cleanupNow() {
        return managementService.createJobQuery().jobId(cleanup.getId()).singleResult();
    }

    @Test
    void onlyAdministratorsSeeOrTouchEngineJobsIncidentsAndTheHistoryCleanup() {
        Date due = cleanupNow().getDuedate();
        String job = "/engine-rest/job/" + cleanup.getId();
        for (String user : NOT_ADMINS) {
            for (String path : new String[] {"/engine-rest/job", "/engine-rest/job/count", "/engine-rest/engine/default/job",
                "/engine-rest/job-definition", "/engine-rest/incident", "/engine-rest/history/job-log",
                "/engine-rest/history/incident", "/engine-rest/history/cleanup/configuration", "/engine-rest/batch", job}) {
                assertThat(status(user, HttpMethod.GET, path, null)).as(user + " GET " + path).isEqualTo(403);
            }
            assertThat(status(user, HttpMethod.PUT, job + "/suspended", "{\"suspended\":true}")).as(user + " suspends").isEqualTo(403);
            assertThat(status(user, HttpMethod.PUT, job + "/duedate", "{\"duedate\":\"2099-01-01T00:00:00.000+0000\"}"))
                    .as(user + " postpones").isEqualTo(403);
            assertThat(status(user, HttpMethod.POST, job + "/execute", null)).as(user + " executes").isEqualTo(403);
            assertThat(status(user, HttpMethod.POST, "/engine-rest/history/cleanup", null)).as(user + " cleans up").isEqualTo(403);
            // operations that first list the instances matching a query or a correlation, before checking the right to change them
            assertThat(status(user, HttpMethod.POST, "/engine-rest/modification/execute", "{\"processDefinitionId\":\"x\","
                    + "\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"a\"}],\"processInstanceQuery\":{\"variables\":"
                    + "[{\"name\":\"otherPartyEmail\",\"operator\":\"like\",\"value\":\"a%\"}]}}")).as(user + " modifies").isEqualTo(403);
            assertThat(status(user, HttpMethod.POST, "/engine-rest/migration/execute", "{}")).as(user + " migrates").isEqualTo(403);
            assertThat(status(user, HttpMethod.POST, "/engine-rest/message", "{\"messageName\":\"ObjectionReceived\","
                    + "\"correlationKeys\":{\"otherPartyEmail\":{\"value\":\"a@b.nl\"}}}")).as(user + " correlates").isEqualTo(403);
            assertThat(status(user, HttpMethod.POST, "/engine-rest/signal", "{\"name\":\"x\"}")).as(user + " signals").isEqualTo(403);
        }
        assertThat(cleanupNow().isSuspended()).isFalse();
        assertThat(cleanupNow().getDuedate()).isEqualTo(due);
        assertThat(as("beheerder").getForObject("/engine-rest/job", String.class)).contains(cleanup.getId());
    }

    /** R12: a handler cannot give a case's task to managers or the platform, who would then read the case. */
    @Test
    void aTaskGoesOnlyToStaffWhoHandleCases() {
        org.camunda.bpm.engine.task.Task task = assessmentTaskOf(nl.homepair.complaints.TestComplaints.janJansen()
                .email("doorgeven@example.nl"));
        String base = "/engine-rest/task/" + task.getId();
        assertThat(status("behandelaar", HttpMethod.POST, base + "/identity-links", "{\"groupId\":\"managers\",\"type\":\"candidate\"}"))
                .isEqualTo(400);
        assertThat(status("behandelaar", HttpMethod.POST, base + "/identity-links", "{\"userId\":\"platform\",\"type\":\"candidate\"}"))
                .isEqualTo(400);
        assertThat(status("behandelaar", HttpMethod.POST, base + "/assignee", "{\"userId\":\"manager\"}")).isEqualTo(400);
        assertThat(as("manager").getForObject("/engine-rest/task/count?processInstanceId=" + task.getProcessInstanceId(),
                com.fasterxml.jackson.databind.JsonNode.class).get("count").asInt()).isZero();
        // nor by saving the whole task with another assignee or owner (PUT task/{id}, as Tasklist saves a follow-up date)
        com.fasterxml.jackson.databind.node.ObjectNode whole = as("behandelaar").getForObject(base,
                com.fasterxml.jackson.databind.node.ObjectNode.class);
        whole.remove("camundaFormRef");
        assertThat(status("behandelaar", HttpMethod.PUT, base, whole.deepCopy().put("assignee", "manager").toString()))
                .isEqualTo(400);
        assertThat(status("behandelaar", HttpMethod.PUT, base, whole.deepCopy().put("owner", "platform").toString()))
                .isEqualTo(400);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
        assertThat(as("manager").getForObject("/engine-rest/task/count?processInstanceId=" + task.getProcessInstanceId(),
                com.fasterxml.jackson.databind.JsonNode.class).get("count").asInt()).isZero();
        // the same task saved unchanged, or given to a colleague who handles cases, is saved
        assertThat(status("behandelaar", HttpMethod.PUT, base, whole.toString())).isEqualTo(204);
        assertThat(status("behandelaar", HttpMethod.PUT, base, whole.deepCopy().put("assignee", "teamleider").toString()))
                .isEqualTo(204);
        assertThat(status("teamleider", HttpMethod.POST, base + "/unclaim", null)).isEqualTo(204);
        // to a colleague who handles cases it goes
        assertThat(status("behandelaar", HttpMethod.POST, base + "/assignee", "{\"userId\":\"teamleider\"}")).isEqualTo(204);
        assertThat(status("teamleider", HttpMethod.POST, base + "/assignee", "{\"userId\":\"behandelaar\"}")).isEqualTo(204);
    }

    /**
     * R12: a candidate user keeps the task's grant when it passes to someone else. A handler making themselves one kept a
     * way back into the case after a hand-over or a move to another team; only a team lead adds one, and taking the link
     * away takes the grant with it.
     */
    @Test
    void onlyATeamLeadMakesSomeoneACandidateAndTakingItAwayTakesTheTask() {
        org.camunda.bpm.engine.task.Task task = assessmentTaskOf(nl.homepair.complaints.TestComplaints.janJansen()
                .email("kandidaat@example.nl"));
        String base = "/engine-rest/task/" + task.getId();
        assertRefused("behandelaar", HttpMethod.POST, base + "/identity-links", "{\"userId\":\"behandelaar\",\"type\":\"candidate\"}",
                "Alleen een teamleider kan iemand als kandidaat");
        assertThat(taskService.getIdentityLinksForTask(task.getId())).noneMatch(link -> "behandelaar".equals(link.getUserId()));

        // a team lead makes a director a candidate (a user outside the task's group), and takes it back
        assertThat(status("teamleider", HttpMethod.POST, base + "/identity-links",
                "{\"userId\":\"directeur\",\"type\":\"candidate\"}")).isEqualTo(204);
        assertThat(status("directeur", HttpMethod.GET, base + "/variables", null)).isEqualTo(200);
        assertThat(status("teamleider", HttpMethod.POST, base + "/identity-links/delete",
                "{\"userId\":\"directeur\",\"type\":\"candidate\"}")).isEqualTo(204);
        assertThat(status("directeur", HttpMethod.GET, base + "/variables", null)).isNotEqualTo(200);
    }

    /**
     * A task without the group its model gave it is in nobody's list: a handler cannot take the group off it, a team lead
     * only when another group of handlers stays (the team leads are none), and nobody sets a delegation's state by saving
     * the task (the next "Voltooien" would only hand it back, to nobody).
     */
    @Test
    void aTaskKeepsAGroupThatHandlesCasesAndItsDelegationState() {
        org.camunda.bpm.engine.task.Task task = assessmentTaskOf(nl.homepair.complaints.TestComplaints.janJansen()
                .email("groep.eraf@example.nl"));
        String base = "/engine-rest/task/" + task.getId();
        String handlers = "{\"groupId\":\"handlers\",\"type\":\"candidate\"}";
        assertRefused("behandelaar", HttpMethod.POST, base + "/identity-links/delete", handlers,
                "Alleen een teamleider haalt een groep van een taak");
        assertRefused("teamleider", HttpMethod.POST, base + "/identity-links/delete", handlers,
                "een andere groep behandelaars kan hem overnemen");
        // the team leads beside the handlers are no other team of handlers: the handlers stay; a group a team lead
        // added goes again
        assertThat(status("teamleider", HttpMethod.POST, base + "/identity-links", "{\"groupId\":\"teamleads\",\"type\":\"candidate\"}"))
                .isEqualTo(204);
        assertRefused("teamleider", HttpMethod.POST, base + "/identity-links/delete", handlers,
                "een andere groep behandelaars kan hem overnemen");
        assertThat(status("teamleider", HttpMethod.POST, base + "/identity-links/delete",
                "{\"groupId\":\"teamleads\",\"type\":\"candidate\"}")).isEqualTo(204);
        assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting(link -> link.getGroupId())
                .containsOnlyOnce("handlers").doesNotContain("teamleads");

        com.fasterxml.jackson.databind.node.ObjectNode whole = as("behandelaar").getForObject(base,
                com.fasterxml.jackson.databind.node.ObjectNode.class);
        whole.remove("camundaFormRef");
        assertRefused("behandelaar", HttpMethod.PUT, base, whole.deepCopy().put("delegationState", "PENDING").toString(),
                "de stand van een delegatie zet een persoon niet zelf");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getDelegationState()).isNull();
        assertThat(status("behandelaar", HttpMethod.PUT, base, whole.toString())).as("saved unchanged").isEqualTo(204);
    }

    /**
     * Any user link but the assignee gives the engine's lasting grant on the task: a handler may not give themselves one
     * as owner or under a type of their own, by a link or by saving the task; a team lead's link of another type is
     * taken back with its grant.
     */
    @Test
    void aHandlerGivesThemselvesNoOtherLinkToATaskAndATeamLeadsLinkGoesWithItsGrant() {
        org.camunda.bpm.engine.task.Task task = assessmentTaskOf(nl.homepair.complaints.TestComplaints.janJansen()
                .email("volger@example.nl"));
        String base = "/engine-rest/task/" + task.getId();
        for (String type : java.util.List.of("volger", "owner")) {
            var self = as("behandelaar").exchange(base + "/identity-links", HttpMethod.POST,
                    json("{\"userId\":\"behandelaar\",\"type\":\"" + type + "\"}"), String.class);
            assertThat(self.getStatusCode().value()).as(type).isEqualTo(400);
            assertThat(self.getBody()).as(type).contains("Alleen een teamleider kan iemand als kandidaat (of als eigenaar");
        }
        com.fasterxml.jackson.databind.node.ObjectNode saved = as("behandelaar").getForObject(base,
                com.fasterxml.jackson.databind.node.ObjectNode.class);
        saved.put("owner", "behandelaar");
        assertThat(status("behandelaar", HttpMethod.PUT, base, saved.toString())).isEqualTo(400);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getOwner()).isNull();
        assertThat(taskService.getIdentityLinksForTask(task.getId())).noneMatch(link -> "behandelaar".equals(link.getUserId()));

        assertThat(status("teamleider", HttpMethod.POST, base + "/identity-links",
                "{\"userId\":\"directeur\",\"type\":\"volger\"}")).isEqualTo(204);
        assertThat(status("directeur", HttpMethod.GET, base + "/variables", null)).isEqualTo(200);
        assertThat(status("teamleider", HttpMethod.POST, base + "/identity-links/delete",
                "{\"userId\":\"directeur\",\"type\":\"volger\"}")).isEqualTo(204);
        assertThat(status("directeur", HttpMethod.GET, base + "/variables", null)).isNotEqualTo(200);

        // one link of two taken away: the grant stays with the other (the engine keeps one grant for them all)
        assertThat(status("teamleider", HttpMethod.POST, base + "/identity-links",
                "{\"userId\":\"directeur\",\"type\":\"candidate\"}")).isEqualTo(204);
        assertThat(status("teamleider", HttpMethod.POST, base + "/identity-links",
                "{\"userId\":\"directeur\",\"type\":\"volger\"}")).isEqualTo(204);
        assertThat(status("teamleider", HttpMethod.POST, base + "/identity-links/delete",
                "{\"userId\":\"directeur\",\"type\":\"volger\"}")).isEqualTo(204);
        assertThat(status("directeur", HttpMethod.GET, base + "/variables", null)).as("still a candidate").isEqualTo(200);
    }

    /** Task attachments and one comment by id are not checked by the engine: administrators' only; comments via the task stay. */
    @Test
    void taskAttachmentsAndSingleCommentsAreForAdministrators() {
        org.camunda.bpm.engine.task.Task task = assessmentTaskOf(nl.homepair.complaints.TestComplaints.janJansen()
                .email("bijlage@example.nl"));
        String base = "/engine-rest/task/" + task.getId();
        assertThat(status("behandelaar", HttpMethod.POST, base + "/comment/create", "{\"message\":\"Gebeld met de klager.\"}"))
                .isEqualTo(200);
        assertThat(status("behandelaar", HttpMethod.GET, base + "/comment", null)).isEqualTo(200);
        // and on the case's timeline, staff-only, with who wrote it: the engine keeps it with the task only (R14)
        nl.homepair.complaints.complaint.Complaint complaint = commentedCases
                .findByReference(runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                        .singleResult().getBusinessKey()).orElseThrow();
        assertThat(commentLines
                .findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()))
                .filteredOn(t -> t.getSummary().equals("Opmerking in Tasklist: Gebeld met de klager."))
                .singleElement().satisfies(t -> {
                    assertThat(t.getActor()).isEqualTo("behandelaar");
                    assertThat(t.isAboutOthers()).isTrue();
                });
        String id = as("behandelaar").getForObject(base + "/comment", com.fasterxml.jackson.databind.JsonNode.class).get(0)
                .get("id").asText();
        for (String user : NOT_ADMINS) {
            assertThat(status(user, HttpMethod.GET, base + "/comment/" + id, null)).as(user + " one comment").isEqualTo(403);
            assertThat(status(user, HttpMethod.GET, base + "/attachment", null)).as(user + " attachments").isEqualTo(403);
            assertThat(status(user, HttpMethod.GET, base + "/attachment/x/data", null)).as(user + " attachment data").isEqualTo(403);
            assertThat(status(user, HttpMethod.DELETE, base + "/attachment/x", null)).as(user + " deletes").isEqualTo(403);
        }
        assertThat(status("beheerder", HttpMethod.GET, base + "/comment/" + id, null)).isEqualTo(200);
    }

    /**
     * R12: a comment goes on a running task one may work on, in that task's case: not on a task handed on or done (the
     * engine's command checks nothing), nor, through one's own task, on another case.
     */
    @Test
    void aCommentGoesOnlyOnATaskOneWorksOnAndInItsOwnCase() {
        org.camunda.bpm.engine.task.Task own = assessmentTaskOf(nl.homepair.complaints.TestComplaints.janJansen()
                .email("opmerking-eigen@example.nl"));
        org.camunda.bpm.engine.task.Task other = assessmentTaskOf(nl.homepair.complaints.TestComplaints.janJansen()
                .email("opmerking-ander@example.nl"));
        String base = "/engine-rest/task/" + own.getId();

        assertThat(status("behandelaar", HttpMethod.POST, base + "/comment/create", "{\"message\":\"Andere zaak.\","
                + "\"processInstanceId\":\"" + other.getProcessInstanceId() + "\"}")).isEqualTo(400);
        assertThat(taskService.getProcessInstanceComments(other.getProcessInstanceId())).isEmpty();
        assertThat(status("behandelaar", HttpMethod.POST, base + "/comment/create", "{\"message\":\"Eigen zaak.\","
                + "\"processInstanceId\":\"" + own.getProcessInstanceId() + "\"}")).isEqualTo(200);
        // someone who may not work on the task (a manager reads figures, not cases) writes nothing on it
        assertThat(status("manager", HttpMethod.POST, base + "/comment/create", "{\"message\":\"Ook ik.\"}"))
                .isIn(400, 403, 404);
        // done: the task is in the handler's history, but takes no more comments
        taskService.complete(own.getId(), java.util.Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes",
                "We besluiten direct."));
        assertThat(status("behandelaar", HttpMethod.POST, base + "/comment/create", "{\"message\":\"Na afloop.\"}"))
                .isIn(400, 404);
        assertThat(taskService.getTaskComments(own.getId())).extracting(org.camunda.bpm.engine.task.Comment::getFullMessage)
                .containsExactly("Eigen zaak.");
    }

    @Test
    void cockpitShowsATeamLeadTheJobsOfOneProcessNotTheEngines() {
        HttpFrom browser = new HttpFrom("127.0.0.1", port);
        HttpFrom.WebappSession teamLead = browser.login("teamleider", "teamleider", "cockpit");
        assertThat(teamLead.loginStatus()).isEqualTo(200);
        String engine = "/camunda/api/engine/engine/default";
        assertThat(teamLead.get(engine + "/job").status()).isEqualTo(403);
        assertThat(teamLead.get(engine + "/incident").status()).isEqualTo(403);
        assertThat(teamLead.get(engine + "/job?processInstanceId=" + "onbekend").status()).as("one process's jobs").isEqualTo(200);
        assertThat(teamLead.get(engine + "/job/count?processInstanceId=" + "onbekend").status()).isEqualTo(200);
        // the parameter opens the list of one process's jobs, not anything that carries it
        assertThat(teamLead.get(engine + "/job/" + cleanup.getId() + "?processInstanceId=x").status()).isEqualTo(403);
        assertThat(teamLead.get(engine + "/history/cleanup/jobs?processInstanceId=x").status()).isEqualTo(403);
        assertThat(teamLead.send("PUT", engine + "/job/" + cleanup.getId() + "/suspended", "{\"suspended\":true}").status())
                .isEqualTo(403);
        assertThat(teamLead.send("POST", engine + "/job/" + cleanup.getId() + "/execute", null).status()).isEqualTo(403);
        assertThat(cleanupNow().isSuspended()).isFalse();

        HttpFrom.WebappSession handler = browser.login("behandelaar", "behandelaar", "tasklist");
        assertThat(handler.get(engine + "/history/job-log").status()).isEqualTo(403);
        assertThat(handler.get(engine + "/task").status()).as("Tasklist itself still works").isEqualTo(200);

        HttpFrom.WebappSession admin = browser.login("beheerder", "beheerder", "cockpit");
        assertThat(admin.get(engine + "/job").status()).isEqualTo(200);
    }

    /**
     * The engine answers a query of instances by a variable's value to whoever may see the instances, not only to whoever
     * may read their variables: a manager or a handler would read a complainant's address one character at a time.
     */
    @Test
    void onlyWhoReadsEveryVariableSearchesCasesByOne() {
        String reference = submit(nl.homepair.complaints.TestComplaints.janJansen());
        // the other party's address, as a handler enters it for the mediation
        runtimeService.setVariable(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey("complaintProcedure").singleResult().getId(), "otherPartyEmail", "geheim.adres@example.nl");
        String like = "otherPartyEmail_like_geheim%25";
        for (String user : new String[] {"manager", "behandelaar"}) {
            for (String path : new String[] {"/engine-rest/process-instance/count?variables=" + like,
                "/engine-rest/process-instance?processDefinitionKey=complaintProcedure&variables=" + like,
                "/engine-rest/execution/count?processVariables=" + like,
                "/engine-rest/history/process-instance/count?variables=" + like}) {
                assertThat(status(user, HttpMethod.GET, path, null)).as(user + " GET " + path).isEqualTo(403);
            }
            assertThat(status(user, HttpMethod.POST, "/engine-rest/process-instance/count",
                    "{\"variables\":[{\"name\":\"otherPartyEmail\",\"operator\":\"like\",\"value\":\"geheim%\"}]}"))
                    .as(user + " POST").isEqualTo(403);
            assertThat(status(user, HttpMethod.POST, "/engine-rest/process-instance/count",
                    "{\"orQueries\":[{\"variables\":[{\"name\":\"otherPartyEmail\",\"operator\":\"eq\",\"value\":\"x\"}]}]}"))
                    .as(user + " nested").isEqualTo(403);
            // where cases wait stays open: by process, by reference
            assertThat(status(user, HttpMethod.GET, "/engine-rest/process-instance/count?processDefinitionKey=complaintProcedure", null))
                    .isEqualTo(200);
            assertThat(status(user, HttpMethod.POST, "/engine-rest/process-instance/count",
                    "{\"businessKey\":\"" + reference + "\",\"variables\":[]}")).isEqualTo(200);
        }
        assertThat(as("teamleider").exchange("/engine-rest/process-instance/count", HttpMethod.POST, json(
                "{\"variables\":[{\"name\":\"otherPartyEmail\",\"operator\":\"like\",\"value\":\"geheim%\"}]}"), String.class)
                .getBody()).as("a team lead reads every case's variables anyway").contains("\"count\":1");
        assertThat(status("beheerder", HttpMethod.GET, "/engine-rest/process-instance/count?variables=" + like, null)).isEqualTo(200);

        // Cockpit's own list of a process's instances, and the web applications' copy of the engine API
        HttpFrom browser = new HttpFrom("127.0.0.1", port);
        HttpFrom.WebappSession manager = browser.login("manager", "manager", "cockpit");
        assertThat(manager.loginStatus()).isEqualTo(200);
        String search = "{\"processDefinitionKey\":\"complaintProcedure\",\"variables\":[{\"name\":\"otherPartyEmail\","
                + "\"operator\":\"like\",\"value\":\"geheim%\"}]}";
        HttpFrom.Answer cockpit = manager.send("POST", "/camunda/api/cockpit/plugin/base/default/process-instance/count", search);
        assertThat(cockpit.status()).isEqualTo(403);
        assertThat(cockpit.body()).contains("Zoeken op de waarde van een variabele");
        assertThat(manager.send("POST", "/camunda/api/cockpit/plugin/base/default/process-instance/count",
                "{\"processDefinitionKey\":\"complaintProcedure\"}").status()).as("Cockpit's list itself").isEqualTo(200);
        assertThat(manager.get("/camunda/api/engine/engine/default/process-instance/count?variables=" + like).status())
                .isEqualTo(403);
    }

    /**
     * Camunda's decoder skips characters that are not Base64, Java's refuses them: a header with
     * one stray character read as a user and password by the engine alone would be a password
     * guess no throttle counts, past every check of this door.
     */
    @Test
    void aBasicHeaderTheDoorCannotReadIsRefusedBeforeTheEngineChecksItsPassword() {
        String directeur = java.util.Base64.getEncoder().encodeToString("directeur:directeur".getBytes());
        String handler = java.util.Base64.getEncoder().encodeToString("behandelaar:behandelaar".getBytes());
        assertThat(withHeader("Basic " + directeur, HttpMethod.GET, "/engine-rest/user/directeur/profile", null))
                .as("the header as it should be").isEqualTo(200);

        for (String broken : new String[] {directeur.substring(0, 3) + "*" + directeur.substring(3),
            directeur.substring(0, 3) + " " + directeur.substring(3), directeur + "!"}) {
            assertThat(withHeader("Basic " + broken, HttpMethod.GET, "/engine-rest/user/directeur/profile", null))
                    .as(broken).isEqualTo(401);
        }
        String brokenHandler = "Basic " + handler.substring(0, 5) + "*" + handler.substring(5);
        assertThat(withHeader(brokenHandler, HttpMethod.GET, "/engine-rest/job", null)).isEqualTo(401);
        assertThat(withHeader(brokenHandler, HttpMethod.POST, "/engine-rest/identity/verify",
                "{\"username\":\"directeur\",\"password\":\"directeur\"}")).isEqualTo(401);
        assertThat(withHeader("Bearer " + handler, HttpMethod.GET, "/engine-rest/task", null)).isEqualTo(401);
    }

    private int withHeader(String authorization, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, authorization);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class).getStatusCode().value();
    }

    @Test
    void noStaffMemberTestsAnotherUsersPassword() {
        String guess = "{\"username\":\"directeur\",\"password\":\"directeur\"}";
        for (String user : new String[] {"behandelaar", "teamleider", "platform", "beheerder"}) {
            assertThat(status(user, HttpMethod.POST, "/engine-rest/identity/verify", guess)).as(user).isEqualTo(403);
        }
        HttpFrom.WebappSession handler = new HttpFrom("127.0.0.1", port).login("behandelaar", "behandelaar", "tasklist");
        assertThat(handler.send("POST", "/camunda/api/engine/engine/default/identity/verify", guess).status()).isEqualTo(403);
    }

    @Test
    void aCrossSiteDeploymentWithTheAdministratorsCredentialsIsRefused() {
        long before = repositoryService.createDeploymentQuery().count();
        for (String[] header : new String[][] {{HttpHeaders.ORIGIN, "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}}) {
            LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
            parts.add("deployment-name", "aanval");
            parts.add("data", new ByteArrayResource("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
                      <process id="Process_Attack" isExecutable="true"><startEvent id="StartEvent_1"/></process>
                    </definitions>""".getBytes()) {
                @Override
                public String getFilename() {
                    return "aanval.bpmn";
                }
            });
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.MULTIPART_FORM_DATA);
            headers.set(header[0], header[1]);
            assertThat(as("beheerder").postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), String.class)
                    .getStatusCode().value()).as(header[0]).isEqualTo(403);
        }
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }
}
