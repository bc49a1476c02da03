package nl.homepair.complaints.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * R12: the engine gives a task to whom the model says when it makes the task. A candidate group or assignee that the
 * deploy check could not read (computed, set by a mapping or a listener, or in a model from before the check) must not
 * open a case to a manager or the platform: the task is not made, and no grant for them is left behind.
 */
class TasksMadeForCaseStaffTest extends IntegrationTest {

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    AuthorizationService authorizationService;

    @Test
    void aTaskTheModelGivesToManagersOrToAManagerIsNotMade() {
        String deployment = deployedBeforeTheCheck(repositoryService.createDeployment().name("TasksMadeForCaseStaffTest")
                .addModelInstance("peek-group.bpmn", Bpmn.createExecutableProcess("peekByGroup").camundaHistoryTimeToLive(30)
                        .startEvent().userTask("UserTask_Peek").name("Meekijken").camundaCandidateGroups("${peekGroup}")
                        .endEvent().done())
                .addModelInstance("peek-person.bpmn", Bpmn.createExecutableProcess("peekByPerson").camundaHistoryTimeToLive(30)
                        .startEvent().userTask("UserTask_PeekPerson").name("Meekijken").camundaCandidateGroups("handlers")
                        .camundaAssignee("${peeker}").endEvent().done()));
        try {
            long grantsBefore = authorizationService.createAuthorizationQuery().resourceType(Resources.TASK)
                    .groupIdIn(Groups.MANAGERS).count();
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("peekByGroup", "KL-KIJK-000001",
                    Map.of("peekGroup", Groups.MANAGERS)))
                    .isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("De taak 'Meekijken' (UserTask_Peek) van zaak KL-KIJK-000001 gaat volgens het model"
                            + " naar groep 'managers', die geen zaken behandelt");
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("peekByPerson", "KL-KIJK-000002",
                    Map.of("peeker", "manager")))
                    .hasMessageContaining("gaat volgens het model naar 'manager', die geen zaken behandelt");
            assertThat(taskService.createTaskQuery().processInstanceBusinessKeyIn("KL-KIJK-000001", "KL-KIJK-000002").count())
                    .isZero();
            assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.TASK).groupIdIn(Groups.MANAGERS)
                    .count()).isEqualTo(grantsBefore);

            // the same models give the task to the staff who handle cases
            runtimeService.startProcessInstanceByKey("peekByGroup", "KL-KIJK-000003", Map.of("peekGroup", Groups.HANDLERS));
            runtimeService.startProcessInstanceByKey("peekByPerson", "KL-KIJK-000004", Map.of("peeker", "behandelaar"));
            assertThat(taskService.createTaskQuery().processInstanceBusinessKeyIn("KL-KIJK-000003", "KL-KIJK-000004").count())
                    .isEqualTo(2);
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
    }

    @Autowired
    HandlerGroups handlerGroups;
    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;

    /**
     * A manager's new team, deployed on another node a moment ago: this node reads the deployment within a minute, but
     * the first case may give the team its task at once. It is made, not refused as a group that handles no cases.
     */
    @Test
    void aTaskForATeamANewDeploymentNamesIsMadeBeforeThisNodeReadTheDeployment() {
        // deployed without the check, which tells this node of the deployment: as a deployment of another node
        String deployment = deployedBeforeTheCheck(repositoryService.createDeployment().name("TasksMadeForCaseStaffTest")
                .addModelInstance("new-team.bpmn", Bpmn.createExecutableProcess("newTeamStep").camundaHistoryTimeToLive(30)
                        .startEvent().userTask("UserTask_Register").name("Registreren").camundaCandidateGroups("handlers")
                        .userTask("UserTask_NewTeam").name("Nieuw team").camundaCandidateGroups("nieuwteam")
                        .endEvent().done()));
        try {
            assertThat(handlerGroups.ids()).doesNotContain("nieuwteam");
            assertThat(handlerGroups.givenCases("nieuwteam")).isTrue();
            assertThat(handlerGroups.givenCases(Groups.MANAGERS)).isFalse();
            assertThat(handlerGroups.givenCases("nergensgenoemd")).isFalse();

            runtimeService.startProcessInstanceByKey("newTeamStep", "KL-NIEUW-000001");
            // a handler completes the step before it in Tasklist: the new team's task is made in their command, though
            // they may not read deployments
            String register = taskService.createTaskQuery().processInstanceBusinessKey("KL-NIEUW-000001").singleResult().getId();
            identityService.setAuthentication("behandelaar", java.util.List.of(Groups.HANDLERS));
            try {
                taskService.complete(register);
            } finally {
                identityService.clearAuthentication();
            }
            assertThat(taskService.createTaskQuery().processInstanceBusinessKey("KL-NIEUW-000001").taskCandidateGroup("nieuwteam")
                    .count()).isOne();
        } finally {
            repositoryService.deleteDeployment(deployment, true);
            handlerGroups.refreshAndTellNow(); // a refresh meanwhile took the team in: it goes with its deployment
        }
    }
}
