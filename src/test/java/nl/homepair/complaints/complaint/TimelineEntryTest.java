package nl.homepair.complaints.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A timeline line holds at most 12,000 characters; a longer text is cut and says so. */
class TimelineEntryTest {

    @Test
    void aTextThatFitsIsKeptWhole() {
        String whole = "x".repeat(TimelineEntry.SUMMARY_MAX);
        assertThat(TimelineEntry.fitted(whole)).isEqualTo(whole);
    }

    @Test
    void aLongerTextIsCutAndSaysSo() {
        String fitted = TimelineEntry.fitted("De schilder kwam niet. ".repeat(1_000));
        assertThat(fitted).hasSizeLessThanOrEqualTo(TimelineEntry.SUMMARY_MAX).startsWith("De schilder kwam niet.")
                .endsWith("[Ingekort: de tekst was langer dan een regel van de tijdlijn kan bevatten.]");
    }
}
