package nl.homepair.complaints.mailbox;

/**
 * A mail that a person must look at (the sender is not the complainant of the case it
 * quotes, the sender's server failed its check, or the case is closed): nothing is written
 * on a case, the mail goes to the folder for manual handling and a handler gets a task with
 * this reason and, when the mail could be read, its text and files.
 */
public class ManualHandlingNeeded extends RuntimeException {

    private final transient IncomingMail mail;
    private final String caseReference;

    public ManualHandlingNeeded(String reason) {
        this(reason, null);
    }

    public ManualHandlingNeeded(String reason, IncomingMail mail) {
        this(reason, mail, null);
    }

    /** @param caseReference the case the mail is about, when it is one we know */
    public ManualHandlingNeeded(String reason, IncomingMail mail, String caseReference) {
        super(reason);
        this.mail = mail;
        this.caseReference = caseReference;
    }

    /** The mail as read, or null. */
    public IncomingMail mail() {
        return mail;
    }

    /** The reference of the case the mail is about, or null. */
    public String caseReference() {
        return caseReference;
    }
}
