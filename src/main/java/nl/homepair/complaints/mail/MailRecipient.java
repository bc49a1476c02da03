package nl.homepair.complaints.mail;

/** Who a mail step in the model writes to (input parameter {@code mailRecipient}). */
public enum MailRecipient {
    /** The person who filed the complaint. */
    COMPLAINANT(null),
    /** The other party of the job, during mediation (process variable {@code otherPartyEmail}). */
    OTHER_PARTY("otherPartyEmail"),
    /** The user affected by a measure (process variable {@code affectedUserEmail}). */
    AFFECTED_USER("affectedUserEmail"),
    /**
     * The user a measure hit before a revision put it on someone else (process variable {@code affectedUserEmailBefore}):
     * told that it no longer applies to them.
     */
    AFFECTED_USER_BEFORE("affectedUserEmailBefore"),
    /** The team leads' mailbox. */
    TEAM_LEAD(null),
    /** The complaint handlers' mailbox. */
    HANDLERS(null),
    /** The board's mailbox. */
    DIRECTORS(null);

    private final String addressVariable;

    MailRecipient(String addressVariable) {
        this.addressVariable = addressVariable;
    }

    /** The process variable that holds this recipient's address; null for the complainant (the case's) and staff. */
    public String addressVariable() {
        return addressVariable;
    }
}
