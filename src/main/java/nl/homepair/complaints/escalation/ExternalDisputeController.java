package nl.homepair.complaints.escalation;

import java.util.List;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseSteps;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/complaints/{reference}/external-dispute}: staff record whether the
 * complainant went to independent dispute resolution and, when known, its outcome (R10).
 */
@RestController
public class ExternalDisputeController {

    private final CaseAccess access;
    private final CaseTimeline timeline;
    private final CurrentUser currentUser;
    private final CaseSteps steps;

    public ExternalDisputeController(CaseAccess access, CaseTimeline timeline, CurrentUser currentUser, CaseSteps steps) {
        this.steps = steps;
        this.access = access;
        this.timeline = timeline;
        this.currentUser = currentUser;
    }

    public record ExternalDispute(Boolean submitted, String outcome) {
    }

    @PutMapping("/api/complaints/{reference}/external-dispute")
    @Transactional
    public ExternalDispute record(@PathVariable String reference, @RequestBody ExternalDispute dispute) {
        Complaint complaint = access.forStaff(reference);
        complaint.requireNotErased();
        if (dispute.submitted() == null) {
            throw new InvalidSubmissionException(List.of(
                    new FieldError("submitted", "Geef aan of de klager naar de geschillencommissie is gegaan (true of false).")));
        }
        String outcome = dispute.outcome() == null || dispute.outcome().isBlank() ? null : dispute.outcome().strip();
        if (outcome != null && outcome.length() > 2_000) {
            throw new InvalidSubmissionException(List.of(
                    new FieldError("outcome", "De uitkomst mag hoogstens 2000 tekens lang zijn.")));
        }
        if (!PlainText.isPlain(outcome)) {
            throw new InvalidSubmissionException(List.of(new FieldError("outcome", PlainText.REFUSAL)));
        }
        complaint.recordExternalDispute(dispute.submitted(), outcome);
        steps.externalDispute(complaint, dispute.submitted());
        timeline.record(complaint, TimelineEventType.EXTERNAL_DISPUTE, currentUser.id().orElse(null),
                dispute.submitted() ? "Voorgelegd aan onafhankelijke geschiloplossing" + (outcome == null ? "" : "; uitkomst: " + outcome)
                        : "Niet voorgelegd aan onafhankelijke geschiloplossing");
        return new ExternalDispute(complaint.getExternalDisputeSubmitted(), complaint.getExternalDisputeOutcome());
    }
}
