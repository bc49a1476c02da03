package nl.homepair.complaints;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Something else changes a task at the moment a person acts on it, for real and every time:
 * a second connection gives the task's row a new revision and holds it until the person's
 * request waits for that row, then commits. The engine read the old revision, so it refuses
 * its own write (an optimistic-locking conflict), as when a timer or another node was first.
 */
public final class ConcurrentTaskChange {

    private ConcurrentTaskChange() {
    }

    public static <T> T during(DataSource dataSource, String taskId, Supplier<T> request) throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement change = other.prepareStatement("update ACT_RU_TASK set REV_ = REV_ + 1 where ID_ = ?")) {
                change.setString(1, taskId);
                change.executeUpdate();
            }
            long holder;
            try (Statement session = other.createStatement(); ResultSet id = session.executeQuery("select SESSION_ID()")) {
                id.next();
                holder = id.getLong(1);
            }
            CompletableFuture<T> answer = CompletableFuture.supplyAsync(request);
            JdbcTemplate sessions = new JdbcTemplate(dataSource);
            // H2 lets a blocked statement wait 2 s; commit as soon as the request waits for this row
            for (long until = System.currentTimeMillis() + 10_000; !answer.isDone() && System.currentTimeMillis() < until
                    && sessions.queryForObject("select count(*) from INFORMATION_SCHEMA.SESSIONS where BLOCKER_ID = ?",
                    Long.class, holder) == 0; ) {
                Thread.sleep(5);
            }
            other.commit();
            return answer.get(30, TimeUnit.SECONDS);
        }
    }
}
