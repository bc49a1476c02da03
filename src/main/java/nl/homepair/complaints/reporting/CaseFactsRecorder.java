package nl.homepair.complaints.reporting;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.BoardDecision;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.CaseSteps;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.Measure;
import nl.homepair.complaints.complaint.MeasureReviewOutcome;
import nl.homepair.complaints.complaint.Verdict;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Service;

/**
 * Keeps the {@link CaseFacts} of a case up to date. Called in the transaction of the step
 * that happens (intake, the lifecycle expressions of the models, the mailer, objections,
 * privacy), so a fact is written exactly when the step is. A case without facts (created
 * before this table existed) gets them from what its complaint row still knows.
 */
@Service
public class CaseFactsRecorder implements CaseSteps {

    /**
     * The mails that tell the complainant the outcome of the first assessment (R6): the next
     * steps (mediation or a decision) or that the complaint is inadmissible. Template names
     * are the ones the model gives its mail steps ({@code mailTemplate}).
     */
    static final Set<String> FIRST_ASSESSMENT_MAILS = Set.of(ComplaintProcess.MAIL_NEXT_STEPS, ComplaintProcess.MAIL_INADMISSIBLE);

    private final CaseFactsRepository facts;
    private final WorkingDayCalendar calendar;

    public CaseFactsRecorder(CaseFactsRepository facts, WorkingDayCalendar calendar) {
        this.facts = facts;
        this.calendar = calendar;
    }

    @Override
    public void received(Complaint complaint) {
        of(complaint);
    }

    @Override
    public void classified(Complaint complaint) {
        of(complaint).classify(complaint.getRole(), complaint.getSubject());
    }

    @Override
    public void acknowledged(Complaint complaint, Instant at) {
        CaseFacts f = of(complaint);
        f.acknowledged(at, daysSinceClockStart(f, at));
    }

    /** Every mail about a case; the first one that gives the assessment's outcome is the first assessment. */
    @Override
    public void mailSent(Complaint complaint, String template, Instant at) {
        if (FIRST_ASSESSMENT_MAILS.contains(template)) {
            CaseFacts f = of(complaint);
            f.firstAssessment(at, Math.max(0, daysSinceClockStart(f, at) - f.getPausedDays()));
        }
    }

    @Override
    public void informationReceived(Complaint complaint, Instant receivedAt) {
        CaseFacts f = of(complaint);
        if (f.getPausedSince() != null) {
            // as the model extends the assessment deadline, from the answer's receipt
            f.pauseEnded(calendar.pausedDays(f.getClockStartDay(), f.getPausedSince(), receivedAt));
        }
    }

    @Override
    public void statusChanged(Complaint complaint, ComplaintStatus status, Instant at) {
        CaseFacts f = of(complaint);
        if (!beforeTheAssessment(status)) {
            assessmentTermPassed(f, at);
        }
        if (f.getPausedSince() != null && status != ComplaintStatus.AWAITING_INFORMATION) {
            // as the model extends the assessment deadline (WorkingDayCalendar.extendedBy)
            f.pauseEnded(calendar.pausedDays(f.getClockStartDay(), f.getPausedSince(), at));
        }
        switch (status) {
            case AWAITING_INFORMATION -> f.pauseStarted(at);
            case IN_MEDIATION -> f.mediationStarted(at);
            case AWAITING_DECISION -> f.mediationEnded(false);
            default -> {
                // no fact of its own
            }
        }
        f.status(status);
    }

    /**
     * A decision, or its revision after an upheld objection. The measures are read from the
     * process step that decides (the end listener of the decision task), when there is one.
     */
    @Override
    public void decided(Complaint complaint, Verdict verdict, Instant at) {
        CaseFacts f = of(complaint);
        f.decided(verdict, at, daysSinceClockStart(f, at));
        f.status(complaint.getStatus()); // Besluit genomen: the objection window runs
        VariableScope step = currentStep();
        if (step != null) {
            f.measures(flag(step, Measure.WARNING), flag(step, Measure.SUSPENSION), flag(step, Measure.REMOVAL),
                    flag(step, Measure.COMPENSATION_ADVICE), flag(step, Measure.INTERNAL_IMPROVEMENT));
        }
    }

    @Override
    public void declaredInadmissible(Complaint complaint, Instant at) {
        CaseFacts f = of(complaint);
        f.decided(null, at, daysSinceClockStart(f, at));
        f.status(complaint.getStatus());
    }

    @Override
    public void objection(Complaint complaint, Instant at) {
        of(complaint).objection(at);
    }

    @Override
    public void objectionRegisteredInError(Complaint complaint) {
        of(complaint).objectionRegisteredInError();
    }

    @Override
    public void boardDecided(Complaint complaint, BoardDecision decision, Instant at) {
        of(complaint).boardDecided(decision, at);
    }

    @Override
    public void affectedUserObjection(Complaint complaint) {
        of(complaint).affectedUserObjection();
    }

    @Override
    public void measureReviewed(Complaint complaint, MeasureReviewOutcome outcome) {
        of(complaint).measureReviewed(outcome);
    }

    @Override
    public void measuresAgainstUser(Complaint complaint, List<Measure> standing) {
        of(complaint).measuresAgainstUser(standing.contains(Measure.WARNING), standing.contains(Measure.SUSPENSION),
                standing.contains(Measure.REMOVAL));
    }

    @Override
    public void externalDispute(Complaint complaint, boolean submitted) {
        of(complaint).externalDispute(submitted);
    }

    @Override
    public void closed(Complaint complaint, CaseOutcome outcome, Instant at) {
        CaseFacts f = of(complaint);
        assessmentTermPassed(f, at);
        if (outcome == CaseOutcome.RESOLVED_BY_MEDIATION) {
            f.mediationEnded(true);
        }
        // a case closed only when its data went, years after its process was ended from outside, took no handling time
        f.closed(outcome, at, outcome == CaseOutcome.PROCESS_ENDED ? null : daysSinceClockStart(f, at));
    }

    /** Personal data erased or anonymised (R13); {@code stopped} when an open case was ended for it. */
    @Override
    public void anonymised(Complaint complaint, boolean stopped, Instant at) {
        CaseFacts f = of(complaint);
        if (stopped) {
            f.stoppedByErasure(at);
        }
        f.anonymised(at);
    }

    /**
     * A case that stops waiting for its first assessment (it waits on the complainant, goes on without the assessment's
     * mail, or closes) after the term passed without it: missed, also when the case is closed or paused later, when the
     * figures would no longer see it as late.
     */
    private void assessmentTermPassed(CaseFacts f, Instant at) {
        if (f.getFirstAssessmentDays() == null && f.getPausedSince() == null && beforeTheAssessment(f.getStatus())
                && f.getClockStartDay() != null
                && day(at).isAfter(calendar.nthWorkingDayAfter(f.getClockStartDay(), ReportService.ASSESSMENT_TERM + f.getPausedDays()))) {
            f.assessmentMissed();
        }
    }

    private static boolean beforeTheAssessment(ComplaintStatus status) {
        return status == ComplaintStatus.REGISTERED || status == ComplaintStatus.IN_ASSESSMENT;
    }

    /** The facts of the case, made from its complaint row when it has none yet. */
    CaseFacts of(Complaint complaint) {
        return facts.findById(complaint.getId()).orElseGet(() -> facts.save(fromComplaint(complaint)));
    }

    /**
     * Facts for a case that has none: what its complaint row knows (receipt, role, subject,
     * channel, acknowledgement, decision, objection, board, closing). What only the steps
     * knew (first assessment, pauses, mediation, measures) stays empty.
     */
    CaseFacts fromComplaint(Complaint c) {
        LocalDate received = day(c.getReceivedAt());
        CaseFacts f = new CaseFacts(c.getId(), c.getReference(), c.getReceivedAt(),
                received.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                calendar.clockStartDay(c.getReceivedAt()), c.getChannel(), c.getStatus());
        f.classify(c.getRole(), c.getSubject());
        if (c.getAcknowledgedAt() != null) {
            f.acknowledged(c.getAcknowledgedAt(), daysSinceClockStart(f, c.getAcknowledgedAt()));
        }
        if (c.getDeclaredInadmissibleAt() != null) { // handled then; a verdict after an upheld objection is its revision
            f.decided(null, c.getDeclaredInadmissibleAt(), daysSinceClockStart(f, c.getDeclaredInadmissibleAt()));
        }
        if (c.getDecidedAt() != null && c.getVerdict() != null) {
            f.decided(c.getVerdict(), c.getDecidedAt(), daysSinceClockStart(f, c.getDecidedAt()));
        }
        if (c.getObjectionReceivedAt() != null) {
            f.objection(c.getObjectionReceivedAt());
        }
        if (c.getBoardDecision() != null) {
            f.boardDecided(c.getBoardDecision(), null);
        }
        if (c.getExternalDisputeSubmitted() != null) {
            f.externalDispute(c.getExternalDisputeSubmitted());
        }
        if (c.getClosedAt() != null) {
            if (c.getOutcome() == null) {
                f.stoppedByErasure(c.getClosedAt());
            } else {
                f.closed(c.getOutcome(), c.getClosedAt(), daysSinceClockStart(f, c.getClosedAt()));
            }
        }
        if (c.getAnonymisedAt() != null) {
            f.anonymised(c.getAnonymisedAt());
        }
        return f;
    }

    /**
     * Working days from the day the clock started to the day of {@code at}; a moment on a
     * day off counts on the next working day, so "within N working days" is exactly
     * {@code days <= N} (as {@link WorkingDayCalendar#isWithin}).
     */
    int daysSinceClockStart(CaseFacts f, Instant at) {
        LocalDate day = day(at);
        while (!calendar.isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return calendar.workingDaysBetween(f.getClockStartDay(), day);
    }

    private static LocalDate day(Instant at) {
        return at.atZone(DutchDates.ZONE).toLocalDate();
    }

    /** The execution whose listener called us, if we were called from a model. */
    private static VariableScope currentStep() {
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        return context == null ? null : context.getExecution();
    }

    private static boolean flag(VariableScope step, Measure measure) {
        return Boolean.TRUE.equals(step.getVariable(measure.key()));
    }
}
