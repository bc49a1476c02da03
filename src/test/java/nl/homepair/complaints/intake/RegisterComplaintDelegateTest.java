package nl.homepair.complaints.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The date of receipt from the Tasklist start form, whatever form its date-time field sends. */
class RegisterComplaintDelegateTest {

    @Test
    void aMomentWithItsOffsetIsKept() {
        assertThat(OffsetDateTime.parse(RegisterComplaintDelegate.withOffset("2026-04-24T10:00+02:00")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-04-24T08:00Z").toInstant());
    }

    @Test
    void aMomentInUtcIsKept() {
        assertThat(OffsetDateTime.parse(RegisterComplaintDelegate.withOffset("2026-04-24T08:00:00Z")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-04-24T08:00Z").toInstant());
    }

    @Test
    void aMomentWithoutOffsetIsATimeInTheNetherlands() {
        assertThat(OffsetDateTime.parse(RegisterComplaintDelegate.withOffset("2026-04-24T10:00")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-04-24T08:00Z").toInstant());
        assertThat(OffsetDateTime.parse(RegisterComplaintDelegate.withOffset("2026-12-24T10:00")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-12-24T09:00Z").toInstant()); // winter time
    }

    @Test
    void somethingElseIsLeftForTheValidatorToName() {
        assertThat(RegisterComplaintDelegate.withOffset("gisteren")).isEqualTo("gisteren");
        assertThat(RegisterComplaintDelegate.withOffset(null)).isNull();
    }
}
