package nl.homepair.complaints.intake;

import java.time.Instant;
import java.util.List;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.web.ClientMoment;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/complaints/{reference}/information}: the complainant's answer to a
 * request for more information, as JSON or multipart with {@code information} and
 * {@code evidence} parts (R4).
 */
@RestController
public class InformationReplyController {

    private final CaseAccess access;
    private final InformationReplyService replies;
    private final CurrentUser currentUser;

    public InformationReplyController(CaseAccess access, InformationReplyService replies, CurrentUser currentUser) {
        this.access = access;
        this.replies = replies;
        this.currentUser = currentUser;
    }

    /**
     * @param sentAt when the complainant sent it in the platform's app (ISO 8601 with offset), optional: an answer the
     *               platform delivers late (a retry after our outage) counts from then, as an objection does
     */
    public record InformationReply(String message, String sentAt) {
    }

    public record Accepted(String reference, String message) {
    }

    @PostMapping(path = "/api/complaints/{reference}/information", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    public ResponseEntity<Accepted> replyJson(@PathVariable String reference, @RequestBody InformationReply reply) {
        return reply(reference, reply, List.of());
    }

    @PostMapping(path = "/api/complaints/{reference}/information", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    public ResponseEntity<Accepted> replyMultipart(@PathVariable String reference, @RequestPart("information") InformationReply reply,
                                   @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence) {
        return reply(reference, reply, EvidenceUploads.of(evidence));
    }

    // one transaction from loading the case to storing the reply, so the case is managed; the same answer sent again
    // (a retry after a time-out) is answered as the first, and says so as the other endpoints do
    private ResponseEntity<Accepted> reply(String reference, InformationReply reply, List<EvidenceUpload> uploads) {
        Complaint complaint = access.forSubmitter(reference);
        Instant now = ClockUtil.getCurrentTime().toInstant();
        boolean taken = replies.reply(complaint, reply.message(), uploads, currentUser.id().orElse(null),
                reply.sentAt() == null || reply.sentAt().isBlank() ? null : ClientMoment.sentAt("sentAt", reply.sentAt(), now));
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Idempotent-Replayed", String.valueOf(!taken))
                .body(new Accepted(complaint.getReference(), "De aanvullende informatie is ontvangen; we nemen je klacht weer in behandeling."));
    }
}
