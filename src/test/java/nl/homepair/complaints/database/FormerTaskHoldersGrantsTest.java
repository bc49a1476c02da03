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
        String reference = submit(janJansen().email("oud.houder@example.nl"));
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        taskService.claim(task.getId(), "behandelaar");
        taskService.setOwner(task.getId(), "oud-eigenaar");
        taskService.addCandidateUser(task.getId(), "oud-kandidaat");
        Authorization kept = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        kept.setUserId("oud-houder");
        kept.setResource(Resources.TASK);
        kept.setResourceId(task.getId());
        kept.addPermission(Permissions.READ);
        kept.addPermission(Permissions.UPDATE);
        kept.addPermission(TaskPermissions.READ_VARIABLE);
        authorizationService.saveAuthorization(kept); // as a hand-over left it before the grant went with the task

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            new FormerTaskHoldersGrants().migrate(MigrationContexts.on(connection));
        }

        assertThat(grants(task, "oud-houder")).isZero();
        assertThat(grants(task, "behandelaar")).isOne();
        assertThat(grants(task, "oud-eigenaar")).isOne();
        assertThat(grants(task, "oud-kandidaat")).isOne();
        assertThat(authorizationService.createAuthorizationQuery().groupIdIn("handlers").resourceType(Resources.TASK)
                .resourceId(task.getId()).count()).isOne();
        runtimeService.deleteProcessInstance(task.getProcessInstanceId(), "test done");
    }

    private long grants(Task task, String user) {
        return authorizationService.createAuthorizationQuery().userIdIn(user).resourceType(Resources.TASK)
                .resourceId(task.getId()).count();
    }
}
