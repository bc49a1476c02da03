package nl.homepair.complaints.database;

/**
 * A migration in Java that fixes rows an earlier build writes the old way (a flag it does not set, a grant it leaves):
 * after an earlier build ran on the migrated schema (a rollback, the last old node of an upgrade), the next start of a
 * newer build runs it again, so the rows written meanwhile are fixed too ({@link NoOlderBuildOnANewerSchema}). Its
 * work must be idempotent. SQL scripts that do so are listed in {@link NoOlderBuildOnANewerSchema#REPEATED_SCRIPTS}.
 */
public interface RepeatedAfterAnEarlierBuild {
}
