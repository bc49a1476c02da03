package nl.homepair.complaints.intake;

/**
 * A complaint as it arrives at the API (R2). Every field is text so that a wrong value
 * is reported on its field in Dutch rather than failing the whole request.
 *
 * <p>{@code receivedAt} (staff only: a letter or a phone call registered later) that lies further back than
 * {@code homepair.intake.receipt-confirm-after-days} needs {@code receivedAtConfirmed}: a mistyped year would
 * otherwise make a new letter a year-old case whose deadlines all passed.
 */
public record ComplaintSubmission(
        String name,
        String email,
        String role,
        String subject,
        String jobDate,
        String jobReference,
        String description,
        String attemptedResolution,
        String chatSummary,
        String receivedAt,
        Boolean receivedAtConfirmed) {

    /** A submission that names no moment of receipt, or a recent one. */
    public ComplaintSubmission(String name, String email, String role, String subject, String jobDate, String jobReference,
            String description, String attemptedResolution, String chatSummary, String receivedAt) {
        this(name, email, role, subject, jobDate, jobReference, description, attemptedResolution, chatSummary, receivedAt,
                null);
    }
}
