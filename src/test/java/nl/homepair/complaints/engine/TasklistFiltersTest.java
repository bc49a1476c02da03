package nl.homepair.complaints.engine;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.cluster.ClusterLease;
import nl.homepair.complaints.cluster.ClusterLeases;
import nl.homepair.complaints.security.HandlerGroups;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.security.IdentityProperties;
import nl.homepair.complaints.tasklist.TaskHeadline;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The saved filters of each group in Tasklist (R15), read through the engine's REST API as each user. */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class TasklistFiltersTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    FilterService filterService;
    @Autowired
    TasklistFilters filters;
    @Autowired
    nl.homepair.complaints.sla.WorkingDayCalendar workingDays;
    @Autowired
    TaskHeadline headline;
    @Autowired
    IdentitySetup identitySetup;
    @Autowired
    IdentityService identityService;
    @Autowired
    IdentityProperties identityProperties;
    @Autowired
    AuthorizationSetup authorizations;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConfigurableApplicationContext context;

    private static final List<String> WORK = List.of(TasklistFilters.MY_TASKS, TasklistFilters.GROUP_TASKS,
            TasklistFilters.UNASSIGNED, TasklistFilters.DUE_SOON, TasklistFilters.LATE);

    @Test
    void eachGroupReadsItsOwnFiltersInTheirOrder() {
        assertThat(filterNames("behandelaar")).containsExactlyElementsOf(WORK);
        List<String> director = new ArrayList<>(WORK);
        director.add(TasklistFilters.OBJECTIONS);
        assertThat(filterNames("directeur")).containsExactlyElementsOf(director);
        List<String> teamLead = new ArrayList<>(director);
        teamLead.add(TasklistFilters.TEAM_LATE);
        assertThat(filterNames("teamleider")).containsExactlyElementsOf(teamLead);
        assertThat(as("platform").getForEntity("/engine-rest/filter?resourceType=Task", String.class).getStatusCode().value())
                .isEqualTo(403);
    }

    @Test
    void aLateAssessmentShowsInTeLaatAndForTheTeamLeadAndMovesUp() {
        Task task = assessmentOf(submit(janJansen().email("laat@example.nl")));
        assertThat(tasksIn("behandelaar", TasklistFilters.UNASSIGNED)).contains(task.getId());
        assertThat(tasksIn("behandelaar", TasklistFilters.GROUP_TASKS)).contains(task.getId());
        assertThat(tasksIn("behandelaar", TasklistFilters.LATE)).doesNotContain(task.getId());

        taskService.setDueDate(task.getId(), Date.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        taskService.claim(task.getId(), "behandelaar");

        assertThat(tasksIn("behandelaar", TasklistFilters.LATE)).contains(task.getId());
        assertThat(tasksIn("behandelaar", TasklistFilters.MY_TASKS)).contains(task.getId());
        assertThat(tasksIn("behandelaar", TasklistFilters.UNASSIGNED)).doesNotContain(task.getId());
        assertThat(tasksIn("teamleider", TasklistFilters.TEAM_LATE)).contains(task.getId());
        assertThat(tasksIn("directeur", TasklistFilters.OBJECTIONS)).doesNotContain(task.getId());

        headline.raiseOverdueTasks();
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getPriority()).isEqualTo(TaskHeadline.OVERDUE);
    }

    @Test
    void overdueTasksAreRaisedByTheNodeThatHoldsTheLeaseOnly() {
        Task task = assessmentOf(submit(janJansen().email("te-laat-op-twee-nodes@example.nl")));
        taskService.setDueDate(task.getId(), Date.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        ClusterLease otherNode = new ClusterLeases(jdbc).lease(TaskHeadline.LEASE, java.time.Duration.ofMinutes(30));
        assertThat(otherNode.acquire()).isTrue();
        try {
            headline.raiseOverdueTasks();
            assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getPriority())
                    .as("the round is the other node's").isEqualTo(TaskHeadline.NORMAL);
        } finally {
            otherNode.release();
        }

        headline.raiseOverdueTasks();
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getPriority()).isEqualTo(TaskHeadline.OVERDUE);
    }

    @Test
    void aTaskDueWithinTheNextWorkingDayIsInVerlooptVandaagOfVolgendeWerkdag() {
        Task task = assessmentOf(submit(janJansen().email("bijna@example.nl")));
        assertThat(tasksIn("behandelaar", TasklistFilters.DUE_SOON)).doesNotContain(task.getId());

        taskService.setDueDate(task.getId(), Date.from(Instant.now().plus(1, ChronoUnit.HOURS)));

        assertThat(tasksIn("behandelaar", TasklistFilters.DUE_SOON)).contains(task.getId());
        // a deadline is the end of its day: the next working day's one is in too (the engine's dueBefore is exclusive)
        java.time.LocalDate next = workingDays.nthWorkingDayAfter(java.time.LocalDate.now(nl.homepair.complaints.text.DutchDates.ZONE), 1);
        taskService.setDueDate(task.getId(), Date.from(next.atTime(nl.homepair.complaints.sla.WorkingDayCalendar.END_OF_DAY)
                .atZone(nl.homepair.complaints.text.DutchDates.ZONE).toInstant()));
        filters.ensureAll(); // the filter's bound is set at midnight; here as a node sets it at start-up
        assertThat(tasksIn("behandelaar", TasklistFilters.DUE_SOON)).contains(task.getId());
        assertThat(tasksIn("behandelaar", TasklistFilters.LATE)).doesNotContain(task.getId());
    }

    /** A task a team lead took on from the handlers is in their own lists of what is due, as a handler's is in theirs. */
    @Test
    void aTaskSomeoneHoldsOutsideTheirGroupsIsInTheirListsOfWhatIsDue() {
        Task task = assessmentOf(submit(janJansen().email("overgenomen@example.nl")));
        taskService.setAssignee(task.getId(), "teamleider");
        taskService.setDueDate(task.getId(), Date.from(Instant.now().plus(1, ChronoUnit.HOURS)));
        assertThat(tasksIn("teamleider", TasklistFilters.DUE_SOON)).contains(task.getId());
        assertThat(tasksIn("teamleider", TasklistFilters.LATE)).doesNotContain(task.getId());
        // a director neither holds it nor is in its group
        assertThat(tasksIn("directeur", TasklistFilters.DUE_SOON)).doesNotContain(task.getId());
        // the handlers still see it: it is of their group, whoever holds it
        assertThat(tasksIn("behandelaar", TasklistFilters.DUE_SOON)).contains(task.getId());

        taskService.setDueDate(task.getId(), Date.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        assertThat(tasksIn("teamleider", TasklistFilters.LATE)).contains(task.getId());
        assertThat(tasksIn("teamleider", TasklistFilters.DUE_SOON)).doesNotContain(task.getId());
        assertThat(tasksIn("behandelaar", TasklistFilters.LATE)).contains(task.getId());
        assertThat(tasksIn("directeur", TasklistFilters.LATE)).doesNotContain(task.getId());
        runtimeService.deleteProcessInstance(task.getProcessInstanceId(), "test done: not late in other tests' lists");
    }

    @Test
    void aStartBringsChangedAndRenamedFiltersBack() {
        Filter group = filterService.createFilterQuery().filterName(TasklistFilters.GROUP_TASKS).singleResult();
        filterService.saveFilter(group.setName("Taken van mijn groepen").setQuery(taskService.createTaskQuery().taskName("niets")));

        filters.ensureAll();

        assertThat(filterService.createFilterQuery().filterName("Taken van mijn groepen").count()).isZero();
        Filter back = filterService.createFilterQuery().filterName(TasklistFilters.GROUP_TASKS).singleResult();
        assertThat(back.getId()).isEqualTo(group.getId());
        assertThat(filterNames("behandelaar")).containsExactlyElementsOf(WORK);
        Task task = assessmentOf(submit(janJansen().email("terug@example.nl")));
        assertThat(tasksIn("behandelaar", TasklistFilters.GROUP_TASKS)).contains(task.getId());
    }

    /** A team lead's own "Te laat" (saved in Tasklist, for the cases they follow) is theirs: a start and a midnight leave it. */
    @Test
    void aPersonsOwnFilterWithTheSameNameIsLeftAlone() {
        Filter own = filterService.saveFilter(filterService.newTaskFilter(TasklistFilters.LATE).setOwner("teamleider")
                .setQuery(taskService.createTaskQuery().taskName("mijn eigen zaken")));
        try {
            filters.ensureAll();
            filters.moveDueSoonToToday();

            Filter still = filterService.getFilter(own.getId());
            assertThat(still).isNotNull();
            assertThat(still.getOwner()).isEqualTo("teamleider");
            assertThat(((org.camunda.bpm.engine.impl.TaskQueryImpl) still.getQuery()).getName()).isEqualTo("mijn eigen zaken");
            assertThat(filterService.createFilterQuery().filterName(TasklistFilters.LATE).list())
                    .filteredOn(f -> f.getOwner() == null).hasSize(1);
        } finally {
            filterService.deleteFilter(own.getId());
        }
    }

    /** The filter that on a Friday lists Monday's tasks says "volgende werkdag", not "morgen"; the old name is renamed. */
    @Test
    void theDueSoonFilterOfAnEarlierVersionIsRenamed() {
        Filter dueSoon = filterService.createFilterQuery().filterName(TasklistFilters.DUE_SOON).singleResult();
        filterService.saveFilter(dueSoon.setName("Verloopt vandaag of morgen"));

        filters.ensureAll();

        assertThat(filterService.createFilterQuery().filterName("Verloopt vandaag of morgen").count()).isZero();
        assertThat(filterService.createFilterQuery().filterName(TasklistFilters.DUE_SOON).singleResult().getId())
                .isEqualTo(dueSoon.getId());

        // an earlier build started again (a rollback) made the old one anew beside it: the next start removes it
        filterService.saveFilter(filterService.newTaskFilter("Verloopt vandaag of morgen")
                .setQuery(taskService.createTaskQuery().taskName("oud")));
        filters.ensureAll();
        assertThat(filterService.createFilterQuery().filterName("Verloopt vandaag of morgen").count()).isZero();
        assertThat(filterService.createFilterQuery().filterName(TasklistFilters.DUE_SOON).singleResult().getId())
                .isEqualTo(dueSoon.getId());
    }

    @Test
    void copiesOfAFilterAreRemovedAndTwoNodesSettingUpAtOnceMakeNoNewOnes() throws Exception {
        filterService.saveFilter(filterService.newTaskFilter(TasklistFilters.UNASSIGNED)
                .setQuery(taskService.createTaskQuery().taskName("kopie")));
        filterService.deleteFilter(filterService.createFilterQuery().filterName(TasklistFilters.LATE).singleResult().getId());
        // two nodes (two owners of the lease) starting together on the same database
        IdentitySetup other = new IdentitySetup(identityService, filters, identityProperties, authorizations, engine,
                new ClusterLeases(jdbc), context.getEnvironment(), context.getBean(HandlerGroups.class),
                context.getBean(nl.homepair.complaints.cluster.ClusterSettings.class));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<Future<?>> setUps = List.of(nodes.submit(() -> identitySetup.setUp()), nodes.submit(() -> other.setUp()));
        for (Future<?> setUp : setUps) {
            setUp.get(2, TimeUnit.MINUTES);
        }
        nodes.shutdown();

        for (String name : WORK) {
            assertThat(filterService.createFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
        }
        assertThat(filterNames("behandelaar")).containsExactlyElementsOf(WORK);
    }

    /** A group that works the procedure's tasks without members is named in the log at the start (the board's reviews). */
    @Test
    void aStartSaysWhenTheBoardHasNoMembers(org.springframework.boot.test.system.CapturedOutput output) {
        List<String> directors = identityService.createUserQuery().memberOfGroup("directors").list().stream()
                .map(org.camunda.bpm.engine.identity.User::getId).toList();
        directors.forEach(user -> identityService.deleteMembership(user, "directors"));
        try {
            identitySetup.warnOfEmptyGroups(); // as the start does after its users (the demo director would be back)
            assertThat(output.getOut()).contains("Group directors (Directie) has no members")
                    .doesNotContain("Group handlers (Klachtbehandelaars) has no members");
        } finally {
            directors.stream().filter(user -> identityService.createUserQuery().userId(user).memberOfGroup("directors").count() == 0)
                    .forEach(user -> identityService.createMembership(user, "directors"));
        }
    }

    /** A machine user's password rotated in the configuration is the one that logs in after the next start. */
    @Test
    void aMachineUsersPasswordRotatedInTheConfigurationIsTheOneAfterTheNextStart() {
        String id = "platformrotatie";
        try {
            // a secret rotated every quarter for three years: each start remembers one more fingerprint (the last ten)
            List<String> rotations = new java.util.ArrayList<>();
            for (int quarter = 1; quarter <= 12; quarter++) {
                rotations.add("Machinewachtwoord-kwartaal-" + quarter + "-2026");
            }
            rotations.addAll(List.of("Eerste-Machinewachtwoord-2026", "Tweede-Machinewachtwoord-2026"));
            for (String password : rotations) {
                IdentityProperties configured = new IdentityProperties(List.of(new IdentityProperties.UserSpec(id, "Platform",
                        "Rotatie", "platform-rotatie@homepair.nl", password, List.of("platform"))));
                new IdentitySetup(identityService, filters, configured, authorizations, engine, new ClusterLeases(jdbc),
                        context.getEnvironment(), context.getBean(HandlerGroups.class),
                        context.getBean(nl.homepair.complaints.cluster.ClusterSettings.class)).setUp();
                assertThat(identityService.checkPassword(id, password)).as(password).isTrue();
            }
            assertThat(identityService.checkPassword(id, "Eerste-Machinewachtwoord-2026")).isFalse();
            // a node that still has the first configuration starts (not yet redeployed): the rotated password stays
            IdentityProperties stale = new IdentityProperties(List.of(new IdentityProperties.UserSpec(id, "Platform", "Rotatie",
                    "platform-rotatie@homepair.nl", "Eerste-Machinewachtwoord-2026", List.of("platform"))));
            new IdentitySetup(identityService, filters, stale, authorizations, engine, new ClusterLeases(jdbc),
                    context.getEnvironment(), context.getBean(HandlerGroups.class),
                    context.getBean(nl.homepair.complaints.cluster.ClusterSettings.class)).setUp();
            assertThat(identityService.checkPassword(id, "Tweede-Machinewachtwoord-2026")).isTrue();
            assertThat(identityService.checkPassword(id, "Eerste-Machinewachtwoord-2026")).isFalse();
            assertThat(identityService.createUserQuery().userId(id).memberOfGroup("platform").count()).isOne();
        } finally {
            identityService.deleteUser(id);
            jdbc.update("delete from cluster_setting where name = ?", "identity-passwords-set:" + id);
        }
    }

    private Task assessmentOf(String reference) {
        runDueJobs(reference);
        return taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
    }

    private List<String> filterNames(String user) {
        JsonNode list = as(user).getForObject("/engine-rest/filter?resourceType=Task&sortBy=name&sortOrder=asc", JsonNode.class);
        List<JsonNode> filters = new ArrayList<>();
        list.forEach(filters::add);
        filters.sort(java.util.Comparator.comparingInt(f -> f.path("properties").path("priority").asInt()));
        return filters.stream().map(f -> f.path("name").asText()).toList();
    }

    private List<String> tasksIn(String user, String filterName) {
        String id = filterService.createFilterQuery().filterName(filterName).singleResult().getId();
        JsonNode tasks = as(user).getForObject("/engine-rest/filter/" + id + "/list?maxResults=1000", JsonNode.class);
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }
}
