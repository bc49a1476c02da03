package nl.homepair.complaints.casework;

/**
 * Links from the staff pages into Tasklist. Tasklist sorts its list by creation unless
 * the address says otherwise; these say: earliest deadline first, as the saved filters.
 */
public final class CaseworkLinks {

    /**
     * Earliest deadline first, then the oldest task: deadlines fall at the end of a working day, so
     * many tasks share one, and without a second key their order changes between pages of the list.
     */
    static final String BY_DEADLINE = "sorting=%5B%7B%22sortBy%22:%22dueDate%22,%22sortOrder%22:%22asc%22%7D,"
            + "%7B%22sortBy%22:%22created%22,%22sortOrder%22:%22asc%22%7D%5D";
    /** Tasklist, its list sorted by due date. */
    public static final String TASKLIST = "/camunda/app/tasklist/default/#/?" + BY_DEADLINE;
    /** One task in Tasklist: append its id. */
    public static final String TASK = TASKLIST + "&task=";

    private CaseworkLinks() {
    }
}
