package nl.homepair.complaints.mail;

/** Who a mail step in the model writes to (input parameter {@code mailRecipient}). */
public enum MailRecipient {
    /** The person who filed the complaint. */
    COMPLAINANT,
    /** The other party of the job, during mediation (process variable {@code otherPartyEmail}). */
    OTHER_PARTY,
    /** The user affected by a measure (process variable {@code affectedUserEmail}). */
    AFFECTED_USER,
    /**
     * The user a measure hit before a revision put it on someone else (process variable {@code affectedUserEmailBefore}):
     * told that it no longer applies to them.
     */
    AFFECTED_USER_BEFORE,
    /** The team leads' mailbox. */
    TEAM_LEAD,
    /** The complaint handlers' mailbox. */
    HANDLERS,
    /** The board's mailbox. */
    DIRECTORS
}
