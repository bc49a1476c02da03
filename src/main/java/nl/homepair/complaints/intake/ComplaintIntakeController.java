package nl.homepair.complaints.intake;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/complaints}: the platform's REST channel and a handler's way to
 * register a complaint received by post or phone (R3). JSON, or multipart with a
 * {@code complaint} JSON part and {@code evidence} files. A client may send an
 * {@code Idempotency-Key} header to retry safely ({@link IdempotentIntake}).
 */
@RestController
@RequestMapping("/api/complaints")
public class ComplaintIntakeController {

    private final IdempotentIntake intake;
    private final CurrentUser currentUser;

    public ComplaintIntakeController(IdempotentIntake intake, CurrentUser currentUser) {
        this.intake = intake;
        this.currentUser = currentUser;
    }

    /** The answer to a successful submission. */
    public record Registered(String reference, Instant receivedAt, String status) {
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"}, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Registered> submitJson(@RequestBody ComplaintSubmission submission,
                                                 @RequestHeader(name = IdempotentIntake.HEADER, required = false) String key) {
        return register(submission, List.of(), key);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Registered> submitMultipart(@RequestPart("complaint") ComplaintSubmission submission,
                                                      @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence,
                                                      @RequestHeader(name = IdempotentIntake.HEADER, required = false) String key) {
        return register(submission, EvidenceUploads.of(evidence), key);
    }

    private ResponseEntity<Registered> register(ComplaintSubmission submission, List<EvidenceUpload> uploads, String key) {
        boolean staff = currentUser.isStaff();
        if (!staff && !currentUser.isIn(Groups.PLATFORM)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Je mag geen klachten registreren.");
        }
        IdempotentIntake.Outcome outcome = intake.submit(key, submission, uploads,
                staff ? IntakeChannel.STAFF : IntakeChannel.API, currentUser.id().orElse(null));
        Complaint complaint = outcome.complaint();
        return ResponseEntity.created(URI.create("/api/complaints/" + complaint.getReference()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new Registered(complaint.getReference(), complaint.getReceivedAt(), complaint.getStatus().name()));
    }
}
