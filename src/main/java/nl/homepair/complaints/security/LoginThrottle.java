package nl.homepair.complaints.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import nl.homepair.complaints.cluster.ClusterSettings;
import nl.homepair.complaints.cluster.SharedEvents;
import nl.homepair.complaints.web.ClientAddresses;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Failed logins per pair of client address and user name, on every door that checks a
 * password. The engine's own lock is off (see application.yaml): it counts per user, so
 * anyone could lock the director out from anywhere. Here a guesser only stops himself:
 * after a few failures from one address the password of that user is not even checked from
 * that address for a short while, and a correct password from any other address always
 * works. Time is the engine's clock, so tests can move it.
 *
 * <p>Each node counts in memory, and every failure is also written to the database
 * (table {@code login_failure}, {@link SharedEvents}), so that in a cluster the nodes count together: a node that has
 * seen a failure of a pair itself asks the database how many all nodes saw. A pair no failure
 * of which reached this node is not looked up, so a correct password costs no query; a
 * guesser sent round n nodes thus gets at most n - 1 tries more than the limit, not n times
 * the limit. When the database cannot be reached, the node's own count decides.
 *
 * <p>A pair that reaches the limit again after its wait waits twice as long each time (one
 * window, two, four, ... up to {@code max-block}), until a correct password or a quiet day:
 * a patient guesser gets some 5 tries per quarter of an hour instead of 5 a minute, day and
 * night. Each node keeps these waits in its own memory.
 *
 * <p>An address that tries more wrong passwords within the window than {@code max-client-failures}
 * for all user names together waits out the window for every name that has not logged in from it
 * within the last 14 days (on any node): a sweep over user names, or a flood of made-up names meant to push the
 * guessed user's count and wait out of this memory, stops; the platform's machine user and an
 * office's staff behind one address, who log in from it every day, go on.
 *
 * <p>Within a day, a pair may try at most {@code max-daily-failures} wrong passwords and an address at most
 * {@code max-client-daily-failures} for all names together (the names that logged in from it lately excepted: see
 * {@link #KNOWN_FOR}), counted
 * per hour over the last 24: a guesser who stays just under the limits of the window (4 a minute for one name, 49 a
 * minute over names) got some 5,760 and 70,000 tries a day. A correct password clears the pair's count. Each node
 * counts its own day (a guesser sent round n nodes gets n times the budget).
 *
 * <p>An IPv6 client is its /64 network ({@link ClientAddresses}): one host may use any address of it. A line or office
 * holds hundreds of /64s (its /48), each of which would bring a fresh day: the address's day budget counts the /48, and
 * a name's the /64 and, {@value #LINE_FACTOR} times as large, the /48.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final LoginThrottleProperties settings;
    private final SharedEvents shared;
    private final Map<String, Deque<Instant>> failures;
    /** Per client address, for all user names together: the times of its failures within the window. */
    private final Map<String, Deque<Instant>> clientFailures;
    /** Per pair: its last correct password; such a pair is not held up by its address's failures for a day. */
    private final Map<String, Instant> lastSuccess;

    /**
     * How long a name counts as known at an address after it logged in from there: over a weekend or a holiday, so that
     * a stranger behind the office's address cannot spend the name's day budget before Monday's first login.
     */
    static final Duration KNOWN_FOR = Duration.ofDays(14);

    /** The shared mark of a name known at an address: the pair signed as the failures are, never in clear. */
    static final String KNOWN = "login-known:";

    private final ClusterSettings cluster;

    /** When this node last wrote a pair's shared mark: at most once an hour per pair. */
    private final Map<String, Instant> knownWritten = java.util.Collections.synchronizedMap(leastRecentlyUsedOut(10_000));
    /** Per pair: how often it reached the limit in a row, and until when it waits. */
    private final Map<String, Strikes> strikes;
    /** Per pair, per name on a line and per line: wrong passwords within the last 24 hours, by the hour. */
    private final Map<String, DayCount> pairDays;
    private final Map<String, DayCount> lineDays;
    private final Map<String, DayCount> clientDays;

    /** Counts within the last 24 hours, in buckets of an hour: a few hundred bytes per key, whatever the count. */
    static final class DayCount {
        private final long[] hours = new long[24];
        private final int[] counts = new int[24];

        void add(Instant now) {
            long hour = now.getEpochSecond() / 3600;
            int slot = (int) Math.floorMod(hour, 24L);
            if (hours[slot] != hour) {
                hours[slot] = hour;
                counts[slot] = 0;
            }
            counts[slot]++;
        }

        int within(Instant now) {
            long hour = now.getEpochSecond() / 3600;
            int total = 0;
            for (int slot = 0; slot < 24; slot++) {
                if (hour - hours[slot] < 24 && hours[slot] <= hour) {
                    total += counts[slot];
                }
            }
            return total;
        }
    }

    private record Strikes(int count, Instant until) {
    }

    @Autowired
    public LoginThrottle(LoginThrottleProperties settings, nl.homepair.complaints.cluster.SharedEventTables tables,
                         ClusterSettings cluster) {
        this(settings, tables.of("login_failure", "failed_at", settings.window()), cluster);
    }

    /** @param cluster where the nodes share which names logged in from which address; null: this node's memory only */
    LoginThrottle(LoginThrottleProperties settings, SharedEvents shared, ClusterSettings cluster) {
        this.settings = settings;
        this.shared = shared;
        this.cluster = cluster;
        this.failures = leastRecentlyUsedOut(settings.maxKeys());
        this.clientFailures = leastRecentlyUsedOut(settings.maxKeys());
        this.lastSuccess = leastRecentlyUsedOut(settings.maxKeys());
        this.strikes = leastRecentlyUsedOut(settings.maxKeys());
        this.pairDays = leastRecentlyUsedOut(settings.maxKeys());
        this.lineDays = leastRecentlyUsedOut(settings.maxKeys());
        this.clientDays = leastRecentlyUsedOut(settings.maxKeys());
    }

    /** A map of at most {@code max} pairs: a flood of new addresses pushes out the pairs not seen for longest. */
    private static <V> Map<String, V> leastRecentlyUsedOut(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * How long a throttled pair should wait before trying again (Retry-After): what is left of its wait,
     * which grows each time it reaches the limit again; the window when it is over the limit without one.
     */
    Duration remainingWait(String address, String user) {
        String client = ClientAddresses.network(address);
        Instant now = now();
        String pair = key(client, user);
        boolean overTheDay;
        synchronized (this) {
            Strikes struck = strikes.get(pair);
            if (struck != null && now.isBefore(struck.until())) {
                return Duration.between(now, struck.until());
            }
            overTheDay = overDailyBudget(address, pair, user, now) && !knownHere(pair, now);
        }
        if (overTheDay && !knownElsewhere(pair, now)) {
            // the day's count drops as its oldest hour passes
            return Duration.ofHours(1);
        }
        return settings.window();
    }

    /**
     * Whether the pair, or its address for names that did not log in from it lately, used up the day's wrong passwords.
     * The name's budget on a whole line ({@link ClientAddresses#wideNetwork}, an IPv6 /48 of hundreds of /64s, each of
     * which would otherwise bring a fresh day) is {@value #LINE_FACTOR} times the pair's, and the address's budget is
     * the line's: a name that logged in from its /64 lately is held up by none of them, so someone else on a shared
     * line or behind the same address cannot lock a colleague out for the day.
     */
    private boolean overDailyBudget(String address, String pair, String user, Instant now) {
        DayCount ofPair = pairDays.get(pair);
        String wide = ClientAddresses.wideNetwork(address);
        DayCount onLine = lineDays.get(key(wide, user));
        DayCount ofClient = clientDays.get(wide);
        // not for a name known at the address (knownHere, knownElsewhere), also for the pair's own day: a stranger behind
        // the same address (an office, the platform's egress) would otherwise keep the name out for a day, and the right
        // password could not end it (a throttled login is not checked); the window's waits (at most max-block) still
        // hold such a guesser
        return ofPair != null && ofPair.within(now) >= settings.maxDailyFailures()
                || onLine != null && onLine.within(now) >= LINE_FACTOR * settings.maxDailyFailures()
                || ofClient != null && ofClient.within(now) >= settings.maxClientDailyFailures();
    }

    /** How many /64s' day budgets of one name a line (an IPv6 /48) may use together. */
    static final int LINE_FACTOR = 5;

    /** Whether the name logged in from the address lately on this node (under the lock). */
    private boolean knownHere(String pair, Instant now) {
        Instant known = lastSuccess.get(pair);
        return known != null && lately(known, now);
    }

    /** A login mark within {@link #KNOWN_FOR} before now; one from the future (a node's clock ahead) counts as none. */
    private static boolean lately(Instant mark, Instant now) {
        return mark.isAfter(now.minus(KNOWN_FOR)) && !mark.isAfter(now.plus(Duration.ofMinutes(5)));
    }

    /**
     * Whether another node saw the name log in from the address lately (the shared mark); read outside the lock, only
     * when a budget is spent, and a pair found unknown is not asked again for a few minutes, so that a flood of guesses
     * costs the database nothing and never holds up the other logins. Without the database this node's memory decides.
     */
    private boolean knownElsewhere(String pair, Instant now) {
        if (cluster == null) {
            return false;
        }
        Instant asked = unknownAskedAt.get(pair);
        if (asked != null && asked.isAfter(now.minus(UNKNOWN_ASKED_AGAIN)) && !asked.isAfter(now)) {
            return false;
        }
        try {
            Optional<Instant> elsewhere = cluster.get(KNOWN + shared.hash(pair)).map(Instant::parse)
                    .filter(at -> lately(at, now));
            if (elsewhere.isPresent()) {
                synchronized (this) {
                    lastSuccess.put(pair, elsewhere.get());
                }
                return true;
            }
        } catch (DataAccessException | java.time.format.DateTimeParseException e) {
            log.debug("Shared login marks not readable; this node's memory decides", e);
        }
        unknownAskedAt.put(pair, now);
        return false;
    }

    /** How long a pair the shared marks did not know is not asked about again. */
    static final Duration UNKNOWN_ASKED_AGAIN = Duration.ofMinutes(5);

    private final Map<String, Instant> unknownAskedAt = java.util.Collections.synchronizedMap(leastRecentlyUsedOut(10_000));

    boolean blocked(String address, String user) {
        String client = ClientAddresses.network(address);
        String pair = key(client, user);
        Instant now = now();
        boolean overABudget;
        synchronized (this) {
            Strikes struck = strikes.get(pair);
            if (struck != null && now.isBefore(struck.until())) {
                return true;
            }
            // an address that tried too many wrong passwords for any names within the window waits it out, and so does
            // one over a day's budget, except for the names that logged in from it lately (the platform, an office
            // behind one address)
            overABudget = (recent(clientFailures, client, now) >= settings.maxClientFailures()
                    || overDailyBudget(address, pair, user, now)) && !knownHere(pair, now);
        }
        if (overABudget && !knownElsewhere(pair, now)) {
            return true;
        }
        return overLimit(pair, now);
    }

    private boolean overLimit(String pair, Instant now) {
        int here = failuresHere(pair, now);
        if (here == 0 || here >= settings.maxFailures()) {
            return here > 0;
        }
        try {
            return shared.between(pair, now.minus(settings.window()), now) >= settings.maxFailures();
        } catch (DataAccessException e) {
            log.debug("Shared login failures not readable; this node's count decides", e);
            return false;
        }
    }

    void failed(String address, String user) {
        String client = ClientAddresses.network(address);
        String wide = ClientAddresses.wideNetwork(address);
        String pair = key(client, user);
        Instant now = now();
        synchronized (this) {
            failures.computeIfAbsent(pair, key -> new ArrayDeque<>()).addLast(now);
            clientFailures.computeIfAbsent(client, key -> new ArrayDeque<>()).addLast(now);
            pairDays.computeIfAbsent(pair, key -> new DayCount()).add(now);
            lineDays.computeIfAbsent(key(wide, user), key -> new DayCount()).add(now);
            clientDays.computeIfAbsent(wide, key -> new DayCount()).add(now);
        }
        try {
            shared.record(pair, now);
        } catch (DataAccessException e) {
            log.debug("Login failure not shared; this node still counts it", e);
        }
        if (overLimit(pair, now)) {
            strike(pair, now);
        }
    }

    /** The pair reached the limit: it waits a window, or twice its last wait if that ended less than a day ago. */
    private synchronized void strike(String pair, Instant now) {
        Strikes last = strikes.get(pair);
        int count = last == null || now.isAfter(last.until().plus(Duration.ofDays(1))) ? 1 : last.count() + 1;
        Duration wait = settings.window().multipliedBy(1L << Math.min(count - 1, 20));
        if (wait.compareTo(settings.maxBlock()) > 0) {
            wait = settings.maxBlock();
        }
        strikes.put(pair, new Strikes(count, now.plus(wait)));
    }

    void succeeded(String address, String user) {
        String pair = key(ClientAddresses.network(address), user);
        boolean failedHere;
        synchronized (this) {
            failedHere = failures.remove(pair) != null;
            strikes.remove(pair);
            pairDays.remove(pair);
            lastSuccess.put(pair, now());
        }
        unknownAskedAt.remove(pair);
        shareKnown(pair);
        if (failedHere) {
            try {
                shared.forget(pair);
            } catch (DataAccessException e) {
                log.debug("Shared login failures not cleared; they expire with the window", e);
            }
        }
    }

    /** Tells the other nodes that the name logged in from the address (at most once an hour per pair and node). */
    private void shareKnown(String pair) {
        if (cluster == null) {
            return;
        }
        Instant now = now();
        Instant written = knownWritten.get(pair);
        if (written != null && written.isAfter(now.minus(Duration.ofHours(1)))) {
            return;
        }
        try {
            cluster.put(KNOWN + shared.hash(pair), now.toString());
            knownWritten.put(pair, now);
            // the marks of names not seen at an address for KNOWN_FOR go (once an hour per node, with a write)
            if (marksForgottenAt == null || marksForgottenAt.isBefore(now.minus(Duration.ofHours(1)))) {
                marksForgottenAt = now;
                cluster.forgetBefore(KNOWN, now.minus(KNOWN_FOR));
            }
        } catch (DataAccessException e) {
            log.debug("Login not shared with the other nodes; this node still knows it", e);
        }
    }

    private volatile Instant marksForgottenAt;

    private synchronized int failuresHere(String pair, Instant now) {
        return recent(failures, pair, now);
    }

    /** How many of the times kept under {@code key} lie within the window; older ones are dropped. */
    private int recent(Map<String, Deque<Instant>> times, String key, Instant now) {
        Deque<Instant> kept = times.get(key);
        if (kept == null) {
            return 0;
        }
        Instant oldest = now.minus(settings.window());
        while (!kept.isEmpty() && !kept.peekFirst().isAfter(oldest)) {
            kept.removeFirst();
        }
        return kept.size();
    }

    /** @param client the client as counted ({@link ClientAddresses#network}) */
    private static String key(String client, String user) {
        return client + "|" + user;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
