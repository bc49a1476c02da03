package nl.homepair.complaints.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import nl.homepair.complaints.text.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Moments of something a limit counts (a wrong password, a complaint from the web form), in a
 * table every node of a cluster writes and reads, so that a limit counts what all nodes saw.
 * A row holds the SHA-256 of the counted key (an address, a user name: not in clear) and the
 * moment, and lives at most about two windows: each node deletes the rows that left the window
 * at most once a window, when it records one.
 */
public class SharedEvents {

    private final JdbcTemplate jdbc;
    private final String table;
    private final String at;
    private final Duration window;
    private Instant forgotten = Instant.MIN;

    /**
     * @param table  a table with the columns {@code throttle_key} and {@code at} (a Flyway migration)
     * @param at     its time column
     * @param window how long a row counts
     */
    public SharedEvents(JdbcTemplate jdbc, String table, String at, Duration window) {
        this.jdbc = jdbc;
        this.table = table;
        this.at = at;
        this.window = window;
    }

    public void record(String key, Instant moment) {
        jdbc.update("insert into " + table + " (throttle_key, " + at + ") values (?, ?)", hash(key), utc(moment));
        if (timeToForget(moment)) {
            jdbc.update("delete from " + table + " where " + at + " <= ?", utc(moment.minus(window)));
        }
    }

    /** Rows of the key in (from, to]: a row after {@code to} has not happened yet on a clock that tests move back. */
    public long between(String key, Instant from, Instant to) {
        Long count = jdbc.queryForObject("select count(*) from " + table + " where throttle_key = ? and " + at + " > ? and "
                + at + " <= ?", Long.class, hash(key), utc(from), utc(to));
        return count == null ? 0 : count;
    }

    /** The latest {@code limit} moments of the key in (from, to], latest first. */
    public List<Instant> latest(String key, Instant from, Instant to, int limit) {
        return jdbc.query("select " + at + " from " + table + " where throttle_key = ? and " + at + " > ? and " + at
                        + " <= ? order by " + at + " desc limit ?",
                (row, i) -> row.getObject(1, OffsetDateTime.class).toInstant(), hash(key), utc(from), utc(to), limit);
    }

    public void forget(String key) {
        jdbc.update("delete from " + table + " where throttle_key = ?", hash(key));
    }

    /** Every row, e.g. between tests that all come from one address. */
    public void forgetAll() {
        jdbc.update("delete from " + table);
    }

    private synchronized boolean timeToForget(Instant now) {
        if (!now.isAfter(forgotten.plus(window)) && !now.isBefore(forgotten)) {
            return false;
        }
        forgotten = now;
        return true;
    }

    private static OffsetDateTime utc(Instant moment) {
        return OffsetDateTime.ofInstant(moment, ZoneOffset.UTC);
    }

    public static String hash(String key) {
        return Sha256.hex(key);
    }
}
