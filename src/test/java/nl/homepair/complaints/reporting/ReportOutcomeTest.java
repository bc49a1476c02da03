package nl.homepair.complaints.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.Verdict;
import org.junit.jupiter.api.Test;

/** Where a case ended in the figures (R16). */
class ReportOutcomeTest {

    /** A case decided, whose process was ended from outside in its objection window: closed years later, decided all the same. */
    @Test
    void aDecidedCaseClosedWithoutItsProcessCountsByItsVerdict() {
        assertThat(ReportOutcome.of(CaseOutcome.PROCESS_ENDED, Verdict.WELL_FOUNDED, null, false, true))
                .isEqualTo(ReportOutcome.WELL_FOUNDED);
        assertThat(ReportOutcome.of(CaseOutcome.PROCESS_ENDED, null, null, false, true)).isEqualTo(ReportOutcome.PROCESS_ENDED);
    }
}
