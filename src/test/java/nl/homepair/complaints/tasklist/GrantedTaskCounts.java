package nl.homepair.complaints.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;

/**
 * What {@link TaskCountWithGrantsAsASet} must keep, on each database it runs on: for every kind
 * of grant the engine knows, a user's count is the length of the engine's own list (which keeps
 * the engine's join), asked as a semi-join when only grants on tasks let tasks in, with every
 * kind of grant as sets when a grant on a definition or '*' does, and the engine's way when a
 * REVOKE exists.
 */
public final class GrantedTaskCounts {

    /** What the count with every kind of grant writes to its log, and the engine's own count never. */
    private static final String EVERY_KIND_OF_GRANT = "or T.PROC_DEF_ID_ in (";
    /** What the count with grants on tasks only (the semi-join) writes to its log. */
    private static final String GRANTED_TASKS_ONLY = ") T where T.ID_ in (";

    private final TaskService tasks;
    private final IdentityService identity;
    private final AuthorizationService authorizations;

    private GrantedTaskCounts(ProcessEngine engine) {
        this.tasks = engine.getTaskService();
        this.identity = engine.getIdentityService();
        this.authorizations = engine.getAuthorizationService();
    }

    /**
     * @param reference a complaint waiting at its first assessment, visible to the handlers
     * @param output the test's captured output, where the statement's log shows which count ran
     */
    public static void check(ProcessEngine engine, String reference, CapturedOutput output) {
        new GrantedTaskCounts(engine).check(reference, output);
    }

    private void check(String reference, CapturedOutput output) {
        List<String> made = new ArrayList<>();
        List<String> granted = new ArrayList<>();
        LoggingSystem logging = LoggingSystem.get(GrantedTaskCounts.class.getClassLoader());
        logging.setLogLevel(TaskCountWithGrantsAsASet.NAMESPACE, LogLevel.DEBUG);
        try {
            String ofMyGroup = standaloneTask("Voor telgroep", made);
            tasks.addCandidateGroup(ofMyGroup, "telgroep");
            String mine = standaloneTask("Aan teller toegekend", made);
            granted.add(grant(Authorization.AUTH_TYPE_GRANT, "teller", Resources.TASK, mine, Permissions.READ));
            String ofAnother = standaloneTask("Voor een ander", made);
            tasks.addCandidateGroup(ofAnother, "anderen");
            granted.add(grant(Authorization.AUTH_TYPE_GRANT, "definitielezer", Resources.PROCESS_DEFINITION,
                    ComplaintProcess.PROCESS_KEY, Permissions.READ_TASK));
            granted.add(grant(Authorization.AUTH_TYPE_GRANT, "allesteller", Resources.TASK, "*", Permissions.READ));
            // a grant of another permission lets nothing in
            granted.add(grant(Authorization.AUTH_TYPE_GRANT, "werker", Resources.TASK, "*", Permissions.UPDATE));
            String complaintTask = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult().getId();

            // grants on tasks only (the user's, the groups'): the semi-join with the granted task ids
            int before = output.getAll().length();
            assertThat(countedAndListed("teller", "telgroep")).containsExactlyInAnyOrder(ofMyGroup, mine);
            assertThat(countedAndListed("teller")).containsExactly(mine);
            assertThat(countedAndListed("vreemde", "vreemden")).isEmpty();
            assertThat(countedAndListed("werker")).isEmpty();
            assertThat(countedAndListed("behandelaar", "handlers")).contains(complaintTask).doesNotContain(ofMyGroup, mine);
            assertThat(output.getAll().substring(before)).contains(GRANTED_TASKS_ONLY).doesNotContain(EVERY_KIND_OF_GRANT);

            // a grant on the definition key or on '*': every kind of grant asked as a set
            before = output.getAll().length();
            assertThat(countedAndListed("definitielezer")).contains(complaintTask).doesNotContain(ofMyGroup, mine, ofAnother);
            // a grant on a task beside it: the tasks that the definition does not let in are looked up among the granted
            granted.add(grant(Authorization.AUTH_TYPE_GRANT, "definitielezer", Resources.TASK, mine, Permissions.READ));
            assertThat(countedAndListed("definitielezer")).contains(complaintTask, mine).doesNotContain(ofMyGroup, ofAnother);
            assertThat(countedAndListed("allesteller")).contains(complaintTask, ofMyGroup, mine, ofAnother);
            assertThat(output.getAll().substring(before)).contains(EVERY_KIND_OF_GRANT).doesNotContain(GRANTED_TASKS_ONLY);

            // a REVOKE: the engine's revoke check, with its own SQL, counts (the user's revoke beats the group's grant)
            granted.add(grant(Authorization.AUTH_TYPE_REVOKE, "teller", Resources.TASK, ofMyGroup, Permissions.READ));
            before = output.getAll().length();
            assertThat(countedAndListed("teller", "telgroep")).containsExactly(mine);
            assertThat(output.getAll().substring(before)).doesNotContain(EVERY_KIND_OF_GRANT, GRANTED_TASKS_ONLY);
        } finally {
            logging.setLogLevel(TaskCountWithGrantsAsASet.NAMESPACE, null);
            identity.clearAuthentication();
            granted.forEach(authorizations::deleteAuthorization);
            made.forEach(id -> tasks.deleteTask(id, true));
        }
    }

    /** The tasks a user sees: the engine's list, checked against the count, with and without a group criterion. */
    private Set<String> countedAndListed(String user, String... groups) {
        identity.setAuthentication(user, List.of(groups));
        try {
            List<Task> listed = tasks.createTaskQuery().list();
            assertThat(tasks.createTaskQuery().count()).as(user + "'s count").isEqualTo(listed.size());
            for (String group : groups) {
                assertThat(tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().count())
                        .as(user + "'s count in " + group)
                        .isEqualTo(tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().list().size());
            }
            Set<String> ids = new HashSet<>();
            listed.forEach(task -> ids.add(task.getId()));
            return ids;
        } finally {
            identity.clearAuthentication();
        }
    }

    private String standaloneTask(String name, List<String> made) {
        Task task = tasks.newTask();
        task.setName(name);
        tasks.saveTask(task);
        made.add(task.getId());
        return task.getId();
    }

    private String grant(int type, String user, Resource resource, String resourceId, Permission permission) {
        Authorization authorization = authorizations.createNewAuthorization(type);
        authorization.setUserId(user);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        if (type == Authorization.AUTH_TYPE_REVOKE) {
            // a revoke starts with every permission and names those it takes away
            authorization.removePermission(permission);
        } else {
            authorization.addPermission(permission);
        }
        return authorizations.saveAuthorization(authorization).getId();
    }
}
