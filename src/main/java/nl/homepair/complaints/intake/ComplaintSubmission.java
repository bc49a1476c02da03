package nl.homepair.complaints.intake;

/**
 * A complaint as it arrives at the API (R2). Every field is text so that a wrong value
 * is reported on its field in Dutch rather than failing the whole request.
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
        String receivedAt) {
}
