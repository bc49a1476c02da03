package nl.homepair.complaints.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An earlier build runs on the schema a newer one migrated: after a rollback (README, "return to an earlier build on
 * purpose", until the next upgrade) and while the last old node of an upgrade stops. Hibernate validates an entity
 * against the columns it maps, so a column it does not know is no trouble, unless the earlier build's inserts cannot
 * leave it out. A migration after the first therefore adds a column NOT NULL only with a default, and drops or renames
 * no column or table an earlier build reads or writes (add the new one, stop using the old one, drop it a release
 * later, in a migration that says so).
 */
class MigrationsAnEarlierBuildLivesWithTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern NOT_NULL_WITHOUT_DEFAULT = Pattern.compile(
            "(?is)\\balter\\s+table\\b.*\\badd\\s+column\\b(?!.*\\bdefault\\b).*\\bnot\\s+null\\b.*");
    private static final Pattern BREAKS_AN_EARLIER_BUILD = Pattern.compile(
            "(?is).*(\\bdrop\\s+column\\b|\\brename\\s+(column\\s+)?\\w+\\s+to\\b|\\brename\\s+to\\b|\\bdrop\\s+table\\b"
                    + "|\\bset\\s+not\\s+null\\b).*");
    /** A later migration that drops what no build since reads says so in a comment, with the release that stopped. */
    private static final String DELIBERATE = "no build since";

    @Test
    void everyMigrationAfterTheFirstLeavesAnEarlierBuildsInsertsWorking() throws IOException {
        List<String> refused = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted().toList()) {
                if (file.getFileName().toString().startsWith("V1__")) {
                    continue; // the first: the tables as Hibernate made them before migrations existed
                }
                String script = Files.readString(file);
                String code = script.replaceAll("(?m)--.*$", "");
                for (String statement : code.split(";")) {
                    if (NOT_NULL_WITHOUT_DEFAULT.matcher(statement).matches()
                            || (BREAKS_AN_EARLIER_BUILD.matcher(statement).matches() && !script.contains(DELIBERATE))) {
                        refused.add(MIGRATIONS.relativize(file) + ": " + statement.strip());
                    }
                }
            }
        }
        assertThat(refused).as("statements an earlier build's inserts or reads fail on").isEmpty();
    }

    /**
     * A migration that changes rows fixes what an earlier build wrote, or makes a row once: which, is said in
     * {@link NoOlderBuildOnANewerSchema}, whose repeat after a rollback runs the first kind again.
     */
    @Test
    void everyMigrationThatChangesRowsSaysWhetherItIsRepeatedAfterAnEarlierBuild() throws IOException {
        Pattern changesRows = Pattern.compile("(?im)^\\s*(update|insert|delete)\\b");
        List<String> unsaid = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).toList()) {
                String version = file.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1");
                if (!"1".equals(version) && changesRows.matcher(Files.readString(file).replaceAll("(?m)--.*$", "")).find()
                        && !NoOlderBuildOnANewerSchema.REPEATED_SCRIPTS.contains(version)
                        && !NoOlderBuildOnANewerSchema.NOT_REPEATED_SCRIPTS.contains(version)) {
                    unsaid.add(MIGRATIONS.relativize(file).toString());
                }
            }
        }
        assertThat(unsaid).as("add each to REPEATED_SCRIPTS (idempotent) or NOT_REPEATED_SCRIPTS").isEmpty();
        assertThat(NoOlderBuildOnANewerSchema.REPEATED_SCRIPTS).doesNotContainAnyElementsOf(
                NoOlderBuildOnANewerSchema.NOT_REPEATED_SCRIPTS);
    }

    @Test
    void theCheckSeesWhatItRefuses() {
        assertThat(NOT_NULL_WITHOUT_DEFAULT.matcher("alter table complaint add column x boolean not null").matches()).isTrue();
        assertThat(NOT_NULL_WITHOUT_DEFAULT.matcher("alter table complaint add column x boolean default false not null")
                .matches()).isFalse();
        assertThat(NOT_NULL_WITHOUT_DEFAULT.matcher("alter table complaint add column x varchar(20)").matches()).isFalse();
        assertThat(BREAKS_AN_EARLIER_BUILD.matcher("alter table complaint drop column x").matches()).isTrue();
        assertThat(BREAKS_AN_EARLIER_BUILD.matcher("alter table complaint rename column x to y").matches()).isTrue();
        assertThat(BREAKS_AN_EARLIER_BUILD.matcher("alter table complaint alter column x set not null").matches()).isTrue();
        assertThat(BREAKS_AN_EARLIER_BUILD.matcher("alter table sent_mail alter column complaint_id drop not null").matches())
                .isFalse();
    }
}
