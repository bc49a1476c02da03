package nl.homepair.complaints.tasklist;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * How a refusal reaches a handler who submits a Tasklist start form: as a form validation
 * error, which the engine REST API answers with 400 and Tasklist shows beside the form,
 * instead of a 500 and an error in the log. Nothing of the start is kept.
 */
public final class StartFormRefusals {

    private StartFormRefusals() {
    }

    /** Runs a registration; a refusal becomes the form's error with its Dutch reason. */
    public static <T> T refusedAsFormError(Supplier<T> registration) {
        try {
            return registration.get();
        } catch (InvalidSubmissionException e) {
            throw new FormFieldValidationException(e.errors(), e.summary());
        } catch (CaseRefused e) {
            throw new FormFieldValidationException(e.kind(), e.reason());
        }
    }

    /**
     * The moment on a registration form's date-time field {@code letterReceivedAt} ({@link DutchDates#parseMoment}), when
     * the letter came in or the call was; none means now.
     */
    public static Instant letterReceivedAt(DelegateExecution execution) {
        Object value = execution.getVariable("letterReceivedAt");
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return DutchDates.parseMoment(value.toString());
        } catch (DateTimeParseException e) {
            throw new InvalidSubmissionException(List.of(new FieldError("letterReceivedAt",
                    "Geef de datum en tijd van ontvangst op, bijvoorbeeld 2026-04-24T10:00.")));
        }
    }
}
