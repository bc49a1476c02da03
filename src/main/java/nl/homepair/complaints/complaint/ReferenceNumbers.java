package nl.homepair.complaints.complaint;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.text.DutchDates;

/**
 * Human-readable case references such as {@code KL-2026-000123}: the year of receipt and
 * the complaint's database sequence number. The sequence makes them unique under
 * concurrent intake without any locking of our own.
 */
public final class ReferenceNumbers {

    /** Finds a reference quoted anywhere in a text, e.g. a mail subject "Re: [KL-2026-000123]". */
    public static final Pattern QUOTED = Pattern.compile("\\bKL-(\\d{4})-(\\d{6,})\\b", Pattern.CASE_INSENSITIVE);

    private static final ZoneId ZONE = DutchDates.ZONE;

    private ReferenceNumbers() {
    }

    public static String format(Instant receivedAt, long sequenceNumber) {
        int year = receivedAt.atZone(ZONE).getYear();
        return String.format(Locale.ROOT, "KL-%d-%06d", year, sequenceNumber);
    }

    /** The first reference quoted in the text, normalised to upper case. */
    public static Optional<String> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = QUOTED.matcher(text);
        return m.find() ? Optional.of(m.group().toUpperCase(Locale.ROOT)) : Optional.empty();
    }
}
