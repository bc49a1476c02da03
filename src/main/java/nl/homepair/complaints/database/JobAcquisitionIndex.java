package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * An index on the due date of the engine's jobs (issue 16, timer storm); created at start-up
 * once the engine has made its tables, and left alone when it exists.
 *
 * <p>Every poll of every node's job executor asks {@code ACT_RU_JOB} for a few jobs that are
 * due ({@code DUEDATE_ is null or DUEDATE_ <= now}) and not locked. Camunda 7.24 has no index
 * that serves this, so each poll read the whole table: every open case keeps its waiting
 * deadline timers there (tens of thousands of rows with 10,000 open cases), and a storm of
 * due timers is worked off three jobs per poll. With the index a poll reads the due rows only.
 * An object beside the engine's tables, not a change of them; the Flyway migrations cannot
 * hold it, because they run before the engine creates its tables on a new database.
 */
@Component
public class JobAcquisitionIndex implements InitializingBean {

    static final String INDEX = "homepair_idx_job_duedate";

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private final DataSource dataSource;

    /** @param engine built, so its tables exist */
    public JobAcquisitionIndex(DataSource dataSource, ProcessEngine engine) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // the same statement on PostgreSQL and H2
            statement.execute("create index if not exists " + INDEX + " on act_ru_job (duedate_)");
        } catch (SQLException e) {
            // e.g. a database user that does not own the engine's tables: jobs still run, polls read the whole table
            log.warn("No index on ACT_RU_JOB.DUEDATE_ ({}); with many waiting timers every job executor poll reads the"
                    + " whole job table: create it as the tables' owner (see JobAcquisitionIndex)", e.getMessage());
        }
    }
}
