package nl.homepair.complaints.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.sla.WorkingDayProperties;
import org.junit.jupiter.api.Test;

/**
 * A term that passed without its step counts as missed in the shares (R16): an acknowledgement that never went
 * out, an assessment that never came, are not left out of "binnen 2 / 5 werkdagen".
 */
class MissedTermsTest {

    private final WorkingDayCalendar calendar = new WorkingDayCalendar(WorkingDayProperties.defaults());
    /** Monday 8 June 2026: the clock started; its second working day is Wednesday 10 June, its fifth Monday 15 June. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 6, 8);

    private Report report(LocalDate today, FactRow... rows) {
        ReportService.Tally tally = new ReportService.Tally(MONDAY.withDayOfMonth(1), MONDAY.withDayOfMonth(30), calendar, today);
        for (FactRow row : rows) {
            tally.add(row);
        }
        return tally.report(Instant.parse("2026-06-30T10:00:00Z"), List.of());
    }

    private static FactRow row(Integer acknowledgementDays, Integer firstAssessmentDays, CaseOutcome outcome,
                               boolean stoppedByErasure, int pausedDays, boolean paused) {
        return row(acknowledgementDays, firstAssessmentDays, outcome, stoppedByErasure, pausedDays, paused, false);
    }

    private static FactRow row(Integer acknowledgementDays, Integer firstAssessmentDays, CaseOutcome outcome,
                               boolean stoppedByErasure, int pausedDays, boolean paused, boolean assessmentMissed) {
        return new FactRow(MONDAY.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), MONDAY, IntakeChannel.API,
                ComplainantRole.CLIENT, ComplaintSubject.SUPPORT, acknowledgementDays, firstAssessmentDays, null, null,
                outcome, null, null, false, null, 0, null, null, stoppedByErasure, outcome != null, pausedDays, paused,
                outcome != null ? ComplaintStatus.CLOSED : paused ? ComplaintStatus.AWAITING_INFORMATION : ComplaintStatus.IN_ASSESSMENT,
                assessmentMissed);
    }

    /**
     * Declared inadmissible on day 2, the board upheld the objection, withdrawn on day 40: handled in 40 working days,
     * as every withdrawal runs to the withdrawal, not in the 2 of a declaration that was undone.
     */
    @Test
    void aWithdrawalAfterAnUpheldObjectionToInadmissibilityRunsToTheWithdrawal() {
        FactRow withdrawn = new FactRow(MONDAY, MONDAY, IntakeChannel.API, ComplainantRole.CLIENT, ComplaintSubject.SUPPORT,
                0, 2, 2, 40, CaseOutcome.WITHDRAWN, null, null, true, null, 0, null, null, false, true, 0, false,
                ComplaintStatus.CLOSED, false);
        FactRow inadmissible = new FactRow(MONDAY, MONDAY, IntakeChannel.API, ComplainantRole.CLIENT, ComplaintSubject.SUPPORT,
                0, 2, 3, 120, CaseOutcome.INADMISSIBLE, null, null, false, null, 0, null, null, false, true, 0, false,
                ComplaintStatus.CLOSED, false);

        Report report = report(LocalDate.of(2026, 6, 30), withdrawn, inadmissible);
        assertThat(report.durations().handling().cases()).isEqualTo(2);
        assertThat(report.durations().handling().average()).as("(40 + 3) / 2").isEqualTo(21.5);
    }

    /**
     * A second registration closed as a duplicate is counted apart, as a question or spam is: no complaint of its own, nor
     * in the shares of terms met (its complaint is counted, and timed, under the case that goes on).
     */
    @Test
    void aDuplicateIsNoComplaintOfItsOwn() {
        Report report = report(LocalDate.of(2026, 6, 30), row(0, 2, null, false, 0, false),
                row(4, null, CaseOutcome.DUPLICATE, false, 0, false));
        assertThat(report.received()).isEqualTo(2);
        assertThat(report.complaints()).isOne();
        assertThat(report.outcomes()).filteredOn(count -> count.code().equals("DUPLICATE"))
                .singleElement().satisfies(count -> {
                    assertThat(count.count()).isOne();
                    assertThat(count.percentage()).isNull();
                });
        assertThat(report.acknowledgedWithin2()).isEqualTo(new Report.Share(1, 1, 100.0));
    }

    /** A case that began to wait on the complainant, or closed, after its term passed without the assessment. */
    @Test
    void anAssessmentMissedBeforeTheCaseStoppedWaitingForItStaysMissed() {
        FactRow assessed = row(0, 2, null, false, 0, false);
        FactRow askedLateAndWaiting = row(0, null, null, false, 0, true, true);
        FactRow askedLateAndClosedUnanswered = row(0, null, CaseOutcome.INCOMPLETE, false, 0, false, true);
        FactRow askedLateThenErased = row(0, null, null, true, 0, false, true);

        assertThat(report(LocalDate.of(2026, 6, 30), assessed, askedLateAndWaiting, askedLateAndClosedUnanswered,
                askedLateThenErased).assessedWithin5()).isEqualTo(new Report.Share(1, 3, 33.3));
    }

    @Test
    void anAcknowledgementNeverSentIsMissedOnceItsTermIsOver() {
        FactRow sent = row(1, 3, null, false, 0, false);
        FactRow neverSent = row(null, 3, CaseOutcome.RESOLVED_BY_MEDIATION, false, 0, false);

        // on Wednesday the term still runs: not measured yet
        assertThat(report(LocalDate.of(2026, 6, 10), sent, neverSent).acknowledgedWithin2())
                .isEqualTo(new Report.Share(1, 1, 100.0));
        // from Thursday it was missed
        assertThat(report(LocalDate.of(2026, 6, 11), sent, neverSent).acknowledgedWithin2())
                .isEqualTo(new Report.Share(1, 2, 50.0));
    }

    @Test
    void anAssessmentThatNeverCameIsMissedButNotWhileOrAfterTheClockStoodStill() {
        FactRow assessed = row(0, 2, null, false, 0, false);
        FactRow neverAssessed = row(0, null, null, false, 0, false);
        FactRow waitingOnTheComplainant = row(0, null, null, false, 0, true);
        // closed without the fact: closed while waiting on the complainant, or kept from before the facts were
        FactRow closedWaiting = row(0, null, CaseOutcome.INCOMPLETE, false, 0, false);
        FactRow closedBeforeTheFacts = row(0, null, CaseOutcome.RESOLVED_BY_MEDIATION, false, 0, false);
        FactRow erasedEarly = row(0, null, null, true, 0, false);
        FactRow pausedThreeDays = row(0, null, null, false, 3, false);

        // Monday 15 June is the fifth working day: nothing missed yet
        assertThat(report(LocalDate.of(2026, 6, 15), assessed, neverAssessed, waitingOnTheComplainant, closedWaiting,
                closedBeforeTheFacts, erasedEarly, pausedThreeDays).assessedWithin5()).isEqualTo(new Report.Share(1, 1, 100.0));
        // Tuesday 16 June: the one never assessed missed it; the one whose clock stood still three days has until
        // Thursday 18 June, and missed it on Friday
        assertThat(report(LocalDate.of(2026, 6, 18), assessed, neverAssessed, waitingOnTheComplainant, closedWaiting,
                closedBeforeTheFacts, erasedEarly, pausedThreeDays).assessedWithin5()).isEqualTo(new Report.Share(1, 2, 50.0));
        assertThat(report(LocalDate.of(2026, 6, 16), assessed, neverAssessed, waitingOnTheComplainant, closedWaiting,
                closedBeforeTheFacts, erasedEarly, pausedThreeDays).assessedWithin5()).isEqualTo(new Report.Share(1, 2, 50.0));
        assertThat(report(LocalDate.of(2026, 6, 19), assessed, neverAssessed, waitingOnTheComplainant, closedWaiting,
                closedBeforeTheFacts, erasedEarly, pausedThreeDays).assessedWithin5()).isEqualTo(new Report.Share(1, 3, 33.3));
    }

    /** The outcome shares are of the complaints, as the headline and every other share: what was no complaint is apart. */
    @Test
    void outcomeSharesAreOfTheComplaintsAndAddUpToThem() {
        Report report = report(LocalDate.of(2026, 6, 30), row(0, 2, CaseOutcome.RESOLVED_BY_MEDIATION, false, 0, false),
                row(0, 2, null, false, 0, false), row(null, null, CaseOutcome.NOT_A_COMPLAINT, false, 0, false));
        assertThat(report.complaints()).isEqualTo(2);
        assertThat(report.outcomes()).filteredOn(c -> c.count() > 0)
                .extracting(Report.Count::code, Report.Count::count, Report.Count::percentage).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("RESOLVED_BY_MEDIATION", 1L, 50.0),
                        org.assertj.core.groups.Tuple.tuple("OPEN", 1L, 50.0),
                        org.assertj.core.groups.Tuple.tuple("NOT_A_COMPLAINT", 1L, null));
        // the chart shows the count of what was no complaint, not a share of 0 %
        assertThat(SvgCharts.outcomes(report.outcomes())).contains(">50,0% (1)</text>", ">Geen klacht</text>", ">1</text>")
                .doesNotContain(">0,0% (1)</text>");
    }
}
