package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Statistics and indexes that PostgreSQL needs to plan the engine's task query with
 * authorizations on (issue 16, "Fast"); created at start-up once the engine has made its
 * tables, before the web server takes requests, and left alone when they exist. Objects beside
 * the engine's tables, not changes of them; nothing on H2. Here rather than in a Flyway script,
 * which on a fresh database may run before the engine has created its tables.
 *
 * <p>The engine gives every task's candidate group an authorization of its own, so
 * {@code ACT_RU_AUTHORIZATION} holds a row per open task, and the task query (Tasklist's
 * filters, {@code GET /engine-rest/task}) joins it to each task with
 * {@code AUTH.RESOURCE_ID_ IN (task id, definition key, '*')}, keeping the rows that grant READ
 * on the task ({@code RESOURCE_TYPE_ 7, PERMS_ & 2}) or READ_TASK on its definition
 * ({@code 6, PERMS_ & 64}). Created here ({@code docs/decisions.md}):
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
 *       (100,000 open tasks: 0.4 s to 25 ms).</li>
 * </ul>
 */
@Component
public class TaskQueryTuning implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(TaskQueryTuning.class);

    static final List<String> STATEMENTS = List.of(
            "create statistics if not exists act_ru_auth_read_stats on (perms_ & 2) from act_ru_authorization",
            "create statistics if not exists act_ru_auth_read_task_stats on (perms_ & 64) from act_ru_authorization",
            "create index if not exists hp_task_due_date_idx on act_ru_task (due_date_, rev_, id_)",
            // new statistics are empty until the table is analysed; autovacuum keeps them up to date after
            "analyze act_ru_authorization");

    private final DataSource dataSource;

    /** @param engine built, so its tables exist */
    public TaskQueryTuning(DataSource dataSource, ProcessEngine engine) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            for (String sql : STATEMENTS) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    // e.g. a database user that does not own the engine's tables, or a second node creating the
                    // same index at the same moment: the application works, Tasklist may be slower
                    log.warn("Not done on PostgreSQL ({}): {}; with many open tasks the task query is slow: run it as the"
                            + " tables' owner (see TaskQueryTuning)", e.getMessage(), sql);
                }
            }
        } catch (SQLException e) {
            log.warn("No statistics or indexes for the task query ({}); see TaskQueryTuning", e.getMessage());
        }
    }
}
