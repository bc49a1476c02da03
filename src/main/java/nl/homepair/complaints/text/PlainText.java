package nl.homepair.complaints.text;

/**
 * Whether a text typed by a person is plain text: no control characters other than tab and
 * line breaks (NUL, escape sequences, bell, C1 controls), no half of a surrogate pair, no
 * non-characters. Such characters are never typed, break mail and PDF exports, and hide
 * text from the reader; every door refuses them with {@link #REFUSAL} on the field.
 */
public final class PlainText {

    public static final String REFUSAL = "Dit veld bevat tekens die niet in tekst horen (zoals stuurtekens); verwijder ze.";

    private PlainText() {
    }

    /**
     * The text's first {@code max} chars at most, cut between characters: never inside a character that takes two
     * chars (an emoji), whose half would make the text no longer plain.
     */
    public static String head(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }

    /**
     * A SQL {@code like} pattern that finds {@code text} anywhere, its {@code %}, {@code _} and {@code \} taken as
     * themselves: for a query that says {@code escape '\'}.
     */
    public static String likeContaining(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The text at most {@code max} chars long, ending in "…" when it was cut ({@link #head}). */
    public static String shortened(String text, int max) {
        return text.length() <= max ? text : head(text, max - 1) + "…";
    }

    /** True when the text (null counts as empty) holds only characters a person types. */
    public static boolean isPlain(String text) {
        return firstNotPlain(text) < 0;
    }

    /** Where the first character is that a person does not type ({@link #isPlain}); -1 when there is none. */
    public static int firstNotPlain(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                    || Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where in the text the character at {@code index} is, for a person who cannot see it: "in regel 3, na „…de
     * offerte”", "aan het begin"; the line only when the text has more than one. The words quoted are those just before
     * it on its line (at most 20 characters, from a word's beginning, without invisible ones).
     */
    public static String placeOf(String text, int index) {
        int lineStart = Math.max(text.lastIndexOf('\n', index - 1), text.lastIndexOf('\r', index - 1)) + 1;
        boolean lines = text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        String line = lines ? "regel " + (text.substring(0, lineStart).replace("\r\n", "\n").chars()
                .filter(c -> c == '\n' || c == '\r').count() + 1) : null;
        String before = text.substring(Math.max(lineStart, index - 20), index).replaceAll("[\\p{Cf}\\p{Cc}]", "");
        boolean cut = index - lineStart > 20;
        int wordStart = before.indexOf(' ');
        if (cut && wordStart >= 0 && !before.substring(wordStart).isBlank()) {
            before = before.substring(wordStart + 1); // from a word's beginning, not from its last letters
        } else if (!before.isEmpty() && Character.isLowSurrogate(before.charAt(0))) {
            before = before.substring(1);
        }
        if (before.isBlank()) {
            return line == null ? "aan het begin" : "aan het begin van " + line;
        }
        String quoted = "na „" + (cut ? "…" : "") + before + "”";
        return line == null ? quoted : "in " + line + ", " + quoted;
    }
}
