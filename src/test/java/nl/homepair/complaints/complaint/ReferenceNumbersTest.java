package nl.homepair.complaints.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A reference as people write it in a subject or a letter is the case's own reference. */
class ReferenceNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"Re: [KL-2026-000123]", "Bezwaar KL 2026 000123", "bezwaar kl-2026-123", "KL2026000123",
            "Bezwaar KL\u20132026\u2013000123", "Klacht KL_2026_000123, graag reactie", "(KL - 2026 - 000123)"})
    void aReferenceTypedOverIsFound(String subject) {
        assertThat(ReferenceNumbers.findIn(subject)).contains("KL-2026-000123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Klacht over de schilder", "Bel 06-12345678", "HKL-2026-000123", "KL-26-000123",
            "Wijk KL 2026"})
    void noReferenceIsNone(String subject) {
        assertThat(ReferenceNumbers.findIn(subject)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"KL-2026-000123", " kl 2026 000123 ", "KL-2026-123", "kl2026000123", "KL\u20132026\u2013000123",
            "(KL-2026-000123)", "KL-2026-000123.", "\u201cKL-2026-000123\u201d", "[KL-2026-000123],"})
    void aFieldHoldingOneReferenceAsTypedIsThatReference(String field) {
        assertThat(ReferenceNumbers.typed(field)).contains("KL-2026-000123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bezwaar KL-2026-000123", "KL-2026-000123 en KL-2026-000124", "KL-2026-0001234x", "HKL-2026-000123"})
    void aFieldHoldingMoreOrLessThanOneReferenceIsNone(String field) {
        assertThat(ReferenceNumbers.typed(field)).isEmpty();
    }

    @Test
    void aLongSequenceNumberStaysWhole() {
        String reference = ReferenceNumbers.format(Instant.parse("2026-04-24T10:00:00Z"), 1234567);
        assertThat(reference).isEqualTo("KL-2026-1234567");
        assertThat(ReferenceNumbers.findIn("Re: " + reference)).contains(reference);
    }
}
