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
     * "Müller") can be the person of {@code known} ("Jan Jansen", "Anna de Vries", "Muller"): a word of three letters or
     * more in both, accents and case aside. Initials, titles and "de", "van" alone match nothing.
     */
    public static boolean mayBe(String typed, String known) {
        java.util.Set<String> words = words(known, 3);
        if (words.isEmpty()) {
            // "Bo Li", "An Ng": short names are compared as they are; a name with no letters at all is not checked
            words = words(known, 1);
            if (words.isEmpty()) {
                return true;
            }
            return words(typed, 1).stream().anyMatch(words::contains);
        }
        return words(typed, 3).stream().anyMatch(words::contains);
    }

    private static java.util.Set<String> words(String name, int shortest) {
        if (name == null) {
            return java.util.Set.of();
        }
        String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        java.util.Set<String> words = new java.util.HashSet<>();
        for (String word : plain.split("[^\\p{L}]+")) {
            if (word.length() >= shortest && !TITLES.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** Forms of address a handler may copy with the name. */
    private static final java.util.Set<String> TITLES = java.util.Set.of("heer", "mevrouw", "mevr", "dhr", "mej", "familie",
            "fam", "van", "der", "den", "ter", "ten");
}
