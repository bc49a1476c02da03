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

    /**
     * Finds a reference quoted anywhere in a text, e.g. a mail subject "Re: [KL-2026-000123]",
     * also as people type it over: "KL 2026 000123", "kl2026000123", "KL-2026-123", with an
     * en dash. {@link #findIn} writes it the one way again.
     */
    private static final Pattern QUOTED = Pattern.compile(
            "(?<![\\p{L}\\d])KL[\\s._\\-\\u2010-\\u2015]{0,3}(\\d{4})[\\s._\\-\\u2010-\\u2015]{0,3}(\\d{1,12})(?!\\d)",
            Pattern.CASE_INSENSITIVE);

    private static final ZoneId ZONE = DutchDates.ZONE;

    private ReferenceNumbers() {
    }

    public static String format(Instant receivedAt, long sequenceNumber) {
        int year = receivedAt.atZone(ZONE).getYear();
        return String.format(Locale.ROOT, "KL-%d-%06d", year, sequenceNumber);
    }

    /** The first reference quoted in the text, written as {@link #format} writes it. */
    public static Optional<String> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = QUOTED.matcher(text);
        return m.find() ? Optional.of(written(m)) : Optional.empty();
    }

    /** Every reference in {@code text}, in order, each once. */
    public static java.util.List<String> allIn(String text) {
        if (text == null) {
            return java.util.List.of();
        }
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        Matcher m = QUOTED.matcher(text);
        while (m.find()) {
            found.add(written(m));
        }
        return java.util.List.copyOf(found);
    }

    /** Punctuation around a reference copied from a sentence or a subject: "(KL-2026-000123)", "KL-2026-000123.". */
    private static final Pattern AROUND = Pattern.compile("^[\\s\\p{P}]+|[\\s\\p{P}]+$");

    /**
     * The reference a person typed into a field that holds nothing else, however they wrote it ("kl 2026 000123",
     * "KL-2026-123", copied with the brackets or full stop around it); empty when the field holds anything besides one
     * reference.
     */
    public static Optional<String> typed(String field) {
        if (field == null) {
            return Optional.empty();
        }
        Matcher m = QUOTED.matcher(AROUND.matcher(field).replaceAll(""));
        return m.matches() ? Optional.of(written(m)) : Optional.empty();
    }

    private static String written(Matcher m) {
        return String.format(Locale.ROOT, "KL-%s-%06d", m.group(1), Long.parseLong(m.group(2)));
    }
}
