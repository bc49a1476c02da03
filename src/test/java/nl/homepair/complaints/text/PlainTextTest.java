package nl.homepair.complaints.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void aTextIsCutBetweenCharactersNeverInsideAnEmoji() {
        String angry = "ab\uD83D\uDE21cd"; // "ab😡cd": the emoji takes the chars at 2 and 3
        assertThat(PlainText.head(angry, 3)).isEqualTo("ab");
        assertThat(PlainText.head(angry, 4)).isEqualTo("ab\uD83D\uDE21");
        assertThat(PlainText.head(angry, 10)).isSameAs(angry);
        assertThat(PlainText.isPlain(PlainText.head(angry, 3))).isTrue();
        assertThat(PlainText.isPlain(angry.substring(0, 3))).as("what a plain cut did").isFalse();

        assertThat(PlainText.shortened(angry, 4)).isEqualTo("ab…");
        assertThat(PlainText.shortened(angry, 5)).isEqualTo("ab\uD83D\uDE21…");
        assertThat(PlainText.shortened(angry, 6)).isSameAs(angry);
    }

    @Test
    void theFirstCharacterNoOneTypesIsPlacedByItsLineAndTheWordsBeforeIt() {
        String pasted = "Geachte heer,\r\n\r\nIk stuurde de offerte\u000B op 3 mei.";
        int at = PlainText.firstNotPlain(pasted);
        assertThat(pasted.charAt(at)).isEqualTo('\u000B');
        assertThat(PlainText.placeOf(pasted, at)).isEqualTo("in regel 3, na „…stuurde de offerte”");

        String longLine = "Een lange regel waarin ergens verderop iets staat\u0007 zo.";
        assertThat(PlainText.placeOf(longLine, PlainText.firstNotPlain(longLine)))
                .isEqualTo("na „…verderop iets staat”");
        assertThat(PlainText.placeOf("\u001Bnaam", 0)).isEqualTo("aan het begin");
        assertThat(PlainText.placeOf("eerste\n\u001B[31m", 7)).isEqualTo("aan het begin van regel 2");
        // the quoted words hold no invisible character and do not begin with half an emoji
        String emoji = "xxxxxxxxxxxxxxxxxxx\uD83D\uDE21\u200Bwoord\u0000";
        assertThat(PlainText.placeOf(emoji, emoji.length() - 1)).isEqualTo("na „…xxxxxxxxxxxx\uD83D\uDE21woord”");
        String afterEmoji = "\uD83D\uDE21" + "y".repeat(19) + "\u0000";
        assertThat(PlainText.placeOf(afterEmoji, 21)).isEqualTo("na „…" + "y".repeat(19) + "”");
        assertThat(PlainText.firstNotPlain("gewoon\ttekst\n")).isEqualTo(-1);
        assertThat(PlainText.firstNotPlain("half \uD83D")).isEqualTo(5);
    }
}
