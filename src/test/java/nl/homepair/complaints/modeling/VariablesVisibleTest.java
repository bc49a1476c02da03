package nl.homepair.complaints.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What a deadline may read: what its own process sets, what a caller hands it (by name or all), what a called process
 * hands back; not what only another process sets.
 */
class VariablesVisibleTest {

    private static Map<String, Element> processes(String... bodies) {
        Map<String, Element> byKey = new HashMap<>();
        for (String body : bodies) {
            Element root = ModelCheck.root(("""
                    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://homepair.nl/test">%s
                    </bpmn:definitions>""").formatted(body).getBytes(StandardCharsets.UTF_8));
            ReferenceRules.processesIn(root).forEach(process -> byKey.put(process.getAttribute("id"), process));
        }
        return byKey;
    }

    private static String caller(String mappings) {
        return """
                <bpmn:process id="caller" isExecutable="true">
                  <bpmn:startEvent id="Start"><bpmn:extensionElements>
                    <camunda:executionListener expression="${execution.setVariable('decisionDue', now())}" event="end"/>
                  </bpmn:extensionElements></bpmn:startEvent>
                  <bpmn:callActivity id="Call" calledElement="callee"><bpmn:extensionElements>%s</bpmn:extensionElements>
                  </bpmn:callActivity>
                </bpmn:process>""".formatted(mappings);
    }

    private static final String CALLEE = """
            <bpmn:process id="callee" isExecutable="true">
              <bpmn:userTask id="Task" camunda:dueDate="${reviewDue}"><bpmn:extensionElements><camunda:inputOutput>
                <camunda:outputParameter name="reviewOutcome">done</camunda:outputParameter>
              </camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>
            </bpmn:process>""";

    private static final String STRANGER = """
            <bpmn:process id="stranger" isExecutable="true">
              <bpmn:startEvent id="Start"><bpmn:extensionElements>
                <camunda:executionListener expression="${execution.setVariable('strangerDue', now())}" event="end"/>
              </bpmn:extensionElements></bpmn:startEvent>
            </bpmn:process>""";

    @Test
    void aCallerHandsOverByNameOrAll() {
        assertThat(ReferenceRules.variablesVisibleIn("callee", processes(caller(
                "<camunda:in source=\"decisionDue\" target=\"reviewDue\"/>"), CALLEE, STRANGER)))
                .contains("reviewDue", "reviewOutcome").doesNotContain("decisionDue", "strangerDue");
        assertThat(ReferenceRules.variablesVisibleIn("callee", processes(caller("<camunda:in variables=\"all\"/>"), CALLEE, STRANGER)))
                .contains("decisionDue", "reviewOutcome").doesNotContain("strangerDue");
    }

    @Test
    void aCalledProcessHandsBackByNameOrAll() {
        assertThat(ReferenceRules.variablesVisibleIn("caller", processes(caller(
                "<camunda:out source=\"reviewOutcome\" target=\"boardOutcome\"/>"), CALLEE, STRANGER)))
                .contains("decisionDue", "boardOutcome").doesNotContain("reviewOutcome", "strangerDue");
        assertThat(ReferenceRules.variablesVisibleIn("caller", processes(caller("<camunda:out variables=\"all\"/>"), CALLEE, STRANGER)))
                .contains("decisionDue", "reviewOutcome").doesNotContain("strangerDue");
    }
}
