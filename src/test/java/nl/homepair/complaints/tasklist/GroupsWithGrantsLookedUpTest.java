package nl.homepair.complaints.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.tasklist.GroupsWithGrantsLookedUp.GroupLookUpManager;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The user's groups that hold an authorization, looked up group by group, are the groups the
 * engine's own filter keeps (which reads every group id of the table).
 */
class GroupsWithGrantsLookedUpTest extends IntegrationTest {

    @Autowired
    ProcessEngine processEngine;

    @Autowired
    AuthorizationService authorizationService;

    @Test
    void everyCommandLooksUpTheUsersGroupsAndKeepsWhatTheEnginesFilterKeeps() {
        Authorization ofGroup = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        ofGroup.setGroupId("opzoekgroep");
        ofGroup.setResource(Resources.TASK);
        ofGroup.setResourceId("een-taak");
        ofGroup.addPermission(Permissions.READ);
        String id = authorizationService.saveAuthorization(ofGroup).getId();
        try {
            for (List<String> groups : List.of(List.of("opzoekgroep"), List.of("handlers", "zondergrant", "opzoekgroep"),
                    List.of("zondergrant"), Arrays.asList("handlers", null, "handlers", "directors"), List.<String>of())) {
                assertThat(filtered(groups, true)).as("groups %s", groups).containsExactlyInAnyOrderElementsOf(filtered(groups, false));
            }
            assertThat(filtered(List.of("handlers", "zondergrant", "opzoekgroep"), true))
                    .containsExactlyInAnyOrder("handlers", "opzoekgroep");
        } finally {
            authorizationService.deleteAuthorization(id);
        }
        // the engine's commands get this manager
        Class<?> manager = configuration().getCommandExecutorTxRequired()
                .execute(context -> context.getAuthorizationManager().getClass());
        assertThat(manager).isEqualTo(GroupLookUpManager.class);
    }

    private List<String> filtered(List<String> groups, boolean lookUp) {
        return configuration().getCommandExecutorTxRequired()
                .execute(context -> new ArrayList<>(new GroupLookUpManager(lookUp).filterAuthenticatedGroupIds(groups)));
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }
}
