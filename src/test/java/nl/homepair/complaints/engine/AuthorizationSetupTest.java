package nl.homepair.complaints.engine;

import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.security.Groups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A database set up by an earlier version, where every handler read every case's variables and history, is narrowed
 * at the next start: the handlers keep what Tasklist needs and lose the rest (R12, a group of handlers sees the cases
 * of its group).
 */
class AuthorizationSetupTest extends IntegrationTest {

    @Autowired
    AuthorizationSetup setup;
    @Autowired
    TasklistFilters filters;
    @Autowired
    AuthorizationService authorizationService;

    @Test
    void theHandlersGrantsOfAnEarlierVersionAreNarrowedAtTheNextStart() {
        Authorization definition = grantOf(Resources.PROCESS_DEFINITION, ComplaintProcess.PROCESS_KEY);
        for (Permission wider : new Permission[] {ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE}) {
            definition.addPermission(wider);
        }
        authorizationService.saveAuthorization(definition);
        Authorization log = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        log.setGroupId(Groups.HANDLERS);
        log.setResource(Resources.OPERATION_LOG_CATEGORY);
        log.setResourceId(UserOperationLogEntry.CATEGORY_TASK_WORKER);
        log.addPermission(UserOperationLogCategoryPermissions.READ);
        authorizationService.saveAuthorization(log);

        setup.grantAll(filters.ensureAll());

        Authorization narrowed = grantOf(Resources.PROCESS_DEFINITION, ComplaintProcess.PROCESS_KEY);
        assertThat(narrowed.isPermissionGranted(ProcessDefinitionPermissions.READ)).isTrue();
        assertThat(narrowed.isPermissionGranted(ProcessDefinitionPermissions.READ_INSTANCE)).isTrue();
        assertThat(narrowed.isPermissionGranted(ProcessDefinitionPermissions.READ_HISTORY)).isFalse();
        assertThat(narrowed.isPermissionGranted(ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE)).isFalse();
        assertThat(narrowed.isPermissionGranted(ProcessDefinitionPermissions.READ_HISTORY_VARIABLE)).isFalse();
        assertThat(grantOf(Resources.OPERATION_LOG_CATEGORY, UserOperationLogEntry.CATEGORY_TASK_WORKER)
                .isPermissionGranted(UserOperationLogCategoryPermissions.READ)).isFalse();
    }

    private Authorization grantOf(Resource resource, String resourceId) {
        return authorizationService.createAuthorizationQuery().groupIdIn(Groups.HANDLERS).resourceType(resource)
                .resourceId(resourceId).authorizationType(Authorization.AUTH_TYPE_GRANT).singleResult();
    }
}
