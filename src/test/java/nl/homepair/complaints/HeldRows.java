package nl.homepair.complaints;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Something else writes rows at the moment a request runs, for real and every time: a second connection writes them and
 * holds them uncommitted, the request is started, and the second connection commits as soon as the request is seen
 * waiting for those rows (or gives up after 10 s). The request then meets the other write as it would meet a colleague's,
 * another node's or a second delivery's.
 */
public final class HeldRows {

    private HeldRows() {
    }

    /** The request, still running or done, and whether it was seen waiting before the rows were committed. */
    public record Held<T>(CompletableFuture<T> answer, boolean waited) {
    }

    /** How the request shows that it waits for the held rows. */
    @FunctionalInterface
    public interface Waiting {
        boolean seen(JdbcTemplate sessions, long holder);
    }

    /** H2 names the holder as the blocker of a session that waits for its row lock. */
    public static Waiting blockedByTheHolder() {
        return (sessions, holder) -> sessions.queryForObject(
                "select count(*) from INFORMATION_SCHEMA.SESSIONS where BLOCKER_ID = ?", Long.class, holder) > 0;
    }

    /** H2 names no blocker for a wait at a unique key: the request's statement is seen running instead. */
    public static Waiting running(String statementStart) {
        return (sessions, holder) -> sessions.queryForObject("select count(*) from INFORMATION_SCHEMA.SESSIONS"
                + " where SESSION_ID <> ? and lower(EXECUTING_STATEMENT) like ?", Long.class, holder, statementStart + "%") > 0;
    }

    public static <T> Held<T> during(DataSource dataSource, Consumer<JdbcTemplate> hold, Waiting waiting, Supplier<T> request)
            throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            JdbcTemplate held = new JdbcTemplate(new SingleConnectionDataSource(other, true));
            hold.accept(held);
            long holder = held.queryForObject("select SESSION_ID()", Long.class);
            CompletableFuture<T> answer = CompletableFuture.supplyAsync(request);
            JdbcTemplate sessions = new JdbcTemplate(dataSource);
            // H2 lets a blocked statement wait 2 s; commit as soon as the request waits
            boolean waited = false;
            for (long until = System.currentTimeMillis() + 10_000; !waited && !answer.isDone() && System.currentTimeMillis() < until; ) {
                waited = waiting.seen(sessions, holder);
                Thread.sleep(5);
            }
            other.commit();
            return new Held<>(answer, waited);
        }
    }
}
