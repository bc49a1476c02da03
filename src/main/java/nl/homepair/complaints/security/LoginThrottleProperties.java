package nl.homepair.complaints.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code homepair.login-throttle}: how many wrong passwords one client address may try for
 * one user name within the window before that pair waits (see {@link LoginThrottle}).
 */
@ConfigurationProperties("homepair.login-throttle")
public record LoginThrottleProperties(Integer maxFailures, Duration window, Integer maxKeys) {
    public LoginThrottleProperties {
        maxFailures = maxFailures == null ? 5 : maxFailures;
        window = window == null ? Duration.ofMinutes(1) : window;
        maxKeys = maxKeys == null ? 10_000 : maxKeys;
    }
}
