package nl.homepair.complaints.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * A node of an earlier build started on a database that a newer build migrated (a forgotten node, a restart by a
 * supervisor) refuses to start, as it does when a newer build deployed its models ({@code engine.ModelDeployer}):
 * Flyway leaves migrations it does not know alone by default, so the old code ran beside the new schema without a word,
 * and missed what the new migrations added (an erasure that did not know a complainant's earlier addresses). With
 * {@code homepair.models.deploy-earlier-versions} (the default run, and an earlier build returned to on purpose, on
 * every start until the next upgrade: the schema stays newer) it says so in the log and starts.
 * <p>
 * Such an earlier build writes rows the old way, which the newer build's data fixes (a flag set on what others wrote,
 * a grant taken back) already ran over once: it records the newest migration it knows ({@link #EARLIER_BUILD_RAN}),
 * and the next start of a newer build runs the data fixes after that one again ({@link #REPEATED_SCRIPTS}, and the
 * Java migrations that are {@link RepeatedAfterAnEarlierBuild}), then forgets the record.
 */
@Component
public class NoOlderBuildOnANewerSchema implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(NoOlderBuildOnANewerSchema.class);

    /** In {@code cluster_setting}: the newest migration an earlier build that ran on this schema knows. */
    static final String EARLIER_BUILD_RAN = "earlier-build-ran-on-schema";
    /**
     * The SQL migrations that fix rows an earlier build writes the old way, run again after one ran (idempotent). Every
     * SQL migration that changes rows is in this list or in {@link #NOT_REPEATED_SCRIPTS} (checked by a test): a
     * migration's script cannot say so itself, an applied script is never edited.
     */
    static final Set<String> REPEATED_SCRIPTS = Set.of("14", "15", "16", "24");
    /** SQL migrations that change rows but need no repeat: V4 makes the mailbox lease's row, V23 fixes rows no build since V2 writes. */
    static final Set<String> NOT_REPEATED_SCRIPTS = Set.of("4", "23");

    private final boolean earlierBuildAllowed;

    public NoOlderBuildOnANewerSchema(@Value("${homepair.models.deploy-earlier-versions:false}") boolean earlierBuildAllowed) {
        this.earlierBuildAllowed = earlierBuildAllowed;
    }

    @Override
    public void migrate(Flyway flyway) {
        MigrationInfo[] newer = Arrays.stream(flyway.info().applied())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .toArray(MigrationInfo[]::new);
        if (newer.length > 0) {
            String versions = Arrays.stream(newer).map(m -> m.getVersion() + " (" + m.getDescription() + ")")
                    .collect(Collectors.joining(", "));
            if (!earlierBuildAllowed) {
                throw new IllegalStateException("This build is older than the database: a newer build applied migration "
                        + versions + ", which this one does not know. Start the newer build (this node was forgotten in an "
                        + "upgrade?). To return to this build on purpose, set HOMEPAIR_MODELS_DEPLOYEARLIERVERSIONS=true on "
                        + "every node of it and keep it until the next upgrade: the schema stays newer, so every start asks. "
                        + "Do not run Flyway's repair.");
            }
            log.warn("This build is older than the database (a newer build applied migration {}); it starts because "
                    + "homepair.models.deploy-earlier-versions is true", versions);
            flyway.migrate();
            recordEarlierBuild(flyway);
            return;
        }
        flyway.migrate();
        repeatDataFixes(flyway);
    }

    /** The newest migration this (earlier) build knows, kept as the lowest of all earlier builds that ran. */
    private static void recordEarlierBuild(Flyway flyway) {
        MigrationVersion known = Arrays.stream(flyway.info().applied())
                .filter(m -> m.getVersion() != null && m.getState() == MigrationState.SUCCESS)
                .map(MigrationInfo::getVersion).max(Comparator.naturalOrder()).orElse(null);
        JdbcTemplate jdbc = new JdbcTemplate(flyway.getConfiguration().getDataSource());
        if (known == null || !hasSettings(jdbc)) {
            return;
        }
        Optional<String> recorded = recorded(jdbc);
        if (recorded.isEmpty()) {
            try {
                jdbc.update("insert into cluster_setting (name, setting_value) values (?, ?)", EARLIER_BUILD_RAN,
                        known.getVersion());
            } catch (DuplicateKeyException anotherNode) {
                recordEarlierBuild(flyway); // another node of an earlier build recorded it meanwhile: keep the lowest
            }
        } else if (known.isNewerThan(recorded.get())) {
            return;
        } else {
            jdbc.update("update cluster_setting set setting_value = ? where name = ?", known.getVersion(), EARLIER_BUILD_RAN);
        }
        log.warn("An earlier build (migrations up to {}) runs on this schema: the next start of a newer build fixes the rows"
                + " it writes the old way again", known.getVersion());
    }

    /** After an earlier build ran: the data fixes it did not know, again, then the record goes. */
    private static void repeatDataFixes(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // one query at every start: nothing recorded (or a schema from before cluster_setting) is nothing to repeat
        Optional<String> recorded = recorded(jdbc);
        if (recorded.isEmpty()) {
            return;
        }
        MigrationVersion since = MigrationVersion.fromVersion(recorded.get());
        List<String> repeated = new ArrayList<>();
        for (MigrationInfo migration : flyway.info().applied()) {
            if (migration.getVersion() == null || !migration.getVersion().isNewerThan(since.getVersion())
                    || migration.getState() != MigrationState.SUCCESS) {
                continue;
            }
            String version = migration.getVersion().getVersion();
            List<ClassPathResource> scripts = !REPEATED_SCRIPTS.contains(version) ? List.of()
                    : Arrays.stream(flyway.getConfiguration().getLocations()).filter(Location::isClassPath)
                            .map(location -> new ClassPathResource(location.getRootPath() + "/" + migration.getScript()))
                            .filter(ClassPathResource::exists).toList();
            List<JavaMigration> javas = Arrays.stream(flyway.getConfiguration().getJavaMigrations())
                    .filter(java -> java instanceof RepeatedAfterAnEarlierBuild && version.equals(java.getVersion().getVersion()))
                    .toList();
            if (scripts.isEmpty() && javas.isEmpty()) {
                continue;
            }
            try (Connection connection = dataSource.getConnection()) {
                // the scripts statement by statement, as before: one that alters its table (V15) would otherwise hold
                // the table's lock through the whole script, and every case page of every node would wait for it
                for (ClassPathResource script : scripts) {
                    ScriptUtils.executeSqlScript(connection, new EncodedResource(script, StandardCharsets.UTF_8));
                }
                // a Java fix in one transaction, as Flyway runs it: all or nothing, and PostgreSQL's driver reads a large
                // result in slices only inside one
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    for (JavaMigration java : javas) {
                        java.migrate(on(flyway, connection));
                    }
                    connection.commit();
                } catch (Exception e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
                repeated.add(version);
            } catch (Exception e) {
                throw new IllegalStateException("Repeating data fix " + version + " after an earlier build failed", e);
            }
        }
        jdbc.update("delete from cluster_setting where name = ?", EARLIER_BUILD_RAN);
        log.warn("An earlier build (migrations up to {}) ran on this schema: data fixes {} ran again over what it wrote",
                recorded.get(), repeated);
    }

    private static boolean hasSettings(JdbcTemplate jdbc) {
        try {
            jdbc.queryForObject("select count(*) from cluster_setting", Long.class);
            return true;
        } catch (DataAccessException none) {
            return false;
        }
    }

    /** The record, if any; none either on a schema without {@code cluster_setting} (before V17). */
    private static Optional<String> recorded(JdbcTemplate jdbc) {
        try {
            return Optional.ofNullable(jdbc.query("select setting_value from cluster_setting where name = ?",
                    rows -> rows.next() ? rows.getString(1) : null, EARLIER_BUILD_RAN));
        } catch (DataAccessException noSettingsTable) {
            return Optional.empty();
        }
    }

    private static Context on(Flyway flyway, Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return flyway.getConfiguration();
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
