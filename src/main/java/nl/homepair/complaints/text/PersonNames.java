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

    /**
     * Whether a name as a handler copied it from a letter or heard it on the phone ("J. Jansen", "mevrouw De Vries",
     * "Müller", "Li") can be the person of {@code known} ("Jan Jansen", "Anna de Vries", "Muller", "Jan Li"): a word of
     * two letters or more in both, accents and case aside. Initials, titles and particles ("de", "van") alone match
     * nothing. A known name that is an address (a mail without a display name) or has no word is not checked.
     */
    public static boolean mayBe(String typed, String known) {
        java.util.Set<String> words = known == null || known.contains("@") ? java.util.Set.of() : words(known);
        return words.isEmpty() || words(typed).stream().anyMatch(words::contains);
    }

    /**
     * Whether two names as people write them share a word of two letters or more (accents, case, titles and particles
     * aside): "Jan Jansen" and "Jansen, J."; not two names of which one has no such word (an address as the name).
     */
    public static boolean shareAWord(String one, String other) {
        if (one == null || other == null || one.contains("@") || other.contains("@")) {
            return false;
        }
        java.util.Set<String> words = words(one);
        return words(other).stream().anyMatch(words::contains);
    }

    private static java.util.Set<String> words(String name) {
        if (name == null) {
            return java.util.Set.of();
        }
        String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        java.util.Set<String> words = new java.util.HashSet<>();
        for (String word : plain.split("[^\\p{L}]+")) {
            if (word.length() >= 2 && !NOT_A_NAME.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** Forms of address and particles a handler may copy with the name. */
    private static final java.util.Set<String> NOT_A_NAME = java.util.Set.of("heer", "mevrouw", "mevr", "mw", "dhr", "mej",
            "familie", "fam", "van", "der", "den", "de", "la", "le", "te", "ter", "ten", "het", "op", "in", "du", "da", "di", "el");
}
