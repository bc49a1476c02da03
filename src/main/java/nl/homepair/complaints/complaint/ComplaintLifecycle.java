package nl.homepair.complaints.complaint;

import nl.homepair.complaints.text.DutchDates;

import java.util.Date;
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

    public ComplaintLifecycle(ComplaintRepository complaints, CaseTimeline timeline) {
        this.complaints = complaints;
        this.timeline = timeline;
    }

    public void acknowledged(Long complaintId) {
        complaint(complaintId).markAcknowledged(ClockUtil.getCurrentTime().toInstant());
    }

    public void status(Long complaintId, String status) {
        Complaint complaint = complaint(complaintId);
        ComplaintStatus next = ComplaintStatus.valueOf(status);
        if (complaint.getStatus() != next) {
            complaint.moveTo(next, ClockUtil.getCurrentTime().toInstant());
            timeline.record(complaint, TimelineEventType.STATUS_CHANGED, CaseTimeline.SYSTEM, "Status: " + next.label());
        }
    }

    /** After triage: the role and subject the handler chose (R1: they drive routing). */
    public void classified(Long complaintId, String role, String subject) {
        Complaint complaint = complaint(complaintId);
        ComplainantRole r = ComplainantRole.valueOf(role);
        ComplaintSubject s = ComplaintSubject.valueOf(subject);
        complaint.classify(r, s);
        timeline.record(complaint, TimelineEventType.NOTE, CaseTimeline.SYSTEM,
                "Geregistreerd als klacht van een " + r.label().toLowerCase(java.util.Locale.ROOT) + " over: " + s.label());
    }

    /** At each end event: the case is closed with the outcome the end event stands for. */
    public void close(Long complaintId, String outcome) {
        Complaint complaint = complaint(complaintId);
        CaseOutcome caseOutcome = CaseOutcome.valueOf(outcome);
        complaint.close(caseOutcome, ClockUtil.getCurrentTime().toInstant());
        timeline.record(complaint, TimelineEventType.CLOSED, CaseTimeline.SYSTEM, "Zaak afgesloten: " + caseOutcome.label());
    }

    /** When the handler has decided (R8); the objection window runs from here (R9). */
    public void decided(Long complaintId, String verdict, Date objectionDeadline) {
        Complaint complaint = complaint(complaintId);
        Verdict decided = Verdict.valueOf(verdict);
        complaint.decide(decided, ClockUtil.getCurrentTime().toInstant(), objectionDeadline.toInstant());
        timeline.record(complaint, TimelineEventType.DECISION, CaseTimeline.SYSTEM,
                "Besluit: klacht " + decided.label() + "; bezwaar mogelijk tot en met "
                        + DutchDates.day(objectionDeadline.toInstant()));
    }

    /** When a director has reviewed the objection (R9). */
    public void boardDecided(Long complaintId, String boardDecision) {
        Complaint complaint = complaint(complaintId);
        complaint.boardDecided(boardDecision);
        timeline.record(complaint, TimelineEventType.BOARD_DECISION, CaseTimeline.SYSTEM, "Directie: "
                + ComplaintProcess.OUTCOME_LABELS.getOrDefault(boardDecision, boardDecision));
    }

    private Complaint complaint(Long id) {
        return complaints.findById(id).orElseThrow(() -> new IllegalStateException("No complaint with id " + id));
    }
}
