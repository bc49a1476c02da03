package nl.homepair.complaints;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

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
        return HeldRows.during(dataSource, task -> task.update("update ACT_RU_TASK set REV_ = REV_ + 1 where ID_ = ?", taskId),
                HeldRows.blockedByTheHolder(), request).answer().get(30, TimeUnit.SECONDS);
    }
}
