package nl.homepair.complaints.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the published summary says of the cases that stopped without an outcome (R13, R16). */
class TransparencySummaryTest {

    private static Report.Count count(ReportOutcome outcome, long count, Double percentage) {
        return new Report.Count(outcome.name(), outcome.label(), count, percentage);
    }

    @Test
    void aStopByErasureIsOneRowWithAnEndedProcess() {
        List<Report.Count> outcomes = List.of(count(ReportOutcome.UNFOUNDED, 3, 60.0),
                count(ReportOutcome.STOPPED_BY_ERASURE, 1, 20.0), count(ReportOutcome.PROCESS_ENDED, 1, 20.0),
                count(ReportOutcome.OPEN, 0, 0.0));

        assertThat(TransparencySummary.published(outcomes)).extracting(Report.Count::label, Report.Count::count,
                        Report.Count::percentage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ongegrond", 3L, 60.0),
                        org.assertj.core.groups.Tuple.tuple("Beëindigd zonder uitkomst", 2L, 40.0),
                        org.assertj.core.groups.Tuple.tuple("Nog open", 0L, 0.0));
    }

    @Test
    void withoutCasesTheRowHasNoShare() {
        assertThat(TransparencySummary.published(List.of(count(ReportOutcome.STOPPED_BY_ERASURE, 0, null),
                count(ReportOutcome.PROCESS_ENDED, 0, null))))
                .containsExactly(new Report.Count(TransparencySummary.ENDED_WITHOUT_OUTCOME, "Beëindigd zonder uitkomst", 0, null));
    }
}
