package nl.homepair.complaints.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Failed logins per pair of client address and user name, in memory, on every door that
 * checks a password. The engine's own lock is off (see application.yaml): it counts per
 * user, so anyone could lock the director out from anywhere. Here a guesser only stops
 * himself: after a few failures from one address the password of that user is not even
 * checked from that address for a short while, and a correct password from any other
 * address always works. Time is the engine's clock, so tests can move it.
 */
@Component
public class LoginThrottle {

    private final LoginThrottleProperties settings;
    private final Map<String, Deque<Instant>> failures;

    public LoginThrottle(LoginThrottleProperties settings) {
        this.settings = settings;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > settings.maxKeys();
            }
        };
    }

    /** How long the caller should wait before trying again. */
    Duration window() {
        return settings.window();
    }

    synchronized boolean blocked(String client, String user) {
        Deque<Instant> times = failures.get(key(client, user));
        if (times == null) {
            return false;
        }
        Instant oldest = now().minus(settings.window());
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
        return times.size() >= settings.maxFailures();
    }

    synchronized void failed(String client, String user) {
        failures.computeIfAbsent(key(client, user), key -> new ArrayDeque<>()).addLast(now());
    }

    synchronized void succeeded(String client, String user) {
        failures.remove(key(client, user));
    }

    private static String key(String client, String user) {
        return client + "|" + user;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
