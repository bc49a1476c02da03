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
     * Whether two names as people write them can be one person: they share a word of two letters or more (accents,
     * case, titles and particles aside), and what else each has fits the other: a further word of the one starts with
     * an initial or a further word of the other ("Jan Jansen", "Jansen, J.", "J. Jansen", "jan.jansen"). "Anna de Vries"
     * and "Piet de Vries", "Jan Jansen" and "Jan Bakker", or a name that is an address, are not.
     */
    public static boolean samePerson(String one, String other) {
        if (one == null || other == null || one.contains("@") || other.contains("@")) {
            return false;
        }
        java.util.Set<String> wordsOfOne = words(one);
        java.util.Set<String> wordsOfOther = words(other);
        java.util.Set<String> shared = new java.util.HashSet<>(wordsOfOne);
        shared.retainAll(wordsOfOther);
        return !shared.isEmpty() && restFits(one, wordsOfOne, other, wordsOfOther, shared)
                && restFits(other, wordsOfOther, one, wordsOfOne, shared);
    }

    /** Whether each word of {@code name} beyond the shared ones starts with a letter the other name has as its rest. */
    private static boolean restFits(String name, java.util.Set<String> words, String other, java.util.Set<String> otherWords,
                                    java.util.Set<String> shared) {
        java.util.Set<Character> otherStarts = new java.util.HashSet<>();
        initials(other).forEach(otherStarts::add);
        otherWords.stream().filter(w -> !shared.contains(w)).forEach(w -> otherStarts.add(w.charAt(0)));
        // a name with nothing beyond the shared words ("Jansen") leaves the other's first name open
        return otherStarts.isEmpty() || words.stream().filter(w -> !shared.contains(w)).allMatch(w -> otherStarts.contains(w.charAt(0)));
    }

    /** The single letters of a name ("J." in "Jansen, J."), accents and case aside. */
    private static java.util.List<Character> initials(String name) {
        java.util.List<Character> initials = new java.util.ArrayList<>();
        for (String word : plain(name).split("[^\\p{L}]+")) {
            if (word.length() == 1) {
                initials.add(word.charAt(0));
            }
        }
        return initials;
    }

    private static java.util.Set<String> words(String name) {
        if (name == null) {
            return java.util.Set.of();
        }
        java.util.Set<String> words = new java.util.HashSet<>();
        for (String word : plain(name).split("[^\\p{L}]+")) {
            if (word.length() >= 2 && !NOT_A_NAME.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    private static String plain(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    /** Forms of address and particles a handler may copy with the name. */
    private static final java.util.Set<String> NOT_A_NAME = java.util.Set.of("heer", "mevrouw", "mevr", "mw", "dhr", "mej",
            "familie", "fam", "van", "der", "den", "de", "la", "le", "te", "ter", "ten", "het", "op", "in", "du", "da", "di", "el");
}
