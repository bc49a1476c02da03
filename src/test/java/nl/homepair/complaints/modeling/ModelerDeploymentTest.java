package nl.homepair.complaints.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Date;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.engine.ModelDeployer;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * A manager deploys from Camunda Modeler (issue 14, item 1): the Deploy button sends the
 * one model that is open, without its forms or the processes it calls. New cases run on
 * it and find their forms; the start-up check says that the engine runs a model that the
 * repository does not have. Handlers cannot deploy; managers administer no users.
 */
@ExtendWith(OutputCaptureExtension.class)
class ModelerDeploymentTest extends IntegrationTest {

    static final String PROCEDURE = "processes/complaintProcedure.bpmn";

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    TaskService taskService;
    @Autowired
    WorkingDayCalendar workingDays;
    @Autowired
    ModelDeployer deployer;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aModelDeployedAloneByAManagerRunsNewCasesWithTheirForms(CapturedOutput log) {
        String changed = ModelerDeploy.repositoryModel(PROCEDURE)
                .replace("workingDays.deadline(receivedAt, decisionResult[0].assessmentDays)", "workingDays.deadline(receivedAt, 7)");
        assertThat(changed).contains("workingDays.deadline(receivedAt, 7)");
        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn", changed);
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        String deploymentId = answer.getBody().get("id").asText();
        try {
            assertThat(ModelDeployer.liveVersions(repositoryService, Map.of(PROCEDURE, ModelerDeploy.repositoryModel(PROCEDURE).getBytes())))
                    .singleElement().satisfies(live -> {
                        assertThat(live.fromRepository()).isFalse();
                        assertThat(live.deploymentName()).isEqualTo("modeler");
                    });
            deployer.postProcessEngineBuild(engine); // what a restart does
            assertThat(log.getOut()).contains("complaintProcedure: the engine runs version",
                    "which differs from processes/complaintProcedure.bpmn in the repository");

            String reference = submit(TestComplaints.janJansen());

            ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                    .processDefinitionKey(ComplaintProcess.PROCESS_KEY).singleResult();
            assertThat(repositoryService.getProcessDefinition(instance.getProcessDefinitionId()).getDeploymentId())
                    .isEqualTo(deploymentId);
            Task assessment = taskService.createTaskQuery().processInstanceId(instance.getId())
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
            Date receivedAt = (Date) runtimeService.getVariable(instance.getId(), "receivedAt");
            assertThat(assessment.getDueDate()).isEqualTo(workingDays.deadline(receivedAt, 7));

            ResponseEntity<JsonNode> form = as("behandelaar")
                    .getForEntity("/engine-rest/task/" + assessment.getId() + "/deployed-form", JsonNode.class);
            assertThat(form.getStatusCode().value()).as(String.valueOf(form.getBody())).isEqualTo(200);
            assertThat(form.getBody().get("id").asText()).isEqualTo("assessComplaint");
        } finally {
            repositoryService.deleteDeployment(deploymentId, true);
        }
        assertThat(ModelDeployer.liveVersions(repositoryService, Map.of(PROCEDURE, ModelerDeploy.repositoryModel(PROCEDURE).getBytes())))
                .singleElement().satisfies(live -> assertThat(live.fromRepository()).isTrue());
    }

    /**
     * A database where a manager once deployed the procedure for a tenant (before the deploy check refused it): new
     * complaints start on the version without one, a restart does not stop on two "latest" versions, and the log says
     * to delete it.
     */
    @Test
    void aProcedureDeployedForATenantBeforeItWasRefusedIsLeftAsideAndNamed(CapturedOutput log) {
        String changed = ModelerDeploy.repositoryModel(PROCEDURE)
                .replace("workingDays.deadline(receivedAt, decisionResult[0].assessmentDays)", "workingDays.deadline(receivedAt, 7)");
        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn", changed);
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        String deploymentId = answer.getBody().get("id").asText();
        try {
            // what an earlier build let through: the same deployment, for a tenant
            jdbc.update("update ACT_RE_DEPLOYMENT set TENANT_ID_ = 'homepair' where ID_ = ?", deploymentId);
            jdbc.update("update ACT_RE_PROCDEF set TENANT_ID_ = 'homepair' where DEPLOYMENT_ID_ = ?", deploymentId);
            ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getDeploymentCache().discardProcessDefinitionCache();

            deployer.postProcessEngineBuild(engine); // what a restart does
            assertThat(log.getOut()).contains("is for tenant 'homepair': the procedure uses no tenants");

            String reference = submit(TestComplaints.janJansen());
            ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                    .processDefinitionKey(ComplaintProcess.PROCESS_KEY).singleResult();
            assertThat(repositoryService.getProcessDefinition(instance.getProcessDefinitionId()).getTenantId()).isNull();
        } finally {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    /** A manager sends conduct complaints to the team leads with 3 working days, by editing the table only. */
    @Test
    void aRoutingTableChangedByAManagerRoutesNewCases() {
        String table = ModelerDeploy.repositoryModel("processes/routing.dmn");
        String conduct = table.substring(table.indexOf("<rule id=\"Rule_Conduct\">"), table.indexOf("</rule>") + 7);
        String changed = table.replace(conduct, conduct
                .replace("<text>\"handlers\"</text>", "<text>\"teamleads\"</text>")
                .replace("<text>70</text>", "<text>80</text>")
                .replace("LiteralExpression_ConductAssessment\"><text>5</text>", "LiteralExpression_ConductAssessment\"><text>3</text>"));
        assertThat(changed).contains("\"teamleads\"", "<text>3</text>");
        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "routing.dmn", changed);
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        try {
            String reference = submit(TestComplaints.janJansen().with("subject", "CONDUCT"));
            ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                    .processDefinitionKey(ComplaintProcess.PROCESS_KEY).singleResult();
            Task assessment = taskService.createTaskQuery().processInstanceId(instance.getId())
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
            assertThat(taskService.getIdentityLinksForTask(assessment.getId()))
                    .extracting(link -> link.getGroupId()).containsExactly("teamleads");
            assertThat(assessment.getPriority()).isEqualTo(80);
            Date receivedAt = (Date) runtimeService.getVariable(instance.getId(), "receivedAt");
            assertThat(assessment.getDueDate()).isEqualTo(workingDays.deadline(receivedAt, 3));

            String other = submit(TestComplaints.janJansen());
            Task usual = taskService.createTaskQuery().processInstanceBusinessKey(other)
                    .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
            assertThat(taskService.getIdentityLinksForTask(usual.getId())).extracting(link -> link.getGroupId())
                    .containsExactly("handlers");
        } finally {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
    }

    @Test
    void aHandlerCannotDeploy() {
        long before = repositoryService.createDeploymentQuery().count();

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("behandelaar"), "complaintProcedure.bpmn",
                ModelerDeploy.repositoryModel(PROCEDURE));

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void aManagerReadsDefinitionsAndDeploymentsButAdministersNoUsers() {
        JsonNode definitions = as("manager").getForObject("/engine-rest/process-definition?key=" + ComplaintProcess.PROCESS_KEY,
                JsonNode.class);
        assertThat(definitions).isNotEmpty();
        assertThat(as("manager").getForObject("/engine-rest/deployment", JsonNode.class)).isNotEmpty();

        ResponseEntity<String> newUser = as("manager").postForEntity("/engine-rest/user/create",
                json("{\"profile\":{\"id\":\"stiekem\",\"firstName\":\"Sander\",\"lastName\":\"Tromp\"},\"credentials\":{\"password\":\"Verborgen-Pad-2026!\"}}"),
                String.class);
        assertThat(newUser.getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> membership = as("manager").exchange("/engine-rest/group/camunda-admin/members/manager",
                org.springframework.http.HttpMethod.PUT, json(""), String.class);
        assertThat(membership.getStatusCode().value()).isEqualTo(403);
    }
}
