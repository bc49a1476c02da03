package nl.homepair.complaints.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import nl.homepair.complaints.text.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The wrong passwords every node of a cluster has seen, in the database ({@code login_failure}),
 * so that a guesser whom a load balancer sends round the nodes gets no more tries than from
 * one node. A pair of client address and user name is kept as a SHA-256, not in clear, and
 * only for about the throttle's window.
 */
class SharedFailures {

    private final JdbcTemplate jdbc;

    SharedFailures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(String pair, Instant at) {
        jdbc.update("insert into login_failure (throttle_key, failed_at) values (?, ?)", hash(pair), utc(at));
    }

    /** Failures of the pair in (from, to]: a row after {@code to} is no failure yet on a clock that tests move back. */
    long between(String pair, Instant from, Instant to) {
        Long count = jdbc.queryForObject("select count(*) from login_failure where throttle_key = ? and failed_at > ? and failed_at <= ?",
                Long.class, hash(pair), utc(from), utc(to));
        return count == null ? 0 : count;
    }

    void forget(String pair) {
        jdbc.update("delete from login_failure where throttle_key = ?", hash(pair));
    }

    void forgetBefore(Instant before) {
        jdbc.update("delete from login_failure where failed_at <= ?", utc(before));
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    static String hash(String pair) {
        return Sha256.hex(pair);
    }
}
