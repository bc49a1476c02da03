package nl.homepair.complaints.complaint;

/** The kinds of entries on a case's timeline (R14). */
public enum TimelineEventType {
    RECEIVED,
    MAIL_SENT,
    TASK_COMPLETED,
    STATUS_CHANGED,
    INFORMATION_RECEIVED,
    CHAT_MESSAGE,
    DECISION,
    OBJECTION,
    BOARD_DECISION,
    CLOSED,
    EXTERNAL_DISPUTE,
    /** A step of the model failed and waits for an administrator (an incident in Cockpit). */
    INCIDENT,
    NOTE
}
