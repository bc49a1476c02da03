package nl.homepair.complaints.text;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
}
