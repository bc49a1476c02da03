package nl.homepair.complaints.complaint;

/** The kinds of entries on a case's timeline (R14). */
public enum TimelineEventType {
    RECEIVED,
    MAIL_SENT,
    TASK_COMPLETED,
    SLA_REMINDER,
    SLA_ESCALATION,
    STATUS_CHANGED,
    NOTE
}
