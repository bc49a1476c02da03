package nl.homepair.complaints.mailbox;

/**
 * A mail that a person must look at (the sender is not the complainant of the case it
 * quotes, or the case is closed): nothing is written, the mail goes to the folder for
 * manual handling and a handler gets a task with this reason.
 */
public class ManualHandlingNeeded extends RuntimeException {

    public ManualHandlingNeeded(String reason) {
        super(reason);
    }
}
