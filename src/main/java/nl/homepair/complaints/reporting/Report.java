package nl.homepair.complaints.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The figures of one period (R16), as JSON, CSV and the page show them. A case belongs to
 * the period by the day it was received (Amsterdam); what happened to it later (its
 * decision, objection, closing) counts with it, so a period's figures change until its
 * cases are closed. {@link #open} is not about the period: it is now.
 *
 * @param received      every case registered in the period, also those closed as not a complaint
 * @param complaints    {@code received} without the ones closed as not a complaint or as a duplicate of another
 * @param byRole        complaints by role of the complainant; {@code UNCLASSIFIED} for a mail still in triage
 * @param outcomes      every received case by where it ended, with its share of {@code received}
 * @param acknowledgedWithin2 share of acknowledged complaints acknowledged within 2 working days (R5)
 * @param assessedWithin5     share of assessed complaints whose first assessment reached the complainant
 *                            within 5 working days, days waiting on the complainant left out (R4, R6)
 */
public record Report(
        Period period,
        Instant generatedAt,
        long received,
        long complaints,
        List<Count> byRole,
        List<Count> bySubject,
        List<Count> byChannel,
        List<Count> outcomes,
        Share acknowledgedWithin2,
        Share assessedWithin5,
        Durations durations,
        Escalations escalations,
        List<Week> weeks,
        List<OpenStep> open) {

    public record Period(LocalDate from, LocalDate to) {
    }

    /** How many cases have {@code code}; {@code percentage} of the list's total, one decimal, null when it is 0. */
    public record Count(String code, String label, long count, Double percentage) {
    }

    /** {@code within} of {@code measured} cases met the term; {@code percentage} null when none was measured. */
    public record Share(long within, long measured, Double percentage) {
    }

    /**
     * Working days (R11) from the day the clock started to the step, over the {@code cases}
     * that reached it; median and 90th percentile by nearest rank (docs/decisions.md), null
     * without cases.
     */
    public record Duration(long cases, Integer median, Integer p90, Double average) {
    }

    /**
     * @param acknowledgement to the acknowledgement mail
     * @param firstAssessment to the mail with the first assessment's outcome, waits on the complainant left out
     * @param decision        to the (first) decision on the merits
     * @param closing         to closing, for complaints that ended with an outcome (not: not a complaint, stopped by erasure);
     *                        a decided case closes only when its objection window has ended, months after the decision
     * @param handling        the handling time (R16, the transparency summary): to the decision on the merits for a
     *                        decided complaint (also one erased or still in its objection window), else to closing
     */
    public record Durations(Duration acknowledgement, Duration firstAssessment, Duration decision, Duration closing,
                            Duration handling) {
    }

    /**
     * @param objections             complainants' objections to the board (R9)
     * @param boardDecisions         the board's decisions on them
     * @param affectedUserObjections objections of users a measure was taken against (DSA art. 20)
     * @param measureReviews         the board's decisions on those
     * @param disputeReferrals       complainants known to have gone to independent dispute resolution (R10)
     */
    public record Escalations(long objections, List<Count> boardDecisions, long affectedUserObjections,
                              List<Count> measureReviews, long disputeReferrals) {
    }

    /**
     * One week (Monday) of the period: cases received by channel, and the two terms met. {@code from} and {@code to} are
     * the week's days within the period: a week cut by the period's first or last day counts only those days.
     */
    public record Week(LocalDate monday, LocalDate from, LocalDate to, List<Count> byChannel, Share acknowledgedWithin2,
                       Share assessedWithin5) {

        public long received() {
            return byChannel.stream().mapToLong(Count::count).sum();
        }

        /** Whether the period cuts this week: only some of its days count. */
        public boolean partial() {
            return !from.equals(monday) || !to.equals(monday.plusDays(6));
        }

        /** " (alleen … t/m …)" with the days that count, dates as {@code format} writes them; empty for a whole week. */
        public String cutNote(java.util.function.Function<LocalDate, String> format) {
            return partial() ? " (alleen " + format.apply(from) + " t/m " + format.apply(to) + ")" : "";
        }
    }

    /** Open cases in one step now, and how many of them have a task past its due date. */
    public record OpenStep(String code, String label, long open, long late) {
    }
}
