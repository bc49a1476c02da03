package nl.homepair.complaints.engine;

import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.GROUP;
import static org.camunda.bpm.engine.authorization.Resources.OPERATION_LOG_CATEGORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.USER;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * The engine authorizations of each group (R12), created at start-up and idempotent.
 * Tasks themselves need no grant here: the engine gives a task's candidate group READ
 * and UPDATE on that task when it is created, so handlers work their tasks, directors
 * theirs, and neither sees the other's.
 *
 * <ul>
 *   <li>handlers, and each group of handlers a manager's model gives cases to ({@link HandlerGroups}):
 *       Tasklist; the procedure's definition and where its instances wait, the variables of the cases whose
 *       tasks the group holds and those tasks' history (the engine's grants per task);
 *       not every case's variables or history, and not the board's escalation;</li>
 *   <li>team leads: Tasklist and Cockpit; every task, instance and history of both
 *       models, so they see their handlers' cases and the SLA escalations;</li>
 *   <li>directors: Tasklist; the board escalation's definition, instances and history;</li>
 *   <li>managers: deploy models from Camunda Modeler and read every definition, deployment
 *       and running instance in Cockpit (R15); no Tasklist work, no user administration;</li>
 *   <li>administrators: everything (Camunda's own admin-user set-up);</li>
 *   <li>the platform's API user: nothing in the engine (the application API only).</li>
 * </ul>
 */
@Component
public class AuthorizationSetup {

    private final AuthorizationService authorizations;
    private final TaskService tasks;
    private final HandlerGroups handlerGroups;

    public AuthorizationSetup(AuthorizationService authorizations, TaskService tasks, HandlerGroups handlerGroups) {
        this.authorizations = authorizations;
        this.tasks = tasks;
        this.handlerGroups = handlerGroups;
    }

    /** @param filterIds the saved Tasklist filters each group reads ({@link TasklistFilters}) */
    void grantAll(Map<String, List<String>> filterIds) {
        List<String> workers = Stream.concat(handlerGroups.ids().stream(), Stream.of(Groups.TEAM_LEADS, Groups.DIRECTORS)).toList();
        for (String group : workers) {
            grant(group, APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, GROUP, "*", Permissions.READ);
            grant(group, USER, "*", Permissions.READ);
            // a group of handlers that a manager's routing table made reads the handlers' filters
            filterIds.getOrDefault(handlerGroups.includes(group) ? Groups.HANDLERS : group, List.of())
                    .forEach(filter -> grant(group, FILTER, filter, Permissions.READ));
        }
        // a team lead makes filters of their own, e.g. one handler's tasks
        grant(Groups.TEAM_LEADS, FILTER, "*", Permissions.CREATE);
        for (String handlers : handlerGroups.ids()) {
            // where the cases wait, not what they hold: a team reads a case's variables through the tasks it was given
            // (the engine's grant on each task) and the case pages of its group (CaseAccess), not every case's in the
            // engine's API; the history of every case would name every complainant (the tasks' names): a task's
            // history (Tasklist's history tab) is read through the engine's grant on the historic task
            // (enableHistoricInstancePermissions), not through the log of every task worker (R12, §5)
            grant(handlers, PROCESS_DEFINITION, ComplaintProcess.PROCESS_KEY, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE);
            revoke(handlers, PROCESS_DEFINITION, ComplaintProcess.PROCESS_KEY, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
            revoke(handlers, OPERATION_LOG_CATEGORY, UserOperationLogEntry.CATEGORY_TASK_WORKER, UserOperationLogCategoryPermissions.READ);
            grant(handlers, PROCESS_DEFINITION, ComplaintProcess.BOARD_PROCESS_KEY, ProcessDefinitionPermissions.READ);
        }

        // registering a letter or a phone call in Tasklist (start forms)
        for (String group : Stream.concat(handlerGroups.ids().stream(), Stream.of(Groups.TEAM_LEADS)).toList()) {
            grant(group, PROCESS_INSTANCE, "*", Permissions.CREATE);
            for (String registration : List.of("complaintRegistration", "objectionRegistration", "informationRegistration")) {
                grant(group, PROCESS_DEFINITION, registration, ProcessDefinitionPermissions.READ,
                        ProcessDefinitionPermissions.CREATE_INSTANCE);
            }
        }

        grant(Groups.TEAM_LEADS, APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.TEAM_LEADS, PROCESS_DEFINITION, ComplaintProcess.PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
                ProcessDefinitionPermissions.READ_TASK_VARIABLE);
        // the board's review is the directors' decision (R9): team leads see it, and can neither take nor decide it
        // (the handlers' revision in that process they may give to a handler: TeamLeadTaskGrants); so is the board's
        // review of a measure (DSA art. 20), whose escalation asks the team leads to speak to the directors
        for (String board : List.of(ComplaintProcess.BOARD_PROCESS_KEY, ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY)) {
            grant(Groups.TEAM_LEADS, PROCESS_DEFINITION, board, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                    ProcessDefinitionPermissions.READ_HISTORY_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE);
            revoke(Groups.TEAM_LEADS, PROCESS_DEFINITION, board, ProcessDefinitionPermissions.UPDATE_TASK,
                    ProcessDefinitionPermissions.TASK_ASSIGN, ProcessDefinitionPermissions.TASK_WORK);
        }

        grant(Groups.DIRECTORS, PROCESS_DEFINITION, ComplaintProcess.BOARD_PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
        grant(Groups.DIRECTORS, PROCESS_DEFINITION, ComplaintProcess.PROCESS_KEY, ProcessDefinitionPermissions.READ);
        // the affected user's objection against a measure is the board's, like the complainant's
        grant(Groups.DIRECTORS, PROCESS_DEFINITION, ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);

        grantManagers();
        TeamLeadTaskGrants.grantOpenTasks(tasks, authorizations, handlerGroups);
    }

    /**
     * Managers deploy what they change in the Modeler and see in Cockpit what runs: where
     * cases wait, not what they hold (no variable permissions: R12). They neither work tasks
     * nor administer users: a manager's account cannot grant itself more.
     */
    private void grantManagers() {
        grant(Groups.MANAGERS, APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.MANAGERS, DEPLOYMENT, "*", Permissions.CREATE, Permissions.READ);
        grant(Groups.MANAGERS, PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE);
        grant(Groups.MANAGERS, DECISION_DEFINITION, "*", Permissions.READ);
        grant(Groups.MANAGERS, DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
    }

    /** Takes back permissions that an earlier version of this set-up granted. */
    private void revoke(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).authorizationType(Authorization.AUTH_TYPE_GRANT).singleResult();
        if (existing == null) {
            return;
        }
        boolean changed = false;
        for (Permission permission : permissions) {
            if (existing.isPermissionGranted(permission)) {
                existing.removePermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(existing);
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).authorizationType(Authorization.AUTH_TYPE_GRANT).singleResult();
        Authorization authorization = existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (existing == null) {
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = existing == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
        }
    }
}
