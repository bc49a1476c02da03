package nl.homepair.complaints.escalation;

import java.time.Instant;
import java.util.List;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.web.ClientMoment;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/complaints/{reference}/objection}: a motivated objection to the board (R9). */
@RestController
public class ObjectionController {

    private final CaseAccess access;
    private final ObjectionService objections;
    private final CurrentUser currentUser;
    private final AffectedUserObjectionService affectedUsers;

    public ObjectionController(CaseAccess access, ObjectionService objections, CurrentUser currentUser,
                               AffectedUserObjectionService affectedUsers) {
        this.affectedUsers = affectedUsers;
        this.access = access;
        this.objections = objections;
        this.currentUser = currentUser;
    }

    /**
     * @param objector {@code COMPLAINANT} (default) or {@code AFFECTED_USER}: the user a measure
     *                 was taken against, whose objection opens a review of that measure (DSA art. 20)
    /**
     * @param sentAt   when the person sent it in the platform's app (ISO 8601 with offset), optional: an objection the
     *                 platform delivers again after an outage of ours counts from then ({@link ClientMoment})
     */
    public record Objection(String motivation, String objector, String sentAt) {
    }

    public record Accepted(String reference, String message) {
    }

    /**
     * An objection sent again with the same motivation within 72 hours (a client's retry after a time-out, a lost
     * answer) is answered as the first, with {@code Idempotent-Replayed: true}, and changes nothing; another objection
     * while one is being reviewed is refused (409).
     */
    @PostMapping(path = "/api/complaints/{reference}/objection", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    public ResponseEntity<Accepted> object(@PathVariable String reference, @RequestBody Objection objection) {
        Complaint complaint = access.forSubmitter(reference);
        String objector = objection.objector() == null ? "COMPLAINANT" : objection.objector().strip().toUpperCase(java.util.Locale.ROOT);
        // every wrong value in one answer, so that the client does not mend them one request at a time
        List<FieldError> errors = new java.util.ArrayList<>();
        boolean knownObjector = objector.equals("COMPLAINANT") || objector.equals("AFFECTED_USER");
        if (!knownObjector) {
            errors.add(new FieldError("objector", "Geef aan wie bezwaar maakt: COMPLAINANT (de klager) of AFFECTED_USER (de"
                    + " gebruiker tegen wie een maatregel is genomen)."));
        }
        // a redelivery is answered as the first before its moment is checked (its sentAt may have aged since)
        boolean again = knownObjector && (objector.equals("COMPLAINANT")
                ? objections.receivedAlready(complaint, objection.motivation())
                : affectedUsers.receivedAlready(complaint, objection.motivation()));
        Instant sent = null;
        if (!again) {
            try {
                sent = objection.sentAt() == null || objection.sentAt().isBlank() ? null
                        : ClientMoment.sentAt("sentAt", objection.sentAt(), ClockUtil.getCurrentTime().toInstant());
            } catch (InvalidSubmissionException refused) {
                errors.addAll(refused.errors());
            }
        }
        if (!errors.isEmpty()) {
            ObjectionService.motivationRefusal(objection.motivation(), objector.equals("AFFECTED_USER")).ifPresent(errors::add);
            throw new InvalidSubmissionException(errors);
        }
        if (!again) {
            if (objector.equals("COMPLAINANT")) {
                objections.object(complaint, objection.motivation(), currentUser.id().orElse(null), sent);
            } else {
                affectedUsers.object(complaint, objection.motivation(), currentUser.id().orElse(null), sent);
            }
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Idempotent-Replayed", String.valueOf(again))
                .body(new Accepted(complaint.getReference(), again
                        ? "Dit bezwaar was al ontvangen; het is niet opnieuw ingediend."
                        : "Het bezwaar is ontvangen en gaat naar de directie."));
    }
}
