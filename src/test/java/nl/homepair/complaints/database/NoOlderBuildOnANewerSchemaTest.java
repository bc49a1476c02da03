package nl.homepair.complaints.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forgotten node of an earlier build, started after a newer build migrated the database, stops with what to do; with
 * the flag that returns to an earlier build on purpose it starts. Real Flyway on a real (in-memory) H2 database.
 */
class NoOlderBuildOnANewerSchemaTest {

    @TempDir
    Path older;
    @TempDir
    Path newer;

    private Flyway flyway(Path migrations) {
        return Flyway.configure().dataSource("jdbc:h2:mem:older-build;DB_CLOSE_DELAY=-1", "sa", "")
                .locations("filesystem:" + migrations).load();
    }

    @Test
    void anOlderBuildOnANewerSchemaStopsUnlessReturnedToOnPurpose() throws Exception {
        Files.writeString(older.resolve("V1__cases.sql"), "create table zaak (id bigint primary key);");
        Files.writeString(newer.resolve("V1__cases.sql"), "create table zaak (id bigint primary key);");
        Files.writeString(newer.resolve("V2__earlier_emails.sql"), "alter table zaak add column earlier_emails varchar(2000);");
        new NoOlderBuildOnANewerSchema(false).migrate(flyway(newer)); // the newer build's start

        assertThatThrownBy(() -> new NoOlderBuildOnANewerSchema(false).migrate(flyway(older)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("migration 2 (earlier emails)")
                .hasMessageContaining("HOMEPAIR_MODELS_DEPLOYEARLIERVERSIONS=true on every node of it and keep it");
        new NoOlderBuildOnANewerSchema(true).migrate(flyway(older)); // on purpose: it starts
        new NoOlderBuildOnANewerSchema(false).migrate(flyway(newer)); // the newer build starts again as ever
        assertThat(flyway(newer).info().current().getVersion().getVersion()).isEqualTo("2");
    }

    /** A data fix in Java: rows with an id of 100 or more are what others wrote (as an entry's summary would tell). */
    static final class FlagWhatOthersWrote extends NumberedMigration implements RepeatedAfterAnEarlierBuild {
        FlagWhatOthersWrote() {
            super(3, "what others wrote flagged");
        }

        @Override
        public void migrate(org.flywaydb.core.api.migration.Context context) throws Exception {
            try (var update = context.getConnection().createStatement()) {
                update.executeUpdate("update zaak set about_others = true where id >= 100");
            }
        }
    }

    private Flyway withFix(Path migrations, String name) {
        return Flyway.configure().dataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "")
                .locations("filesystem:" + migrations).javaMigrations(new FlagWhatOthersWrote()).load();
    }

    @Test
    void rowsAnEarlierBuildWroteTheOldWayAreFixedAtTheNewerBuildsNextStart() throws Exception {
        String schema = "create table zaak (id bigint primary key, about_others boolean default false not null);"
                + " create table cluster_setting (name varchar(100) not null primary key, setting_value varchar(10000) not null);";
        Files.writeString(older.resolve("V1__cases.sql"), schema);
        Files.writeString(older.resolve("V2__nothing.sql"), "create table iets (id bigint);");
        Files.writeString(newer.resolve("V1__cases.sql"), schema);
        Files.writeString(newer.resolve("V2__nothing.sql"), "create table iets (id bigint);");
        var jdbc = new org.springframework.jdbc.core.JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:h2:mem:rollback-fixes;DB_CLOSE_DELAY=-1", "sa", ""));
        new NoOlderBuildOnANewerSchema(false).migrate(withFix(newer, "rollback-fixes"));
        jdbc.update("insert into zaak (id) values (100)");
        new NoOlderBuildOnANewerSchema(false).migrate(withFix(newer, "rollback-fixes")); // a restart: nothing ran before it
        assertThat(flagged(jdbc, 100)).as("no earlier build ran: the fix is not repeated").isFalse();

        // a rollback: the earlier build runs, and writes what others wrote without the flag
        Flyway earlier = Flyway.configure().dataSource("jdbc:h2:mem:rollback-fixes;DB_CLOSE_DELAY=-1", "sa", "")
                .locations("filesystem:" + older).load();
        new NoOlderBuildOnANewerSchema(true).migrate(earlier);
        new NoOlderBuildOnANewerSchema(true).migrate(earlier); // and starts again: still what it knows
        assertThat(jdbc.queryForObject("select setting_value from cluster_setting where name = ?", String.class,
                NoOlderBuildOnANewerSchema.EARLIER_BUILD_RAN)).isEqualTo("2");
        jdbc.update("insert into zaak (id) values (101)");

        new NoOlderBuildOnANewerSchema(false).migrate(withFix(newer, "rollback-fixes")); // the upgrade again
        assertThat(flagged(jdbc, 100)).isTrue();
        assertThat(flagged(jdbc, 101)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from cluster_setting", Integer.class)).as("the record goes").isZero();
    }

    /** The application's own SQL data fixes, repeated on its real schema: a line about the affected user gets its flag. */
    @Test
    void theApplicationsSqlDataFixesRunAgainAfterAnEarlierBuild() {
        Flyway flyway = Flyway.configure().dataSource("jdbc:h2:mem:rollback-sql;DB_CLOSE_DELAY=-1", "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2").load();
        new NoOlderBuildOnANewerSchema(false).migrate(flyway);
        var jdbc = new org.springframework.jdbc.core.JdbcTemplate(flyway.getConfiguration().getDataSource());
        jdbc.update("insert into timeline_entry (complaint_id, id, occurred_at, type, actor, summary) values (1, 1,"
                + " current_timestamp, 'MAIL_RECEIVED', 'mailbox', 'E-mail ontvangen van de betrokken gebruiker verf@example.org')");
        jdbc.update("insert into cluster_setting (name, setting_value) values (?, '14')", NoOlderBuildOnANewerSchema.EARLIER_BUILD_RAN);

        new NoOlderBuildOnANewerSchema(false).migrate(flyway);

        assertThat(jdbc.queryForObject("select about_others from timeline_entry where id = 1", Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from cluster_setting where name = ?", Integer.class,
                NoOlderBuildOnANewerSchema.EARLIER_BUILD_RAN)).isZero();
    }

    private static boolean flagged(org.springframework.jdbc.core.JdbcTemplate jdbc, long id) {
        return jdbc.queryForObject("select about_others from zaak where id = ?", Boolean.class, id);
    }
}
