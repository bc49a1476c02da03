package nl.homepair.complaints.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.IntakeChannel;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * A client that retries {@code POST /api/complaints} with the same {@code Idempotency-Key}
 * (after a time-out, a lost answer) gets the first answer, not a second complaint (issue
 * 16). The key is kept on the complaint with the caller and a hash of the request, under a
 * unique constraint: also two simultaneous requests with one key make one complaint. A key
 * reused for a different request is refused (422); nothing is stored.
 */
@Component
public class IdempotentIntake {

    public static final String HEADER = "Idempotency-Key";
    static final int KEY_MAX = 200;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1," + KEY_MAX + "}");

    /** What is kept on the complaint: {@code <caller>:<key>} and the request's hash. */
    public record Request(String key, String fingerprint) {
    }

    /** The complaint, and whether it was registered by an earlier request with the same key. */
    public record Outcome(Complaint complaint, boolean replayed) {
    }

    private final ComplaintIntakeService intake;
    private final ComplaintRepository complaints;

    public IdempotentIntake(ComplaintIntakeService intake, ComplaintRepository complaints) {
        this.intake = intake;
        this.complaints = complaints;
    }

    public Outcome submit(String key, ComplaintSubmission submission, List<EvidenceUpload> uploads, IntakeChannel channel,
                          String caller) {
        if (key == null) {
            return new Outcome(intake.submit(submission, uploads, channel, caller, null), false);
        }
        Request request = new Request(requestKey(caller, key), fingerprint(submission, uploads));
        Optional<Complaint> earlier = complaints.findByIntakeKey(request.key());
        if (earlier.isPresent()) {
            return replay(earlier.get(), request);
        }
        try {
            return new Outcome(intake.submit(submission, uploads, channel, caller, null, List.of(), request), false);
        } catch (DataIntegrityViolationException e) {
            // a request with the same key was registered meanwhile: answer as it was answered
            return complaints.findByIntakeKey(request.key()).map(first -> replay(first, request)).orElseThrow(() -> e);
        }
    }

    /**
     * What is kept of a request's {@code Idempotency-Key}: {@code <caller>:<key>}, so one caller's key never answers
     * another's request. A key that is no 1 to 200 visible characters is refused (400), nothing stored.
     */
    public static String requestKey(String caller, String key) {
        if (!KEY.matcher(key).matches()) {
            throw new nl.homepair.complaints.web.InvalidSubmissionException(List.of(new nl.homepair.complaints.web.FieldError(
                    HEADER, "De Idempotency-Key moet 1 tot " + KEY_MAX + " zichtbare tekens zijn (bijvoorbeeld een UUID). Er is"
                    + " niets opgeslagen.")));
        }
        return (caller == null ? "-" : caller) + ":" + key;
    }

    private static Outcome replay(Complaint earlier, Request request) {
        if (!request.fingerprint().equals(earlier.getIntakeFingerprint())) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "Deze Idempotency-Key is al gebruikt voor een"
                    + " ander verzoek. Gebruik voor een nieuwe klacht een nieuwe sleutel. Er is niets opgeslagen.");
        }
        return new Outcome(earlier, true);
    }

    /** SHA-256 over every field and every file: the same request gives the same hash. */
    static String fingerprint(ComplaintSubmission submission, List<EvidenceUpload> uploads) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(submission).getBytes(StandardCharsets.UTF_8));
            for (EvidenceUpload upload : uploads) {
                digest.update(("\u0000" + upload.fileName() + "\u0000").getBytes(StandardCharsets.UTF_8));
                digest.update(MessageDigest.getInstance("SHA-256").digest(upload.content() == null ? new byte[0] : upload.content()));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
