package nl.homepair.complaints.escalation;

import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.security.CurrentUser;
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
    private final CurrentUser currentUser;
    private final ExternalDisputes disputes;

    public ExternalDisputeController(CaseAccess access, CurrentUser currentUser, ExternalDisputes disputes) {
        this.access = access;
        this.currentUser = currentUser;
        this.disputes = disputes;
    }

    public record ExternalDispute(Boolean submitted, String outcome) {
    }

    @PutMapping("/api/complaints/{reference}/external-dispute")
    public ExternalDispute record(@PathVariable String reference, @RequestBody ExternalDispute dispute) {
        Complaint complaint = disputes.record(access.forStaff(reference), dispute.submitted(), dispute.outcome(),
                currentUser.id().orElse(null));
        return new ExternalDispute(complaint.getExternalDisputeSubmitted(), complaint.getExternalDisputeOutcome());
    }
}
