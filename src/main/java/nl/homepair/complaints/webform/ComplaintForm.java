package nl.homepair.complaints.webform;

import nl.homepair.complaints.intake.ComplaintSubmission;

/**
 * The fields of the web form, as typed. There is deliberately no {@code receivedAt}: the
 * moment of receipt is always the server's, whatever a request carries.
 */
public record ComplaintForm(String name, String email, String role, String subject, String jobDate,
                            String jobReference, String description, String attemptedResolution, String chatSummary) {

    static final ComplaintForm EMPTY = new ComplaintForm(null, null, null, null, null, null, null, null, null);

    ComplaintSubmission toSubmission() {
        return new ComplaintSubmission(name, email, role, subject, jobDate, jobReference, description,
                attemptedResolution, chatSummary, null);
    }
}
