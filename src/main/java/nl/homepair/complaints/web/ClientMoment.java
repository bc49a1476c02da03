package nl.homepair.complaints.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * When the platform says a message was sent ({@code sentAt}): a chat message or an objection that the platform
 * delivers again after a time-out or an outage of ours counts from when the person sent it, not from when it finally
 * arrived, so that an outage on our side never makes an objection on the last evening late (R9, DSA art. 20) and chat
 * messages stand on the timeline in the order they were written. Within bounds: not in the future (beyond a clock's
 * drift), and not longer ago than a platform's retries can take.
 */
public final class ClientMoment {

    /** How far the platform's clock may run ahead of ours. */
    static final Duration DRIFT = Duration.ofMinutes(2);
    /** How long the platform may keep delivering a message again (a weekend's outage). */
    public static final Duration LONGEST_RETRY = Duration.ofHours(72);

    private ClientMoment() {
    }

    /**
     * The moment in {@code value} (ISO 8601 with its offset, "2026-12-04T23:55:00+01:00"), {@code now} when none is
     * given; refused with a Dutch message on {@code field} when it cannot be read or lies outside the bounds.
     */
    public static Instant sentAt(String field, String value, Instant now) {
        if (value == null || value.isBlank()) {
            return now;
        }
        Instant sent;
        try {
            sent = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw refused(field, "Geef het moment van verzenden als ISO 8601 met de tijdzone, bijvoorbeeld"
                    + " 2026-12-04T23:55:00+01:00.");
        }
        if (sent.isAfter(now.plus(DRIFT))) {
            throw refused(field, "Het moment van verzenden ligt in de toekomst.");
        }
        if (sent.isBefore(now.minus(LONGEST_RETRY))) {
            throw refused(field, "Het moment van verzenden ligt meer dan " + LONGEST_RETRY.toHours() + " uur terug; een"
                    + " bericht dat zo lang onderweg was, registreert een behandelaar met de datum van ontvangst.");
        }
        return sent.isAfter(now) ? now : sent;
    }

    private static InvalidSubmissionException refused(String field, String message) {
        return new InvalidSubmissionException(List.of(new FieldError(field, message)));
    }
}
