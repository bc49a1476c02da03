package nl.homepair.complaints.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code homepair.login-throttle}: how many wrong passwords one client address may try for
 * one user name within the window before that pair waits (see {@link LoginThrottle}), and
 * the longest that wait grows to when the pair goes on guessing ({@code max-block}), and how
 * many wrong passwords one address may try for all user names together within the window
 * ({@code max-client-failures}: a sweep over user names, or a flood of made-up names that
 * would push a guessed user's count out of memory); and how many wrong passwords a pair
 * ({@code max-daily-failures}) and an address for all names ({@code max-client-daily-failures})
 * may try within a day, so that a guesser who stays just under the per-window limits is
 * stopped too.
 */
@ConfigurationProperties("homepair.login-throttle")
public record LoginThrottleProperties(Integer maxFailures, Duration window, Integer maxKeys, Duration maxBlock,
                                      Integer maxClientFailures, Integer maxDailyFailures, Integer maxClientDailyFailures) {
    public LoginThrottleProperties {
        maxDailyFailures = maxDailyFailures == null ? 20 : maxDailyFailures;
        maxClientDailyFailures = maxClientDailyFailures == null ? 200 : maxClientDailyFailures;
        maxClientFailures = maxClientFailures == null ? 50 : maxClientFailures;
        maxBlock = maxBlock == null ? Duration.ofMinutes(15) : maxBlock;
        maxFailures = maxFailures == null ? 5 : maxFailures;
        window = window == null ? Duration.ofMinutes(1) : window;
        maxKeys = maxKeys == null ? 10_000 : maxKeys;
    }
}
