package nl.homepair.complaints.engine;

import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.ProcessEngine;
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
}
