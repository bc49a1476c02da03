package nl.homepair.complaints.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where the limits' shared tables ({@link SharedEvents}) come from: each signs what it counts with the cluster's key
 * {@value #KEY} (made by the first node, read by the others), and loses its rows once they left their window, every
 * hour on every node (a few small deletes), also when nothing is recorded any more (the form switched off, a quiet
 * night): a row was otherwise deleted only when the next one was written.
 */
@Component
public class SharedEventTables {

    static final String KEY = "shared-events-key";

    private static final Logger log = LoggerFactory.getLogger(SharedEventTables.class);

    private final JdbcTemplate jdbc;
    private final SharedKey key;
    private final List<SharedEvents> made = new CopyOnWriteArrayList<>();

    public SharedEventTables(JdbcTemplate jdbc, ClusterSettings settings) {
        this.jdbc = jdbc;
        this.key = settings.hmacKey(KEY);
    }

    /** The shared rows of {@code table} (time column {@code at}), counted for {@code window}. */
    public SharedEvents of(String table, String at, Duration window) {
        SharedEvents events = new SharedEvents(jdbc, table, at, window, key);
        made.add(events);
        return events;
    }

    /** The tables handed out, each once: what the hourly round empties of old rows. */
    public java.util.Set<String> tableNames() {
        return made.stream().map(SharedEvents::table).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * The rows that left their window, of every table handed out; on the engine's clock (the login limits count on it,
     * the web form's on the system's: the same outside tests).
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    public void forgetExpired() {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        for (SharedEvents events : made) {
            try {
                events.forgetExpired(now);
            } catch (RuntimeException e) {
                log.warn("Expired rows of {} not deleted now; the next hour or write does it: {}", events.table(), e.toString());
            }
        }
    }
}
