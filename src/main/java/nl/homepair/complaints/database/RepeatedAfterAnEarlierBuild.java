package nl.homepair.complaints.database;

/**
 * A migration in Java that fixes rows an earlier build writes the old way (a flag it does not set, a grant it leaves):
 * after an earlier build (of this version or later) started on the migrated schema (a rollback), the next start of a
 * newer build runs it again, so the rows written meanwhile are fixed too ({@link NoOlderBuildOnANewerSchema}); every
 * node of the earlier build is stopped before the first of the newer starts, as for any upgrade. Its work must be
 * idempotent. SQL scripts that do so are listed in {@link NoOlderBuildOnANewerSchema#REPEATED_SCRIPTS}.
 */
public interface RepeatedAfterAnEarlierBuild {
}
