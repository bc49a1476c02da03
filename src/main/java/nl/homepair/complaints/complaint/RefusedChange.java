package nl.homepair.complaints.complaint;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A change a person asked of the engine that the procedure does not allow, refused from inside the
 * engine (a task listener) with a Dutch reason, e.g. moving a task's due date ({@code sla.FixedDueDates}).
 * The engine wraps a listener's exception in a general one; {@code tasklist.FormErrorPlugin} takes this
 * out again, so that the REST API answers 400 with the reason and Tasklist shows it. Any other exception
 * of a listener stays a server error.
 */
public class RefusedChange extends BadUserRequestException {

    public RefusedChange(String reason) {
        super(reason);
    }
}
