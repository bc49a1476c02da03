package nl.homepair.complaints.text;

import java.util.Locale;

/** A person's name as a key to compare by: "Schilder  Verf " and "schilder verf" are the same participant. */
public final class PersonNames {

    private PersonNames() {
    }

    /** The name stripped, its runs of whitespace one space, in lower case; "" for null. */
    public static String key(String name) {
        return name == null ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
