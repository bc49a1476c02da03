package nl.homepair.complaints.reporting;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.homepair.complaints.complaint.BoardDecision;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.complaint.MeasureReviewOutcome;
import nl.homepair.complaints.engine.DueTasks;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of a period (R16) from {@link CaseFacts}: one streaming pass over the facts
 * of the cases received in the period (a few columns per case, nothing personal), counted
 * in memory; medians and percentiles from per-day counts. The open cases are read now.
 */
@Service
public class ReportService {

    static final int ACKNOWLEDGEMENT_TERM = 2;
    static final int ASSESSMENT_TERM = 5;
    static final String UNCLASSIFIED = "UNCLASSIFIED";
    static final String UNCLASSIFIED_LABEL = "Nog niet ingedeeld";

    @PersistenceContext
    private EntityManager entityManager;

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final WorkingDayCalendar calendar;

    public ReportService(TaskService taskService, RuntimeService runtimeService, WorkingDayCalendar calendar) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.calendar = calendar;
    }

    /** The figures of every case received from {@code from} to {@code to}, both days included. */
    @Transactional(readOnly = true)
    public Report report(LocalDate from, LocalDate to) {
        return report(from, to, null);
    }

    /** As {@link #report(LocalDate, LocalDate)}, only for complainants in {@code role} when it is not null. */
    @Transactional(readOnly = true)
    public Report report(LocalDate from, LocalDate to, ComplainantRole role) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("from must not be after to");
        }
        Tally tally = new Tally(from, to, calendar, ClockUtil.getCurrentTime().toInstant().atZone(DutchDates.ZONE).toLocalDate());
        TypedQuery<FactRow> query = entityManager.createQuery("""
                        select new nl.homepair.complaints.reporting.FactRow(f.receivedWeek, f.clockStartDay, f.channel, f.role, f.subject,
                            f.acknowledgementDays, f.firstAssessmentDays, f.decisionDays, f.closingDays, f.outcome,
                            f.verdict, f.revisedVerdict, f.objectionAt is not null, f.boardDecision,
                            f.affectedUserObjections, f.measureReviewOutcome, f.externalDispute, f.stoppedByErasure,
                            f.closedAt is not null, f.pausedDays, f.pausedSince is not null, f.status, f.assessmentMissed)
                        from CaseFacts f where f.receivedAt >= :start and f.receivedAt < :end
                        """ + (role == null ? "" : " and f.role = :role"), FactRow.class)
                .setParameter("start", startOf(from))
                .setParameter("end", startOf(to.plusDays(1)))
                .setHint("org.hibernate.fetchSize", 1_000)
                .setHint("org.hibernate.readOnly", true);
        if (role != null) {
            query.setParameter("role", role);
        }
        try (Stream<FactRow> rows = query.getResultStream()) {
            rows.forEach(tally::add);
        }
        return tally.report(ClockUtil.getCurrentTime().toInstant(), openCases());
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(DutchDates.ZONE).toInstant();
    }

    /** Open cases by the step they are in, and how many of them have a task past its due date now. */
    List<Report.OpenStep> openCases() {
        Date now = ClockUtil.getCurrentTime();
        Set<String> lateReferences = DueTasks.referencesDue(taskService, runtimeService, null, now);
        Map<ComplaintStatus, long[]> steps = new EnumMap<>(ComplaintStatus.class);
        Arrays.stream(ComplaintStatus.values()).filter(s -> s != ComplaintStatus.CLOSED)
                .forEach(s -> steps.put(s, new long[2]));
        try (Stream<Object[]> rows = entityManager.createQuery(
                        "select f.reference, f.status from CaseFacts f where f.closedAt is null", Object[].class)
                .getResultStream()) {
            rows.forEach(row -> {
                long[] counts = steps.get((ComplaintStatus) row[1]);
                if (counts != null) {
                    counts[0]++;
                    if (lateReferences.contains((String) row[0])) {
                        counts[1]++;
                    }
                }
            });
        }
        List<Report.OpenStep> open = new ArrayList<>();
        steps.forEach((status, counts) -> open.add(new Report.OpenStep(status.name(), status.label(), counts[0], counts[1])));
        return open;
    }

    /** The counting of one pass. */
    static final class Tally {

        private final LocalDate from;
        private final LocalDate to;
        private long received;
        /** Received but no complaint of its own: not a complaint, or a second registration of one. */
        private long notAComplaint;
        private final Map<String, Long> roles = new HashMap<>();
        private final Map<String, Long> subjects = new HashMap<>();
        private final Map<IntakeChannel, Long> channels = new EnumMap<>(IntakeChannel.class);
        private final Map<ReportOutcome, Long> outcomes = new EnumMap<>(ReportOutcome.class);
        private final long[] acknowledged = new long[2];
        private final long[] assessed = new long[2];
        private final Histogram acknowledgementDays = new Histogram();
        private final Histogram assessmentDays = new Histogram();
        private final Histogram decisionDays = new Histogram();
        private final Histogram closingDays = new Histogram();
        private final Histogram handlingDays = new Histogram();
        private long objections;
        private final Map<BoardDecision, Long> boardDecisions = new EnumMap<>(BoardDecision.class);
        private long affectedUserObjections;
        private final Map<MeasureReviewOutcome, Long> measureReviews = new EnumMap<>(MeasureReviewOutcome.class);
        private long disputeReferrals;
        private final TreeMap<LocalDate, WeekTally> weeks = new TreeMap<>();

        private final WorkingDayCalendar calendar;
        private final LocalDate today;

        /** @param today the day the figures are made: a term that ended before it without its step was missed */
        Tally(LocalDate from, LocalDate to, WorkingDayCalendar calendar, LocalDate today) {
            this.from = from;
            this.to = to;
            this.calendar = calendar;
            this.today = today;
            for (LocalDate monday = monday(from); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
                weeks.put(monday, new WeekTally());
            }
        }

        void add(FactRow f) {
            received++;
            ReportOutcome outcome = ReportOutcome.of(f.outcome(), f.verdict(), f.revisedVerdict(), f.declaredInadmissible(), f.stoppedByErasure(),
                    f.closed());
            outcomes.merge(outcome, 1L, Long::sum);
            if (!outcome.isAComplaint()) {
                notAComplaint++;
                return;
            }
            roles.merge(f.role() == null ? UNCLASSIFIED : f.role().name(), 1L, Long::sum);
            subjects.merge(f.subject() == null ? UNCLASSIFIED : f.subject().name(), 1L, Long::sum);
            channels.merge(f.channel(), 1L, Long::sum);
            WeekTally week = weeks.computeIfAbsent(f.receivedWeek(), w -> new WeekTally());
            week.channels.merge(f.channel(), 1L, Long::sum);
            if (f.acknowledgementDays() != null) {
                acknowledgementDays.add(f.acknowledgementDays());
                count(acknowledged, f.acknowledgementDays() <= ACKNOWLEDGEMENT_TERM);
                count(week.acknowledged, f.acknowledgementDays() <= ACKNOWLEDGEMENT_TERM);
            } else if (missed(f, ACKNOWLEDGEMENT_TERM)) {
                // never sent (the mail server stayed down, the case ended first): missed, not left out
                count(acknowledged, false);
                count(week.acknowledged, false);
            }
            if (f.firstAssessmentDays() != null) {
                assessmentDays.add(f.firstAssessmentDays());
                count(assessed, f.firstAssessmentDays() <= ASSESSMENT_TERM);
                count(week.assessed, f.firstAssessmentDays() <= ASSESSMENT_TERM);
            } else if (f.assessmentMissed() && !f.stoppedByErasure() || !f.closed() && !f.paused()
                    && (f.status() == ComplaintStatus.REGISTERED || f.status() == ComplaintStatus.IN_ASSESSMENT)
                    && missed(f, ASSESSMENT_TERM + f.pausedDays())) {
                // missed when the case stopped waiting for it (it began to wait on the complainant, or closed, after the
                // term), or still before it and late: the clock stands still while the case waits on the complainant
                // (R4), and a case past it without the fact (in mediation, decided, closed) is one from before the facts
                // were kept (CaseFactsBackfill), whose assessment went out unrecorded
                count(assessed, false);
                count(week.assessed, false);
            }
            if (f.decisionDays() != null && !f.declaredInadmissible()) { // a declaration is no decision on the merits
                decisionDays.add(f.decisionDays());
            }
            if (f.closingDays() != null && f.outcome() != null && !f.stoppedByErasure()) {
                closingDays.add(f.closingDays());
            }
            // a decided complaint was handled at its decision: its case stays open for the objection window; a case
            // declared inadmissible, then withdrawn after the board upheld the objection to that, ran to its withdrawal
            boolean withdrawnAfterTheDeclaration = f.declaredInadmissible() && outcome == ReportOutcome.WITHDRAWN;
            if (f.decisionDays() != null && !withdrawnAfterTheDeclaration) {
                handlingDays.add(f.decisionDays());
            } else if (f.closingDays() != null && f.outcome() != null && !f.stoppedByErasure()) {
                handlingDays.add(f.closingDays());
            }
            if (f.objection()) {
                objections++;
            }
            if (f.boardDecision() != null) {
                boardDecisions.merge(f.boardDecision(), 1L, Long::sum);
            }
            affectedUserObjections += f.affectedUserObjections();
            if (f.measureReviewOutcome() != null) {
                measureReviews.merge(f.measureReviewOutcome(), 1L, Long::sum);
            }
            if (Boolean.TRUE.equals(f.externalDispute())) {
                disputeReferrals++;
            }
        }

        Report report(Instant now, List<Report.OpenStep> open) {
            long complaints = received - notAComplaint;
            List<Report.Count> byRole = counts(ComplainantRole.values(), ComplainantRole::label, roles, complaints);
            List<Report.Count> bySubject = counts(ComplaintSubject.values(), ComplaintSubject::label, subjects, complaints);
            List<Report.Count> byChannel = new ArrayList<>();
            for (IntakeChannel channel : IntakeChannel.values()) {
                byChannel.add(count(channel.name(), channel.label(), channels.getOrDefault(channel, 0L), complaints));
            }
            List<Report.Count> byOutcome = new ArrayList<>();
            for (ReportOutcome outcome : ReportOutcome.values()) {
                long count = outcomes.getOrDefault(outcome, 0L);
                // a share of the complaints, as every other share and the headline: what was no complaint is no part of them
                byOutcome.add(!outcome.isAComplaint() ? new Report.Count(outcome.name(), outcome.label(), count, null)
                        : count(outcome.name(), outcome.label(), count, complaints));
            }
            List<Report.Week> weekList = new ArrayList<>();
            weeks.forEach((monday, w) -> {
                List<Report.Count> weekChannels = new ArrayList<>();
                long total = w.channels.values().stream().mapToLong(Long::longValue).sum();
                for (IntakeChannel channel : IntakeChannel.values()) {
                    weekChannels.add(count(channel.name(), channel.label(), w.channels.getOrDefault(channel, 0L), total));
                }
                LocalDate first = monday.isBefore(from) ? from : monday;
                LocalDate last = monday.plusDays(6).isAfter(to) ? to : monday.plusDays(6);
                weekList.add(new Report.Week(monday, first, last, weekChannels, share(w.acknowledged), share(w.assessed)));
            });
            long objectionsDecided = boardDecisions.values().stream().mapToLong(Long::longValue).sum();
            long reviews = measureReviews.values().stream().mapToLong(Long::longValue).sum();
            return new Report(new Report.Period(from, to), now, received, complaints, byRole, bySubject, byChannel,
                    byOutcome, share(acknowledged), share(assessed),
                    new Report.Durations(acknowledgementDays.duration(), assessmentDays.duration(),
                            decisionDays.duration(), closingDays.duration(), handlingDays.duration()),
                    new Report.Escalations(objections,
                            enumCounts(BoardDecision.values(), BoardDecision::label, boardDecisions, objectionsDecided),
                            affectedUserObjections,
                            enumCounts(MeasureReviewOutcome.values(), MeasureReviewOutcome::label, measureReviews, reviews),
                            disputeReferrals),
                    weekList, open);
        }

        private static <E extends Enum<E>> List<Report.Count> counts(E[] values, Function<E, String> label,
                                                                     Map<String, Long> counted, long total) {
            List<Report.Count> list = new ArrayList<>();
            for (E value : values) {
                list.add(count(value.name(), label.apply(value), counted.getOrDefault(value.name(), 0L), total));
            }
            list.add(count(UNCLASSIFIED, UNCLASSIFIED_LABEL, counted.getOrDefault(UNCLASSIFIED, 0L), total));
            return list;
        }

        private static <E extends Enum<E>> List<Report.Count> enumCounts(E[] values, Function<E, String> label,
                                                                         Map<E, Long> counted, long total) {
            List<Report.Count> list = new ArrayList<>();
            for (E value : values) {
                list.add(count(value.name(), label.apply(value), counted.getOrDefault(value, 0L), total));
            }
            return list;
        }

        private static Report.Count count(String code, String label, long count, long total) {
            return new Report.Count(code, label, count, percentage(count, total));
        }

        /**
         * Whether a term of {@code days} working days passed without its step: the last day it allowed is over.
         * A case stopped because its data was erased is not counted against a term it did not reach.
         */
        private boolean missed(FactRow f, int days) {
            return !f.stoppedByErasure() && f.clockStartDay() != null
                    && today.isAfter(calendar.nthWorkingDayAfter(f.clockStartDay(), days));
        }

        private static void count(long[] share, boolean within) {
            share[1]++;
            if (within) {
                share[0]++;
            }
        }

        private static Report.Share share(long[] share) {
            return new Report.Share(share[0], share[1], percentage(share[0], share[1]));
        }

        static Double percentage(long part, long whole) {
            return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
        }

        static LocalDate monday(LocalDate day) {
            return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
    }

    private static final class WeekTally {
        private final Map<IntakeChannel, Long> channels = new EnumMap<>(IntakeChannel.class);
        private final long[] acknowledged = new long[2];
        private final long[] assessed = new long[2];
    }
}
