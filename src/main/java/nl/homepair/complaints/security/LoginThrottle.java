package nl.homepair.complaints.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per client address and user name, in memory. The engine locks a user
 * after ten failed logins; without this, anyone who knows the platform's user name could
 * lock the integration out with ten wrong passwords. After a few failures from one
 * address the password is not even checked for a while.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int MAX_KEYS = 10_000;

    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    synchronized boolean blocked(String client, String user, Instant now) {
        Deque<Instant> times = failures.get(client + "|" + user);
        if (times == null) {
            return false;
        }
        while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
            times.removeFirst();
        }
        return times.size() >= MAX_FAILURES;
    }

    synchronized void failed(String client, String user, Instant now) {
        failures.computeIfAbsent(client + "|" + user, key -> new ArrayDeque<>()).addLast(now);
    }

    synchronized void succeeded(String client, String user) {
        failures.remove(client + "|" + user);
    }
}
