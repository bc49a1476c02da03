package nl.homepair.complaints.engine;

import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.springframework.core.io.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Starting again with unchanged models creates no new deployment or process version. */
class ModelDeployerTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    ModelDeployer deployer;

    @Test
    void unchangedModelsAreNotDeployedAgain() {
        long deployments = engine.getRepositoryService().createDeploymentQuery().count();

        deployer.postProcessEngineBuild(engine);

        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(ComplaintProcess.PROCESS_KEY).count()).isEqualTo(1);
    }

    @Test
    void modelsAndFormsAreDeployedUnderStableNames() {
        var deployment = engine.getRepositoryService().createDeploymentQuery()
                .deploymentName(ModelDeployer.DEPLOYMENT_NAME).singleResult();
        assertThat(engine.getRepositoryService().getDeploymentResourceNames(deployment.getId()))
                .contains("processes/complaintProcedure.bpmn", "forms/assess-complaint.form",
                        "forms/check-acknowledgement.form");
    }

    @Test
    void theStreamingReadFindsTheKeysTheModelApiFinds() throws Exception {
        int models = 0;
        for (Resource resource : ModelDeployer.resources()) {
            String name = ModelDeployer.stableName(resource);
            byte[] content = resource.getContentAsByteArray();
            List<String> expected;
            if (name.endsWith(".bpmn")) {
                expected = Bpmn.readModelFromStream(new ByteArrayInputStream(content)).getModelElementsByType(Process.class)
                        .stream().map(Process::getId).toList();
                assertThat(ModelDeployer.topLevelIds(name, content, "process")).as(name).isNotEmpty().isEqualTo(expected);
                models++;
            } else if (name.endsWith(".dmn")) {
                expected = Dmn.readModelFromStream(new ByteArrayInputStream(content)).getModelElementsByType(Decision.class)
                        .stream().map(Decision::getId).toList();
                assertThat(ModelDeployer.topLevelIds(name, content, "decision")).as(name).isNotEmpty().isEqualTo(expected);
                models++;
            }
        }
        assertThat(models).isGreaterThan(5);
    }
}
