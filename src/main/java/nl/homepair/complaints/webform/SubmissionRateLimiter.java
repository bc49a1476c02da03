package nl.homepair.complaints.webform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Limits how many complaints one client address sends through the web form in a sliding
 * window ({@code homepair.webform.rate-limit.*}), so that a script cannot flood the
 * handlers' queue.
 *
 * <p>The counts live in this instance's memory: with several instances behind a load
 * balancer each counts on its own (a client may send N times the limit), and a restart
 * forgets them. That is enough against a careless script; a shared store would be needed
 * for more. Only registered complaints count, so a complainant who corrects a mistake in
 * the form is not locked out. Behind a reverse proxy the client address is the proxy's
 * unless {@code server.forward-headers-strategy} is set.
 */
@Component
public class SubmissionRateLimiter {

    private final int maxSubmissions;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> submissions;

    @Autowired
    public SubmissionRateLimiter(WebFormProperties properties) {
        this(properties.rateLimit(), Clock.systemUTC());
    }

    SubmissionRateLimiter(WebFormProperties.RateLimit limit, Clock clock) {
        this.maxSubmissions = limit.maxSubmissions();
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

    /**
     * How long this client must wait before it may submit again; empty when it may
     * submit now.
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
     * back with {@link #release(String)} when nothing was registered.
     */
    public synchronized Optional<Duration> tryReserve(String client) {
        Optional<Duration> wait = waitFor(client);
        if (wait.isEmpty()) {
            record(client);
        }
        return wait;
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

    /** Forgets every count, e.g. between tests that all come from the same address. */
    public synchronized void clear() {
        submissions.clear();
    }

    private static void forgetBefore(Deque<Instant> times, Instant start) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
    }
}
