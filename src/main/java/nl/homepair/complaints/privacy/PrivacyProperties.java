package nl.homepair.complaints.privacy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.support.CronExpression;

/**
 * How long personal data is kept after a case closes (R13), {@code homepair.privacy.*}.
 * Keep {@code retention} equal to the models' {@code historyTimeToLive} (days), so that
 * the application's data and the engine's history go on the same schedule.
 *
 * @param retention               the time after closing after which a case is anonymised (default two years)
 * @param caselessMailRetention   how long the outbox keeps a mail that belongs to no case (an
 *                                answer to an unknown reference, a reminder to staff), to send
 *                                it once however often its step is retried (default 30 days)
 * @param cleanupCron             when the nightly clean-up runs, in Amsterdam time ({@code application.yaml}: 03:30);
 *                                never between 02:00 and 03:00, an hour that does not exist on the night the clocks go
 *                                forward (Spring then skips the run, and a case's data is kept a day longer than R13
 *                                says) and comes twice when they go back
 */
@ConfigurationProperties("homepair.privacy")
public record PrivacyProperties(Duration retention, Duration caselessMailRetention, String cleanupCron) {

    public PrivacyProperties {
        retention = retention == null ? Duration.ofDays(730) : retention;
        caselessMailRetention = caselessMailRetention == null ? Duration.ofDays(30) : caselessMailRetention;
        // "-" switches the clean-up off (Spring's disabled cron)
        if (cleanupCron != null && !"-".equals(cleanupCron.strip()) && inTheClockChangeHour(cleanupCron)) {
            throw new IllegalArgumentException("homepair.privacy.cleanup-cron '" + cleanupCron + "' runs between 02:00 and"
                    + " 03:00, an hour that Amsterdam skips when the clocks go forward (the clean-up would not run that night)"
                    + " and has twice when they go back: choose another hour, e.g. \"0 30 3 * * *\".");
        }
    }

    /**
     * Whether the cron names a moment of 02:xx on any day of a year (read on a clock without summer time). Each day is
     * asked only for its first moment from 02:00 on, so that a cron of every second costs no more than one of every day.
     */
    static boolean inTheClockChangeHour(String cron) {
        CronExpression expression = CronExpression.parse(cron);
        ZonedDateTime day = LocalDateTime.of(2027, 1, 1, 0, 0).atZone(ZoneOffset.UTC);
        for (int days = 0; days < 366; days++, day = day.plusDays(1)) {
            // the day's first moment from 02:00 on
            ZonedDateTime next = expression.next(day.withHour(2).minusNanos(1));
            if (next != null && next.toLocalDate().equals(day.toLocalDate()) && next.getHour() == 2) {
                return true;
            }
        }
        return false;
    }
}
