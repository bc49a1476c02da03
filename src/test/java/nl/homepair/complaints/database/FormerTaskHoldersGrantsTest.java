package nl.homepair.complaints.database;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Migration 29 on the engine's own tables: the grant an earlier holder kept on an open task (as the engine left it
 * before the grant went with the task) is taken back; the holder's, the owner's, a candidate user's and the groups'
 * stay.
 */
class FormerTaskHoldersGrantsTest extends IntegrationTest {

    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    DataSource dataSource;
    @Autowired
    org.camunda.bpm.engine.TaskService taskService;

    @Test
    void theGrantsEarlierHoldersKeptOnOpenTasksAreTakenBackAndNoOtherGrant() throws Exception {
        Task task = assessment("oud.houder@example.nl");
        taskService.claim(task.getId(), "behandelaar");
        taskService.addCandidateUser(task.getId(), "oud-kandidaat");
        keptBy("oud-houder", task); // as a hand-over left it before the grant went with the task
        // a delegation the owner waits for keeps the owner's grant; one resolved long ago does not
        Task delegated = assessment("oud.gedelegeerd@example.nl");
        taskService.claim(delegated.getId(), "behandelaar");
        taskService.delegateTask(delegated.getId(), "teamleider");
        Task resolved = assessment("oud.opgelost@example.nl");
        taskService.setOwner(resolved.getId(), "oud-eigenaar");
        taskService.setAssignee(resolved.getId(), "behandelaar");

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            new FormerTaskHoldersGrants().migrate(MigrationContexts.on(connection));
        }

        assertThat(grants(task, "oud-houder")).isZero();
        assertThat(grants(task, "behandelaar")).isOne();
        assertThat(grants(task, "oud-kandidaat")).isOne();
        assertThat(authorizationService.createAuthorizationQuery().groupIdIn("handlers").resourceType(Resources.TASK)
                .resourceId(task.getId()).count()).isOne();
        assertThat(grants(delegated, "behandelaar")).as("the owner of a pending delegation").isOne();
        assertThat(grants(delegated, "teamleider")).as("the delegate").isOne();
        assertThat(grants(resolved, "oud-eigenaar")).as("an owner whose delegation is over").isZero();
        assertThat(grants(resolved, "behandelaar")).isOne();
        for (Task open : java.util.List.of(task, delegated, resolved)) {
            runtimeService.deleteProcessInstance(open.getProcessInstanceId(), "test done");
        }
    }

    private Task assessment(String email) {
        return taskService.createTaskQuery().processInstanceBusinessKey(submit(janJansen().email(email)))
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
    }

    private void keptBy(String user, Task task) {
        Authorization kept = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        kept.setUserId(user);
        kept.setResource(Resources.TASK);
        kept.setResourceId(task.getId());
        kept.addPermission(Permissions.READ);
        kept.addPermission(Permissions.UPDATE);
        kept.addPermission(TaskPermissions.READ_VARIABLE);
        authorizationService.saveAuthorization(kept);
    }

    private long grants(Task task, String user) {
        return authorizationService.createAuthorizationQuery().userIdIn(user).resourceType(Resources.TASK)
                .resourceId(task.getId()).count();
    }
}
