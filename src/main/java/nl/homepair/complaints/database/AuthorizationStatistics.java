package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Statistics that PostgreSQL needs to plan the engine's task query with authorizations on
 * (issue 16, "Fast"); created at start-up once the engine has made its tables, before the
 * web server takes requests, and left alone when they exist. Does nothing on H2.
 *
 * <p>The engine gives every task's candidate group an authorization of its own, so
 * {@code ACT_RU_AUTHORIZATION} holds a row per open task. The task query (Tasklist's filters,
 * {@code GET /engine-rest/task}) keeps the rows that grant READ with
 * {@code PERMS_ & 2 = 2} (and READ_TASK with {@code PERMS_ & 64 = 64}); without statistics on
 * these expressions PostgreSQL guesses that 0.5 % of the rows pass, joins the table to every
 * task without its index, and a handler's group tasks with 9,000 open cases took 19 s
 * (81 million comparisons). With them it looks each task's grant up in the index on
 * {@code RESOURCE_ID_}: 0.34 s. An object beside the engine's tables, not a change of them.
 */
@Component
public class AuthorizationStatistics implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationStatistics.class);

    private final DataSource dataSource;

    /** @param engine built, so its tables exist */
    public AuthorizationStatistics(DataSource dataSource, ProcessEngine engine) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            statement.execute("create statistics if not exists act_ru_auth_read_stats on (perms_ & 2) from act_ru_authorization");
            statement.execute("create statistics if not exists act_ru_auth_read_task_stats on (perms_ & 64) from act_ru_authorization");
            // new statistics are empty until the table is analysed; autovacuum keeps them up to date after
            statement.execute("analyze act_ru_authorization");
        } catch (SQLException e) {
            // e.g. a database user that does not own the engine's tables: the application works, Tasklist is slower
            log.warn("No statistics on the permissions of ACT_RU_AUTHORIZATION ({}); with many open tasks the task query"
                    + " is slow on PostgreSQL: create them as the tables' owner (see AuthorizationStatistics)", e.getMessage());
        }
    }
}
