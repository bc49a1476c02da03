package nl.homepair.complaints.database;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * A node of an earlier build started on a database that a newer build migrated (a forgotten node, a restart by a
 * supervisor) refuses to start, as it does when a newer build deployed its models ({@code engine.ModelDeployer}):
 * Flyway leaves migrations it does not know alone by default, so the old code ran beside the new schema without a word,
 * and missed what the new migrations added (an erasure that did not know a complainant's earlier addresses). With
 * {@code homepair.models.deploy-earlier-versions} (the default run, and an earlier build returned to on purpose, on
 * every start until the next upgrade: the schema stays newer) it says so in the log and starts.
 */
@Component
public class NoOlderBuildOnANewerSchema implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(NoOlderBuildOnANewerSchema.class);

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
        }
        flyway.migrate();
    }
}
