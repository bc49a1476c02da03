package nl.homepair.complaints.casework;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Links from the staff pages into Tasklist, for this application's process engine
 * ({@code camunda.bpm.process-engine-name}: Tasklist's address names it). Tasklist sorts its
 * list by creation unless the address says otherwise; these say: earliest deadline first, as
 * the saved filters. The pages' layout reads them as {@code @caseworkLinks}.
 */
@Component
public class CaseworkLinks {

    /**
     * Earliest deadline first, then the oldest task: deadlines fall at the end of a working day, so
     * many tasks share one, and without a second key their order changes between pages of the list.
     */
    static final String BY_DEADLINE = "sorting=%5B%7B%22sortBy%22:%22dueDate%22,%22sortOrder%22:%22asc%22%7D,"
            + "%7B%22sortBy%22:%22created%22,%22sortOrder%22:%22asc%22%7D%5D";

    private final String tasklist;

    public CaseworkLinks(@Value("${camunda.bpm.process-engine-name:default}") String engine) {
        this.tasklist = "/camunda/app/tasklist/" + UriUtils.encodePathSegment(engine, "UTF-8") + "/#/?" + BY_DEADLINE;
    }

    /** Tasklist, its list sorted by due date. */
    public String tasklist() {
        return tasklist;
    }

    /** One task in Tasklist, in that list. */
    public String task(String taskId) {
        return tasklist + "&task=" + taskId;
    }
}
