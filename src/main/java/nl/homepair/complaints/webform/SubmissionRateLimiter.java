package nl.homepair.complaints.webform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.homepair.complaints.cluster.SharedEventTables;
import nl.homepair.complaints.cluster.SharedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Limits how many complaints one client address sends through the web form in a sliding
 * window ({@code homepair.webform.rate-limit.*}), so that a script cannot flood the
 * handlers' queue.
 *
 * <p>Each node counts in its memory, which also holds the places of submissions still being
 * registered (so parallel posts cannot all pass before any is counted), and every registered
 * complaint is also a row in the database ({@code web_form_submission}, the address signed
 * with the cluster's key), which every node reads before it takes a place: with several nodes behind a load
 * balancer a client gets the limit once, not once per node (at most one more per node for
 * posts that arrive at the same moment on different nodes). When the database cannot be
 * reached, the node's own count decides. Only registered complaints count, so a complainant
 * who corrects a mistake in the form is not locked out. Behind a reverse proxy the client
 * address is the proxy's unless {@code server.forward-headers-strategy} is set.
 */
@Component
public class SubmissionRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(SubmissionRateLimiter.class);

    private static final Duration DAY = Duration.ofDays(1);

    private final int maxSubmissions;
    private final int maxWithFilesPerDay;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> submissions;
    private final SharedEvents shared;
    private final SharedEvents withFiles;

    @Autowired
    public SubmissionRateLimiter(WebFormProperties properties, SharedEventTables tables) {
        this(properties.rateLimit(), Clock.systemUTC(), shared(tables, properties.rateLimit()), sharedWithFiles(tables));
    }

    /** A node that counts alone ({@code shared} null) or with the others. */
    SubmissionRateLimiter(WebFormProperties.RateLimit limit, Clock clock, SharedEvents shared) {
        this(limit, clock, shared, null);
    }

    /** ... and, with {@code withFiles}, the day's submissions with files of all nodes. */
    SubmissionRateLimiter(WebFormProperties.RateLimit limit, Clock clock, SharedEvents shared, SharedEvents withFiles) {
        this.shared = shared;
        this.withFiles = withFiles;
        this.maxSubmissions = limit.maxSubmissions();
        this.maxWithFilesPerDay = limit.maxWithFilesPerDay();
        this.window = limit.window();
        this.clock = clock;
        int maxClients = limit.maxClients();
        // access order: the client seen least recently is evicted first
        this.submissions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxClients;
            }
        };
    }

    static SharedEvents shared(SharedEventTables tables, WebFormProperties.RateLimit limit) {
        return tables.of("web_form_submission", "submitted_at", limit.window());
    }

    /** The submissions with files of all nodes, kept a day (their own table: the rows above live two windows). */
    static SharedEvents sharedWithFiles(SharedEventTables tables) {
        return tables.of("web_form_files", "submitted_at", DAY);
    }

    /**
     * How long this client must wait before it may submit again by this node's own count;
     * empty when it may submit now.
     */
    public synchronized Optional<Duration> waitFor(String client) {
        Deque<Instant> times = submissions.get(client);
        if (times == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        forgetBefore(times, now.minus(window));
        if (times.isEmpty()) {
            submissions.remove(client);
            return Optional.empty();
        }
        if (times.size() < maxSubmissions) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
    }

    /**
     * Takes a place for a submission now, in one step with the check, so that parallel
     * posts cannot all pass before any is counted; empty when a place was taken. Give it
     * back with {@link #release(String)} when nothing was registered, or count it for all
     * nodes with {@link #registered(String)} when a complaint was.
     */
    public Optional<Duration> tryReserve(String client) {
        Optional<Duration> wait = waitForAllNodes(client);
        if (wait.isPresent()) {
            return wait;
        }
        synchronized (this) {
            wait = waitFor(client);
            if (wait.isEmpty()) {
                record(client);
            }
            return wait;
        }
    }

    /** The complaint of a place taken here was registered: every node counts it from now on. */
    public void registered(String client) {
        count(shared, client, "Web form submission not counted for the other nodes; this node still counts it");
    }

    /**
     * How long this client must wait before a submission with files is taken again: {@code max-with-files-per-day} a
     * day, counted by all nodes; empty when it may send files now (or when the database cannot say: the 10-minute limit
     * still holds).
     */
    public Optional<Duration> filesWaitFor(String client) {
        return untilBelow(withFiles, client, DAY, maxWithFilesPerDay,
                "Web form submissions with files not readable; the 10-minute limit decides");
    }

    /** A registered submission of this client stored files: every node counts it for the day. */
    public void registeredWithFiles(String client) {
        count(withFiles, client, "Web form submission with files not counted for the day");
    }

    /** Until the oldest of the latest registered complaints of all nodes leaves the window; empty when not reached. */
    private Optional<Duration> waitForAllNodes(String client) {
        return untilBelow(shared, client, window, maxSubmissions,
                "Web form submissions of the other nodes not readable; this node's count decides");
    }

    /**
     * Until the oldest of the client's latest {@code max} rows of all nodes leaves {@code span}; empty when fewer, or
     * when the database cannot say ({@code unreadable} in the log).
     */
    private Optional<Duration> untilBelow(SharedEvents events, String client, Duration span, int max, String unreadable) {
        if (events == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        try {
            List<Instant> latest = events.latest(client, now.minus(span), now, max);
            return latest.size() < max ? Optional.empty()
                    : Optional.of(Duration.between(now, latest.get(latest.size() - 1).plus(span)));
        } catch (DataAccessException e) {
            log.warn("{}: {}", unreadable, e.getMessage());
            return Optional.empty();
        }
    }

    /** A row of the client for all nodes, now; {@code uncounted} in the log when the database cannot take it. */
    private void count(SharedEvents events, String client, String uncounted) {
        if (events == null) {
            return;
        }
        try {
            events.record(client, clock.instant());
        } catch (DataAccessException e) {
            log.warn("{}: {}", uncounted, e.getMessage());
        }
    }

    /** Gives back the latest place of this client: its submission registered nothing. */
    public synchronized void release(String client) {
        Deque<Instant> times = submissions.get(client);
        if (times != null && !times.isEmpty()) {
            times.removeLast();
        }
    }

    /** Counts a registered complaint from this client. */
    public synchronized void record(String client) {
        Instant now = clock.instant();
        Deque<Instant> times = submissions.computeIfAbsent(client, c -> new ArrayDeque<>());
        forgetBefore(times, now.minus(window));
        times.addLast(now);
        while (times.size() > maxSubmissions) {
            times.removeFirst();
        }
    }

    /** Forgets every count, also the other nodes', e.g. between tests that all come from the same address. */
    public synchronized void clear() {
        submissions.clear();
        if (shared != null) {
            shared.forgetAll();
        }
        if (withFiles != null) {
            withFiles.forgetAll();
        }
    }

    private static void forgetBefore(Deque<Instant> times, Instant start) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
    }
}
