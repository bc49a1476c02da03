package nl.homepair.complaints.tasklist;

import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.springframework.stereotype.Component;

/**
 * Counts tasks with the engine's authorization check asked as sets, on PostgreSQL and H2
 * (issue 16: Tasklist with 100,000 open cases).
 *
 * <p>Every count Tasklist shows, and every page of a saved filter (Tasklist's list carries the
 * filter's count), is the engine's task count. With authorizations on, the engine joins the
 * user's grants to every task with {@code RESOURCE_ID_ IN (task id, definition key, '*')}.
 * PostgreSQL cannot hash that condition; it looks the grants up per task, three keys at a time,
 * which took 2-2.4 s for a handler's 100,000 group tasks. Here the same rule is asked as sets
 * ({@code task-count-with-grants-as-a-set.xml}), the task criteria staying the engine's own SQL
 * fragment: first whether the user holds a grant on a definition key or on '*' (or case tasks
 * exist, where the engine lets them in), a few indexed rows; when not, as for every handler,
 * the count is the criteria semi-joined with the granted task ids; when so, the global grant,
 * the granted definition keys and the granted task ids, each a set read once and asked in that
 * order (a team lead's grant on the definition lets nearly every task in before the task grants
 * are asked). The forks of Camunda 7 (CIB seven, Operaton) changed the engine's own mapping for
 * the same reason, with an EXISTS per task.
 *
 * <p>Only the common case is asked this way: a check without REVOKE authorizations (the
 * engine's slower revoke check keeps its own SQL) and without composite permission checks, on
 * the two databases the application runs on. Lists of tasks are the engine's own query: their
 * first page is read in due-date order and stops after a page (decisions.md).
 */
@Component
public class TaskCountWithGrantsAsASet extends EngineStatementsPlugin<TaskManager> {

    static final String MAPPING = "nl/homepair/complaints/tasklist/task-count-with-grants-as-a-set.xml";
    /** The mapping's namespace, whose log (at DEBUG) shows the statements that ran. */
    public static final String NAMESPACE = "nl.homepair.complaints.tasklist.TaskCountWithGrantsAsASet";
    /** Whether anything but a grant on the task itself could let a task in for this query. */
    static final String BROAD_GRANTS = NAMESPACE + ".selectBroadGrants";
    /** The count when only grants on tasks let tasks in: the criteria and the granted task ids, a semi-join. */
    static final String GRANTED_TASK_COUNT = NAMESPACE + ".selectGrantedTaskCount";
    /** The count with every kind of grant, each asked as a set. */
    static final String TASK_COUNT = NAMESPACE + ".selectTaskCount";
    private static final String ENGINE_STATEMENT = "selectTaskCountByQueryCriteria";

    public TaskCountWithGrantsAsASet() {
        super(TaskManager.class, MAPPING, TASK_COUNT, CountingTaskManager::new);
    }

    /** Whether the engine would check this query with its join over the grants (and nothing else). */
    static boolean isPlainGrantJoin(AuthorizationCheck check) {
        if (check == null || !check.getShouldPerformAuthorizatioCheck() || check.getAuthUserId() == null
                || check.isRevokeAuthorizationCheckEnabled()) {
            return false;
        }
        CompositePermissionCheck permissions = check.getPermissionChecks();
        return permissions != null && !permissions.getAtomicChecks().isEmpty()
                && (permissions.getCompositeChecks() == null || permissions.getCompositeChecks().isEmpty());
    }

    /** The engine's task manager, counting with the grants as a set where that applies. */
    static final class CountingTaskManager extends TaskManager {

        private final boolean asSets;

        CountingTaskManager(boolean asSets) {
            this.asSets = asSets;
        }

        @Override
        public long findTaskCountByQueryCriteria(TaskQueryImpl query) {
            configureQuery(query);
            AuthorizationCheck check = query.getAuthCheck();
            if (!asSets || !isPlainGrantJoin(check)) {
                return (Long) getDbEntityManager().selectOne(ENGINE_STATEMENT, query);
            }
            // the engine's fragment sees no check; the statements apply it from Deferred.granted
            query.setAuthCheck(new Deferred(check));
            try {
                boolean broad = ((Number) getDbEntityManager().selectOne(BROAD_GRANTS, query)).intValue() != 0;
                return (Long) getDbEntityManager().selectOne(broad ? TASK_COUNT : GRANTED_TASK_COUNT, query);
            } finally {
                query.setAuthCheck(check);
            }
        }
    }

    /** A check the engine's SQL skips, carrying the real one for the statement's own grant set. */
    public static final class Deferred extends AuthorizationCheck {

        private final AuthorizationCheck granted;

        Deferred(AuthorizationCheck granted) {
            this.granted = granted;
            // what the engine's SQL asks (getShouldPerformAuthorizatioCheck) is then false
            setAuthorizationCheckEnabled(false);
        }

        public AuthorizationCheck getGranted() {
            return granted;
        }
    }
}
