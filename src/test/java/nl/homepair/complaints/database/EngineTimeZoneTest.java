package nl.homepair.complaints.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.TimeZone;
import nl.homepair.complaints.IntegrationTest;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The nodes of a cluster write the engine's timestamps in one time zone, or one of them does not start. */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class EngineTimeZoneTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theApplicationRecordedItsZoneAtStartUp() {
        assertThat(jdbc.queryForObject("select setting_value from cluster_setting where name = ?", String.class,
                EngineTimeZone.SETTING)).isEqualTo(TimeZone.getDefault().getID());
    }

    /** The repeated autumn hour: a zone with daylight saving time is warned about at every start, UTC is not. */
    @Test
    void aZoneWithDaylightSavingTimeIsWarnedAbout() {
        assertThat(EngineTimeZone.daylightSavingWarning("Europe/Amsterdam")).hasValueSatisfying(warning ->
                assertThat(warning).contains("daylight saving time", "-Duser.timezone=UTC"));
        assertThat(EngineTimeZone.daylightSavingWarning("UTC")).isEmpty();
        assertThat(EngineTimeZone.daylightSavingWarning("Etc/UTC")).isEmpty();
    }

    @Test
    void aNodeInAnotherZoneIsRefusedWithTheZoneToStartIn() throws Exception {
        try (Connection connection = databaseWithSettings("zones")) {

            EngineTimeZone.check(connection, "Europe/Amsterdam"); // the first node
            EngineTimeZone.check(connection, "Europe/Amsterdam"); // a second node in the same zone

            assertThatThrownBy(() -> EngineTimeZone.check(connection, "UTC"))
                    .isInstanceOf(FlywayException.class)
                    .hasMessageContaining("This node runs in time zone UTC")
                    .hasMessageContaining("-Duser.timezone=Europe/Amsterdam");
        }
    }

    /** Two images may name one zone differently ("UTC" given, "Etc/UTC" from /etc/timezone): the rules decide. */
    @Test
    void theSameZoneByAnotherNameIsTheSameZone() throws Exception {
        try (Connection connection = databaseWithSettings("zonenames")) {
            EngineTimeZone.check(connection, "UTC");
            EngineTimeZone.check(connection, "Etc/UTC");
            assertThatThrownBy(() -> EngineTimeZone.check(connection, "Europe/Amsterdam")).isInstanceOf(FlywayException.class);
        }
    }

    /**
     * The first start of this build on a database an earlier build worked in (waiting timers and tasks written in that
     * build's zone) records this node's zone, and says in the log that the earlier zone must be checked.
     */
    @Test
    void anUpgradedDatabaseWithWaitingJobsIsRecordedWithAWarning(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        try (Connection connection = databaseWithSettings("upgraded"); Statement s = connection.createStatement()) {
            assertThat(EngineTimeZone.waitingEngineRows(connection)).as("a new database: no engine tables yet").isZero();
            s.execute("create table act_ru_job (id_ varchar(64) primary key)");
            s.execute("create table act_ru_task (id_ varchar(64) primary key)");
            s.execute("insert into act_ru_job values ('timer-1'), ('timer-2')");
            s.execute("insert into act_ru_task values ('task-1')");

            EngineTimeZone.check(connection, "UTC");

            assertThat(output.getOut()).contains("already holds 3 waiting jobs and tasks written by an earlier build",
                    "-Duser.timezone=");
        }
    }

    /** An empty in-memory database with the table migration 17 makes. */
    private Connection databaseWithSettings(String name) throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (Statement s = connection.createStatement()) {
            s.execute(new String(getClass().getResourceAsStream("/db/migration/common/V17__cluster_setting.sql").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return connection;
    }
}
