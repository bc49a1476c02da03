package nl.homepair.complaints.mailbox;

/**
 * A mail that a person must look at (the sender is not the complainant of the case it
 * quotes, the sender's server failed its check, or the case is closed): nothing is written
 * on a case, the mail goes to the folder for manual handling and a handler gets a task with
 * this reason and, when the mail could be read, its text and files.
 */
public class ManualHandlingNeeded extends RuntimeException {

    private final transient IncomingMail mail;

    public ManualHandlingNeeded(String reason) {
        this(reason, null);
    }

    public ManualHandlingNeeded(String reason, IncomingMail mail) {
        super(reason);
        this.mail = mail;
    }

    /** The mail as read, or null. */
    public IncomingMail mail() {
        return mail;
    }
}
