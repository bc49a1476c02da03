package nl.homepair.complaints.text;

/**
 * Camunda stores a String variable in a 4,000-character column (ACT_RU_VARIABLE.TEXT_ and
 * its history), on H2 and PostgreSQL alike. Longer text would fail the step that writes
 * it, so every text the application puts into a variable goes through here. The full
 * text always stays in the application's own tables (the case file).
 */
public final class CamundaText {

    /** A little below 4,000, leaving room for the note added when text is cut. */
    public static final int MAX = 3_900;

    private CamundaText() {
    }

    /** The text, cut at {@link #MAX} characters with a note where the whole text is. */
    public static String fit(String text, String whereTheRestIs) {
        if (text == null || text.length() <= MAX) {
            return text;
        }
        String note = "\n\n[Ingekort; de volledige tekst staat in " + whereTheRestIs + ".]";
        return PlainText.head(text, MAX - note.length()) + note;
    }
}
