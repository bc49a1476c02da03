package nl.homepair.complaints.text;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How people read dates here: in Dutch and in Amsterdam time, whatever the server's
 * zone. The one place for mails, forms, the timeline and API messages.
 */
public final class DutchDates {

    public static final Locale DUTCH = Locale.forLanguageTag("nl-NL");
    /** The procedure is Dutch: every day, deadline and time of day is Amsterdam time. */
    public static final String ZONE_ID = "Europe/Amsterdam";
    public static final ZoneId ZONE = ZoneId.of(ZONE_ID);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH).withZone(ZONE);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", DUTCH).withZone(ZONE);
    private static final DateTimeFormatter MOMENT =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'om' HH:mm", DUTCH).withZone(ZONE);

    private DutchDates() {
    }

    /**
     * Whether {@code moment} falls after the day of {@code deadline}: a deadline "tot en met" a day ends at midnight, so
     * a message at 23:59:59.4 on that day is in time (deadlines are stored as 23:59:59, at second precision).
     */
    public static boolean pastTheDayOf(Instant moment, Instant deadline) {
        return !moment.isBefore(dayAfter(deadline));
    }

    /** The first moment of the day after the day of {@code deadline}. */
    public static Instant dayAfter(Instant deadline) {
        return deadline.atZone(ZONE).toLocalDate().plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    /** "4 mei 2026". */
    public static String day(Instant instant) {
        return DAY.format(instant);
    }

    /** "4 mei 2026". */
    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** "maandag 4 mei 2026". */
    public static String weekday(Instant instant) {
        return WEEKDAY.format(instant);
    }

    /** "maandag 4 mei 2026 om 10:00". */
    public static String moment(Instant instant) {
        return MOMENT.format(instant);
    }

    /**
     * A moment as a form's date-time field sends it: with its offset ("2026-04-24T10:00+02:00"),
     * or without one, a time in the Netherlands ("2026-04-24T10:00", what the start forms send).
     *
     * @throws DateTimeParseException when it is neither
     */
    public static Instant parseMoment(String text) {
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(value).atZone(ZONE).toInstant();
        }
    }
}
