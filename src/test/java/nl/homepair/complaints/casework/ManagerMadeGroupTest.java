package nl.homepair.complaints.casework;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.StaffSession;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.engine.TasklistFilters;
import nl.homepair.complaints.modeling.ModelerDeploy;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * A manager routes conduct complaints to a new team, {@code gedrag}, by changing the routing table
 * in Camunda Modeler (R15), after an administrator made the group and put people in it. Nobody
 * copies the handlers' rights by hand: the team's members get Tasklist with its filters, read the
 * case, keep their cases' next steps, and the team leads see their late tasks and reassign them.
 * A group that no model gives cases to gets nothing of that (R12).
 */
class ManagerMadeGroupTest extends IntegrationTest {

    static final String TEAM = "gedrag";

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    FilterService filterService;
    @Autowired
    HandlerGroups handlerGroups;
    @Autowired
    nl.homepair.complaints.escalation.ObjectionService objections;
    @Autowired
    nl.homepair.complaints.complaint.ComplaintRepository complaints;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private String deploymentId;
    @Autowired
    nl.homepair.complaints.sla.UnstaffedGroups unstaffedGroups;

    @AfterEach
    void removeTheTeam() {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
        handlerGroups.refreshAndTellNow();
        for (String user : List.of("gerda", "gijs", "auditor", "dirk")) {
            identityService.deleteUser(user);
        }
        identityService.deleteGroup(TEAM);
        identityService.deleteGroup("auditors");
    }

    @Test
    void aTeamTheRoutingTableGivesCasesToWorksThemLikeTheHandlers() throws Exception {
        group(TEAM);
        group("auditors");
        member("gerda", TEAM);
        member("gijs", TEAM);
        member("auditor", "auditors");
        String before = submit(janJansen().with("subject", "CONDUCT").email("voor.de.wijziging@example.nl"));
        runDueJobs(before);
        assertThat(StaffSession.logIn(port, "gerda", "tasklist").loginStatus()).as("not yet a handler").isNotEqualTo(200);

        String table = ModelerDeploy.repositoryModel("processes/routing.dmn");
        String conduct = table.substring(table.indexOf("<rule id=\"Rule_Conduct\">"), table.indexOf("</rule>") + 7);
        String changed = table.replace(conduct, conduct.replace("<text>\"handlers\"</text>", "<text>\"" + TEAM + "\"</text>"));
        ResponseEntity<JsonNode> deployed = ModelerDeploy.deploy(as("manager"), "routing.dmn", changed);
        assertThat(deployed.getStatusCode().value()).as(String.valueOf(deployed.getBody())).isEqualTo(200);
        deploymentId = deployed.getBody().get("id").asText();
        awaitHandlerGroup();
        // a team the live routing table gives cases to, left without members, is news before any case waits there
        identityService.deleteMembership("gerda", TEAM);
        identityService.deleteMembership("gijs", TEAM);
        assertThat(unstaffedGroups.unstaffed()).anyMatch(group -> TEAM.equals(group.get("id")) && Long.valueOf(0).equals(group.get("openTasks")));
        identityService.createMembership("gerda", TEAM);
        identityService.createMembership("gijs", TEAM);
        assertThat(unstaffedGroups.unstaffed()).noneMatch(group -> TEAM.equals(group.get("id")));

        String reference = submit(janJansen().with("subject", "CONDUCT").email("gedrag.klacht@example.nl"));
        runDueJobs(reference);
        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        assertThat(taskService.getIdentityLinksForTask(assessment.getId())).extracting(IdentityLink::getGroupId).containsExactly(TEAM);

        // the team's own mailbox gets the reminders about its tasks (homepair.mail.group-addresses in the test profile)
        managementService.executeJob(managementService.createJobQuery().processInstanceId(assessment.getProcessInstanceId())
                .activityId("BoundaryEvent_AssessmentReminder").singleResult().getId());
        runDueJobs(reference);
        awaitMail(TEAM + "@homepair.nl", reference);

        // a member signs in to Tasklist, finds the task in the handlers' filter, and reads the case
        StaffSession gerda = StaffSession.logIn(port, "gerda", "tasklist");
        assertThat(gerda.loginStatus()).isEqualTo(200);
        assertThat(taskIds(as("gerda").getForObject("/engine-rest/filter/" + filterId(TasklistFilters.GROUP_TASKS) + "/list",
                JsonNode.class))).contains(assessment.getId()).doesNotContain(taskOf(before));
        assertThat(caseFileText("gerda", assessment, "caseReference")).isEqualTo(reference);
        assertThat(gerda.get("/zaken/" + reference).statusCode()).isEqualTo(200);
        assertThat(as("gerda").getForEntity("/api/complaints/" + reference, String.class).getStatusCode().value()).isEqualTo(200);

        // each team sees its own cases, not the other's (R12, §5: only staff involved in handling a complaint); team leads see both
        StaffSession handler = StaffSession.logIn(port, "behandelaar", "tasklist");
        assertThat(gerda.get("/zaken/" + before).statusCode()).as("the handlers' case").isEqualTo(403);
        assertThat(gerda.get("/zaken/" + before).body()).contains("Deze zaak wordt door een ander team behandeld.");
        // an upload too large to read, to the other team's case: refused as too large, with no way "back" to that case
        HttpResponse<String> tooLarge = gerda.postFiles("/zaken/" + before + "/bewijs", Map.of("herkomst", "Brief"),
                Map.of("scan.pdf", new byte[60 * 1024 * 1024]));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(org.jsoup.Jsoup.parse(tooLarge.body()).select("a[href$=/zaken/" + before + "]")).isEmpty();
        assertThat(tooLarge.body()).contains("Aangemeld als gerda");
        assertThat(as("gerda").getForEntity("/api/complaints/" + before, String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(handler.get("/zaken/" + reference).statusCode()).as("the conduct team's case").isEqualTo(403);
        assertThat(as("behandelaar").getForEntity("/api/complaints/" + reference, String.class).getStatusCode().value())
                .isEqualTo(403);
        assertThat(as("behandelaar").postForEntity("/api/complaints/" + reference + "/withdrawal",
                json("{\"reason\":\"Opgelost.\"}"), String.class).getStatusCode().value()).as("acting on it for the complainant")
                .isEqualTo(403);
        // nor through the start form of a letter's objection, nor by naming it in a set-aside mail that named another case
        ResponseEntity<String> letter = submitStartForm("behandelaar", "objectionRegistration",
                Map.of("objectionReference", reference, "objectionMotivationText", "Per brief: ik ben het er niet mee eens."));
        assertThat(letter.getStatusCode().value()).isEqualTo(400);
        assertThat(letter.getBody()).contains("Deze zaak wordt door een ander team behandeld.");
        String setAside = runtimeService.startProcessInstanceByKey("manualMailHandling", Map.of("mailFrom", "iemand",
                "mailSubject", "Iets", "mailFolder", "Handmatig", "mailProblem", "test", "receivedAt", new java.util.Date(),
                "mailText", "Hierbij de foto's.")).getId();
        Task byHand = taskService.createTaskQuery().processInstanceId(setAside).singleResult();
        ResponseEntity<String> named = submitTaskForm("behandelaar", byHand.getId(),
                Map.of("manualMailResult", "INFORMATION", "mailCaseReference", reference));
        assertThat(named.getStatusCode().value()).isEqualTo(400);
        assertThat(named.getBody()).contains("Deze zaak wordt door een ander team behandeld.");
        assertThat(taskService.createTaskQuery().taskId(byHand.getId()).count()).as("the mail waits for its case").isEqualTo(1);
        runtimeService.deleteProcessInstance(setAside, "test");
        // a mail the mailbox itself set aside naming the team's case (as a task from before mailNamedCase was kept), from
        // its complainant: the handlers of the mailbox may act on that case; it asks nothing, which is the only refusal
        String namingMail = runtimeService.startProcessInstanceByKey("manualMailHandling", Map.of("mailFrom",
                "gedrag.klacht@example.nl", "mailSubject", "Re: " + reference, "mailFolder", "Handmatig", "mailProblem", "test",
                "receivedAt", new java.util.Date(), "mailText", "Hierbij de foto's.", "mailCaseReference", reference,
                nl.homepair.complaints.mailbox.MailboxPoller.VAR_MAIL_SENDER, "gedrag.klacht@example.nl")).getId();
        ResponseEntity<String> forTheNamedCase = submitTaskForm("behandelaar",
                taskService.createTaskQuery().processInstanceId(namingMail).singleResult().getId(),
                Map.of("manualMailResult", "INFORMATION", "mailCaseReference", reference));
        assertThat(forTheNamedCase.getStatusCode().value()).isEqualTo(400);
        assertThat(forTheNamedCase.getBody()).contains("Kies dan 'Bij een bestaande zaak voegen'").doesNotContain("ander team");
        runtimeService.deleteProcessInstance(namingMail, "test");
        // the same from anyone else, say a handler of another team who mailed the reference to the contact mailbox to act
        // on the case through the task: only the case's team may (R12)
        String strangersMail = runtimeService.startProcessInstanceByKey("manualMailHandling", Map.of("mailFrom",
                "nieuwsgierig@example.nl", "mailSubject", "Re: " + reference, "mailFolder", "Handmatig", "mailProblem", "test",
                "receivedAt", new java.util.Date(), "mailText", "Ik maak bezwaar.", "mailCaseReference", reference,
                nl.homepair.complaints.mailbox.MailboxPoller.VAR_MAIL_SENDER, "nieuwsgierig@example.nl")).getId();
        for (String choice : List.of("OBJECTION", "ATTACHED", "INFORMATION")) {
            ResponseEntity<String> stranger = submitTaskForm("behandelaar",
                    taskService.createTaskQuery().processInstanceId(strangersMail).singleResult().getId(),
                    Map.of("manualMailResult", choice, "mailCaseReference", reference));
            assertThat(stranger.getStatusCode().value()).as(choice).isEqualTo(400);
            assertThat(stranger.getBody()).as(choice).contains("Deze zaak wordt door een ander team behandeld.");
        }
        // nor from the complainant's address when nobody confirmed it (the mail server's check failed, or typed into the
        // web form): anyone can give that address
        String unconfirmed = runtimeService.startProcessInstanceByKey("manualMailHandling", Map.of("mailFrom",
                "gedrag.klacht@example.nl", "mailSubject", "Re: " + reference, "mailFolder", "Handmatig", "mailProblem", "test",
                "receivedAt", new java.util.Date(), "mailText", "Ik maak bezwaar.", "mailCaseReference", reference,
                nl.homepair.complaints.mailbox.MailboxPoller.VAR_MAIL_SENDER, "gedrag.klacht@example.nl",
                "mailSenderUnverified", true)).getId();
        ResponseEntity<String> unconfirmedChoice = submitTaskForm("behandelaar",
                taskService.createTaskQuery().processInstanceId(unconfirmed).singleResult().getId(),
                Map.of("manualMailResult", "ATTACHED", "mailCaseReference", reference));
        assertThat(unconfirmedChoice.getStatusCode().value()).isEqualTo(400);
        assertThat(unconfirmedChoice.getBody()).contains("Deze zaak wordt door een ander team behandeld.");
        assertThat(jdbc.queryForList("select t.summary from timeline_entry t join complaint c on c.id = t.complaint_id"
                + " where c.reference = ?", String.class, reference)).noneMatch(line -> line.contains("Ik maak bezwaar."));
        // the case's own team has the task too, in its Tasklist filter, and may put the mail with its case
        Task forTheTeam = taskService.createTaskQuery().processInstanceId(unconfirmed).singleResult();
        assertThat(taskService.getIdentityLinksForTask(forTheTeam.getId())).extracting(IdentityLink::getGroupId)
                .contains("handlers", TEAM);
        assertThat(taskIds(as("gerda").getForObject("/engine-rest/filter/" + filterId(TasklistFilters.GROUP_TASKS) + "/list",
                JsonNode.class))).contains(forTheTeam.getId());
        assertThat(submitTaskForm("gerda", forTheTeam.getId(), Map.of("manualMailResult", "ATTACHED", "mailCaseReference",
                reference)).getStatusCode().value()).isEqualTo(204);
        assertThat(jdbc.queryForList("select t.summary from timeline_entry t join complaint c on c.id = t.complaint_id"
                + " where c.reference = ?", String.class, reference)).anyMatch(line -> line.contains("Ik maak bezwaar."));
        runtimeService.deleteProcessInstance(strangersMail, "test");
        assertThat(taskService.createTaskQuery().taskId(assessment.getId()).count()).as("the case goes on").isEqualTo(1);
        assertThat(as("behandelaar").getForObject("/engine-rest/history/task?processInstanceBusinessKey=" + reference,
                JsonNode.class)).as("nor in the engine's API").isEmpty();
        assertThat(as("behandelaar").getForObject("/engine-rest/history/variable-instance?processInstanceId="
                + assessment.getProcessInstanceId(), JsonNode.class)).isEmpty();
        assertThat(as("behandelaar").getForObject("/engine-rest/variable-instance?processInstanceIdIn="
                + assessment.getProcessInstanceId(), JsonNode.class)).isEmpty();
        assertThat(as("gerda").getForObject("/engine-rest/history/task?processInstanceBusinessKey=" + reference,
                JsonNode.class)).hasSize(1);
        assertThat(handler.get("/zaken/" + before).statusCode()).isEqualTo(200);
        // by their links: the search field's example ("KL-2026-000123") may be one of these numbers in a test JVM
        assertThat(gerda.get("/zaken?zoek=example.nl").body()).contains("/zaken/" + reference).doesNotContain("/zaken/" + before);
        assertThat(handler.get("/zaken?zoek=example.nl").body()).contains("/zaken/" + before).doesNotContain("/zaken/" + reference);
        StaffSession lead = StaffSession.logIn(port, "teamleider", "tasklist");
        assertThat(lead.get("/zaken?zoek=example.nl").body()).contains(before, reference);
        assertThat(lead.get("/zaken/" + reference).statusCode()).isEqualTo(200);
        // a team lead who gives one of the handlers' tasks to the team as well lets the team read that case
        taskService.addCandidateGroup(taskOf(before), TEAM);
        assertThat(gerda.get("/zaken/" + before).statusCode()).isEqualTo(200);
        // and moves it to the team: the handlers' group may go now that a group of handlers stays, and the team, which
        // holds it alone, not before another group takes it over
        String links = "/engine-rest/task/" + taskOf(before) + "/identity-links";
        assertThat(as("teamleider").postForEntity(links + "/delete", json("{\"groupId\":\"handlers\",\"type\":\"candidate\"}"),
                String.class).getStatusCode().value()).isEqualTo(204);
        assertThat(taskIds(as("gerda").getForObject("/engine-rest/filter/" + filterId(TasklistFilters.GROUP_TASKS) + "/list",
                JsonNode.class))).contains(taskOf(before));
        assertThat(taskIds(as("behandelaar").getForObject("/engine-rest/filter/" + filterId(TasklistFilters.GROUP_TASKS)
                + "/list", JsonNode.class))).doesNotContain(taskOf(before));
        ResponseEntity<String> alone = as("teamleider").postForEntity(links + "/delete",
                json("{\"groupId\":\"" + TEAM + "\",\"type\":\"candidate\"}"), String.class);
        assertThat(alone.getStatusCode().value()).isEqualTo(400);
        assertThat(alone.getBody()).contains("De taak is naar deze groep verplaatst");
        assertThat(as("teamleider").postForEntity(links, json("{\"groupId\":\"handlers\",\"type\":\"candidate\"}"),
                String.class).getStatusCode().value()).isEqualTo(204);

        // she decides the assessment in Tasklist; the case's next step is hers straight away
        assertThat(as("gerda").postForEntity("/engine-rest/task/" + assessment.getId() + "/claim",
                json("{\"userId\":\"gerda\"}"), String.class).getStatusCode().value()).isEqualTo(204);
        assertThat(as("gerda").postForEntity("/engine-rest/task/" + assessment.getId() + "/complete", json(
                "{\"variables\":{\"assessmentOutcome\":{\"value\":\"DIRECT_DECISION\"},\"assessmentNotes\":{\"value\":\"Direct.\"}}}"),
                String.class).getStatusCode().value()).isEqualTo(204);
        runDueJobs(reference);
        Task decision = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_DECIDE).singleResult();
        assertThat(decision.getAssignee()).isEqualTo("gerda");

        // the team lead sees the team's late task and gives it to a colleague in the team, not to a handler outside it
        taskService.setDueDate(decision.getId(), java.util.Date.from(Instant.now().minus(Duration.ofHours(1))));
        assertThat(taskIds(as("teamleider").getForObject("/engine-rest/filter/" + filterId(TasklistFilters.TEAM_LATE) + "/list",
                JsonNode.class))).contains(decision.getId());
        StaffSession teamLead = StaffSession.logIn(port, "teamleider", "tasklist");
        String dashboard = teamLead.get("/zaken").body();
        assertThat(dashboard).contains("data-taak=\"" + decision.getId() + "\"", "value=\"gijs\"");
        assertThat(teamLead.post("/zaken/taken/" + decision.getId() + "/toewijzen", Map.of("behandelaar", "behandelaar"))
                .statusCode()).isEqualTo(403);
        assertThat(teamLead.post("/zaken/taken/" + decision.getId() + "/toewijzen", Map.of("behandelaar", "gijs"))
                .statusCode()).isEqualTo(302);
        assertThat(taskService.createTaskQuery().taskId(decision.getId()).singleResult().getAssignee()).isEqualTo("gijs");

        // gijs also works for the general handlers, and leaves this team: only the team's tasks go to gerda
        identityService.createMembership("gijs", "handlers");
        String handlersCase = submit(janJansen().email("andere.groep@example.nl"));
        runDueJobs(handlersCase);
        taskService.setAssignee(taskOf(handlersCase), "gijs");
        // the next steps of both cases were to go to gijs
        String handlersProcess = taskService.createTaskQuery().taskId(taskOf(handlersCase)).singleResult().getProcessInstanceId();
        runtimeService.setVariable(handlersProcess, nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER, "gijs");
        runtimeService.setVariable(decision.getProcessInstanceId(), nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER, "gijs");
        assertThat(teamLead.get("/zaken").body()).contains("<option value=\"" + TEAM + "\">groep " + TEAM + "</option>");
        HttpResponse<String> teamOnly = teamLead.post("/zaken/taken/overdragen", Map.of("van", "gijs", "naar", "gerda",
                "groep", TEAM));
        assertThat(teamOnly.statusCode()).isEqualTo(302);
        assertThat(taskService.createTaskQuery().taskId(decision.getId()).singleResult().getAssignee()).isEqualTo("gerda");
        assertThat(taskService.createTaskQuery().taskId(taskOf(handlersCase)).singleResult().getAssignee()).isEqualTo("gijs");
        assertThat(runtimeService.getVariable(decision.getProcessInstanceId(), nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER))
                .isEqualTo("gerda");
        assertThat(runtimeService.getVariable(handlersProcess, nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER))
                .as("the other group's case").isEqualTo("gijs");
        assertThat(teamLead.get("/zaken").body()).contains("1 taak van gijs in groep " + TEAM + " overgedragen aan gerda.",
                "1 taak van een andere groep bleef bij gijs.");
        taskService.setAssignee(taskOf(handlersCase), null);
        identityService.deleteMembership("gijs", "handlers");

        // given in person to a handler outside the team (Tasklist lets a team lead do that), the task brings its case along
        taskService.setAssignee(decision.getId(), "behandelaar");
        assertThat(handler.get("/zaken/" + reference).statusCode()).isEqualTo(200);
        assertThat(handler.get("/zaken?zoek=example.nl").body()).contains(reference, before);
        assertThat(caseFileText("behandelaar", decision, "caseReference")).isEqualTo(reference);

        // a group no model gives cases to reads nothing
        assertThat(StaffSession.logIn(port, "auditor", "tasklist").loginStatus()).isNotEqualTo(200);
        assertThat(as("auditor").getForEntity("/api/complaints/" + reference, String.class).getStatusCode().value()).isEqualTo(403);

        // the board upholds an objection: the revision goes back to the case's team, not to the general handlers (R12)
        taskService.complete(decision.getId(), Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        runDueJobs(reference);
        // a message that may be an objection is judged by the case's team, which the general handlers do not read (R12)
        objections.forJudgement(complaints.findByReference(reference).orElseThrow(), false,
                "Kan de directie hier nog eens naar kijken?", Instant.now(), "test");
        runDueJobs(reference);
        Task judge = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();
        assertThat(taskService.getIdentityLinksForTask(judge.getId())).filteredOn(link -> link.getGroupId() != null)
                .extracting(IdentityLink::getGroupId).containsExactly(TEAM);
        taskService.complete(judge.getId(), Map.of("objectionJudgement", "NOTE", "objectionJudgementNotes", "Een vraag."));
        runDueJobs(reference);
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"Ik ben het niet eens met dit besluit.\"}"), String.class).getStatusCode().value())
                .isEqualTo(202);
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "Opnieuw bekijken."));
        Task revision = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVISE_DECISION).singleResult();
        assertThat(taskService.getIdentityLinksForTask(revision.getId())).filteredOn(link -> link.getGroupId() != null)
                .extracting(IdentityLink::getGroupId).containsExactly(TEAM);

        // a director who also handles for the general handlers reads the team's case for the board, and does no casework
        // on it: no files added, no letter's objection registered on it
        member("dirk", "handlers");
        identityService.createMembership("dirk", "directors");
        StaffSession dirk = StaffSession.logIn(port, "dirk", "tasklist");
        org.jsoup.nodes.Document read = org.jsoup.Jsoup.parse(dirk.get("/zaken/" + reference).body());
        assertThat(read.select("h1").text()).isEqualTo("Klacht " + reference);
        assertThat(read.select("#bewijs form")).as("no form to add files").isEmpty();
        HttpResponse<String> files = dirk.postFiles("/zaken/" + reference + "/bewijs", Map.of("herkomst", "Brief"),
                Map.of("foto.png", nl.homepair.complaints.TestComplaints.PNG));
        assertThat(files.statusCode()).isEqualTo(403);
        assertThat(files.body()).contains("Deze zaak wordt door een ander team behandeld.");
        ResponseEntity<String> dirksLetter = submitStartForm("dirk", "objectionRegistration",
                Map.of("objectionReference", reference, "objectionMotivationText", "Per brief: ik ben het er niet mee eens."));
        assertThat(dirksLetter.getStatusCode().value()).isEqualTo(400);
        assertThat(dirksLetter.getBody()).contains("Deze zaak wordt door een ander team behandeld.");
    }

    private static void awaitMail(String address, String reference) throws Exception {
        Instant until = Instant.now().plusSeconds(10);
        while (mailsTo(address).stream().noneMatch(mail -> subject(mail).contains(reference))) {
            assertThat(Instant.now()).as("a mail to " + address + " about " + reference).isBefore(until);
            Thread.sleep(100);
        }
        assertThat(mailsTo("klachtenteam@homepair.nl").stream().map(ManagerMadeGroupTest::subject)).noneMatch(s -> s.contains(reference));
    }

    private static String subject(jakarta.mail.internet.MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The new table reaches this node's set-up after the deployment committed (another node's within a minute). */
    private void awaitHandlerGroup() throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        while (!(handlerGroups.includes(TEAM) && authorizationService.createAuthorizationQuery().groupIdIn(TEAM)
                .resourceType(Resources.FILTER).resourceId(filterId(TasklistFilters.GROUP_TASKS)).count() == 1)) {
            assertThat(Instant.now()).as("the team's rights after the deployment").isBefore(until);
            Thread.sleep(100);
        }
    }

    private String filterId(String name) {
        return filterService.createFilterQuery().filterName(name).singleResult().getId();
    }

    private String taskOf(String reference) {
        return taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(ComplaintProcess.TASK_ASSESS)
                .singleResult().getId();
    }

    private static List<String> taskIds(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(task -> task.path("id").asText()).toList();
    }

    private void group(String id) {
        Group group = identityService.newGroup(id);
        group.setName(id);
        group.setType("WORKFLOW");
        identityService.saveGroup(group);
    }

    private void member(String userId, String groupId) {
        User user = identityService.newUser(userId);
        user.setFirstName(userId);
        user.setLastName("Test");
        user.setPassword(userId); // as(user) logs in with the user's id as password
        ((IdentityServiceImpl) identityService).saveUser(user, true);
        identityService.createMembership(userId, groupId);
    }
}
