package nl.homepair.complaints.sla;

/** What a deadline mail step of a user task is (input parameter {@code deadlineAlert}). */
public enum DeadlineAlert {
    /** Before the due date, to the people who do the task: not sent once the due date passed or escalated. */
    REMINDER,
    /** The due date is (nearly) gone, to the people who make sure it gets done: once per due date. */
    ESCALATION,
    /**
     * The date promised to the person who waits for the task (a complainant's objection to the board) has passed
     * while the task is still open: they hear that it is late. Once per due date, as an escalation.
     */
    DELAY
}
