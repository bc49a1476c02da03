package nl.homepair.complaints.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.Verdict;
import org.junit.jupiter.api.Test;

/** Where a case ended in the figures (R16). */
class ReportOutcomeTest {

    /** A case decided, whose process was ended from outside in its objection window: closed years later, decided all the same. */
    @Test
    void aDecidedCaseClosedWithoutItsProcessCountsByItsVerdict() {
        assertThat(ReportOutcome.of(CaseOutcome.PROCESS_ENDED, Verdict.WELL_FOUNDED, null, ComplaintStatus.CLOSED, false, true))
                .isEqualTo(ReportOutcome.WELL_FOUNDED);
        assertThat(ReportOutcome.of(CaseOutcome.PROCESS_ENDED, null, null, ComplaintStatus.CLOSED, false, true)).isEqualTo(ReportOutcome.PROCESS_ENDED);
    }

    /**
     * Declared inadmissible, the objection window still open or an objection before the board: inadmissible in the
     * figures, as a decided case counts by its verdict; a decision on the merits after the board makes it decided.
     */
    @Test
    void aCaseDeclaredInadmissibleCountsAsSuchWhileItCanStillBeObjectedTo() {
        assertThat(ReportOutcome.of(null, null, null, ComplaintStatus.DECIDED, false, false)).isEqualTo(ReportOutcome.INADMISSIBLE);
        assertThat(ReportOutcome.of(null, null, null, ComplaintStatus.IN_OBJECTION, false, false)).isEqualTo(ReportOutcome.INADMISSIBLE);
        assertThat(ReportOutcome.of(CaseOutcome.INADMISSIBLE, null, null, ComplaintStatus.CLOSED, false, true))
                .isEqualTo(ReportOutcome.INADMISSIBLE);
        assertThat(ReportOutcome.of(CaseOutcome.DECIDED_AFTER_OBJECTION, Verdict.PARTLY_WELL_FOUNDED, null, ComplaintStatus.CLOSED,
                false, true)).isEqualTo(ReportOutcome.PARTLY_WELL_FOUNDED);
        assertThat(ReportOutcome.of(null, null, null, ComplaintStatus.IN_ASSESSMENT, false, false)).isEqualTo(ReportOutcome.OPEN);
    }
}
