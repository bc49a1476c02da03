package nl.homepair.complaints.security;

import java.util.Set;

/** The engine groups; candidate groups in the models use these ids (R12). */
public final class Groups {

    public static final String HANDLERS = "handlers";
    public static final String TEAM_LEADS = "teamleads";
    public static final String DIRECTORS = "directors";
    /**
     * Managers reshape the procedure in Camunda Modeler (R15): they deploy models and read
     * Cockpit, and administer no users.
     */
    public static final String MANAGERS = "managers";
    /** Camunda's own administrators group: Cockpit and Admin. */
    public static final String ADMINS = "camunda-admin";
    /** Machine users of the HomePair platform: submit complaints, read nothing. */
    public static final String PLATFORM = "platform";

    /** Groups that user tasks are for (candidate groups in the models). */
    public static final Set<String> WORKFLOW = Set.of(HANDLERS, TEAM_LEADS, DIRECTORS);

    /**
     * Groups whose members may not see what a case holds (R12): no task and no route of a
     * model goes to them, since whoever holds a case's task reads the case.
     */
    public static final Set<String> WITHOUT_CASES = Set.of(MANAGERS, PLATFORM);

    /** Groups whose members are HomePair staff working on complaints. */
    public static final Set<String> STAFF = Set.of(HANDLERS, TEAM_LEADS, DIRECTORS, ADMINS);

    private Groups() {
    }
}
