package nl.homepair.complaints.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration 5 on databases made by Hibernate before migrations existed, run by Flyway as the
 * application runs it (here on a database already at version 4): existing tables keep
 * accepting enum values added later, and H2's native ENUM columns keep their values as text.
 */
class EnumColumnsAsTextTest {

    @TempDir
    Path dir;

    @Test
    void theValueListOfAnOldTableIsDroppedAndNotNullStays() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:enum-checks;DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        jdbc.execute("create table complaint (id bigint primary key, outcome varchar(30) check (outcome in ('INADMISSIBLE','DECIDED')),"
                + " name varchar(10) not null)");
        assertThatThrownBy(() -> jdbc.update("insert into complaint values (1, 'NOT_A_COMPLAINT', 'x')")).isNotNull();

        migrate(h2);

        jdbc.update("insert into complaint values (1, 'NOT_A_COMPLAINT', 'x')");
        assertThat(jdbc.queryForObject("select outcome from complaint", String.class)).isEqualTo("NOT_A_COMPLAINT");
        assertThatThrownBy(() -> jdbc.update("insert into complaint values (2, 'DECIDED', null)")).isNotNull();
    }

    @Test
    void enumColumnsOfAnExistingFileBecomeTextWithTheirNamesOnce() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("klachten") + ";AUTO_SERVER=FALSE");
        dataSource.setUser("sa");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // as Hibernate 6.6 created it on H2 before issue 11
            s.execute("create table complaint (id bigint primary key, "
                    + "channel enum ('API','MAILBOX','STAFF','WEB_FORM') not null, "
                    + "role enum ('CLIENT','OTHER_USER','PROFESSIONAL'))");
            s.execute("create table timeline_entry (id bigint primary key, "
                    + "type enum ('RECEIVED','STATUS_CHANGED') not null)");
            s.execute("insert into complaint values (1, 'API', 'CLIENT'), (2, 'WEB_FORM', null), (3, 'STAFF', 'PROFESSIONAL')");
            s.execute("insert into timeline_entry values (1, 'STATUS_CHANGED')");
        }

        assertThat(migrate(dataSource)).isEqualTo(1);
        assertThat(migrate(dataSource)).as("the next start finds nothing to do").isZero();

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(FirstColumn.of(s, "select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable "
                    + "from information_schema.columns where table_schema = 'PUBLIC' and column_name <> 'ID' "
                    + "and table_name <> 'flyway_schema_history' order by 1")).containsExactly(
                    "COMPLAINT.CHANNEL CHARACTER VARYING NO",
                    "COMPLAINT.ROLE CHARACTER VARYING YES",
                    "TIMELINE_ENTRY.TYPE CHARACTER VARYING NO");
            assertThat(FirstColumn.of(s, "select id || ' ' || channel || ' ' || coalesce(role, '-') from complaint order by id"))
                    .containsExactly("1 API CLIENT", "2 WEB_FORM -", "3 STAFF PROFESSIONAL");
            assertThat(FirstColumn.of(s, "select type from timeline_entry")).containsExactly("STATUS_CHANGED");
            // a new value of the Java enum needs no schema change any more
            s.execute("insert into complaint values (4, 'A_NEW_CHANNEL', null)");
        }
    }

    /** Flyway with this migration only, on a database taken to be at version 4; the number of migrations it ran. */
    private static int migrate(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(new String[0]).javaMigrations(new EnumColumnsAsText())
                .baselineOnMigrate(true).baselineVersion("4").load().migrate().migrationsExecuted;
    }
}
