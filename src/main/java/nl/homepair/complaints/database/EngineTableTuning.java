package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Indexes and statistics that the engine's own queries need with many open cases (issue 16,
 * "Fast"); created at start-up once the engine has made its tables, before the web server
 * takes requests, and left alone when they exist. Objects beside the engine's tables, not
 * changes of them. Here rather than in a Flyway script, which on a fresh database may run
 * before the engine has created its tables ({@code docs/decisions.md}).
 *
 * <p>On every database, an index on the jobs' due date: every poll of every node's job
 * executor asks {@code ACT_RU_JOB} for a few jobs that are due ({@code DUEDATE_ <= now}, every
 * job has a due date: {@code ensureJobDueDateNotNull}, see {@link #dueDatesForOldJobs}) and not
 * locked, oldest first. Camunda 7.24 has no index that serves this, so each poll read the whole
 * table: every open case keeps its waiting deadline timers there, and a storm of due timers is
 * worked off a few jobs per poll (25.8 ms against 0.7 ms per poll at a storm's tail).
 *
 * <p>On PostgreSQL, a partial index of the locked jobs by process instance: the same poll
 * skips a due job whose process instance has an exclusive job running ({@code not exists}
 * over {@code ACT_RU_JOB} where {@code LOCK_OWNER_ is not null}). PostgreSQL answers that as a
 * hashed sub-plan over the jobs that are locked, and without an index that finds them it read
 * the whole table for every poll, every open case's waiting timers included (in a timer
 * storm the poll was the server's costliest statement: 1.9-4.6 ms a call). The index holds
 * only the jobs running at that moment; its price is that taking a job's lock updates the
 * table's indexes (decisions.md).
 *
 * <p>On PostgreSQL, for the task query with authorizations on (Tasklist's filters,
 * {@code GET /engine-rest/task}). The engine gives every task's candidate group an
 * authorization of its own, so {@code ACT_RU_AUTHORIZATION} holds a row per open task, and the
 * query joins it to each task with {@code AUTH.RESOURCE_ID_ IN (task id, definition key, '*')},
 * keeping the rows that grant READ on the task ({@code RESOURCE_TYPE_ 7, PERMS_ & 2}) or
 * READ_TASK on its definition ({@code 6, PERMS_ & 64}).
 * <ul>
 *   <li>statistics on {@code PERMS_ & 2} and {@code PERMS_ & 64}: without them PostgreSQL
 *       guesses that 0.5 % of the rows pass, joins the table to every task without its index,
 *       and 9,000 open tasks took 19 s; with them it looks each task's grant up by
 *       {@code RESOURCE_ID_} (0.34 s);</li>
 *   <li>an index in the order of the query's first page by due date: the query selects
 *       {@code DISTINCT} over all task columns ordered by due date, so PostgreSQL sorts by
 *       {@code DUE_DATE_, REV_, ID_, ...}; deadlines are ends of working days, shared by
 *       thousands of tasks, so an index on {@code DUE_DATE_} alone leaves them to be sorted,
 *       and this one lets it read the tasks in order and stop after the page
 *       (100,000 open tasks: 0.4 s to 25 ms);</li>
 *   <li>indexes that cover what a count of a group's tasks asks of the tasks, their candidate
 *       groups and their grants, each in task-id order: PostgreSQL then merges three
 *       index-only scans instead of reading and hashing the three tables (100,000 open tasks,
 *       the count as {@code tasklist/TaskCountWithGrantsAsASet} asks it: 0.36-0.53 s to
 *       65-90 ms, by hand; a team lead's, whose grant on the definition key needs each
 *       task's definition from the index: 0.30-0.45 s to 0.16-0.21 s). Index-only scans need
 *       the tables' visibility maps, which vacuum keeps: autovacuum visits these three tables
 *       after 1 % of their rows changed instead of 20 %. Each index costs an insert into it
 *       per task, candidate group and grant written.</li>
 * </ul>
 */
@Component
public class EngineTableTuning implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EngineTableTuning.class);

    /** The same statement on PostgreSQL and H2. */
    static final List<String> EVERY_DATABASE = List.of(
            "create index if not exists homepair_idx_job_duedate on act_ru_job (duedate_)");

    /**
     * On H2, what its planner needs to know before it has seen any data. H2 plans a statement when
     * a connection first prepares it and keeps that plan in the connection's statement cache
     * ({@code QUERY_CACHE_SIZE}, application.yaml) for the connection's life; a later
     * {@code ANALYZE} (H2 runs one after every 2,000 changed rows) does not re-plan it. On a fresh
     * database every column counts as 50 % distinct, and the engine's look-up of an execution's
     * variables ({@code EXECUTION_ID_ = ? and TASK_ID_ is null}, at every variable read of every
     * job and task) was planned on the index of {@code TASK_ID_}: it then read every variable of
     * every open case that is not a task's, for each look-up (a seventh of the intake's CPU after
     * 800 complaints, growing with every case; 4 ms against 6 us per look-up at 3,000 cases), until
     * the pool replaced the connection. Almost every variable belongs to an execution, as an
     * {@code ANALYZE} of a working database finds too (selectivity 1), so this is said up front.
     */
    static final List<String> H2 = List.of(
            "alter table act_ru_variable alter column task_id_ selectivity 1");

    static final List<String> POSTGRESQL = List.of(
            "create index if not exists homepair_idx_job_locked on act_ru_job (process_instance_id_)"
                    + " where lock_owner_ is not null",
            "create statistics if not exists act_ru_auth_read_stats on (perms_ & 2) from act_ru_authorization",
            "create statistics if not exists act_ru_auth_read_task_stats on (perms_ & 64) from act_ru_authorization",
            "create index if not exists hp_task_due_date_idx on act_ru_task (due_date_, rev_, id_)",
            // a count of a group's tasks with their grants: three index-only scans in id order, merged;
            // the definition (and case) of each task too, for a grant on a definition key (team leads)
            "create index if not exists hp_task_grant_cover_idx on act_ru_task (id_)"
                    + " include (assignee_, tenant_id_, due_date_, suspension_state_, proc_def_id_, case_execution_id_)",
            "create index if not exists hp_identitylink_task_cover_idx on act_ru_identitylink (task_id_)"
                    + " include (type_, group_id_, user_id_)",
            "create index if not exists hp_auth_resource_cover_idx on act_ru_authorization (resource_id_)"
                    + " include (type_, user_id_, group_id_, resource_type_, perms_)",
            // index-only scans read the row itself for every page not marked all-visible since its last
            // change; vacuum marks them, by default only after a fifth of the table changed
            vacuumAfterOnePercentChanged("act_ru_task"),
            vacuumAfterOnePercentChanged("act_ru_identitylink"),
            vacuumAfterOnePercentChanged("act_ru_authorization"),
            // new statistics are empty until the table is analysed; autovacuum keeps them up to date after
            "analyze act_ru_authorization");

    /** An index of an earlier version and the index on the same table that replaces it. */
    record ReplacedIndex(String index, String table, String replacement) {
    }

    /**
     * Indexes of earlier versions (PostgreSQL), dropped once their replacement exists:
     * {@code hp_task_id_cover_idx} lacked the task's definition, so a team lead's count read the
     * table beside it.
     */
    static final List<ReplacedIndex> REPLACED_ON_POSTGRESQL = List.of(
            new ReplacedIndex("hp_task_id_cover_idx", "act_ru_task", "hp_task_grant_cover_idx"));
    /** How long the drop of a replaced index waits for transactions on its table before it is left to the next start. */
    private static final String DROP_LOCK_TIMEOUT = "10s";

    private static final Pattern CREATE_INDEX = Pattern.compile("create index if not exists (\\w+) on (\\w+)");

    private final DataSource dataSource;

    /** @param engine built, so its tables exist */
    public EngineTableTuning(DataSource dataSource, ProcessEngine engine) {
        this.dataSource = dataSource;
    }

    /**
     * With {@code ensureJobDueDateNotNull} (application.yaml) the job executor only takes jobs
     * with a due date: the engine gives every new job one. A job made before, by an older version
     * of the application (an asynchronous step has none there), gets "now", in the engine's clock
     * as the engine writes its own dates, or it would never run.
     */
    static int dueDatesForOldJobs(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update act_ru_job set duedate_ = ? where duedate_ is null")) {
            update.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
            int jobs = update.executeUpdate();
            if (jobs > 0) {
                log.info("{} waiting jobs without a due date (made by an older version) are due now", jobs);
            }
            return jobs;
        }
    }

    private static String vacuumAfterOnePercentChanged(String table) {
        return "alter table " + table
                + " set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01)";
    }

    /**
     * Drops the indexes that others replaced, each only when it exists and, concurrently, without
     * holding up the nodes that write tasks meanwhile.
     */
    private static void dropReplaced(Connection connection, Statement statement) {
        for (ReplacedIndex replaced : REPLACED_ON_POSTGRESQL) {
            String drop = "drop index concurrently if exists " + replaced.index();
            try {
                if (existingIndex(connection, replaced.replacement(), replaced.table())
                        && existingIndex(connection, replaced.index(), replaced.table())) {
                    // it waits for every transaction on the table; one left open elsewhere must not hold the start
                    // up: a drop that gives up leaves the index (or an invalid one), dropped at the next start
                    statement.execute("set lock_timeout = '" + DROP_LOCK_TIMEOUT + "'");
                    try {
                        statement.execute(drop);
                    } finally {
                        statement.execute("reset lock_timeout");
                    }
                    log.info("Dropped {}: an index of an earlier version that {} replaces", replaced.index(),
                            replaced.replacement());
                }
            } catch (SQLException e) {
                log.warn("Not done ({}): {}; until it is, it only costs writes", e.getMessage(), drop);
            }
        }
    }

    /** Whether the statement creates an index ({@code create index if not exists <name> on <table>}) that exists. */
    public static boolean existingIndex(Connection connection, String sql) throws SQLException {
        Matcher index = CREATE_INDEX.matcher(sql);
        return index.lookingAt() && existingIndex(connection, index.group(1), index.group(2));
    }

    /** Whether the table (an unquoted name) has an index of that name. */
    static boolean existingIndex(Connection connection, String index, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        // unquoted names: PostgreSQL keeps them in lower case, H2 in upper case
        String stored = metaData.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        try (ResultSet indexes = metaData.getIndexInfo(null, connection.getSchema(), stored, false, true)) {
            while (indexes.next()) {
                if (index.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void afterPropertiesSet() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String product = connection.getMetaData().getDatabaseProductName();
            boolean postgres = "PostgreSQL".equalsIgnoreCase(product);
            List<String> statements = new ArrayList<>(EVERY_DATABASE);
            if (postgres) {
                statements.addAll(POSTGRESQL);
            } else if ("H2".equalsIgnoreCase(product)) {
                statements.addAll(H2);
            }
            for (String sql : statements) {
                try {
                    if (existingIndex(connection, sql)) {
                        // "if not exists" alone would still lock the table against writes (PostgreSQL takes the
                        // lock before it looks): at every start, on every node, while the others write
                        continue;
                    }
                    statement.execute(sql);
                } catch (SQLException e) {
                    // e.g. a database user that does not own the engine's tables, or a second node creating the
                    // same index at the same moment: the application works, job polls and Tasklist may be slower
                    log.warn("Not done ({}): {}; with many open cases the engine's queries are slow: run it as the"
                            + " tables' owner (see EngineTableTuning)", e.getMessage(), sql);
                }
            }
            if (postgres) {
                dropReplaced(connection, statement);
            }
            try {
                dueDatesForOldJobs(connection);
            } catch (SQLException e) {
                log.error("Jobs without a due date could not be given one ({}); the job executor leaves them:"
                        + " run 'update act_ru_job set duedate_ = <now> where duedate_ is null'", e.getMessage());
            }
        } catch (SQLException e) {
            log.warn("No indexes or statistics for the engine's queries ({}); see EngineTableTuning", e.getMessage());
        }
    }
}
