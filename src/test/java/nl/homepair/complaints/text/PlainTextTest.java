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
}
