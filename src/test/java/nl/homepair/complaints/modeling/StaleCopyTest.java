package nl.homepair.complaints.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.engine.ModelDeployer;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * A manager edits a model on a copy from before the application's newest release and deploys that one file: refused,
 * naming what the release added, instead of new cases running without it until someone notices (R15).
 */
class StaleCopyTest extends IntegrationTest {

    private static final String KEY = "staleCopyProbe";

    @Autowired
    RepositoryService repositoryService;

    private final List<String> deployments = new ArrayList<>();

    @AfterEach
    void removeTheProbe() {
        deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
        deployments.clear();
    }

    /** The probe's model: a start, optionally the gateway the newer release added, an end; with {@code name}. */
    private static String model(String name, boolean withGateway) {
        String flows = withGateway
                ? """
                  <bpmn:exclusiveGateway id="Gateway_AddedByRelease" name="Nieuw in de release" />
                  <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Gateway_AddedByRelease" />
                  <bpmn:sequenceFlow id="Flow_Added" sourceRef="Gateway_AddedByRelease" targetRef="End" />
                  """
                : """
                  <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="End" />
                  """;
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_probe" targetNamespace="https://homepair.nl/test">
                  <bpmn:process id="%s" name="%s" isExecutable="true" camunda:historyTimeToLive="30" camunda:isStartableInTasklist="false">
                    <bpmn:startEvent id="Start" name="Begin" />
                    %s
                    <bpmn:endEvent id="End" name="Einde" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(KEY, name, flows);
    }

    /** A release as {@link ModelDeployer} makes one: its name and source, no person. */
    private void release(String content) {
        deployments.add(repositoryService.createDeployment().name(ModelDeployer.DEPLOYMENT_NAME).source(ModelDeployer.DEPLOYMENT_NAME)
                .addString("staleCopyProbe.bpmn", content).deploy().getId());
    }

    private ResponseEntity<JsonNode> managerDeploys(String content, String deploymentName) {
        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), Map.of("staleCopyProbe.bpmn", content),
                "Camunda Modeler", deploymentName);
        if (answer.getStatusCode().is2xxSuccessful()) {
            deployments.add(answer.getBody().get("id").asText());
        }
        return answer;
    }

    @Test
    void aCopyFromBeforeTheNewestReleaseIsRefusedWithWhatTheReleaseAdded() {
        release(model("Probe", false));
        release(model("Probe", true));

        ResponseEntity<JsonNode> stale = managerDeploys(model("Probe, met een nieuwe naam", false), "modeler");
        assertThat(stale.getStatusCode().value()).isEqualTo(400);
        assertThat(stale.getBody().get("message").asText())
                .contains("lijkt gemaakt op een oudere versie", "Gateway_AddedByRelease 'Nieuw in de release'", "bewust")
                .doesNotContain("gepubliceerde beans");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult()
                .getName()).isEqualTo("Probe");

        // the change made on the current version deploys; so does leaving the addition out on purpose
        assertThat(managerDeploys(model("Probe, met een nieuwe naam", true), "modeler").getStatusCode().value()).isEqualTo(200);
        assertThat(managerDeploys(model("Probe zonder de poort", false), "bewust zonder de poort").getStatusCode().value())
                .isEqualTo(200);
        // and a later edit of that version is no stale copy
        assertThat(managerDeploys(model("Probe zonder de poort, nieuwe naam", false), "modeler").getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void withOneReleaseThereIsNothingToCompare() {
        release(model("Probe", true));
        assertThat(managerDeploys(model("Probe, kleiner", false), "modeler").getStatusCode().value()).isEqualTo(200);
    }
}
