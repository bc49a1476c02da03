package nl.homepair.complaints.mail;

/** Who a mail step in the model writes to (input parameter {@code mailRecipient}). */
public enum MailRecipient {
    /** The person who filed the complaint. */
    COMPLAINANT,
    /** The team leads' mailbox. */
    TEAM_LEAD,
    /** The complaint handlers' mailbox. */
    HANDLERS
}
