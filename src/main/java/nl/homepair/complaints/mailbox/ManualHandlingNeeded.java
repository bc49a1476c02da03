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
    /** A case the mail is about for its erasure only, not one that waits for it (a bounce of our mail). */
    private final String mentionedReference;

    public ManualHandlingNeeded(String reason) {
        this(reason, null);
    }

    public ManualHandlingNeeded(String reason, IncomingMail mail) {
        this(reason, mail, null);
    }

    /** @param caseReference the case the mail is about, when it is one we know */
    public ManualHandlingNeeded(String reason, IncomingMail mail, String caseReference) {
        this(reason, mail, caseReference, null, null, null);
    }

    private ManualHandlingNeeded(String reason, IncomingMail mail, String caseReference, String mentionedReference,
                                 String alsoNamed, String caseNote) {
        super(reason);
        this.mail = mail;
        this.caseReference = caseReference;
        this.mentionedReference = mentionedReference;
        this.alsoNamed = alsoNamed;
        this.caseNote = caseNote;
    }

    /**
     * A mail that quotes a case without being a message of it (a bounce of our mail, with our text and the person's
     * address): no step of the case waits for it, but the case's erasure takes it along.
     */
    public static ManualHandlingNeeded mentioning(String reason, IncomingMail mail, String reference) {
        return mentioning(reason, mail, reference, null);
    }

    /**
     * As {@link #mentioning}, with a line for the mentioned case's timeline, written with the task (once): the case file
     * must not keep saying that a mail reached someone whose server sent it back (R14).
     */
    public static ManualHandlingNeeded mentioning(String reason, IncomingMail mail, String reference, String caseNote) {
        return new ManualHandlingNeeded(reason, mail, null, reference, null, caseNote);
    }

    private final String caseNote;

    /** The line for the mentioned case's timeline, or null. */
    public String caseNote() {
        return caseNote;
    }

    /**
     * A mail about {@code caseReference} that names another case too ({@link #alsoNamedReference}): both wait for the
     * person's choice, and either's erasure takes the task along; the original in the folder goes with the first case's
     * erasure (the mailbox's record names one case), else after the retention period.
     */
    public static ManualHandlingNeeded about(String reason, IncomingMail mail, String caseReference, String alsoNamed) {
        return new ManualHandlingNeeded(reason, mail, caseReference, null, alsoNamed, null);
    }

    private final String alsoNamed;

    /** The second case the mail names, which waits for it as well, or null. */
    public String alsoNamedReference() {
        return alsoNamed;
    }

    /** The mail as read, or null. */
    public IncomingMail mail() {
        return mail;
    }

    /** The reference of the case the mail is about, or null. */
    public String caseReference() {
        return caseReference;
    }

    /** The case the mail only mentions (see {@link #mentioning}), or null. */
    public String mentionedReference() {
        return mentionedReference;
    }
}
