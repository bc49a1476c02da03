package nl.homepair.complaints.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long personal data is kept after a case closes (R13), {@code homepair.privacy.*}.
 * Keep {@code retention} equal to the models' {@code historyTimeToLive} (days), so that
 * the application's data and the engine's history go on the same schedule.
 *
 * @param retention               the time after closing after which a case is anonymised (default two years)
 * @param caselessMailRetention   how long the outbox keeps a mail that belongs to no case (an
 *                                answer to an unknown reference, a reminder to staff), to send
 *                                it once however often its step is retried (default 30 days)
 */
@ConfigurationProperties("homepair.privacy")
public record PrivacyProperties(Duration retention, Duration caselessMailRetention) {

    public PrivacyProperties {
        retention = retention == null ? Duration.ofDays(730) : retention;
        caselessMailRetention = caselessMailRetention == null ? Duration.ofDays(30) : caselessMailRetention;
    }
}
