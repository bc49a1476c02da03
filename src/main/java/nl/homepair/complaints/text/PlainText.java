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

    /** The text at most {@code max} chars long, ending in "…" when it was cut ({@link #head}). */
    public static String shortened(String text, int max) {
        return text.length() <= max ? text : head(text, max - 1) + "…";
    }

    /** True when the text (null counts as empty) holds only characters a person types. */
    public static boolean isPlain(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                    || Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
