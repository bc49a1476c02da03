package nl.homepair.complaints.complaint;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Status changes of a case, called from the model as expressions, e.g. the end listener
 * {@code ${complaintLifecycle.acknowledged(complaintId)}} on the acknowledgement mail.
 */
@Component("complaintLifecycle")
public class ComplaintLifecycle {

    private final ComplaintRepository complaints;
    private final CaseTimeline timeline;
    private final CaseSteps steps;
    private final DecisionMeasures decisionMeasures;

    public ComplaintLifecycle(ComplaintRepository complaints, CaseTimeline timeline, CaseSteps steps,
                              DecisionMeasures decisionMeasures) {
        this.decisionMeasures = decisionMeasures;
        this.complaints = complaints;
        this.timeline = timeline;
        this.steps = steps;
    }

    public void acknowledged(Long complaintId) {
        Complaint complaint = complaint(complaintId);
        complaint.markAcknowledged(ClockUtil.getCurrentTime().toInstant());
        steps.acknowledged(complaint, complaint.getAcknowledgedAt());
    }

    public void status(Long complaintId, String status) {
        moveTo(complaint(complaintId), ComplaintStatus.valueOf(status));
    }

    private void moveTo(Complaint complaint, ComplaintStatus next) {
        if (complaint.getStatus() != next) {
            complaint.moveTo(next, ClockUtil.getCurrentTime().toInstant());
            steps.statusChanged(complaint, next, ClockUtil.getCurrentTime().toInstant());
            timeline.record(complaint, TimelineEventType.STATUS_CHANGED, CaseTimeline.SYSTEM, "Status: " + next.label());
        }
    }

    /** A line on the case's timeline from the model (element template "HomePair: tijdlijn" before 2026-12-06). */
    public void note(Long complaintId, String text) {
        timeline.record(complaint(complaintId), TimelineEventType.NOTE, CaseTimeline.SYSTEM, text);
    }

    /**
     * A line on the case's timeline from the model (element template "HomePair: tijdlijn"): in a step of the review of
     * the affected user's objection it is about that user, on the case for staff and not in the complainant's copy of
     * their data (GDPR art. 15(4)). Not an overload of {@link #note}: an expression picks a method by name and arity.
     */
    public void noteFrom(DelegateExecution execution, String text) {
        Object id = execution.getVariable(ComplaintProcess.VAR_COMPLAINT_ID);
        if (!(id instanceof Long complaintId)) {
            throw new IllegalStateException("HomePair: tijdlijn in " + execution.getProcessDefinitionId() + " ("
                    + execution.getCurrentActivityId() + ") staat in een proces zonder zaak (geen complaintId)");
        }
        Complaint complaint = complaint(complaintId);
        if (ComplaintProcess.aboutTheAffectedUser(execution.getProcessDefinitionId())) {
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, CaseTimeline.SYSTEM, text);
        } else {
            timeline.record(complaint, TimelineEventType.NOTE, CaseTimeline.SYSTEM, text);
        }
    }

    /** After triage: the role and subject the handler chose (R1: they drive routing). */
    public void classified(Long complaintId, String role, String subject) {
        Complaint complaint = complaint(complaintId);
        ComplainantRole r = ComplainantRole.valueOf(role);
        ComplaintSubject s = ComplaintSubject.valueOf(subject);
        complaint.classify(r, s);
        steps.classified(complaint);
        timeline.record(complaint, TimelineEventType.NOTE, CaseTimeline.SYSTEM,
                "Geregistreerd als klacht van een " + r.label().toLowerCase(Locale.ROOT) + " over: " + s.label());
    }

    /** At each end event: the case is closed with the outcome the end event stands for. */
    public void close(Long complaintId, String outcome) {
        Complaint complaint = complaint(complaintId);
        CaseOutcome caseOutcome = CaseOutcome.valueOf(outcome);
        complaint.close(caseOutcome, ClockUtil.getCurrentTime().toInstant());
        steps.closed(complaint, caseOutcome, ClockUtil.getCurrentTime().toInstant());
        timeline.record(complaint, TimelineEventType.CLOSED, CaseTimeline.SYSTEM, "Zaak afgesloten: " + caseOutcome.label());
    }

    /** When the handler has decided (R8); the objection window runs from here (R9). */
    public void decided(Long complaintId, String verdict, Date objectionDeadline) {
        Complaint complaint = complaint(complaintId);
        Verdict decided = Verdict.valueOf(verdict);
        complaint.decide(decided, ClockUtil.getCurrentTime().toInstant(), objectionDeadline.toInstant());
        steps.decided(complaint, decided, complaint.getDecidedAt());
        timeline.record(complaint, TimelineEventType.DECISION, CaseTimeline.SYSTEM,
                "Besluit: klacht " + decided.label() + "; bezwaar mogelijk tot en met "
                        + DutchDates.day(objectionDeadline.toInstant()));
    }

    /** When the handler has declared the complaint inadmissible (R1); the objection window runs from here (R9). */
    public void declaredInadmissible(Long complaintId, Date objectionDeadline) {
        Complaint complaint = complaint(complaintId);
        complaint.declareInadmissible(ClockUtil.getCurrentTime().toInstant(), objectionDeadline.toInstant());
        steps.declaredInadmissible(complaint, complaint.getDecidedAt());
        timeline.record(complaint, TimelineEventType.DECISION, CaseTimeline.SYSTEM,
                "Besluit: klacht niet-ontvankelijk; bezwaar mogelijk tot en met " + DutchDates.day(objectionDeadline.toInstant()));
    }

    /** After an upheld objection: the revised verdict replaces the first one on the case (R9). */
    public void revised(Long complaintId, String verdict) {
        Complaint complaint = complaint(complaintId);
        Verdict revised = Verdict.valueOf(verdict);
        boolean first = complaint.isDeclaredInadmissible(); // the first decision on the merits, not a revision of one
        complaint.revise(revised, ClockUtil.getCurrentTime().toInstant());
        steps.decided(complaint, revised, ClockUtil.getCurrentTime().toInstant());
        // decided again: no longer "Wacht op besluit" while the revised decision's mails go (a mail server that is down)
        moveTo(complaint, ComplaintStatus.DECIDED);
        timeline.record(complaint, TimelineEventType.DECISION, CaseTimeline.SYSTEM, (first
                ? "Besluit na het gegronde bezwaar tegen de niet-ontvankelijkheid: klacht "
                : "Herzien besluit na bezwaar: klacht ") + revised.label());
    }

    /** When a director has reviewed the affected user's objection against a measure (DSA art. 20). */
    public void measureReviewed(Long complaintId, String outcome) {
        Complaint complaint = complaint(complaintId);
        MeasureReviewOutcome reviewed = MeasureReviewOutcome.valueOf(outcome);
        steps.measureReviewed(complaint, reviewed);
        timeline.recordAboutOthers(complaint, TimelineEventType.BOARD_DECISION, CaseTimeline.SYSTEM, "Bezwaar van de betrokken gebruiker: "
                + reviewed.label());
    }

    /** The facts and the ground in the terms of a measure against a user (DSA art. 17), as the decision's forms name them. */
    private static final List<String> STATEMENT_OF_REASONS = List.of("measureFacts", "termsGround");

    /**
     * After the board changed or lifted a measure on the affected user's objection (DSA art. 20):
     * the measures against the user that now stand, as the review holds them
     * ({@code ${complaintLifecycle.measuresRevised(complaintId, execution)}}), go on the case's
     * timeline and into its facts, and, with the statement of reasons the board gave for them, into
     * the case's processes that run (the case's own and a board review of the complainant's
     * objection), so that what follows there (the board's review, a revised decision, a next
     * objection against the measure) starts from them.
     */
    public void measuresRevised(Long complaintId, DelegateExecution review) {
        Complaint complaint = complaint(complaintId);
        List<Measure> standing = Measure.againstAUser().stream()
                .filter(m -> Boolean.TRUE.equals(review.getVariable(m.key())))
                .toList();
        steps.measuresAgainstUser(complaint, standing);
        Object duration = review.getVariable(ComplaintProcess.VAR_SUSPENSION_DURATION);
        Map<String, Object> variables = new HashMap<>();
        Measure.againstAUser().forEach(m -> variables.put(m.key(), standing.contains(m)));
        variables.put(ComplaintProcess.VAR_SUSPENSION_DURATION, standing.contains(Measure.SUSPENSION) ? duration : null);
        if (!standing.isEmpty()) {
            // the statement of reasons the board gave with the changed measure (its form asks for both), not the first one
            STATEMENT_OF_REASONS.forEach(name -> variables.put(name, review.getVariable(name)));
        }
        RuntimeService runtime = review.getProcessEngineServices().getRuntimeService();
        // the case's own process, and a board review of the complainant's objection running beside it (its copies)
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(complaint.getReference())
                .processDefinitionKeyIn(ComplaintProcess.PROCESS_KEY, ComplaintProcess.BOARD_PROCESS_KEY).active().list()
                .forEach(process -> {
                    runtime.setVariables(process.getId(), variables);
                    if (process.getProcessDefinitionId().startsWith(ComplaintProcess.BOARD_PROCESS_KEY + ":")) {
                        measuresBeforeNow(runtime, process.getId());
                    }
                });
        String measures = standing.stream()
                .map(m -> m == Measure.SUSPENSION && duration != null && !duration.toString().isBlank()
                        ? m.label() + " (" + duration.toString().strip() + ")" : m.label())
                .collect(Collectors.joining("; "));
        timeline.recordAboutOthers(complaint, TimelineEventType.BOARD_DECISION, CaseTimeline.SYSTEM, standing.isEmpty()
                ? "Na het bezwaar van de betrokken gebruiker is er geen maatregel meer tegen die gebruiker."
                : "Maatregel na het bezwaar van de betrokken gebruiker: " + measures + ".");
    }

    /**
     * A revision of the decision that is open while the measure changed (its {@code measuresBefore} was taken when it
     * started) compares against the measure as it now stands: unchanged, it sends no second statement of reasons and
     * opens no new objection window for a measure the board lifted meanwhile.
     */
    private void measuresBeforeNow(RuntimeService runtime, String boardProcessId) {
        if (runtime.getVariable(boardProcessId, "measuresBefore") == null) {
            return; // no revision yet: it takes the measures as they stand when it starts
        }
        org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity board = org.camunda.bpm.engine.impl.context.Context
                .getCommandContext().getExecutionManager().findExecutionById(boardProcessId);
        decisionMeasures.rememberBefore(board);
    }

    /** When a director has reviewed the objection (R9). */
    public void boardDecided(Long complaintId, String boardDecision) {
        Complaint complaint = complaint(complaintId);
        BoardDecision decided = BoardDecision.valueOf(boardDecision);
        complaint.boardDecided(decided);
        steps.boardDecided(complaint, decided, ClockUtil.getCurrentTime().toInstant());
        timeline.record(complaint, TimelineEventType.BOARD_DECISION, CaseTimeline.SYSTEM, "Directie: " + decided.label());
    }

    private Complaint complaint(Long id) {
        return complaints.findById(id).orElseThrow(() -> new IllegalStateException("No complaint with id " + id));
    }
}
