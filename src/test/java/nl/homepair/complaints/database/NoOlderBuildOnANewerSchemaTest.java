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
}
