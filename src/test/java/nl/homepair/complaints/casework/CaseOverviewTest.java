package nl.homepair.complaints.casework;

import static nl.homepair.complaints.TestComplaints.PNG;
import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.ConcurrentTaskChange;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.StaffSession;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The staff pages over HTTP, with the web applications' session as a browser has it (R12, R14, R15). */
class CaseOverviewTest extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    TaskService taskService;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtimeService;
    @Autowired
    nl.homepair.complaints.complaint.CaseTimeline timeline;
    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.camunda.bpm.engine.AuthorizationService authorizationService;

    @Test
    void withoutTheWebappLoginThePagesSendTheBrowserToTheTasklistLogin() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/zaken")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/camunda/app/tasklist/default/#/login");
    }

    /**
     * The case pages read a login's groups again from the engine after the web applications' cache time (5 minutes),
     * as Tasklist does: a handler taken out of the team in Admin loses the team's cases, also with a case page left
     * open, without ever returning to Tasklist.
     */
    @Test
    void aHandlerTakenOutOfTheTeamLosesItsCasesOnceTheLoginIsReadAgain() throws Exception {
        String reference = submit(janJansen().name("Kees Teamwissel").email("kees.teamwissel@example.nl"));
        runDueJobs(reference);
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(handler.get("/zaken/" + reference).statusCode()).isEqualTo(200);
        identityService.deleteMembership("behandelaar", "handlers");
        try {
            assertThat(handler.get("/zaken/" + reference).statusCode()).as("within the cache time, as in Tasklist").isEqualTo(200);

            org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(Date.from(Instant.now().plus(6, ChronoUnit.MINUTES)));
            HttpResponse<String> later = handler.get("/zaken/" + reference);

            assertThat(later.statusCode()).isEqualTo(403);
            assertThat(later.body()).doesNotContain("Kees Teamwissel");
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
            identityService.createMembership("behandelaar", "handlers");
        }
    }

    @Test
    void aHandlerFindsACaseByReferenceAddressOrNameAndOpensItsFile() throws Exception {
        String reference = submit(janJansen().name("Truus Zoekbaar").email("truus.zoek@example.nl").file("foto.png", PNG));
        runDueJobs(reference);
        StaffSession handler = logIn("behandelaar", "tasklist");

        for (String search : new String[] {reference, "TRUUS.ZOEK@example", "zoekbaar"}) {
            String list = handler.get("/zaken?zoek=" + URLEncoder.encode(search, StandardCharsets.UTF_8)).body();
            assertThat(list).as(search).contains(reference, "Truus Zoekbaar", "Afhandeling opdracht", "In beoordeling",
                    "Eerste beoordeling", "licht-op-tijd");
        }
        // by its link: the search field's example ("KL-2026-000123") may be this case's number in a test JVM
        assertThat(handler.get("/zaken?zoek=niemand-anders").body()).doesNotContain("/zaken/" + reference)
                .contains("Geen zaken gevonden.");
        assertThat(handler.get("/zaken?licht=te-laat&zoek=" + reference).body()).doesNotContain(row(reference));
        assertThat(handler.get("/zaken").body()).doesNotContain("Teamoverzicht");

        HttpResponse<String> file = handler.get("/zaken/" + reference);
        assertThat(file.statusCode()).isEqualTo(200);
        // not kept in the browser's cache after logout; only the page's own script and styles run on it
        assertThat(file.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(file.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'; script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(file.body()).contains("Klacht <span>" + reference, "De schilder kwam twee keer niet opdagen.", "foto.png",
                "<img", "Ontvangstbevestiging", "Tijdlijn", "/camunda/app/tasklist/default/#/?sorting=", "task=");
        String evidenceLink = file.body().replaceAll("(?s).*href=\"(/zaken/" + reference + "/bewijs/\\d+)\".*", "$1");
        HttpResponse<byte[]> evidence = handler.getBytes(evidenceLink);
        assertThat(evidence.statusCode()).isEqualTo(200);
        assertThat(evidence.body()).isEqualTo(PNG);
        assertThat(evidence.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/png");
        assertThat(evidence.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");
        assertThat(evidence.headers().allValues("Content-Security-Policy")).singleElement().asString().contains("sandbox");
        assertThat(handler.get("/zaken/" + reference + "/tijdlijn").body()).contains("id=\"tijdlijn\"", "Klacht ontvangen");

        // "when was it acknowledged?": after a mail server outage the acknowledgement went hours after its first try;
        // the page says when it was delivered, not when it was put in the outbox
        java.sql.Timestamp delivered = jdbc.queryForObject("select m.delivered_at from sent_mail m join complaint c on"
                + " c.id = m.complaint_id where c.reference = ? and m.template = 'ontvangstbevestiging'", java.sql.Timestamp.class,
                reference);
        Instant firstTry = delivered.toInstant().minus(java.time.Duration.ofHours(6));
        jdbc.update("update sent_mail set sent_at = ? where delivered_at = ? and template = 'ontvangstbevestiging'",
                java.sql.Timestamp.from(firstTry), delivered);
        assertThat(handler.get("/zaken/" + reference).body()).contains(
                "<span>" + nl.homepair.complaints.text.DutchDates.moment(delivered.toInstant()) + "</span> aan",
                "(klaargezet " + nl.homepair.complaints.text.DutchDates.moment(firstTry) + ")");
    }

    @Test
    void directorsSeeOnlyCasesWithAnObjectionAndThePlatformNothing() throws Exception {
        String reference = submit(janJansen().email("geheim@example.nl"));
        runDueJobs(reference);

        StaffSession director = logIn("directeur", "tasklist");
        assertThat(director.get("/zaken?zoek=" + reference).body()).doesNotContain(row(reference));
        HttpResponse<String> refused = director.get("/zaken/" + reference);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("De directie ziet alleen zaken waartegen bezwaar is gemaakt.")
                .doesNotContain("geheim@example.nl");

        // the platform's account opens no web application, so it reaches the case pages only as a stranger would
        StaffSession platform = logIn("platform", "welcome");
        assertThat(platform.loginStatus()).isEqualTo(403);
        HttpResponse<String> list = platform.get("/zaken");
        assertThat(list.statusCode()).isEqualTo(302);
        assertThat(list.body()).doesNotContain(reference);
        assertThat(platform.get("/zaken/" + reference).body()).doesNotContain("geheim@example.nl");
    }

    @Test
    void aDirectorSeesTheCaseOnceTheComplainantObjects() throws Exception {
        String reference = submit(janJansen().email("bezwaar.zichtbaar@example.nl"));
        runDueJobs(reference);
        for (String step : new String[] {ComplaintProcess.TASK_ASSESS, ComplaintProcess.TASK_DECIDE}) {
            Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(step).singleResult();
            taskService.complete(task.getId(), Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct.",
                    "verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
            runDueJobs(reference);
        }
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"Niet eens met het besluit.\",\"objector\":\"COMPLAINANT\"}"), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();
        runDueJobs(reference);

        StaffSession director = logIn("directeur", "tasklist");
        assertThat(director.get("/zaken?zoek=" + reference).body()).contains(row(reference), "Bezwaar beoordelen door directie");
        assertThat(director.get("/zaken/" + reference).statusCode()).isEqualTo(200);
    }

    @Test
    void aLateTaskIsRedAndTheTeamLeadGivesItToAnotherHandler() throws Exception {
        String reference = submit(janJansen().email("rood@example.nl"));
        runDueJobs(reference);
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        taskService.setDueDate(task.getId(), Date.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        taskService.claim(task.getId(), "behandelaar");

        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(handler.get("/zaken?licht=te-laat&zoek=" + reference).body()).contains(row(reference), "licht-te-laat", "Te laat",
                "href=\"/camunda/app/tasklist/default/#/?sorting=");
        assertThat(handler.get("/zaken/" + reference).body()).as("the open task opens in Tasklist")
                .contains("/camunda/app/tasklist/default/#/?sorting=", "task=" + task.getId() + "\"");
        assertThat(handler.post("/zaken/taken/" + task.getId() + "/toewijzen", Map.of("behandelaar", "")).statusCode()).isEqualTo(403);

        StaffSession teamLead = logIn("teamleider", "tasklist");
        String dashboard = teamLead.get("/zaken").body();
        assertThat(dashboard).contains("Teamoverzicht", "Open taken per stap", "Per behandelaar", "data-taak=\"" + task.getId() + "\"",
                "Incidenten");
        HttpResponse<String> reassigned = teamLead.post("/zaken/taken/" + task.getId() + "/toewijzen", Map.of("behandelaar", ""));
        assertThat(reassigned.statusCode()).isEqualTo(302);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
        assertThat(teamLead.get("/zaken").body()).contains("De taak is terug bij de groep.");
        // a task its handler finished a moment ago: the reassignment is not done, which is not "no access"
        HttpResponse<String> gone = teamLead.post("/zaken/taken/bestaat-niet/toewijzen", Map.of("behandelaar", ""));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(org.jsoup.Jsoup.parse(gone.body()).select("h1").text()).isEqualTo("Dit is niet verwerkt");
        assertThat(gone.body()).contains("Deze taak is al afgerond of bestaat niet.", "Er is niets veranderd.");
        assertThat(teamLead.get("/zaken/" + reference).body()).contains("teruggezet naar de groep");
    }

    @Autowired
    TeamDashboard team;

    /** A handler of the group {@code handlers}, for a test that deletes them at its end. */
    private void newHandler(String id, String password) {
        org.camunda.bpm.engine.identity.User handler = identityService.newUser(id);
        handler.setPassword(password);
        identityService.saveUser(handler);
        identityService.createMembership(id, "handlers");
    }

    /** As the staff pages call the dashboard: the team lead's login on the request, not on the engine's thread. */
    private static void asTeamLeadInARequest() {
        org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setAttribute(nl.homepair.complaints.security.CurrentUser.class.getName(),
                new org.camunda.bpm.engine.impl.identity.Authentication("teamleider", List.of("teamleads")));
        org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
                new org.springframework.web.context.request.ServletRequestAttributes(request));
    }

    /**
     * After a long weekend or an outage thousands of tasks can be late: the dashboard shows the most urgent rows and
     * counts the rest (each row carries a choice of every handler), and still counts every task per step and handler.
     */
    @Test
    void theDashboardShowsTheMostUrgentTasksAndCountsTheRest() throws InterruptedException {
        String older = submit(janJansen().email("heel.laat@example.nl"));
        String newer = submit(janJansen().email("ook.laat@example.nl"));
        runDueJobs(older);
        runDueJobs(newer);
        Task oldest = taskService.createTaskQuery().processInstanceBusinessKey(older)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        Task late = taskService.createTaskQuery().processInstanceBusinessKey(newer)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        taskService.setDueDate(oldest.getId(), Date.from(Instant.parse("1990-01-02T16:00:00Z")));
        taskService.setDueDate(late.getId(), Date.from(Instant.parse("1990-01-03T16:00:00Z")));
        // an incident on each case, the newer case's the newest (a configuration each: the default handler resolves by it)
        runtimeService.createIncident("testIncident", oldest.getExecutionId(), "dashboard-1", "Eerste storing");
        Thread.sleep(20); // apart in time
        runtimeService.createIncident("testIncident", late.getExecutionId(), "dashboard-2", "Tweede storing");
        asTeamLeadInARequest();
        try {
            TeamDashboard.Dashboard all = team.build();
            TeamDashboard.Dashboard cut = team.build(1, 1);

            assertThat(cut.attention()).singleElement().satisfies(row -> {
                assertThat(row.id()).isEqualTo(oldest.getId());
                assertThat(row.reference()).isEqualTo(older);
            });
            assertThat(cut.attentionTotal()).isEqualTo(all.attentionTotal()).isGreaterThanOrEqualTo(2);
            assertThat(all.attention()).extracting(CaseOverview.TaskRow::id).startsWith(oldest.getId(), late.getId());
            assertThat(cut.steps()).isEqualTo(all.steps());
            assertThat(cut.handlers()).isEqualTo(all.handlers());
            assertThat(cut.attentionCut()).startsWith("De 1 dringendste van ").contains("Alles te laat in het team");
            assertThat(all.attentionCut()).as("all shown: nothing to say").isEmpty();
            assertThat(cut.incidents()).singleElement().satisfies(row -> {
                assertThat(row.reference()).isEqualTo(newer);
                assertThat(row.message()).isEqualTo("Tweede storing");
            });
            assertThat(cut.incidentTotal()).isEqualTo(all.incidentTotal()).isGreaterThanOrEqualTo(2);
            assertThat(cut.incidentsCut()).startsWith("De 1 nieuwste van ").endsWith(" incidenten.");
            assertThat(all.incidents()).extracting(TeamDashboard.IncidentRow::reference).contains(older, newer);
        } finally {
            org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
            runtimeService.createIncidentQuery().incidentType("testIncident").list()
                    .forEach(incident -> runtimeService.resolveIncident(incident.getId()));
            assertThat(runtimeService.createIncidentQuery().incidentType("testIncident").count()).isZero();
            // not late for the other tests of this shared database
            taskService.setDueDate(oldest.getId(), Date.from(Instant.now().plus(30, ChronoUnit.DAYS)));
            taskService.setDueDate(late.getId(), Date.from(Instant.now().plus(30, ChronoUnit.DAYS)));
        }
    }

    /**
     * A step of one of the leaver's cases that ran while the hand-over did gave its new task to them (it read the case's
     * handler before the hand-over changed it): the second round after the commit moves it, and finds nothing otherwise.
     */
    @Test
    void aTaskGivenToTheLeaverDuringTheHandOverIsMovedAfterIt() throws Exception {
        newHandler("afwezig", "Lang-Verlof-2026!");
        try {
            String own = submit(janJansen().email("overdracht.eigen@example.nl"));
            Task held = taskService.createTaskQuery().processInstanceBusinessKey(own)
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
            taskService.claim(held.getId(), "afwezig");
            runtimeService.setVariable(held.getProcessInstanceId(), nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER, "afwezig");
            Task late = taskService.createTaskQuery().processInstanceBusinessKey(submit(janJansen().email("overdracht.laat@example.nl")))
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
            StaffSession teamLead = logIn("teamleider", "tasklist");

            // a step elsewhere gives a task to the leaver and commits only once the hand-over has read the leaver's tasks
            // (the hand-over waits for it where it changes the case's handler)
            nl.homepair.complaints.HeldRows.Held<HttpResponse<String>> handOver = nl.homepair.complaints.HeldRows.during(dataSource, step -> {
                step.update("update ACT_RU_TASK set ASSIGNEE_ = 'afwezig', REV_ = REV_ + 1 where ID_ = ?", late.getId());
                step.update("update ACT_RU_VARIABLE set REV_ = REV_ where PROC_INST_ID_ = ? and NAME_ = ?",
                        held.getProcessInstanceId(), nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER);
            }, nl.homepair.complaints.HeldRows.blockedByTheHolder(), () -> {
                try {
                    return teamLead.post("/zaken/taken/overdragen", Map.of("van", "afwezig", "naar", "behandelaar"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(handOver.waited()).as("the hand-over waited for the step").isTrue();
            HttpResponse<String> handedOver = handOver.answer().get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(handedOver.statusCode()).isEqualTo(302);
            assertThat(taskService.createTaskQuery().taskId(held.getId()).singleResult().getAssignee()).isEqualTo("behandelaar");
            assertThat(taskService.createTaskQuery().taskId(late.getId()).singleResult().getAssignee())
                    .as("given to the leaver during the hand-over: moved after it").isEqualTo("behandelaar");
            assertThat(teamLead.get("/zaken").body()).contains("2 taken van afwezig overgedragen aan behandelaar.");
        } finally {
            identityService.deleteUser("afwezig");
        }
    }

    /**
     * A handler left with tasks claimed: the team lead hands everything over in one go, and the cases' next steps go to
     * the colleague instead of to someone who is not there.
     */
    @Test
    void aTeamLeadHandsOverEverythingOfAHandlerWhoLeft() throws Exception {
        newHandler("vertrokken", "Afscheid-Feest-2026!");
        try {
            String first = submit(janJansen().email("overdracht.een@example.nl"));
            String second = submit(janJansen().email("overdracht.twee@example.nl"));
            List<Task> tasks = new java.util.ArrayList<>();
            for (String reference : List.of(first, second)) {
                Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                        .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
                taskService.claim(task.getId(), "vertrokken");
                tasks.add(task);
            }
            String process = complaints.findByReference(first).orElseThrow().getProcessInstanceId();
            runtimeService.setVariable(process, nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER, "vertrokken");

            StaffSession handler = logIn("behandelaar", "tasklist");
            assertThat(handler.post("/zaken/taken/overdragen", Map.of("van", "vertrokken", "naar", "behandelaar")).statusCode())
                    .isEqualTo(403);
            StaffSession teamLead = logIn("teamleider", "tasklist");
            assertThat(teamLead.get("/zaken").body()).contains("id=\"overdragen\"", "<option value=\"vertrokken\">vertrokken</option>");
            HttpResponse<String> handedOver = teamLead.post("/zaken/taken/overdragen", Map.of("van", "vertrokken", "naar", "behandelaar"));
            assertThat(handedOver.statusCode()).isEqualTo(302);
            assertThat(teamLead.get("/zaken").body()).contains("2 taken van vertrokken overgedragen aan behandelaar.");

            for (Task task : tasks) {
                assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo("behandelaar");
            }
            assertThat(runtimeService.getVariable(process, nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER))
                    .isEqualTo("behandelaar");
            // who held it before, and whose the case's next steps are now (R14)
            assertThat(teamLead.get("/zaken/" + second).body()).contains("toegewezen aan behandelaar (was: vertrokken)");
            assertThat(teamLead.get("/zaken/" + first).body())
                    .contains("Behandelaar van de zaak: behandelaar (was: vertrokken), bij de overdracht van het werk van vertrokken.");
        } finally {
            identityService.deleteUser("vertrokken");
        }
    }

    /** Who was deleted or taken out of the handlers in Admin before their work was handed over can still be chosen. */
    @Test
    void aTeamLeadHandsOverTheTasksOfSomeoneAlreadyRemovedInAdmin() throws Exception {
        Map<String, String> tasks = new java.util.LinkedHashMap<>();
        for (String user : List.of("uitgeschreven", "verwijderd")) {
            org.camunda.bpm.engine.identity.User person = identityService.newUser(user);
            person.setPassword("Laatste-Werkdag-2026!");
            person.setFirstName("Oud");
            person.setLastName("Collega");
            identityService.saveUser(person);
            identityService.createMembership(user, "handlers");
            Task task = taskService.createTaskQuery().processInstanceBusinessKey(submit(janJansen().email(user + ".zaak@example.nl")))
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
            taskService.claim(task.getId(), user);
            tasks.put(user, task.getId());
        }
        try {
            identityService.deleteMembership("uitgeschreven", "handlers");
            identityService.deleteUser("verwijderd");

            StaffSession teamLead = logIn("teamleider", "tasklist");
            String page = teamLead.get("/zaken").body();
            assertThat(page).contains("<option value=\"uitgeschreven\">Oud Collega (geen behandelaar meer)</option>",
                    "<option value=\"verwijderd\">verwijderd (bestaat niet meer)</option>");
            // a team lead who took on a handlers' task is listed as who they are, not as someone who left
            Task takenOn = taskService.createTaskQuery().processInstanceBusinessKey(submit(janJansen().email("opgepakt.teamleider@example.nl")))
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
            taskService.setAssignee(takenOn.getId(), "teamleider");
            assertThat(teamLead.get("/zaken").body()).contains("<option value=\"teamleider\">Tanja Teamleider</option>");
            taskService.setAssignee(takenOn.getId(), null);
            // only as whose work to hand over, never as who to give it to
            assertThat(page.substring(page.indexOf("id=\"naar\""))).doesNotContain("value=\"uitgeschreven\"", "value=\"verwijderd\"");
            for (String user : tasks.keySet()) {
                assertThat(teamLead.post("/zaken/taken/overdragen", Map.of("van", user, "naar", "behandelaar")).statusCode()).isEqualTo(302);
                assertThat(taskService.createTaskQuery().taskId(tasks.get(user)).singleResult().getAssignee()).isEqualTo("behandelaar");
            }
        } finally {
            identityService.deleteUser("uitgeschreven");
            identityService.deleteUser("verwijderd");
        }
    }

    /**
     * R12: the engine gives a task's assignee a grant of their own on it. A handler who held a case's task, handed it
     * over and then moved to another team (or left the handlers) could still read its variables and complete it over
     * the REST API with that grant; it goes when the task passes on.
     */
    @Test
    void whoHandedATaskOnNoLongerHoldsItOnceOutOfTheGroup() throws Exception {
        org.camunda.bpm.engine.identity.User mover = identityService.newUser("wisselaar");
        mover.setPassword("Andere-Ploeg-2026!");
        identityService.saveUser(mover);
        identityService.createMembership("wisselaar", "handlers");
        try {
            Task task = taskService.createTaskQuery().processInstanceBusinessKey(submit(janJansen().email("wisselaar.zaak@example.nl")))
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
            taskService.claim(task.getId(), "wisselaar");
            String variables = "/engine-rest/task/" + task.getId() + "/variables";
            // a holder still in the group reads it by the group's grant, whatever happens to their own
            assertThat(rest.withBasicAuth("wisselaar", "Andere-Ploeg-2026!").getForEntity(variables, String.class).getStatusCode().value()).isEqualTo(200);

            taskService.setAssignee(task.getId(), "behandelaar"); // the team lead's hand-over
            identityService.deleteMembership("wisselaar", "handlers"); // and the move to another team
            identityService.saveGroup(identityService.newGroup("anderePloeg"));
            identityService.createMembership("wisselaar", "anderePloeg");
            assertThat(authorizationService.createAuthorizationQuery().userIdIn("wisselaar")
                    .resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).resourceId(task.getId()).count()).isZero();
            // in a group, so past the engine's door: the engine itself refuses, for want of a grant
            var read = rest.withBasicAuth("wisselaar", "Andere-Ploeg-2026!").getForEntity(variables, String.class);
            assertThat(read.getStatusCode().value()).isEqualTo(403);
            assertThat(read.getBody()).doesNotContain("geen enkele groep").contains("READ");
            org.springframework.http.HttpHeaders json = new org.springframework.http.HttpHeaders();
            json.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
            var completing = rest.withBasicAuth("wisselaar", "Andere-Ploeg-2026!").postForEntity("/engine-rest/task/" + task.getId()
                    + "/complete", new org.springframework.http.HttpEntity<>("{}", json), String.class);
            assertThat(completing.getStatusCode().value()).isEqualTo(403);
            assertThat(completing.getBody()).doesNotContain("geen enkele groep");
            assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isOne();
            identityService.deleteMembership("wisselaar", "anderePloeg");
            // in no group at all, the account is refused at the engine's door, also what the engine still grants the
            // person (the history of the task they held)
            var history = rest.withBasicAuth("wisselaar", "Andere-Ploeg-2026!").getForEntity("/engine-rest/history/task?taskId="
                    + task.getId(), String.class);
            assertThat(history.getStatusCode().value()).isEqualTo(403);
            assertThat(history.getBody()).contains("geen enkele groep");
            assertThat(rest.withBasicAuth("wisselaar", "Andere-Ploeg-2026!").getForEntity("/engine-rest/user/wisselaar/profile",
                    String.class).getStatusCode().value()).as("their own account stays theirs").isEqualTo(200);
            // nor through the web applications' copy of the engine API, behind the welcome page any password opens
            StaffSession welcome = StaffSession.logIn(port, "wisselaar", "Andere-Ploeg-2026!", "welcome");
            assertThat(welcome.loginStatus()).isEqualTo(200);
            HttpResponse<String> viaWelcome = welcome.get("/camunda/api/engine/engine/default/history/task?taskId=" + task.getId());
            assertThat(viaWelcome.statusCode()).isEqualTo(403);
            assertThat(viaWelcome.body()).contains("geen enkele groep");
            assertThat(welcome.get("/camunda/api/engine/engine/default/user/wisselaar/profile").statusCode()).isEqualTo(200);
            // the new holder reads and works it, by their own grant and their group's
            assertThat(as("behandelaar").getForEntity(variables, String.class).getStatusCode().value()).isEqualTo(200);
            assertThat(authorizationService.createAuthorizationQuery().userIdIn("behandelaar")
                    .resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).resourceId(task.getId()).count()).isOne();

            // a delegation keeps the owner's grant; the delegate's goes when the task is resolved back to the owner
            taskService.delegateTask(task.getId(), "teamleider");
            taskService.resolveTask(task.getId());
            assertThat(authorizationService.createAuthorizationQuery().userIdIn("behandelaar")
                    .resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).resourceId(task.getId()).count()).isOne();
            assertThat(authorizationService.createAuthorizationQuery().userIdIn("teamleider")
                    .resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).resourceId(task.getId()).count()).isZero();
            // once resolved, the owner holds it as anyone: a later hand-over takes their grant too
            taskService.setAssignee(task.getId(), "teamleider");
            assertThat(authorizationService.createAuthorizationQuery().userIdIn("behandelaar")
                    .resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).resourceId(task.getId()).count()).isZero();
        } finally {
            identityService.deleteUser("wisselaar");
            identityService.deleteGroup("anderePloeg");
        }
    }

    /**
     * A handler typed the caller's address wrong; the acknowledgement went nowhere. On the case page the address is
     * corrected and the acknowledgement sent again to the right one; later mails and replies use it.
     */
    @Test
    void aHandlerCorrectsTheComplainantsAddressAndTheLastMailGoesAgain() throws Exception {
        String reference = submit(janJansen().email("ria.adrse@example.nl"));
        runDueJobs(reference);
        assertThat(mailsTo("ria.adrse@example.nl")).as("the acknowledgement, to the typo").isNotEmpty();
        String acknowledgement = mailsTo("ria.adrse@example.nl").get(0).getSubject();
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(handler.get("/zaken/" + reference).body()).contains("E-mailadres van de klager");

        HttpResponse<String> invalid = handler.post("/zaken/" + reference + "/e-mailadres", Map.of("email", "ria.adres@"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        // the case page again, saying why above and at the form, with what was typed still in it
        org.jsoup.nodes.Document again = org.jsoup.Jsoup.parse(invalid.body());
        assertThat(again.title()).startsWith("Niet verwerkt: " + reference);
        assertThat(again.select("[role=alert]").text()).contains("Dit is niet verwerkt; er is niets veranderd.",
                "Geef een geldig e-mailadres op.", "wat je invulde, staat er nog");
        assertThat(again.select("[role=alert] a").attr("href")).isEqualTo("#e-mailadres");
        assertThat(again.select("#e-mailadres .fout").text()).isEqualTo("Geef een geldig e-mailadres op.");
        assertThat(again.select("#e-mailadres input[name=email]").val()).isEqualTo("ria.adres@");
        // a screen reader is taken to the summary, and hears at the field what is wrong with it
        assertThat(again.select("[role=alert]#foutmelding").attr("tabindex")).isEqualTo("-1");
        assertThat(again.select("#e-mailadres input[name=email]").attr("aria-invalid")).isEqualTo("true");
        assertThat(again.select("#" + again.select("#e-mailadres input[name=email]").attr("aria-describedby")).text())
                .isEqualTo("Geef een geldig e-mailadres op.");
        assertThat(again.select("#intrekken [aria-invalid], #e-mailadres-andere-partij [aria-invalid]")).isEmpty();
        assertThat(again.select("#e-mailadres input[name=opnieuw]").hasAttr("checked")).as("left unticked, as sent").isFalse();
        assertThat(again.select("#e-mailadres-andere-partij .fout, #intrekken .fout")).as("only at the form sent").isEmpty();

        java.util.Set<String> before = jobIds();
        HttpResponse<String> corrected = handler.post("/zaken/" + reference + "/e-mailadres",
                Map.of("email", "ria.adres@example.nl", "opnieuw", "ja"));
        assertThat(corrected.statusCode()).isEqualTo(302);
        assertThat(complaints.findByReference(reference).orElseThrow().getEmail()).isEqualTo("ria.adres@example.nl");
        runDueJobsExcept(before); // the copy is delivered by a job, which tries again while the mail server is down
        assertThat(mailsTo("ria.adres@example.nl")).extracting(m -> m.getSubject()).containsExactly(acknowledgement);
        assertThat(handler.get("/zaken/" + reference).body())
                .contains("E-mailadres van de klager gecorrigeerd: ria.adres@example.nl (was ria.adrse@example.nl).")
                .contains("gaat opnieuw, naar het nieuwe adres", "verzonden aan ria.adres@example.nl");
        // a request for the complainant's data by either address finds the case, with the mails sent to both
        for (String address : List.of("ria.adrse@example.nl", "ria.adres@example.nl")) {
            com.fasterxml.jackson.databind.JsonNode export = as("teamleider").postForObject("/api/privacy/export", Map.of("email", address),
                    com.fasterxml.jackson.databind.JsonNode.class);
            assertThat(export.get("cases").findValuesAsText("reference")).as(address).containsExactly(reference);
            assertThat(export.get("cases").get(0).get("mails").findValuesAsText("recipient"))
                    .contains("ria.adrse@example.nl", "ria.adres@example.nl");
        }
        // the same address again changes nothing
        HttpResponse<String> same = handler.post("/zaken/" + reference + "/e-mailadres", Map.of("email", "Ria.Adres@example.nl"));
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(same.body()).contains("Dit is al het e-mailadres van de klager.");
    }

    /**
     * The handler's typo was another person's real address: the acknowledgement reached a stranger. Corrected with "the
     * old address is someone else's", that address is no longer the complainant's: the stranger's request for their data
     * or its erasure does not reach the case, their mails are not the complainant's, and the complainant's copy of their
     * data holds neither the stranger's address nor the mail that went there. Staff see it as a possible data breach.
     */
    @Test
    void aTypoThatWasSomeoneElsesAddressDoesNotStayTheComplainants() throws Exception {
        String stranger = "kees.vreemd@example.nl";
        String reference = submit(janJansen().email(stranger));
        runDueJobs(reference);
        assertThat(mailsTo(stranger)).as("the acknowledgement, to a stranger").hasSize(1);
        // the stranger answered it (the mailbox files it as the complainant's while the address is the case's)
        timeline.record(complaints.findByReference(reference).orElseThrow(), nl.homepair.complaints.complaint.TimelineEventType.NOTE,
                nl.homepair.complaints.complaint.CaseTimeline.SYSTEM, nl.homepair.complaints.complaint.CaseTimeline.MAIL_RECEIVED
                        + stranger + ": Re: Ontvangstbevestiging\nDit is niet voor mij, ik heb geen klacht. Kees Vreemd");
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + reference).body()).select("#e-mailadres label[for=vreemd]").text())
                .contains("Het oude adres is van iemand anders");

        HttpResponse<String> corrected = handler.post("/zaken/" + reference + "/e-mailadres",
                Map.of("email", "jan.jansen.echt@example.nl", "opnieuw", "ja", "vreemd", "ja"));
        assertThat(corrected.statusCode()).isEqualTo(302);
        var complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(complaint.getEmail()).isEqualTo("jan.jansen.echt@example.nl");
        assertThat(complaint.isComplainantAddress(stranger)).as("a mail from the stranger is not the complainant's").isFalse();
        assertThat(complaint.getEarlierEmails()).isEmpty();
        assertThat(handler.get("/zaken/" + reference).body())
                .contains("E-mailadres van de klager gecorrigeerd: jan.jansen.echt@example.nl.")
                .contains("Het vorige adres, " + stranger + ", was niet van de klager maar van iemand anders. 1 e-mail over"
                        + " deze zaak is daar afgeleverd: een mogelijk datalek.");

        // the stranger's request for their data, and their erasure, do not reach the complainant's case
        com.fasterxml.jackson.databind.JsonNode theirs = as("teamleider").postForObject("/api/privacy/export",
                Map.of("email", stranger), com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(theirs.get("cases")).isEmpty();
        as("teamleider").postForObject("/api/privacy/erasure", Map.of("email", stranger), com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(complaints.findByReference(reference).orElseThrow().getAnonymisedAt()).isNull();

        // the complainant's copy: the case, without the stranger's address or the mail that went there
        com.fasterxml.jackson.databind.JsonNode own = as("teamleider").postForObject("/api/privacy/export",
                Map.of("email", "jan.jansen.echt@example.nl"), com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(own.get("cases").findValuesAsText("reference")).containsExactly(reference);
        assertThat(own.toString()).doesNotContain(stranger).doesNotContain("Kees Vreemd");
        assertThat(own.get("cases").get(0).get("mails").findValuesAsText("recipient")).containsOnly("jan.jansen.echt@example.nl");
    }

    /**
     * The complainant sent the same complaint twice (by mail and through the web form): the handler closes the second as
     * a duplicate of the first. Refused without the confirmation, with the case itself or another complainant's case as the
     * one that goes on; then the second closes as a duplicate, its tasks end, the complainant hears under which reference
     * the complaint goes on, both timelines say so, and the figures count it apart.
     */
    /**
     * The same complaint from the phone ("Jan Jansen", a private address) and from work ("Jansen, J.", another address):
     * the names share a word and the handler confirmed it, so the second closes as a duplicate.
     */
    @Test
    void aDuplicateFromASecondAddressUnderAnotherWayOfWritingTheNameCloses() throws Exception {
        String first = submit(janJansen().email("jan.prive@example.nl"));
        String second = submit(janJansen().name("Jansen, J.").email("j.jansen@werk.example.nl"));
        runDueJobs(first);
        runDueJobs(second);
        StaffSession handler = logIn("behandelaar", "tasklist");

        HttpResponse<String> closed = handler.post("/zaken/" + second + "/dubbel", Map.of("andere", first, "bevestigd", "ja"));

        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(302);
        runDueJobs(second);
        assertThat(complaints.findByReference(second).orElseThrow().getOutcome())
                .isEqualTo(nl.homepair.complaints.complaint.CaseOutcome.DUPLICATE);
    }

    @Test
    void aHandlerClosesASecondRegistrationAsADuplicateOfTheFirst() throws Exception {
        String first = submit(janJansen().email("twee.keer@example.nl"));
        String second = submit(janJansen().email("twee.keer@example.nl"));
        String someoneElses = submit(janJansen().name("Piet Pietersen").email("piet.anders@example.nl"));
        runDueJobs(first);
        runDueJobs(second);
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + second).body()).select("#dubbel button").text())
                .isEqualTo("Sluiten als dubbel");

        HttpResponse<String> unconfirmed = handler.post("/zaken/" + second + "/dubbel", Map.of("andere", first));
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("Bevestig dat het dezelfde klacht is");
        assertThat(org.jsoup.Jsoup.parse(unconfirmed.body()).select("#dubbel input[name=andere]").val()).isEqualTo(first);
        assertThat(handler.post("/zaken/" + second + "/dubbel", Map.of("andere", second, "bevestigd", "ja")).body())
                .contains("Dit is deze zaak zelf");
        assertThat(handler.post("/zaken/" + second + "/dubbel", Map.of("andere", someoneElses, "bevestigd", "ja")).body())
                .contains("is van een andere klager");
        assertThat(complaints.findByReference(second).orElseThrow().getStatus())
                .isNotEqualTo(nl.homepair.complaints.complaint.ComplaintStatus.CLOSED);

        // typed as a person types it
        String typed = "(" + first.toLowerCase().replace('-', ' ') + ")";
        HttpResponse<String> closed = handler.post("/zaken/" + second + "/dubbel", Map.of("andere", typed, "bevestigd", "ja"));
        assertThat(closed.statusCode()).isEqualTo(302);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(second).count()).isZero();
        runDueJobs(second);

        var duplicate = complaints.findByReference(second).orElseThrow();
        assertThat(duplicate.getOutcome()).isEqualTo(nl.homepair.complaints.complaint.CaseOutcome.DUPLICATE);
        assertThat(jdbc.queryForObject("select outcome from case_facts where complaint_id = ?", String.class, duplicate.getId()))
                .isEqualTo("DUPLICATE");
        assertThat(mailsTo("twee.keer@example.nl")).extracting(m -> m.getSubject())
                .contains("Je klacht gaat verder onder " + first + " (was " + second + ")");
        assertThat(handler.get("/zaken/" + second).body()).contains("Dubbele registratie van " + first);
        assertThat(handler.get("/zaken/" + first).body()).contains("Zaak " + second + " was een tweede registratie van deze klacht");
        assertThat(complaints.findByReference(first).orElseThrow().getStatus())
                .isNotEqualTo(nl.homepair.complaints.complaint.ComplaintStatus.CLOSED);
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + second).body()).select("#dubbel")).as("closed: not offered").isEmpty();
        // the other way round now: the first is not closed as a duplicate of the one that was
        assertThat(handler.post("/zaken/" + first + "/dubbel", Map.of("andere", second, "bevestigd", "ja")).body())
                .contains("is al afgesloten");
        // nor is a decided case the one that goes on, nor a case that is being closed
        String decided = submit(janJansen().email("twee.keer@example.nl"));
        runDueJobs(decided);
        completeTask(decided, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(decided, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        assertThat(handler.post("/zaken/" + first + "/dubbel", Map.of("andere", decided, "bevestigd", "ja")).body())
                .contains("is al besloten");
        String third = submit(janJansen().email("twee.keer@example.nl"));
        String fourth = submit(janJansen().email("twee.keer@example.nl"));
        assertThat(handler.post("/zaken/" + third + "/dubbel", Map.of("andere", fourth, "bevestigd", "ja")).statusCode()).isEqualTo(302);
        // its mail not sent yet: the third still shows as open, but it is being closed
        assertThat(handler.post("/zaken/" + fourth + "/dubbel", Map.of("andere", third, "bevestigd", "ja")).body())
                .contains("wordt zelf gesloten");
        // a second tab: the same again is answered as the first, another case refused; neither form is offered meanwhile
        assertThat(handler.post("/zaken/" + third + "/dubbel", Map.of("andere", fourth, "bevestigd", "ja")).statusCode()).isEqualTo(302);
        assertThat(handler.post("/zaken/" + third + "/dubbel", Map.of("andere", first, "bevestigd", "ja")).body())
                .contains("Deze zaak is al gesloten als dubbele registratie van " + fourth);
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + third).body()).select("#dubbel form, #intrekken form")).isEmpty();
        HttpResponse<String> withdrawal = handler.post("/zaken/" + third + "/intrekken", Map.of("reden", "Toch niet.", "bevestigd", "ja"));
        assertThat(withdrawal.body()).contains("gesloten als dubbele registratie");
        runDueJobs(third);
    }

    /**
     * A letter registered with a typo in the address: the request for information went there, and the complainant
     * phones on the eighth working day. The correction sends the request again with a new term of the same ten working
     * days from today (not a copy with the old date, two days away), and the model's reminder and time-out move with it.
     */
    @Test
    void aRequestForInformationToAWrongAddressGoesAgainWithANewTerm(
            @Autowired nl.homepair.complaints.sla.WorkingDayCalendar calendar,
            @Autowired org.camunda.bpm.engine.ManagementService management) throws Exception {
        String reference = submit(janJansen().email("vraag.adrse@example.nl"));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MORE_INFORMATION",
                "assessmentNotes", "Stuur de factuur van de schilder."));
        runDueJobs(reference);
        assertThat(mailsTo("vraag.adrse@example.nl")).extracting(m -> m.getSubject()).anyMatch(s -> s.startsWith("Aanvullende informatie"));
        String process = complaints.findByReference(reference).orElseThrow().getProcessInstanceId();
        // as if the case, and the request, were twelve days older
        Date asked = Date.from(((Date) runtimeService.getVariable(process, "informationRequestedAt")).toInstant().minus(12, ChronoUnit.DAYS));
        Date oldDue = calendar.deadline(asked, 10);
        runtimeService.setVariable(process, "informationRequestedAt", asked);
        runtimeService.setVariable(process, "informationDue", oldDue);
        for (var mail : jdbc.queryForList("select id, sent_at from sent_mail where complaint_id = ?",
                complaints.findByReference(reference).orElseThrow().getId())) {
            Instant sent = mail.get("sent_at") instanceof java.time.OffsetDateTime at ? at.toInstant()
                    : ((java.sql.Timestamp) mail.get("sent_at")).toInstant();
            jdbc.update("update sent_mail set sent_at = ? where id = ?", sent.minus(12, ChronoUnit.DAYS).atOffset(java.time.ZoneOffset.UTC),
                    mail.get("id"));
        }
        Date expected = calendar.deadline(new Date(), 10);
        StaffSession handler = logIn("behandelaar", "tasklist");
        java.util.Set<String> before = jobIds();

        HttpResponse<String> corrected = handler.post("/zaken/" + reference + "/e-mailadres",
                Map.of("email", "vraag.adres@example.nl", "opnieuw", "ja"));

        assertThat(corrected.statusCode()).isEqualTo(302);
        assertThat(runtimeService.getVariable(process, "informationDue")).isEqualTo(expected);
        assertThat(expected).isAfter(oldDue);
        // the time-out waits until two working days after the new term, the reminder three working days before it
        List<Job> timers = management.createJobQuery().processInstanceId(process).timers().list();
        assertThat(timers).extracting(Job::getDuedate).allMatch(due -> due.after(calendar.reminderBefore(expected, 4)))
                .anyMatch(due -> due.after(expected));
        runDueJobsExcept(before);
        assertThat(mailsTo("vraag.adres@example.nl")).singleElement().satisfies(request -> {
            assertThat(request.getSubject()).startsWith("Aanvullende informatie");
            assertThat(text(request)).contains("Stuur de factuur van de schilder.", "uiterlijk " + DutchDates.weekday(expected.toInstant()))
                    .doesNotContain(DutchDates.weekday(oldDue.toInstant()));
        });
        assertThat(handler.get("/zaken/" + reference).body()).contains("De vraag om informatie bereikte de klager niet",
                "tot en met " + DutchDates.day(expected.toInstant()));
        assertThat(complaints.findByReference(reference).orElseThrow().getStatus())
                .isEqualTo(nl.homepair.complaints.complaint.ComplaintStatus.AWAITING_INFORMATION);
        // the line names the request as the mail that goes again, not the newest mail (the acknowledgement went later)
        assertThat(timeline.of(complaints.findByReference(reference).orElseThrow())).anyMatch(line ->
                line.getSummary().startsWith("E-mailadres van de klager gecorrigeerd") && line.getSummary().contains("\"Aanvullende informatie"));
        // the new address is wrong too, corrected at once: the request goes again with the same term, not ten more days
        java.util.Set<String> again = jobIds();
        assertThat(handler.post("/zaken/" + reference + "/e-mailadres", Map.of("email", "vraag.adres2@example.nl", "opnieuw", "ja"))
                .statusCode()).isEqualTo(302);
        assertThat(runtimeService.getVariable(process, "informationDue")).isEqualTo(expected);
        runDueJobsExcept(again);
        assertThat(mailsTo("vraag.adres2@example.nl")).singleElement().satisfies(request ->
                assertThat(text(request)).contains("uiterlijk " + DutchDates.weekday(expected.toInstant())));
    }

    /**
     * A letter objecting to the complainant's other case was registered under this reference: a team lead takes the
     * objection back before the board decides. The board's review stops, the complainant hears of the mistake with the
     * deadline that still runs, the figures count no escalation, and the complainant's real objection goes to the board.
     * A handler cannot do it (it would take an objection from the board).
     */
    @Test
    void aTeamLeadTakesBackAnObjectionRegisteredOnTheWrongCase() throws Exception {
        String reference = decidedWithObjection("verkeerde.zaak@example.nl");
        var complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).count()).isOne();
        // "ik heb geen bezwaar gemaakt, trek het in": a wish for the board, until the team lead takes the objection back
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/withdrawal",
                Map.of("reason", "Ik heb geen bezwaar gemaakt tegen deze zaak."), String.class).getStatusCode().value()).isEqualTo(409);
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + reference).body()).select("#bezwaar-ten-onrechte")).isEmpty();
        assertThat(handler.post("/zaken/" + reference + "/bezwaar-ten-onrechte", Map.of("reden", "Verkeerde zaak.", "bevestigd", "ja"))
                .statusCode()).isEqualTo(403);
        StaffSession teamLead = logIn("teamleider", "tasklist");
        assertThat(org.jsoup.Jsoup.parse(teamLead.get("/zaken/" + reference).body()).select("#bezwaar-ten-onrechte button").text())
                .isEqualTo("Bezwaar terugnemen");
        assertThat(teamLead.post("/zaken/" + reference + "/bezwaar-ten-onrechte", Map.of("reden", "Verkeerde zaak."))
                .statusCode()).as("unconfirmed").isEqualTo(400);
        java.util.Set<String> before = jobIds();

        HttpResponse<String> done = teamLead.post("/zaken/" + reference + "/bezwaar-ten-onrechte",
                Map.of("reden", "De brief van 3 december ging over zaak KL-2026-000999 van dezelfde klager.", "bevestigd", "ja"));

        assertThat(done.statusCode()).isEqualTo(302);
        complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(complaint.getObjectionReceivedAt()).isNull();
        assertThat(complaint.getStatus()).isEqualTo(nl.homepair.complaints.complaint.ComplaintStatus.DECIDED);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).count()).as("the board's review stopped").isZero();
        assertThat(jdbc.queryForObject("select objection_at from case_facts where complaint_id = ?", Object.class, complaint.getId()))
                .as("no escalation in the figures").isNull();
        assertThat(timeline.of(complaint)).filteredOn(line -> line.getSummary().startsWith("Bezwaar ontvangen"))
                .allMatch(nl.homepair.complaints.complaint.TimelineEntry::isAboutOthers);
        assertThat(timeline.of(complaint)).anyMatch(line -> line.isAboutOthers() && line.getSummary().contains("ging over zaak KL-2026-000999"))
                .anyMatch(line -> !line.isAboutOthers() && line.getSummary().startsWith("Het bezwaar was ten onrechte op deze zaak"));
        runDueJobsExcept(before);
        assertThat(mailsTo("verkeerde.zaak@example.nl")).extracting(m -> m.getSubject())
                .contains("Klacht " + reference + ": geen bezwaar bij de directie (vergissing)");
        // the board, told of the objection, is told that its task went away
        assertThat(mailsTo("directie@homepair.nl")).extracting(m -> m.getSubject())
                .contains("Bezwaar vervallen: klacht " + reference + " (ten onrechte geregistreerd)");
        assertThat(org.jsoup.Jsoup.parse(teamLead.get("/zaken/" + reference).body()).select("#bezwaar-ten-onrechte")).as("done").isEmpty();
        // the complainant's own objection to this case, within the window, goes to the board
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"Ik ben het wel oneens met dit besluit: de foto's tonen de schade.\"}"), String.class)
                .getStatusCode().value()).isEqualTo(202);
        runDueJobs(reference);
        Task review = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult();
        assertThat(review).isNotNull();
        // the wish about the objection taken back does not stand against this one: the board judges it
        assertThat(caseFileText("directeur", review, "caseObjectionWithdrawalWish")).isEmpty();
        assertThat(submitTaskForm("directeur", review.getId(), Map.of("boardDecision", "REJECTED",
                "boardMotivation", "Het besluit is zorgvuldig genomen.")).getStatusCode().value()).isEqualTo(204);
    }

    /**
     * The letter objected to the complainant's other decided case: the team lead takes the objection back and names that
     * case, where it is registered with its original receipt moment and goes to the board; a case of someone else, or
     * one that takes no objection, is refused and nothing changes.
     */
    @Test
    void anObjectionTakenBackIsRegisteredOnTheCaseItWasAbout() throws Exception {
        String wrong = decidedWithObjection("twee.besluiten@example.nl");
        String meant = submit(janJansen().email("twee.besluiten@example.nl"));
        runDueJobs(meant);
        completeTask(meant, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(meant, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        String someoneElses = submit(janJansen().name("Piet Pietersen").email("iemand.anders.besluit@example.nl"));
        runDueJobs(someoneElses);
        completeTask(someoneElses, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(someoneElses, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        java.time.Instant received = complaints.findByReference(wrong).orElseThrow().getObjectionReceivedAt();
        StaffSession teamLead = logIn("teamleider", "tasklist");

        HttpResponse<String> refused = teamLead.post("/zaken/" + wrong + "/bezwaar-ten-onrechte", Map.of("reden", "Andere zaak.",
                "bevestigd", "ja", "andere", someoneElses));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("is van een andere klager");
        assertThat(complaints.findByReference(wrong).orElseThrow().getObjectionReceivedAt()).as("nothing changed").isEqualTo(received);
        // a case of theirs that already has an objection takes no second one
        HttpResponse<String> busy = teamLead.post("/zaken/" + meant + "/bezwaar-ten-onrechte", Map.of("reden", "x", "bevestigd", "ja"));
        assertThat(busy.statusCode()).as("no objection on that case to take back").isNotEqualTo(302);

        HttpResponse<String> done = teamLead.post("/zaken/" + wrong + "/bezwaar-ten-onrechte", Map.of("reden",
                "De brief ging over de andere zaak.", "bevestigd", "ja", "andere", meant));

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(complaints.findByReference(wrong).orElseThrow().getObjectionReceivedAt()).isNull();
        assertThat(complaints.findByReference(meant).orElseThrow().getObjectionReceivedAt()).isEqualTo(received);
        runDueJobs(meant);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(meant)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).count()).isOne();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(wrong)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).count()).isZero();
        assertThat(timeline.of(complaints.findByReference(meant).orElseThrow()))
                .anyMatch(line -> line.getSummary().startsWith("Bezwaar ontvangen") && line.getSummary().contains("zie de foto's"));
    }

    /**
     * "Hier de foto's" without its reference became a case of its own: the assessment form and the case page name the
     * complainant's other cases (the same address in any case, and the address the case had before a correction), newest
     * first, with what each is about; another person's case is not named, and a director, who reads only the cases with
     * an objection, sees only those of the complainant's other cases (R12).
     */
    @Test
    void theFormAndTheCasePageNameTheComplainantsOtherCases() throws Exception {
        String first = submit(janJansen().email("vervolg@example.nl").description("De loodgieter liet een lekkage achter."));
        String objected = decidedWithObjection("vervolg@example.nl");
        String someoneElses = submit(janJansen().name("Piet Pietersen").email("vervolg.anders@example.nl"));
        Task assessment = assessmentTaskOf(janJansen().email("VERVOLG@example.nl").description("Hier de foto's van de lekkage."));
        String followUp = complaints.findById((Long) taskService.getVariable(assessment.getId(), ComplaintProcess.VAR_COMPLAINT_ID))
                .orElseThrow().getReference();

        String listed = caseFileText("behandelaar", assessment, "caseOtherCases");

        assertThat(listed).contains("[" + first + "](/zaken/" + first + ")", "lekkage achter", "[" + objected + "](/zaken/" + objected + ")")
                .doesNotContain(followUp, someoneElses);
        assertThat(listed.indexOf(objected)).as("newest first").isLessThan(listed.indexOf(first));
        StaffSession handler = logIn("behandelaar", "tasklist");
        org.jsoup.select.Elements links = org.jsoup.Jsoup.parse(handler.get("/zaken/" + followUp).body()).select("#andere-zaken a");
        assertThat(links.eachText()).containsExactly(objected, first);
        assertThat(links.eachAttr("href")).containsExactly("/zaken/" + objected, "/zaken/" + first);
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + someoneElses).body()).select("#andere-zaken").text()).startsWith("geen");
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + objected).body()).select("#andere-zaken a").eachText())
                .containsExactly(followUp, first);
        // the address corrected: the cases of the address it had are still the complainant's
        assertThat(handler.post("/zaken/" + followUp + "/e-mailadres", Map.of("email", "vervolg.nieuw@example.nl")).statusCode())
                .isEqualTo(302);
        assertThat(caseFileText("behandelaar", assessment, "caseOtherCases")).contains(first, objected);
        // and the other way round: the cases of that address still name the case corrected away from it
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + objected).body()).select("#andere-zaken a").eachText())
                .containsExactly(followUp, first);
        // the director reads the case with the objection, and of its other cases only those with an objection: none
        StaffSession director = logIn("directeur", "tasklist");
        assertThat(org.jsoup.Jsoup.parse(director.get("/zaken/" + objected).body()).select("#andere-zaken").text())
                .startsWith("geen").doesNotContain(first, followUp);
    }

    /**
     * The handler invited the wrong professional (another person's name and address): corrected with the right name and
     * address, the invitation is written anew to the right person (not a copy greeting the wrong one), and later mails
     * use the right name; a name alone can be put right with the same address.
     */
    /**
     * After a failed mediation the decision form holds the other party as the user a measure would hit; correcting the
     * other party (the wrong professional) corrects that name with the address, so that a statement of reasons does not
     * go to the right professional under the wrong one's name.
     */
    @Test
    void correctingTheOtherPartyAfterAFailedMediationCorrectsTheDecisionFormsNameToo(
            @Autowired nl.homepair.complaints.casework.AddressCorrection corrections) {
        String reference = submit(janJansen().email("na.bemiddeling@example.nl"));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes",
                "We bemiddelen.", "otherPartyName", "Schilder Fout", "otherPartyEmail", "schilder.fout@example.org"));
        completeTask(reference, ComplaintProcess.TASK_MEDIATE, Map.of("mediationOutcome", "NOT_RESOLVED",
                "mediationNotes", "Geen akkoord."));
        var complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(runtimeService.getVariable(complaint.getProcessInstanceId(), "affectedUserName")).isEqualTo("Schilder Fout");

        corrections.correctOtherParty(complaint, "schilder.goed@example.org", "Schilder Goed", false, "behandelaar");

        assertThat(runtimeService.getVariable(complaint.getProcessInstanceId(), "affectedUserEmail")).isEqualTo("schilder.goed@example.org");
        assertThat(runtimeService.getVariable(complaint.getProcessInstanceId(), "affectedUserName")).isEqualTo("Schilder Goed");
    }

    /** A complaint of this address, assessed for mediation with this other party through this chat conversation. */
    private String mediating(String complainant, String otherPartyName, String otherPartyEmail, String chat) {
        String reference = submit(janJansen().email(complainant));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION",
                "assessmentNotes", "We gaan bemiddelen.", "otherPartyName", otherPartyName,
                "otherPartyEmail", otherPartyEmail, "chatConversationReference", chat));
        return reference;
    }

    @Test
    void aHandlerWhoInvitedTheWrongProfessionalCorrectsNameAndAddress() throws Exception {
        String reference = mediating("kees.klager2@example.nl", "Schilder Fout", "schilder.fout@example.nl", "CHAT-552");
        assertThat(mailsTo("schilder.fout@example.nl")).hasSize(1);
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + reference).body())
                .select("#e-mailadres-andere-partij input[name=naam]").val()).isEqualTo("Schilder Fout");

        java.util.Set<String> before = jobIds();
        HttpResponse<String> corrected = handler.post("/zaken/" + reference + "/e-mailadres-andere-partij",
                Map.of("naam", "Loodgieter Goed", "email", "loodgieter.goed@example.nl", "opnieuw", "ja"));
        assertThat(corrected.statusCode()).isEqualTo(302);
        runDueJobsExcept(before);
        List<jakarta.mail.internet.MimeMessage> invited = mailsTo("loodgieter.goed@example.nl");
        assertThat(invited).hasSize(1);
        assertThat(text(invited.get(0))).contains("Loodgieter Goed").doesNotContain("Schilder Fout");
        String process = complaints.findByReference(reference).orElseThrow().getProcessInstanceId();
        assertThat(runtimeService.getVariable(process, "otherPartyName")).isEqualTo("Loodgieter Goed");
        assertThat(handler.get("/zaken/" + reference).body()).contains("Naam gecorrigeerd: Loodgieter Goed (was Schilder Fout).");

        // a typo in the name only, the address as it is
        HttpResponse<String> renamed = handler.post("/zaken/" + reference + "/e-mailadres-andere-partij",
                Map.of("naam", "loodgieter Goedhart", "email", "loodgieter.goed@example.nl"));
        assertThat(renamed.statusCode()).isEqualTo(302);
        assertThat(runtimeService.getVariable(process, "otherPartyName")).isEqualTo("loodgieter Goedhart");
        assertThat(runtimeService.getVariable(process, "otherPartyEmail")).isEqualTo("loodgieter.goed@example.nl");
        // a capital only: the name the mails greet them with
        assertThat(handler.post("/zaken/" + reference + "/e-mailadres-andere-partij",
                Map.of("naam", "Loodgieter Goedhart", "email", "loodgieter.goed@example.nl")).statusCode()).isEqualTo(302);
        assertThat(runtimeService.getVariable(process, "otherPartyName")).isEqualTo("Loodgieter Goedhart");
        completeTask(reference, ComplaintProcess.TASK_MEDIATE, Map.of("mediationOutcome", "RESOLVED",
                "mediationAgreement", "De loodgieter komt vrijdag.", "mediationNotes", "Akkoord."));
        runDueJobs(reference);
        assertThat(mailsTo("loodgieter.goed@example.nl")).hasSize(2)
                .last().satisfies(agreement -> assertThat(text(agreement)).contains("Loodgieter Goedhart"));
        assertThat(mailsTo("schilder.fout@example.nl")).as("nothing more to the wrong professional").hasSize(1);
    }

    /**
     * The wrong professional was invited, and after the mediation's end date also told of its delay. Corrected on the case
     * page, the right professional gets the invitation written anew (what the complaint is, where the chat is), which says
     * the end date has passed, not the delay mail about a mediation they never heard of (written anew from the process's
     * variables, it said "uiterlijk  afronden" without a date).
     */
    @Test
    void theRightProfessionalNamedAfterTheMediationsDelayGetsTheInvitation() throws Exception {
        String reference = mediating("kees.klager3@example.nl", "Stukadoor Fout", "stukadoor.fout@example.nl", "CHAT-554");
        String process = complaints.findByReference(reference).orElseThrow().getProcessInstanceId();
        Date mediationDue = (Date) runtimeService.getVariable(process, "mediationDue");
        Job delay = managementService.createJobQuery().processInstanceId(process)
                .activityId("BoundaryEvent_MediationPromiseLapsed").singleResult();
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(Date.from(mediationDue.toInstant().plus(1, ChronoUnit.DAYS)));
        try {
            managementService.executeJob(delay.getId());
            assertThat(mailsTo("stukadoor.fout@example.nl")).hasSize(2).last()
                    .satisfies(told -> assertThat(text(told)).contains("uiterlijk " + DutchDates.weekday(mediationDue.toInstant())));
            java.util.Set<String> before = jobIds();
            HttpResponse<String> corrected = logIn("behandelaar", "tasklist").post("/zaken/" + reference
                    + "/e-mailadres-andere-partij", Map.of("naam", "Stukadoor Goed", "email", "stukadoor.goed@example.nl",
                    "opnieuw", "ja"));
            assertThat(corrected.statusCode()).isEqualTo(302);
            runDueJobsExcept(before);
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
        List<jakarta.mail.internet.MimeMessage> invited = mailsTo("stukadoor.goed@example.nl");
        assertThat(invited).hasSize(1);
        assertThat(invited.get(0).getSubject()).startsWith("Bemiddeling via de HomePair-chat");
        assertThat(text(invited.get(0))).contains("Stukadoor Goed", "CHAT-554", "zou tot en met "
                + DutchDates.weekday(mediationDue.toInstant()) + " lopen", "met voorrang")
                .doesNotContain("Stukadoor Fout", "binnen twee werkdagen", "uiterlijk  afronden");
        assertThat(logIn("behandelaar", "tasklist").get("/zaken/" + reference).body())
                .contains("gaat opnieuw, naar het nieuwe adres", "Bemiddeling via de HomePair-chat over klacht " + reference);
    }

    /**
     * While the case waits for the complainant's answer no task of ours is open: the page and the list said "Geen
     * deadline", and a handler on the phone could not say until when the answer is expected.
     */
    @Test
    void aCaseWaitingForTheComplainantShowsUntilWhen() throws Exception {
        String reference = submit(janJansen().name("Wanda Wacht").email("wanda.wacht@example.nl"));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MORE_INFORMATION",
                "assessmentNotes", "Stuur een foto van de schade."));
        runDueJobs(reference);
        Date due = (Date) runtimeService.getVariable(complaints.findByReference(reference).orElseThrow().getProcessInstanceId(),
                "informationDue");
        String expected = "antwoord van de klager uiterlijk " + DutchDates.moment(due.toInstant());
        StaffSession handler = logIn("behandelaar", "tasklist");
        String page = org.jsoup.Jsoup.parse(handler.get("/zaken/" + reference).body()).text();
        assertThat(page).contains("Wacht op de klager", expected).doesNotContain("Geen deadline");
        String list = org.jsoup.Jsoup.parse(handler.get("/zaken?zoek=wanda.wacht").body()).text();
        assertThat(list).contains(reference, expected);
    }

    /** A case whose process an administrator ended in Cockpit still shows its page (not "probeer het later opnieuw"). */
    @Test
    void theCasePageOfACaseWhoseProcessWasEndedFromOutsideStillShows() throws Exception {
        String reference = mediating("proces.weg@example.nl", "Schilder Weg", "schilder.weg@example.nl", "CHAT-553");
        runtimeService.deleteProcessInstance(complaints.findByReference(reference).orElseThrow().getProcessInstanceId(),
                "beheerder heeft het proces beëindigd");
        HttpResponse<String> page = logIn("behandelaar", "tasklist").get("/zaken/" + reference);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(org.jsoup.Jsoup.parse(page.body()).select("#e-mailadres-andere-partij")).isEmpty();
    }

    /**
     * The handler typed the tradesperson's address wrong at the assessment; the invitation to the mediation bounced (its
     * line is on the timeline). On the case page the other party's address is corrected, the invitation goes again, and
     * the agreement reaches the right address; the complainant's own address is refused, and the line is staff-only.
     */
    @Test
    void aHandlerCorrectsTheOtherPartysAddressAndTheInvitationGoesAgain() throws Exception {
        String reference = submit(janJansen().email("kees.klager@example.nl"));
        runDueJobs(reference);
        assertThat(logIn("behandelaar", "tasklist").get("/zaken/" + reference).body())
                .as("no other party before mediation").doesNotContain("id=\"e-mailadres-andere-partij\"");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION",
                "assessmentNotes", "We gaan bemiddelen.", "otherPartyName", "Stukadoor Glad",
                "otherPartyEmail", "stukadoor.glad@exmaple.nl", "chatConversationReference", "CHAT-551"));
        assertThat(mailsTo("stukadoor.glad@exmaple.nl")).as("the invitation, to the typo").hasSize(1);
        String invitation = mailsTo("stukadoor.glad@exmaple.nl").get(0).getSubject();
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(handler.get("/zaken/" + reference).body()).contains("E-mailadres van de andere partij", "stukadoor.glad@exmaple.nl");

        HttpResponse<String> complainants = handler.post("/zaken/" + reference + "/e-mailadres-andere-partij",
                Map.of("email", "Kees.Klager@example.nl"));
        assertThat(complainants.statusCode()).isEqualTo(400);
        assertThat(complainants.body()).contains("Dit is het e-mailadres van de klager.");

        java.util.Set<String> before = jobIds();
        HttpResponse<String> corrected = handler.post("/zaken/" + reference + "/e-mailadres-andere-partij",
                Map.of("email", "stukadoor.glad@example.nl", "opnieuw", "ja"));
        assertThat(corrected.statusCode()).isEqualTo(302);
        runDueJobsExcept(before);
        assertThat(mailsTo("stukadoor.glad@example.nl")).extracting(m -> m.getSubject()).containsExactly(invitation);
        String process = complaints.findByReference(reference).orElseThrow().getProcessInstanceId();
        assertThat(runtimeService.getVariable(process, "otherPartyEmail")).isEqualTo("stukadoor.glad@example.nl");
        assertThat(timeline.of(complaints.findByReference(reference).orElseThrow()))
                .filteredOn(entry -> entry.getSummary().startsWith("E-mailadres van de andere partij gecorrigeerd"))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.isAboutOthers()).as("not in the complainant's copy of their data").isTrue();
                    assertThat(entry.getSummary()).contains("stukadoor.glad@example.nl (was stukadoor.glad@exmaple.nl)",
                            "gaat opnieuw, naar het nieuwe adres");
                });
        assertThat(handler.post("/zaken/" + reference + "/e-mailadres-andere-partij",
                Map.of("email", "Stukadoor.Glad@example.nl")).body()).contains("Dit is al het e-mailadres van de andere partij.");

        completeTask(reference, ComplaintProcess.TASK_MEDIATE, Map.of("mediationOutcome", "RESOLVED",
                "mediationAgreement", "De stukadoor komt vrijdag terug.", "mediationNotes", "Akkoord."));
        runDueJobs(reference);
        assertThat(mailsTo("stukadoor.glad@example.nl")).as("the agreement, to the corrected address").hasSize(2);
        assertThat(mailsTo("stukadoor.glad@exmaple.nl")).hasSize(1);
        // closed: nothing left to correct
        assertThat(handler.get("/zaken/" + reference).body()).doesNotContain("id=\"e-mailadres-andere-partij\"");
        HttpResponse<String> tooLate = handler.post("/zaken/" + reference + "/e-mailadres-andere-partij",
                Map.of("email", "stukadoor.nieuw@example.nl"));
        assertThat(tooLate.statusCode()).isEqualTo(409);
        // the form is gone from the page: what was typed is shown with the reason, not a link to nowhere
        org.jsoup.nodes.Document closed = org.jsoup.Jsoup.parse(tooLate.body());
        assertThat(closed.select("[role=alert]").text()).contains("Dit is niet verwerkt", "Het formulier staat niet meer op deze"
                + " pagina", "Wat je invulde: stukadoor.nieuw@example.nl");
        assertThat(closed.select("[role=alert] a")).isEmpty();
    }

    /**
     * The board reads a case with an objection; it does not act for the complainant: no address correction (which would
     * send the decision and every later mail elsewhere), no chat message, answer or objection on their behalf.
     */
    @Test
    void aDirectorReadsTheBoardsCaseButDoesNoCasework() throws Exception {
        String reference = decidedWithObjection("bord.leest@example.nl");

        StaffSession director = logIn("directeur", "tasklist");
        assertThat(director.get("/zaken/" + reference).statusCode()).isEqualTo(200);
        // what the board reviews is on the page: the decision objected to, and when the objection came
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(director.get("/zaken/" + reference).body());
        assertThat(page.select("dl.dossier").text()).contains("Besluit ongegrond, op ", "bezwaar kan tot en met ",
                "Bezwaar ontvangen").doesNotContain("Oordeel directie", "Bezwaar tegen maatregel");
        assertThat(director.get("/zaken/" + reference).body()).doesNotContain("name=\"email\"");
        HttpResponse<String> redirected = director.post("/zaken/" + reference + "/e-mailadres",
                Map.of("email", "ergens.anders@example.org", "opnieuw", "ja"));
        assertThat(redirected.statusCode()).isEqualTo(403);
        assertThat(redirected.body()).contains("De directie beoordeelt bezwaren");
        assertThat(complaints.findByReference(reference).orElseThrow().getEmail()).isEqualTo("bord.leest@example.nl");
        assertThat(as("directeur").postForEntity("/api/complaints/" + reference + "/chat-messages",
                Map.of("author", "Directie", "message", "Wij kijken ernaar."), String.class).getStatusCode().value()).isEqualTo(403);
        // a handler of the case still corrects it
        assertThat(logIn("teamleider", "tasklist").get("/zaken/" + reference).body()).contains("name=\"email\"");
    }

    /** An objection the board has left past its date shows on the team lead's dashboard (read only), not only in a mail. */
    @Test
    void theTeamLeadSeesTheBoardsLateReviewOnTheDashboard() throws Exception {
        String reference = decidedWithObjection("bord.laat@example.nl");
        Task review = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult();
        taskService.setDueDate(review.getId(), Date.from(Instant.now().minus(2, ChronoUnit.HOURS)));

        org.jsoup.nodes.Document dashboard = org.jsoup.Jsoup.parse(logIn("teamleider", "tasklist").get("/zaken").body());
        org.jsoup.nodes.Element row = dashboard.selectFirst("tr[data-taak=" + review.getId() + "]");
        assertThat(row).as("the board's late review on the dashboard").isNotNull();
        assertThat(row.text()).contains(reference, "Te laat");
        assertThat(row.select("form")).as("shown, not reassigned there").isEmpty();
    }

    /**
     * The complainant phones while the board reviews the objection: "laat maar". The case page says why the complaint
     * cannot be withdrawn any more and records the wish for the director on the timeline, as the API does; a refusal
     * of what was sent says that nothing was done and leads back to the case, instead of "no access".
     */
    @Test
    void beforeTheBoardTheCasePageRecordsTheWishToWithdrawAndSaysWhyNoMore() throws Exception {
        String reference = decidedWithObjection("bord.wens@example.nl");
        StaffSession handler = logIn("behandelaar", "tasklist");
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(handler.get("/zaken/" + reference).body());
        assertThat(page.select("#intrekken").text()).contains("het bezwaar ligt bij de directie", "Wens doorgeven aan de directie")
                .doesNotContain("Dan sluit de zaak als ingetrokken");
        assertThat(page.select("#intrekken input[name=bevestigd][type=checkbox]")).as("nothing to confirm: nothing closes").isEmpty();

        HttpResponse<String> wish = handler.post("/zaken/" + reference + "/intrekken",
                Map.of("reden", "Telefoon: de schilder heeft het alsnog opgelost.", "bevestigd", "ja"));
        assertThat(wish.statusCode()).isEqualTo(302);
        assertThat(wish.headers().firstValue("Location").orElseThrow()).endsWith("/zaken/" + reference + "#tijdlijn");
        assertThat(handler.get("/zaken/" + reference).body()).contains("De klager wil het bezwaar intrekken: Telefoon: de schilder");
        assertThat(complaints.findByReference(reference).orElseThrow().getStatus())
                .isEqualTo(nl.homepair.complaints.complaint.ComplaintStatus.IN_OBJECTION);

        HttpResponse<String> invalid = handler.post("/zaken/" + reference + "/e-mailadres", Map.of("email", "geen-adres"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        org.jsoup.nodes.Document refused = org.jsoup.Jsoup.parse(invalid.body());
        assertThat(refused.select("h1").text()).isEqualTo("Klacht " + reference);
        assertThat(refused.select("[role=alert]").text()).contains("Dit is niet verwerkt");
        assertThat(refused.select("#e-mailadres input[name=email]").val()).isEqualTo("geen-adres");
    }

    /**
     * The board upheld the objection and a handler revises the decision; the complainant phones "laat maar". The case
     * page says why the complaint cannot be withdrawn now and records the wish for the handler who revises.
     */
    @Test
    void whileTheDecisionIsRevisedTheCasePageRecordsTheWishForTheHandlerWhoRevises() throws Exception {
        String reference = decidedWithObjection("herzien.wens@example.nl");
        completeTask(reference, ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "Het is aangetoond."));
        runDueJobs(reference);
        StaffSession handler = logIn("behandelaar", "tasklist");
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(handler.get("/zaken/" + reference).body());
        assertThat(page.select("#intrekken").text()).contains("het besluit wordt herzien", "Wens doorgeven aan de behandelaar")
                .doesNotContain("Dan sluit de zaak als ingetrokken", "staat op de tijdlijn");

        HttpResponse<String> wish = handler.post("/zaken/" + reference + "/intrekken",
                Map.of("reden", "Telefoon: de schilder heeft het alsnog opgelost.", "bevestigd", "ja"));
        assertThat(wish.statusCode()).isEqualTo(302);
        assertThat(wish.headers().firstValue("Location").orElseThrow()).endsWith("/zaken/" + reference + "#tijdlijn");
        assertThat(handler.get("/zaken/" + reference).body())
                .contains("De klager wil de klacht intrekken terwijl het besluit wordt herzien: Telefoon: de schilder");
        assertThat(complaints.findByReference(reference).orElseThrow().getStatus())
                .isEqualTo(nl.homepair.complaints.complaint.ComplaintStatus.AWAITING_DECISION);
    }

    /**
     * The board reads its cases and does no casework on them: a withdrawal is told to a handler, also when the board sent
     * a declaration of inadmissibility back for a decision on the merits (the only time a decided case can still be
     * withdrawn), and the wish to withdraw an objection is not the board's to write to itself.
     */
    @Test
    void aDirectorWithdrawsNothingOnTheCasePage() throws Exception {
        String beforeTheBoard = decidedWithObjection("bord.leest@example.nl");
        StaffSession director = logIn("directeur", "tasklist");
        HttpResponse<String> wish = director.post("/zaken/" + beforeTheBoard + "/intrekken",
                Map.of("reden", "Namens de klager.", "bevestigd", "ja"));
        assertThat(wish.statusCode()).isEqualTo(403);
        assertThat(wish.body()).contains("De directie beoordeelt bezwaren; dit doet een behandelaar of teamleider.");
        assertThat(director.get("/zaken/" + beforeTheBoard).body()).doesNotContain("Namens de klager.");

        String reference = submit(janJansen().email("alsnog.besluit@example.nl"));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "INADMISSIBLE",
                "assessmentNotes", "Buiten HomePair."));
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                Map.of("motivation", "De opdracht staat in mijn account."), String.class).getStatusCode().value()).isEqualTo(202);
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "De opdracht liep wel via HomePair."));
        runDueJobs(reference);
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + reference).body()).select("#intrekken button").text())
                .as("sent back for a decision: the handler can still end it as withdrawn").isEqualTo("Klacht intrekken");
        assertThat(org.jsoup.Jsoup.parse(director.get("/zaken/" + reference).body()).select("#intrekken form")).isEmpty();
        HttpResponse<String> withdrawn = director.post("/zaken/" + reference + "/intrekken",
                Map.of("reden", "Namens de klager.", "bevestigd", "ja"));
        assertThat(withdrawn.statusCode()).isEqualTo(403);
        runDueJobs(reference);
        assertThat(complaints.findByReference(reference).orElseThrow().getStatus())
                .isNotEqualTo(nl.homepair.complaints.complaint.ComplaintStatus.CLOSED);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).count()).as("the revision waits").isOne();
    }

    /** A case decided, with the complainant's objection before the board. */
    private String decidedWithObjection(String email) {
        String reference = submit(janJansen().email(email));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                Map.of("motivation", "Het is wel aangetoond, zie de foto's."), String.class).getStatusCode().value()).isEqualTo(202);
        runDueJobs(reference);
        return reference;
    }

    /** Months later the complainant tells that De Geschillencommissie ruled: recorded on the case page, not only over REST (R10). */
    @Test
    void theOutcomeOfExternalDisputeResolutionIsRecordedOnTheCasePage() throws Exception {
        String reference = decidedWithObjection("naar.de.commissie@example.nl");
        StaffSession teamLead = logIn("teamleider", "tasklist");
        assertThat(teamLead.get("/zaken/" + reference).body()).contains("Onafhankelijke geschiloplossing", "Nog niet vastgelegd");

        // before a decision there is nothing to put to the independent body: refused, also when posted by hand
        String undecided = submit(janJansen().email("nog.geen.besluit@example.nl"));
        HttpResponse<String> early = teamLead.post("/zaken/" + undecided + "/geschiloplossing", Map.of("voorgelegd", "ja"));
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("Over deze klacht is nog geen besluit genomen");
        assertThat(complaints.findByReference(undecided).orElseThrow().getExternalDisputeSubmitted()).isNull();

        HttpResponse<String> none = teamLead.post("/zaken/" + reference + "/geschiloplossing", Map.of("uitkomst", "Iets"));
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("Geef aan of de klager het geschil heeft voorgelegd");
        org.jsoup.nodes.Document again = org.jsoup.Jsoup.parse(none.body());
        assertThat(again.select("#geschiloplossing .fout").text()).contains("Geef aan of de klager het geschil heeft voorgelegd");
        assertThat(again.select("#geschiloplossing textarea[name=uitkomst]").text()).isEqualTo("Iets");
        assertThat(again.select("#geschiloplossing input[name=voorgelegd]").eachAttr("aria-describedby"))
                .containsExactly("fout-geschiloplossing", "fout-geschiloplossing");
        assertThat(again.select("#fout-geschiloplossing").text()).contains("Geef aan of de klager het geschil heeft voorgelegd");

        HttpResponse<String> recorded = teamLead.post("/zaken/" + reference + "/geschiloplossing",
                Map.of("voorgelegd", "ja", "uitkomst", "Klacht ongegrond verklaard door De Geschillencommissie."));
        assertThat(recorded.statusCode()).isEqualTo(302);
        assertThat(complaints.findByReference(reference).orElseThrow().getExternalDisputeSubmitted()).isTrue();
        assertThat(teamLead.get("/zaken/" + reference).body())
                .contains("Voorgelegd aan onafhankelijke geschiloplossing; uitkomst: Klacht ongegrond verklaard door De Geschillencommissie.");
    }

    /** The complainant tells a handler by phone that it was solved: the case page ends it as withdrawn, once. */
    @Test
    void aHandlerRecordsAWithdrawalOnTheCasePage() throws Exception {
        String reference = submit(janJansen().email("trekt.in@example.nl"));
        runDueJobs(reference);
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(handler.get("/zaken/" + reference).body()).contains("Klacht intrekken");

        // without the confirmation nothing happens: one click would close the case for good
        HttpResponse<String> unconfirmed = handler.post("/zaken/" + reference + "/intrekken",
                Map.of("reden", "Telefonisch: de schilder heeft het alsnog opgelost."));
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("Bevestig dat de klager de klacht intrekt");
        assertThat(org.jsoup.Jsoup.parse(unconfirmed.body()).select("#intrekken textarea[name=reden]").text())
                .as("the reason typed is not typed twice").isEqualTo("Telefonisch: de schilder heeft het alsnog opgelost.");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).count()).isPositive();
        HttpResponse<String> withdrawn = handler.post("/zaken/" + reference + "/intrekken",
                Map.of("reden", "Telefonisch: de schilder heeft het alsnog opgelost.", "bevestigd", "ja"));
        assertThat(withdrawn.statusCode()).isEqualTo(302);
        runDueJobs(reference);

        var complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(complaint.getOutcome()).isEqualTo(nl.homepair.complaints.complaint.CaseOutcome.WITHDRAWN);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).count()).isZero();
        String page = handler.get("/zaken/" + reference).body();
        assertThat(page).contains("Klacht ingetrokken door de klager: Telefonisch: de schilder heeft het alsnog opgelost.")
                .doesNotContain("Klacht intrekken</h2>");
        // the form sent twice (a double click, the browser's back button): it stood, nothing is recorded twice
        HttpResponse<String> again = handler.post("/zaken/" + reference + "/intrekken", Map.of("reden", "Nog eens.",
                "bevestigd", "ja"));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(handler.get("/zaken/" + reference).body()).doesNotContain("Nog eens.");
    }

    /** A letter came with copies of the quote and the invoice: the handler scans them and adds them to the case. */
    @Test
    void aHandlerAddsThePapersALetterCameWithToTheCase() throws Exception {
        String reference = submit(janJansen().email("brief.papieren@example.nl"));
        runDueJobs(reference);
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(handler.get("/zaken/" + reference).body()).contains("Bewijsstukken toevoegen");

        HttpResponse<String> added = handler.postFiles("/zaken/" + reference + "/bewijs",
                Map.of("herkomst", "Bijlagen bij de brief van 2 december"), Map.of("offerte.png", PNG));
        assertThat(added.statusCode()).isEqualTo(302);
        String page = handler.get("/zaken/" + reference).body();
        assertThat(page).contains(">offerte.png</a>", "Bewijsstuk toegevoegd (Bijlagen bij de brief van 2 december): offerte.png");
        long files = jdbc.queryForObject("select count(*) from evidence e join complaint c on c.id = e.complaint_id"
                + " where c.reference = ?", Long.class, reference);
        assertThat(files).isEqualTo(1);

        // what the intake would refuse is refused here too, with the reason, and nothing is kept
        HttpResponse<String> program = handler.postFiles("/zaken/" + reference + "/bewijs", Map.of("herkomst", "Brief"),
                Map.of("factuur.pdf", "MZ\u0090\u0000 not a pdf".getBytes(StandardCharsets.ISO_8859_1)));
        HttpResponse<String> unexplained = handler.postFiles("/zaken/" + reference + "/bewijs", Map.of(), Map.of("foto.png", PNG));
        assertThat(program.statusCode()).isEqualTo(400);
        assertThat(program.body()).contains("is geen afbeelding (PNG, JPEG, GIF of WEBP) of PDF");
        assertThat(unexplained.statusCode()).isEqualTo(400);
        assertThat(unexplained.body()).contains("Schrijf erbij waar de bestanden vandaan komen");
        assertThat(org.jsoup.Jsoup.parse(program.body()).select("#bewijs .fout").text()).endsWith("Kies de bestanden opnieuw.");
        assertThat(org.jsoup.Jsoup.parse(program.body()).select("#bewijs input[name=herkomst]").val()).isEqualTo("Brief");
        HttpResponse<String> tooLarge = handler.postFiles("/zaken/" + reference + "/bewijs", Map.of("herkomst", "Brief"),
                Map.of("scan.pdf", new byte[60 * 1024 * 1024]));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("te groot", "er is niets toegevoegd");
        assertThat(jdbc.queryForObject("select count(*) from evidence e join complaint c on c.id = e.complaint_id"
                + " where c.reference = ?", Long.class, reference)).isEqualTo(1);

        // the board reads objections; it adds no files
        StaffSession director = logIn("directeur", "tasklist");
        assertThat(director.postFiles("/zaken/" + reference + "/bewijs", Map.of("herkomst", "Brief"), Map.of("foto.png", PNG))
                .statusCode()).isEqualTo(403);
    }

    /**
     * A letter's papers were scanned to the wrong case: the handler moves the file to the case it belongs to. It leaves
     * the first case (and its complainant's copy of their data), the other case has it, and both timelines say so; the
     * first case's line naming the other is for staff only.
     */
    @Test
    void aFileAddedToTheWrongCaseMovesToTheCaseItBelongsTo() throws Exception {
        String wrong = submit(janJansen().email("verkeerde.zaak@example.nl"));
        String right = submit(janJansen().name("Rita Recht").email("rita.recht@example.nl"));
        StaffSession handler = logIn("behandelaar", "tasklist");
        assertThat(handler.postFiles("/zaken/" + wrong + "/bewijs", Map.of("herkomst", "Brief van Rita"),
                Map.of("rita-factuur.png", PNG)).statusCode()).isEqualTo(302);
        Long file = jdbc.queryForObject("select e.id from evidence e join complaint c on c.id = e.complaint_id where c.reference = ?",
                Long.class, wrong);
        assertThat(org.jsoup.Jsoup.parse(handler.get("/zaken/" + wrong).body()).select("#bewijs-verplaatsen option[value]:not([value=''])").text())
                .isEqualTo("rita-factuur.png (image/png, 1 kB)");

        HttpResponse<String> itself = handler.post("/zaken/" + wrong + "/bewijs-verplaatsen", Map.of("bestand", file.toString(), "naar", wrong));
        assertThat(itself.statusCode()).isEqualTo(400);
        assertThat(org.jsoup.Jsoup.parse(itself.body()).select("#fout-bewijs-verplaatsen").text()).contains("staat al bij deze zaak");
        assertThat(handler.post("/zaken/" + wrong + "/bewijs-verplaatsen", Map.of("bestand", file.toString(), "naar", "KL-2000-999999"))
                .body()).contains("Zaak KL-2000-999999 bestaat niet of is niet van jouw team");

        HttpResponse<String> moved = handler.post("/zaken/" + wrong + "/bewijs-verplaatsen",
                Map.of("bestand", file.toString(), "naar", right.toLowerCase()));
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForList("select c.reference from evidence e join complaint c on c.id = e.complaint_id"
                + " where e.file_name = 'rita-factuur.png'", String.class)).containsExactly(right);
        assertThat(handler.get("/zaken/" + wrong).body()).doesNotContain(">rita-factuur.png</a>")
                .contains("Bewijsstuk rita-factuur.png verplaatst naar zaak " + right);
        assertThat(handler.get("/zaken/" + right).body()).contains(">rita-factuur.png</a>",
                "Bewijsstuk toegevoegd (stond per vergissing bij een andere zaak): rita-factuur.png");
        com.fasterxml.jackson.databind.JsonNode copy = as("teamleider").postForObject("/api/privacy/export",
                Map.of("email", "verkeerde.zaak@example.nl"), com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(copy.toString()).doesNotContain("rita-factuur.png").doesNotContain(right);
        assertThat(as("teamleider").postForObject("/api/privacy/export", Map.of("email", "rita.recht@example.nl"),
                com.fasterxml.jackson.databind.JsonNode.class).get("cases").get(0).get("evidence").findValuesAsText("fileName"))
                .containsExactly("rita-factuur.png");
        // the same form again: the file is no longer there
        assertThat(handler.post("/zaken/" + wrong + "/bewijs-verplaatsen", Map.of("bestand", file.toString(), "naar", right)).body())
                .contains("Dit bestand staat niet (meer) bij deze zaak");
    }

    /** "Te laat" finds a late case behind more than a page of newer ones, and the page says when it is cut off. */
    @Test
    void aLateCaseIsFoundBehindThreeHundredNewerOnes() throws Exception {
        String reference = submit(janJansen().email("oud.en.laat@example.nl"));
        runDueJobs(reference);
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        taskService.setDueDate(task.getId(), Date.from(Instant.now().minus(2, ChronoUnit.DAYS)));
        // more newer open cases than the page shows (rows only: no process needed to be newer)
        jdbc.batchUpdate("insert into complaint (id, version, reference, complainant_name, complainant_email, channel, status, "
                + "description, received_at, registered_at) values (next value for complaint_seq, 0, ?, 'Nieuw', "
                + "'nieuw@example.nl', 'API', 'REGISTERED', 'Nieuwer.', ?, ?)", java.util.stream.IntStream
                .range(0, CaseOverview.MAX_ROWS + 1).mapToObj(i -> new Object[] {"KL-2099-" + String.format("%06d", i),
                        java.sql.Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)),
                        java.sql.Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS))}).toList());
        try {
            StaffSession teamLead = logIn("teamleider", "tasklist");
            assertThat(teamLead.get("/zaken?licht=te-laat").body()).contains(row(reference), "licht-te-laat")
                    .doesNotContain("KL-2099-");
            assertThat(teamLead.get("/zaken").body()).contains("Alleen de 300 nieuwste zaken staan hier")
                    .doesNotContain(row(reference));
        } finally {
            jdbc.update("delete from complaint where reference like 'KL-2099-%'");
        }
    }

    /** A case decided as unfounded whose complainant objected: the board reviews it now. */
    private String atTheBoard(String email) {
        String reference = submit(janJansen().email(email));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"Het is wel aangetoond, zie de foto's.\"}"), String.class).getStatusCode().value())
                .isEqualTo(202);
        runDueJobs(reference);
        return reference;
    }

    /**
     * Every handlers' task that lapses can be given to a colleague by a team lead, as the escalation mail says:
     * also the revision after an upheld objection (the board's process) and a mail to handle by hand.
     */
    @Test
    void theTeamLeadGivesTheHandlersTasksOfTheOtherProcessesToAnotherHandler() throws Exception {
        String reference = atTheBoard("herzien.toewijzen@example.nl");
        completeTask(reference, ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "Opnieuw bekijken."));
        Task revision = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVISE_DECISION).singleResult();
        taskService.claim(revision.getId(), "behandelaar");
        String mail = runtimeService.startProcessInstanceByKey("manualMailHandling", Map.of("mailFrom", "iemand",
                "mailSubject", "Iets", "mailFolder", "Handmatig", "mailProblem", "test", "receivedAt", new Date())).getId();
        Task byHand = taskService.createTaskQuery().processInstanceId(mail).singleResult();

        // and a case the board reviews now
        String atTheBoard = atTheBoard("bij.de.directie@example.nl");
        Task boardReview = taskService.createTaskQuery().processInstanceBusinessKey(atTheBoard)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult();
        assertThat(boardReview).isNotNull();

        StaffSession teamLead = logIn("teamleider", "tasklist");
        // the claimed revision back to the group, the mail to a handler
        assertThat(teamLead.post("/zaken/taken/" + revision.getId() + "/toewijzen", Map.of("behandelaar", "")).statusCode())
                .isEqualTo(302);
        assertThat(taskService.createTaskQuery().taskId(revision.getId()).singleResult().getAssignee()).isNull();
        assertThat(teamLead.get("/zaken").body()).as("where the redirect lands").contains("De taak is terug bij de groep.");
        assertThat(teamLead.post("/zaken/taken/" + byHand.getId() + "/toewijzen", Map.of("behandelaar", "behandelaar"))
                .statusCode()).isEqualTo(302);
        assertThat(taskService.createTaskQuery().taskId(byHand.getId()).singleResult().getAssignee()).isEqualTo("behandelaar");
        assertThat(teamLead.get("/zaken").body()).as("by the name the list shows").contains("De taak is toegewezen aan Henk Behandelaar.");
        // the board's own review stays the directors': no grant for the team leads there
        assertThat(taskService.createTaskQuery().taskCandidateGroup(nl.homepair.complaints.security.Groups.DIRECTORS)
                .list()).extracting(Task::getId).contains(boardReview.getId())
                .allSatisfy(board -> assertThat(authorizationService.createAuthorizationQuery()
                        .groupIdIn(nl.homepair.complaints.security.Groups.TEAM_LEADS).resourceId(board).count()).isZero());
        assertThat(teamLead.post("/zaken/taken/" + boardReview.getId() + "/toewijzen", Map.of("behandelaar", "behandelaar"))
                .statusCode()).as("not the team lead's to give").isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(boardReview.getId()).singleResult().getAssignee()).isNull();
    }

    /** A task that changes at the moment the team lead gives it to someone else: a page that says so, nothing stored. */
    @Test
    void aTaskChangedWhileTheTeamLeadReassignsItGivesAPageToTryAgain() throws Exception {
        Task task = assessmentTaskOf(janJansen().email("tegelijk.toewijzen@example.nl"));
        StaffSession teamLead = logIn("teamleider", "tasklist");

        HttpResponse<String> answer = ConcurrentTaskChange.during(dataSource, task.getId(), () -> {
            try {
                return teamLead.post("/zaken/taken/" + task.getId() + "/toewijzen", Map.of("behandelaar", "behandelaar"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("<h1>Probeer het opnieuw</h1>", "niets opgeslagen");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
    }

    /** The team lead reads an incident by its case and its step's Dutch name, not the model's technical id. */
    @Test
    void theTeamDashboardNamesAnIncidentsCaseAndStepInDutch() throws Exception {
        String reference = post(janJansen().email("storing.zichtbaar@example.nl")).getBody().get("reference").asText();
        Long id = complaints.findByReference(reference).orElseThrow().getId();
        jdbc.update("update complaint set complainant_email = 'niet-meer-bruikbaar' where id = ?", id);
        runDueJobs(reference); // the acknowledgement fails and waits for its retry
        Job acknowledgement = managementService.createJobQuery()
                .processInstanceId(complaints.findByReference(reference).orElseThrow().getProcessInstanceId())
                .activityId(ComplaintProcess.SEND_ACKNOWLEDGEMENT).singleResult();
        managementService.setJobRetries(acknowledgement.getId(), 1);
        managementService.setJobDuedate(acknowledgement.getId(), new Date());
        runDueJobs(reference); // its last retry: an incident

        String dashboard = logIn("teamleider", "tasklist").get("/zaken").body();
        String incidents = dashboard.substring(dashboard.indexOf("<h3>Incidenten</h3>"));
        assertThat(incidents).contains("/zaken/" + reference, "<td>Ontvangstbevestiging versturen</td>", "No valid address")
                .doesNotContain(ComplaintProcess.SEND_ACKNOWLEDGEMENT);

        // the alert about it, queued for the team leads, leaves now: no due job left to other tests
        String key = jdbc.queryForObject("select delivery_key from sent_mail where complaint_id = ? and template = 'storing'",
                String.class, id);
        assertThat(managementService.createJobQuery().list().stream()
                .filter(job -> String.valueOf(((JobEntity) job).getJobHandlerConfigurationRaw()).endsWith(":" + key)))
                .singleElement().satisfies(job -> managementService.executeJob(job.getId()));
    }

    private static String row(String reference) {
        return "data-referentie=\"" + reference + "\"";
    }

    private StaffSession logIn(String user, String app) throws Exception {
        StaffSession session = StaffSession.logIn(port, user, app);
        if (!"platform".equals(user)) {
            assertThat(session.loginStatus()).as("login of " + user).isEqualTo(200);
        }
        return session;
    }
}
