package nl.homepair.complaints.escalation;

import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/complaints/{reference}/objection}: a motivated objection to the board (R9). */
@RestController
public class ObjectionController {

    private final CaseAccess access;
    private final ObjectionService objections;
    private final CurrentUser currentUser;

    public ObjectionController(CaseAccess access, ObjectionService objections, CurrentUser currentUser) {
        this.access = access;
        this.objections = objections;
        this.currentUser = currentUser;
    }

    public record Objection(String motivation) {
    }

    public record Accepted(String reference, String message) {
    }

    @PostMapping("/api/complaints/{reference}/objection")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    public Accepted object(@PathVariable String reference, @RequestBody Objection objection) {
        Complaint complaint = access.forSubmitter(reference);
        objections.object(complaint, objection.motivation(), currentUser.id().orElse(null));
        return new Accepted(complaint.getReference(), "Het bezwaar is ontvangen en gaat naar de directie.");
    }
}
