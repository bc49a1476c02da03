package nl.homepair.complaints.complaint;

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

    private Complaint complaint(Long id) {
        return complaints.findById(id).orElseThrow(() -> new IllegalStateException("No complaint with id " + id));
    }
}
