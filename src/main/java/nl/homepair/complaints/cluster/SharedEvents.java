package nl.homepair.complaints.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Moments of something a limit counts (a wrong password, a complaint from the web form), in a
 * table every node of a cluster writes and reads, so that a limit counts what all nodes saw.
 * A row holds the HMAC of the counted key under the cluster's shared key (an address, a user name: not in clear, and
 * not to be found again by hashing every IPv4 address or a guessed e-mail address, as a plain SHA-256 could, by whoever
 * reads these tables or an export of them; the key is in {@code cluster_setting}, so not by whoever has the whole
 * database) and the
 * moment, and lives at most about two windows: each node deletes the rows that left the window at most once a window,
 * when it records one, and every hour ({@link SharedEventTables}), so that a quiet form keeps nobody's trace.
 */
public class SharedEvents {

    private final JdbcTemplate jdbc;
    private final String table;
    private final String at;
    private final Duration window;
    private final SharedKey key;
    private Instant forgotten = Instant.MIN;

    /**
     * @param table  a table with the columns {@code throttle_key} and {@code at} (a Flyway migration)
     * @param at     its time column
     * @param window how long a row counts
     * @param key    what a counted key is signed with (the cluster's, {@link SharedEventTables})
     */
    public SharedEvents(JdbcTemplate jdbc, String table, String at, Duration window, SharedKey key) {
        this.jdbc = jdbc;
        this.table = table;
        this.at = at;
        this.window = window;
        this.key = key;
    }

    public void record(String counted, Instant moment) {
        jdbc.update("insert into " + table + " (throttle_key, " + at + ") values (?, ?)", hash(counted), utc(moment));
        if (timeToForget(moment)) {
            jdbc.update("delete from " + table + " where " + at + " <= ?", utc(moment.minus(window)));
        }
    }

    /** Rows of the key in (from, to]: a row after {@code to} has not happened yet on a clock that tests move back. */
    public long between(String counted, Instant from, Instant to) {
        Long count = jdbc.queryForObject("select count(*) from " + table + " where throttle_key = ? and " + at + " > ? and "
                + at + " <= ?", Long.class, hash(counted), utc(from), utc(to));
        return count == null ? 0 : count;
    }

    /** The latest {@code limit} moments of the key in (from, to], latest first. */
    public List<Instant> latest(String counted, Instant from, Instant to, int limit) {
        return jdbc.query("select " + at + " from " + table + " where throttle_key = ? and " + at + " > ? and " + at
                        + " <= ? order by " + at + " desc limit ?",
                (row, i) -> row.getObject(1, OffsetDateTime.class).toInstant(), hash(counted), utc(from), utc(to), limit);
    }

    public void forget(String counted) {
        jdbc.update("delete from " + table + " where throttle_key = ?", hash(counted));
    }

    /** Every row, e.g. between tests that all come from one address. */
    public void forgetAll() {
        jdbc.update("delete from " + table);
    }

    String table() {
        return table;
    }

    /** The rows that left the window by {@code now}; how many. */
    public int forgetExpired(Instant now) {
        return jdbc.update("delete from " + table + " where " + at + " <= ?", utc(now.minus(window)));
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

    /** What a row holds of a counted key. */
    public String hash(String counted) {
        return java.util.HexFormat.of().formatHex(key.sign(counted.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
