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
        assertThat(ReportOutcome.of(CaseOutcome.PROCESS_ENDED, Verdict.WELL_FOUNDED, null, false, false, true))
                .isEqualTo(ReportOutcome.WELL_FOUNDED);
        assertThat(ReportOutcome.of(CaseOutcome.PROCESS_ENDED, null, null, false, false, true)).isEqualTo(ReportOutcome.PROCESS_ENDED);
    }

    /**
     * Declared inadmissible, the objection window still open or an objection before the board: inadmissible in the
     * figures, as a decided case counts by its verdict; a decision on the merits after the board makes it decided.
     */
    @Test
    void aCaseDeclaredInadmissibleCountsAsSuchWhileItCanStillBeObjectedTo() {
        assertThat(ReportOutcome.of(null, null, null, true, false, false)).isEqualTo(ReportOutcome.INADMISSIBLE);
        assertThat(ReportOutcome.of(CaseOutcome.INADMISSIBLE, null, null, true, false, true)).isEqualTo(ReportOutcome.INADMISSIBLE);
        // erased on request in its window: still inadmissible, as a decided case keeps its verdict
        assertThat(ReportOutcome.of(null, null, null, true, true, true)).isEqualTo(ReportOutcome.INADMISSIBLE);
        // decided on its merits after the board upheld the objection to the declaration
        assertThat(ReportOutcome.of(CaseOutcome.DECIDED_AFTER_OBJECTION, null, Verdict.WELL_FOUNDED, true, false, true))
                .isEqualTo(ReportOutcome.WELL_FOUNDED);
        // withdrawn after the board sent it back for a decision on the merits
        assertThat(ReportOutcome.of(CaseOutcome.WITHDRAWN, null, null, true, false, true)).isEqualTo(ReportOutcome.WITHDRAWN);
        assertThat(ReportOutcome.of(CaseOutcome.DECIDED_AFTER_OBJECTION, Verdict.PARTLY_WELL_FOUNDED, null, false, false, true))
                .isEqualTo(ReportOutcome.PARTLY_WELL_FOUNDED);
        assertThat(ReportOutcome.of(null, null, null, false, false, false)).isEqualTo(ReportOutcome.OPEN);
    }
}
