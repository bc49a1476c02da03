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
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
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

    /** A routing table a manager deployed from Camunda Modeler (conduct mediated in 8 days instead of 10); its deployment. */
    private String managersRoutingTable() {
        String table = nl.homepair.complaints.modeling.ModelerDeploy.repositoryModel("processes/routing.dmn")
                .replace("<outputEntry id=\"LiteralExpression_ConductMediation\"><text>10</text>",
                        "<outputEntry id=\"LiteralExpression_ConductMediation\"><text>8</text>");
        var managers = nl.homepair.complaints.modeling.ModelerDeploy.deploy(as("manager"), "routing.dmn", table);
        assertThat(managers.getStatusCode().value()).isEqualTo(200);
        return managers.getBody().get("id").asText();
    }

    /** The models and forms of this build, as a release deploys them. */
    private static java.util.Map<String, byte[]> release() {
        java.util.Map<String, byte[]> release = new java.util.LinkedHashMap<>();
        for (Resource resource : ModelDeployer.resources()) {
            release.put(ModelDeployer.stableName(resource), readAll(resource));
        }
        return release;
    }

    /** A file of the release changed (a line added at its end). */
    private static void changed(java.util.Map<String, byte[]> release, String name) {
        release.put(name, (new String(release.get(name), java.nio.charset.StandardCharsets.UTF_8) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A release that changes one form leaves the routing table a manager deployed from Camunda Modeler live. */
    @Test
    void aReleaseThatChangesAnotherFileKeepsTheManagersDeploymentLive() {
        var repository = engine.getRepositoryService();
        String managersDeployment = managersRoutingTable();
        java.util.Map<String, byte[]> release = release();
        changed(release, "forms/assess-complaint.form");
        String releaseDeployment = null;
        try {
            ModelDeployer.deploy(repository, release);

            var newest = repository.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
                    .orderByDeploymentTime().desc().list().get(0);
            releaseDeployment = newest.getId();
            assertThat(repository.getDeploymentResourceNames(releaseDeployment)).containsExactly("forms/assess-complaint.form");
            assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("routing").latestVersion()
                    .singleResult().getDeploymentId()).isEqualTo(managersDeployment);
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(ComplaintProcess.PROCESS_KEY).count())
                    .as("no new process version").isEqualTo(1);
        } finally {
            if (releaseDeployment != null) {
                repository.deleteDeployment(releaseDeployment, true);
            }
            repository.deleteDeployment(managersDeployment, true);
        }
    }

    /**
     * A release that changes the very file a manager changed in Camunda Modeler makes the repository's model live again;
     * the operator reads a warning that names the manager's version, not "version N is live" as if all were well.
     */
    @Test
    void aReleaseThatReplacesTheManagersModelSaysSo(org.springframework.boot.test.system.CapturedOutput output) {
        var repository = engine.getRepositoryService();
        String managersDeployment = managersRoutingTable();
        java.util.Map<String, byte[]> release = release();
        changed(release, "processes/routing.dmn");
        String releaseDeployment = null;
        try {
            ModelDeployer.deploy(repository, release);
            releaseDeployment = repository.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
                    .orderByDeploymentTime().desc().list().get(0).getId();

            assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("routing").latestVersion()
                    .singleResult().getDeploymentId()).isEqualTo(releaseDeployment);
            assertThat(output.getOut()).contains("routing: this release changed processes/routing.dmn", "no longer is");

            // the next release changes the file again: what it replaces is the release before, no manager's model
            int said = output.getOut().split("this release changed", -1).length;
            changed(release, "processes/routing.dmn");
            ModelDeployer.deploy(repository, release);
            String next = repository.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
                    .orderByDeploymentTime().desc().list().get(0).getId();
            repository.deleteDeployment(next, true);
            assertThat(output.getOut().split("this release changed", -1).length).as("no warning for a release's own model")
                    .isEqualTo(said);
        } finally {
            if (releaseDeployment != null) {
                repository.deleteDeployment(releaseDeployment, true);
            }
            repository.deleteDeployment(managersDeployment, true);
        }
    }

    /**
     * A node of the earlier build started after another node deployed a newer release would make new cases run on the
     * old models again: it refuses to start, unless returning to them is meant (a rollback).
     */
    @Test
    void anOldNodeStartedAfterAnUpgradeRefusesToDeployItsEarlierModels() {
        var repository = engine.getRepositoryService();
        java.util.Map<String, byte[]> current = release();
        java.util.Map<String, byte[]> newer = new java.util.LinkedHashMap<>(current);
        changed(newer, "forms/assess-complaint.form");
        List<String> made = new java.util.ArrayList<>();
        try {
            ModelDeployer.deploy(repository, newer); // the upgraded node
            made.add(newestRelease());
            assertThat(ModelDeployer.earlierVersions(repository, newer)).as("the newer node itself").isEmpty();
            assertThat(ModelDeployer.earlierVersions(repository, current)).containsExactly("forms/assess-complaint.form");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ModelDeployer(false).postProcessEngineBuild(engine))
                    .hasMessageContaining("forms/assess-complaint.form").hasMessageContaining("deploy-earlier-versions");
            assertThat(newestRelease()).as("nothing deployed").isEqualTo(made.get(0));

            new ModelDeployer(true).postProcessEngineBuild(engine); // a rollback, meant
            assertThat(newestRelease()).isNotEqualTo(made.get(0));
            made.add(newestRelease());
            // the newer build after the rollback (or after an old node without this check deployed its models again):
            // its content first came later, so it is not the earlier one
            assertThat(ModelDeployer.earlierVersions(repository, newer)).as("rolling forward again").isEmpty();
            assertThat(ModelDeployer.earlierVersions(repository, current)).as("the rolled-back build, now the newest").isEmpty();
        } finally {
            made.forEach(id -> repository.deleteDeployment(id, true));
        }
    }

    /** A rollback says how many open cases the release returned from left on its models, and how to move them. */
    @Test
    void aReturnToEarlierModelsNamesTheOpenCasesOfTheReleaseReturnedFrom(org.springframework.boot.test.system.CapturedOutput output) {
        var repository = engine.getRepositoryService();
        java.util.Map<String, byte[]> newer = new java.util.LinkedHashMap<>(release());
        changed(newer, "processes/manualMailHandling.bpmn");
        List<String> made = new java.util.ArrayList<>();
        try {
            ModelDeployer.deploy(repository, newer); // the release that is rolled back
            made.add(newestRelease());
            String started = runtimeService.startProcessInstanceByKey("manualMailHandling",
                    java.util.Map.of("receivedAt", new java.util.Date())).getId();
            assertThat(output).doesNotContain("run on the version of the release returned from");

            new ModelDeployer(true).postProcessEngineBuild(engine); // the rollback
            made.add(newestRelease());
            assertThat(output).contains("1 open case(s) of manualMailHandling run on the version of the release returned from",
                    "POST /api/procedure/migration?process=manualMailHandling", "dryRun=false");
            runtimeService.deleteProcessInstance(started, "test done");
        } finally {
            made.forEach(id -> repository.deleteDeployment(id, true));
        }
    }

    /**
     * A release that changes a process leaves the open cases on the version they started on: the start that made the new
     * version says how many, and how to move them (a manager's step, with a dry run first).
     */
    @Test
    void anUpgradeNamesTheOpenCasesLeftOnTheVersionBefore() {
        var repository = engine.getRepositoryService();
        java.util.Map<String, byte[]> newer = new java.util.LinkedHashMap<>(release());
        changed(newer, "processes/manualMailHandling.bpmn");
        String started = runtimeService.startProcessInstanceByKey("manualMailHandling",
                java.util.Map.of("receivedAt", new java.util.Date())).getId();
        java.util.Map<String, String> liveBefore = ModelDeployer.liveDefinitions(repository);
        try {
            ModelDeployer.deploy(repository, newer); // the upgraded release
            assertThat(ModelDeployer.casesLeftOnTheVersionBefore(engine, liveBefore)).singleElement().asString()
                    .contains("open case(s) of manualMailHandling stay on the version live before this release",
                            "POST /api/procedure/migration?process=manualMailHandling", "dryRun=false");
        } finally {
            runtimeService.deleteProcessInstance(started, "test done");
            repository.deleteDeployment(newestRelease(), true);
        }
    }

    private String newestRelease() {
        return engine.getRepositoryService().createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
                .orderByDeploymentTime().desc().list().get(0).getId();
    }

    private static byte[] readAll(Resource resource) {
        try {
            return resource.getContentAsByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
