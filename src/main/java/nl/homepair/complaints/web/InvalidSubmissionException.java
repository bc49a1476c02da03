package nl.homepair.complaints.web;

import java.util.List;

/** A submission with one or more bad fields; nothing was stored. */
public class InvalidSubmissionException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidSubmissionException(List<FieldError> errors) {
        super("Invalid submission: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** All messages in one line, for places that show a single text (Tasklist, a handler task). */
    public String summary() {
        return String.join(" ", errors.stream().map(FieldError::message).toList());
    }
}
