package nl.homepair.complaints.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * A manager's mistake in the Modeler is refused at deployment with every problem in Dutch
 * (issue 14, item 2), and the running version keeps serving new cases.
 */
class BrokenModelTest extends IntegrationTest {

    static final String PROCEDURE = "processes/complaintProcedure.bpmn";

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    TaskService taskService;
    @Autowired
    org.camunda.bpm.engine.HistoryService historyService;
    @Autowired
    nl.homepair.complaints.complaint.ComplaintRepository complaints;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private ProcessDefinition live() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(ComplaintProcess.PROCESS_KEY)
                .latestVersion().singleResult();
    }

    @Test
    void aModelWithSeveralMistakesIsRefusedWithEachOfThemAndTheRunningVersionKeepsServing() {
        ProcessDefinition before = live();
        String broken = ModelerDeploy.repositoryModel(PROCEDURE)
                .replaceFirst("\\$\\{sendMailDelegate}", "\\${sendMailDelegat}")
                .replace("camunda:formRef=\"decideComplaint\"", "camunda:formRef=\"besluitFormulier\"")
                .replace(" camunda:dueDate=\"${mediationDue}\"", "")
                .replace("${complaintLifecycle.status(complaintId, 'AWAITING_DECISION')}", DeploymentModelCheckTest.EXEC);

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn", broken);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        String message = answer.getBody().get("message").asText();
        assertThat(message).contains("Deployment geweigerd", "4 problemen", "1. ", "4. ", "De vorige versie blijft in gebruik")
                .contains("sendMailDelegat", "unknown bean or delegate")
                .contains("UserTask_Decide", "het formulier 'besluitFormulier' bestaat niet")
                .contains("UserTask_Mediate", "vervaldatum")
                .contains("getClass", "expression refused");
        assertThat(live().getId()).isEqualTo(before.getId());

        String reference = submit(TestComplaints.janJansen());
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(ComplaintProcess.PROCESS_KEY).singleResult();
        assertThat(instance.getProcessDefinitionId()).isEqualTo(before.getId());
        assertThat(taskService.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
    }

    /**
     * An end the deploy check cannot judge (after a parallel fork) that would end the procedure with its case open fails
     * the step that gets there, with the reason, and nothing is stored; with the case closed, or the procedure ended from
     * outside, it ends as usual.
     */
    @Test
    void aProcedureThatWouldEndWithItsCaseOpenIsRefusedWhenItGetsThere() {
        String reference = submit(TestComplaints.janJansen().email("open-einde-" + System.nanoTime() + "@example.nl"));
        nl.homepair.complaints.complaint.Complaint open = complaints.findByReference(reference).orElseThrow();
        String closedReference = submit(TestComplaints.janJansen().email("dicht-einde-" + System.nanoTime() + "@example.nl"));
        nl.homepair.complaints.complaint.Complaint closed = complaints.findByReference(closedReference).orElseThrow();
        jdbc.update("update complaint set status = 'CLOSED' where id = ?", closed.getId());
        org.camunda.bpm.model.bpmn.BpmnModelInstance endsAtOnce = org.camunda.bpm.model.bpmn.Bpmn
                .createExecutableProcess(ComplaintProcess.PROCESS_KEY).camundaHistoryTimeToLive(1).startEvent()
                .parallelGateway("Fork").endEvent("EndEvent_One").moveToNode("Fork").endEvent("EndEvent_Other").done();
        String deployment = deployedBeforeTheCheck(repositoryService.createDeployment().name("BrokenModelTest open end")
                .addModelInstance("complaintProcedure.bpmn", endsAtOnce));
        try {
            String definition = repositoryService.createProcessDefinitionQuery().deploymentId(deployment).singleResult().getId();
            long instances = runtimeService.createProcessInstanceQuery().processDefinitionId(definition).count();
            assertThatThrownBy(() -> runtimeService.startProcessInstanceById(definition, "KL-TEST-OPEN",
                    Map.of(ComplaintProcess.VAR_COMPLAINT_ID, open.getId())))
                    .hasMessageContaining("De klachtenprocedure zou hier eindigen zonder dat de zaak is afgesloten");
            assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionId(definition).count())
                    .isEqualTo(instances);

            runtimeService.startProcessInstanceById(definition, "KL-TEST-DICHT",
                    Map.of(ComplaintProcess.VAR_COMPLAINT_ID, closed.getId()));
            assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionId(definition).finished().count())
                    .isOne();
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
    }

    /** A deadline that reads a variable nobody sets fails the step before it in every case: refused, with a hint. */
    @Test
    void aDeadlineThatReadsAVariableNobodySetsIsRefused() {
        String model = ModelerDeploy.repositoryModel("processes/boardEscalation.bpmn");
        String typo = model.replace("camunda:dueDate=\"${revisionDue}\"", "camunda:dueDate=\"${revisonDue}\"")
                .replace("workingDays.reminderBefore(revisionDue, 1), now())", "workingDays.reminderBefore(revisionDue, 1), now)");
        assertThat(typo).contains("revisonDue", "revisionDue, 1), now)");

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "boardEscalation.bpmn", typo);

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText())
                .contains("UserTask_ReviseDecision", "de termijn leest 'revisonDue'")
                .contains("RevisionReminder", "bedoel je now()?")
                .doesNotContain("'revisionDue'", "'objectionDeadline'");

        // a name in quotes is text, not a variable read: the safe getVariable idiom deploys
        ResponseEntity<JsonNode> quoted = ModelerDeploy.deploy(as("manager"), "boardEscalation.bpmn", model.replace(
                "camunda:dueDate=\"${revisionDue}\"", "camunda:dueDate='${workingDays.later(execution.getVariable(\"revisionPromisedAt\"), revisionDue)}'"));
        if (quoted.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(quoted.getBody().get("id").asText(), true);
        }
        assertThat(quoted.getStatusCode().value()).as(String.valueOf(quoted.getBody())).isEqualTo(200);

        // the setter mistyped: the version being replaced set it, the new one no longer does
        ResponseEntity<JsonNode> setter = ModelerDeploy.deploy(as("manager"), "boardEscalation.bpmn",
                model.replace("setVariable('revisionDue'", "setVariable('revsionDue'"));
        if (setter.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(setter.getBody().get("id").asText(), true);
        }
        assertThat(setter.getStatusCode().value()).isEqualTo(400);
        assertThat(setter.getBody().get("message").asText()).contains("UserTask_ReviseDecision", "de termijn leest 'revisionDue'");
    }

    /** A task copied from *Besluit nemen* with its listeners would record the decision again at its own completion. */
    @Test
    void aCopiedStepThatRecordsAnotherStepsOutcomeIsRefused() {
        String model = ModelerDeploy.repositoryModel(PROCEDURE);
        String listener = "<camunda:executionListener expression=\"${execution.canceled ? null : complaintLifecycle.decided(complaintId, verdict, objectionDeadline)}\" event=\"end\" />";
        assertThat(model).contains(listener);
        // the same listener on the mediation task as well, as a copy of the decision task would bring it
        String copied = model.replace("<camunda:executionListener expression=\"${complaintLifecycle.status(complaintId, 'IN_MEDIATION')}\" event=\"start\" />",
                "<camunda:executionListener expression=\"${complaintLifecycle.status(complaintId, 'IN_MEDIATION')}\" event=\"start\" />" + listener);
        assertThat(copied).isNotEqualTo(model);

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn", copied);

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("UserTask_Mediate", "complaintLifecycle.decided",
                "hoort alleen daar");

        // the guide's way: only the listener the refusal named taken away, the decision's other two stay on the copy
        String others = "<camunda:executionListener expression=\"${complaintLifecycle.status(complaintId, 'AWAITING_DECISION')}\""
                + " event=\"start\" /><camunda:executionListener expression=\"${execution.canceled ? null :"
                + " execution.setVariable('objectionDeadline', workingDays.monthsAfter(now(), 6))}\" event=\"end\" />";
        ResponseEntity<JsonNode> rest = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn", model.replace(
                "<camunda:executionListener expression=\"${complaintLifecycle.status(complaintId, 'IN_MEDIATION')}\" event=\"start\" />",
                others));
        if (rest.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(rest.getBody().get("id").asText(), true);
        }
        assertThat(rest.getStatusCode().value()).isEqualTo(400);
        assertThat(rest.getBody().get("message").asText()).contains("UserTask_Mediate", "hoort bij UserTask_Decide",
                "'AWAITING_DECISION'", "'objectionDeadline'");
    }

    /** Six months is the law's floor for an objection (DSA art. 20); a manager may give more, not less, in each model. */
    @ParameterizedTest
    @CsvSource({"processes/complaintProcedure.bpmn, 3, 400", "processes/boardEscalation.bpmn, 0, 400",
            "processes/measureReview.bpmn, 5, 400", "processes/complaintProcedure.bpmn, 12, 200"})
    void theObjectionWindowIsNeverShorterThanTheLawsSixMonths(String path, int months, int status) {
        String model = ModelerDeploy.repositoryModel(path);
        String changed = model.replace("workingDays.monthsAfter(now(), 6)", "workingDays.monthsAfter(now(), " + months + ")");
        assertThat(changed).isNotEqualTo(model);

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), path.substring(path.indexOf('/') + 1), changed);

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(status);
        if (status == 400) {
            assertThat(answer.getBody().get("message").asText()).contains("de bezwaartermijn is ten minste 6 maanden");
        }
    }

    @Test
    void aRoutingTableThatNamesAnUnknownGroupIsRefused() {
        String table = ModelerDeploy.repositoryModel("processes/routing.dmn")
                .replaceFirst("<text>\"handlers\"</text>", "<text>\"gedragsteam\"</text>");

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "routing.dmn", table);

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("Rule_Conduct", "de groep 'gedragsteam' bestaat niet");
    }

    /**
     * The Modeler's DMN editor lets a manager describe a cell ("Team gedrag", "voorrang"): the description is part of the
     * cell's XML, not of its value, and a table with described cells is taken and routes as before.
     */
    @Test
    void aRoutingTableWithDescribedCellsIsTaken() {
        String table = ModelerDeploy.repositoryModel("processes/routing.dmn")
                .replace("<outputEntry id=\"LiteralExpression_ConductGroup\"><text>",
                        "<outputEntry id=\"LiteralExpression_ConductGroup\"><description>Het team voor gedrag</description><text>")
                .replace("<outputEntry id=\"LiteralExpression_ConductPriority\"><text>",
                        "<outputEntry id=\"LiteralExpression_ConductPriority\"><description>Voorrang</description><text>")
                .replace("<inputEntry id=\"UnaryTests_ConductRole\"><text>",
                        "<inputEntry id=\"UnaryTests_ConductRole\"><description>Elke rol</description><text>");
        assertThat(table).contains("<description>Het team voor gedrag</description>", "<description>Elke rol</description>");

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "routing.dmn", table);
        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
    }

    /**
     * A manager moves the revision's deadline from the flow into the task ("Execution listeners" of the step): its timers
     * exist before that listener runs, so every upheld objection would fail at the board's completion. Refused, with
     * where the deadline belongs.
     */
    @Test
    void aTimerThatReadsWhatItsOwnStepSetsAtItsStartIsRefused() {
        String model = ModelerDeploy.repositoryModel("processes/boardEscalation.bpmn");
        String onTheFlow = "<camunda:executionListener expression=\"${execution.setVariable('revisionDue',"
                + " workingDays.deadline(now(), 5))}\" event=\"take\" />";
        String taskListeners = "<camunda:executionListener expression=\"${decisionMeasures.rememberBefore(execution)}\" event=\"start\" />";
        assertThat(model).contains(onTheFlow, taskListeners);
        String moved = model.replace(onTheFlow, "").replace(taskListeners, taskListeners
                + "<camunda:executionListener expression=\"${execution.setVariable('revisionDue', workingDays.deadline(now(), 7))}\""
                + " event=\"start\" />");

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "boardEscalation.bpmn", moved);
        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("de timer leest 'revisionDue'",
                "startlistener van de stap zelf (UserTask_ReviseDecision)", "Zet de termijn op de inkomende pijl");

        // the same read as execution.getVariable('revisionDue'), as some of the procedure's own timers read theirs
        String byGetVariable = moved.replace("reminderBefore(revisionDue, 1)", "reminderBefore(execution.getVariable('revisionDue'), 1)")
                .replace("afterDeadline(revisionDue)", "afterDeadline(execution.getVariable('revisionDue'))");
        assertThat(byGetVariable).doesNotContain("(revisionDue");
        ResponseEntity<JsonNode> read = ModelerDeploy.deploy(as("manager"), "boardEscalation.bpmn", byGetVariable);
        if (read.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(read.getBody().get("id").asText(), true);
        }
        assertThat(read.getStatusCode().value()).isEqualTo(400);
        assertThat(read.getBody().get("message").asText()).contains("BoundaryEvent_RevisionReminder: de timer leest 'revisionDue'");
    }

    /**
     * The other party's invitation pointed at another text: the application recognises the invitation by its text's name,
     * so the other party would never hear of a withdrawal. Refused, with where the wording is changed instead.
     */
    @Test
    void aMailStepThatNoLongerSendsATextTheApplicationRecognisesIsRefused() {
        String model = ModelerDeploy.repositoryModel("processes/complaintProcedure.bpmn");
        String invitation = "<camunda:inputParameter name=\"mailTemplate\">bemiddeling-andere-partij</camunda:inputParameter>";
        assertThat(model).contains(invitation);

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn", model.replace(invitation,
                "<camunda:inputParameter name=\"mailTemplate\">bemiddeling-akkoord-andere-partij</camunda:inputParameter>"));
        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("'bemiddeling-andere-partij'",
                "pas dan bemiddeling-andere-partij.html en .txt zelf aan");
    }

    /** A subject the platform never sends: a rule on it would match no complaint, its complaints would take the last rule. */
    @Test
    void aRoutingRuleOnAValueTheApplicationNeverGivesIsRefused() {
        String table = ModelerDeploy.repositoryModel("processes/routing.dmn")
                .replace("\"SUPPORT\",\"JOB_HANDLING\",\"CONDUCT\"", "\"SUPPORT\",\"JOB_HANDLING\",\"CONDUCT\",\"PAYMENT\"");
        assertThat(table).contains("\"PAYMENT\"");

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "routing.dmn", table);

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("\"PAYMENT\"", "geeft de applicatie nooit");
    }

    /** With "the first rule that matches counts", a rule below one that covers it is dead: conduct would not move. */
    @Test
    void aRoutingRuleThatAnEarlierRuleCoversIsRefused() {
        String model = ModelerDeploy.repositoryModel("processes/routing.dmn");
        String teamLeads = """
                      <rule id="Rule_ConductToTeamLeads">
                        <inputEntry id="UnaryTests_T1"><text>"CLIENT","PROFESSIONAL"</text></inputEntry>
                        <inputEntry id="UnaryTests_T2"><text>"CONDUCT"</text></inputEntry>
                        <inputEntry id="UnaryTests_T3"><text>-</text></inputEntry>
                        <outputEntry id="LiteralExpression_T1"><text>"teamleads"</text></outputEntry>
                        <outputEntry id="LiteralExpression_T2"><text>80</text></outputEntry>
                        <outputEntry id="LiteralExpression_T3"><text>5</text></outputEntry>
                        <outputEntry id="LiteralExpression_T4"><text>10</text></outputEntry>
                        <outputEntry id="LiteralExpression_T5"><text>10</text></outputEntry>
                      </rule>
                      <rule id="Rule_Default">""";
        String below = model.replace("<rule id=\"Rule_Default\">", teamLeads);
        assertThat(below).contains("Rule_ConductToTeamLeads");

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "routing.dmn", below);

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("regel Rule_ConductToTeamLeads wordt nooit gebruikt",
                "regel Rule_Conduct erboven");

        // above the general conduct rule it is an exception, and deploys
        String above = model.replace("<rule id=\"Rule_Default\">", "<rule id=\"Rule_Default\">")
                .replace("<rule id=\"Rule_Conduct\">", teamLeads.replace("<rule id=\"Rule_Default\">", "<rule id=\"Rule_Conduct\">"));
        ResponseEntity<JsonNode> exception = ModelerDeploy.deploy(as("manager"), "routing.dmn", above);
        if (exception.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(exception.getBody().get("id").asText(), true);
        }
        assertThat(exception.getStatusCode().value()).as(String.valueOf(exception.getBody())).isEqualTo(200);
    }

    /** A column on something a complaint does not have when it is routed never matches: its rules would be dead. */
    @Test
    void aRoutingColumnOnAValueTheApplicationDoesNotGiveIsRefused() {
        String table = ModelerDeploy.repositoryModel("processes/routing.dmn")
                .replace("<text>channel</text>", "<text>spoed</text>");
        assertThat(table).contains("<text>spoed</text>");

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "routing.dmn", table);

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("leest 'spoed'", "channel, role, subject");
    }

    /** A shorter first assessment is the manager's to choose; a longer one breaks the procedure's promise (R6). */
    @Test
    void aRoutingRuleMayShortenTheFirstAssessmentButNotLengthenItPastTheProceduresFiveDays() {
        String table = ModelerDeploy.repositoryModel("processes/routing.dmn");
        String conduct = "<outputEntry id=\"LiteralExpression_ConductAssessment\"><text>5</text>";
        assertThat(table).contains(conduct);

        ResponseEntity<JsonNode> longer = ModelerDeploy.deploy(as("manager"), "routing.dmn",
                table.replace(conduct, conduct.replace(">5<", ">7<")));
        if (longer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(longer.getBody().get("id").asText(), true);
        }
        assertThat(longer.getStatusCode().value()).isEqualTo(400);
        assertThat(longer.getBody().get("message").asText()).contains("Rule_Conduct", "'assessmentDays' 7", "binnen 5 werkdagen");

        ResponseEntity<JsonNode> shorter = ModelerDeploy.deploy(as("manager"), "routing.dmn",
                table.replace(conduct, conduct.replace(">5<", ">3<")));
        assertThat(shorter.getStatusCode().value()).as(String.valueOf(shorter.getBody())).isEqualTo(200);
        repositoryService.deleteDeployment(shorter.getBody().get("id").asText(), true);
    }

    @Test
    void aRoutingTableWhoseDecisionIdWasChangedIsRefused() {
        String table = ModelerDeploy.repositoryModel("processes/routing.dmn").replace("id=\"routing\"", "id=\"routering\"");

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "routing.dmn", table);

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("routeert elke zaak met de beslistabel met id 'routing'",
                "(routering)");
    }

    /** Managers may not read cases; the board sees a case only once an objection is made, and decides on that. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            managers | de groep 'managers' mag de inhoud van zaken niet zien
            directors | de directie (directors) ziet alleen zaken waartegen bezwaar is gemaakt
            """)
    void aRoutingTableThatHandsCasesToAGroupThatMayNotSeeThemIsRefused(String group, String expected) {
        String table = ModelerDeploy.repositoryModel("processes/routing.dmn")
                .replaceFirst("<text>\"handlers\"</text>", "<text>\"" + group + "\"</text>");

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "routing.dmn", table);

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains(expected);
    }

    /**
     * A routing table deployed on its own still gives every complaint a group and its deadlines:
     * a missing value would be a deadline of 0 days, no matching rule an incident at every start.
     */
    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
            <outputEntry id="LiteralExpression_ConductMediation"><text>10</text> | <outputEntry id="LiteralExpression_ConductMediation"><text></text> | geeft geen waarde voor 'mediationDays'
            name="assessmentDays" | name="beoordelingsdagen" | mist de uitkomst 'assessmentDays'
            name="handlerGroup" | name="behandelgroep" | mist de uitkomst 'handlerGroup'
            hitPolicy="FIRST" | hitPolicy="UNIQUE" | hit policy FIRST
            <inputEntry id="UnaryTests_DefaultRole"><text>-</text> | <inputEntry id="UnaryTests_DefaultRole"><text>"CLIENT"</text> | een regel zonder voorwaarden
            <text>"handlers"</text></outputEntry> | <text>handlers</text></outputEntry> | LiteralExpression_ConductGroup: in regel Rule_Conduct is 'handlers' bij 'Behandelende groep' geen tekst
            <text>"CONDUCT"</text> | <text>CONDUCT</text> | UnaryTests_ConductSubject: in regel Rule_Conduct is 'CONDUCT' bij 'Onderwerp' geen tekst
            <text>"CONDUCT"</text> | <text>"CONDUKT"</text> | is "CONDUKT" bij 'Onderwerp' geen van de waarden "SUPPORT", "JOB_HANDLING", "CONDUCT"
            <outputEntry id="LiteralExpression_ConductAssessment"><text>5</text> | <outputEntry id="LiteralExpression_ConductAssessment"><text>vijf</text> | is 'vijf' bij 'Eerste beoordeling (werkdagen na ontvangst)' geen geheel getal
            <outputEntry id="LiteralExpression_ConductAssessment"><text>5</text> | <outputEntry id="LiteralExpression_ConductAssessment"><text>0</text> | is 0 werkdagen bij 'Eerste beoordeling (werkdagen na ontvangst)' te weinig
            """)
    void aRoutingTableThatLeavesAComplaintWithoutRouteIsRefused(String original, String changed, String expected) {
        String table = ModelerDeploy.repositoryModel("processes/routing.dmn");
        assertThat(table).contains(original);

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "routing.dmn", table.replace(original, changed));

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains(expected);
    }

    /** The revised decision is found by its id in a case's history: renamed, an affected user's objection reads the wrong one. */
    @Test
    void aBoardModelWhoseRevisionStepLostItsIdIsRefused() {
        String model = ModelerDeploy.repositoryModel("processes/boardEscalation.bpmn");
        assertThat(model).contains("\"UserTask_ReviseDecision\"");

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "boardEscalation.bpmn",
                model.replace("UserTask_ReviseDecision", "Activity_0x1herzien"));

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).contains("'UserTask_ReviseDecision'",
                "user task the application reads removed or renamed");
    }

    /** A form deployed on its own applies to every open task at once: its choices must stay the procedure's codes. */
    @Test
    void aFormWhoseChoiceIsNoLongerAnOutcomeCodeIsRefusedAndOneWithANewLabelIsTaken() {
        String form = ModelerDeploy.repositoryModel("forms/assess-complaint.form");
        assertThat(form).contains("\"value\": \"MEDIATION\"");

        ResponseEntity<JsonNode> renamed = ModelerDeploy.deploy(as("manager"), "assess-complaint.form",
                form.replace("\"value\": \"MEDIATION\"", "\"value\": \"BEMIDDELING\""));
        if (renamed.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(renamed.getBody().get("id").asText(), true);
        }
        assertThat(renamed.getStatusCode().value()).isEqualTo(400);
        assertThat(renamed.getBody().get("message").asText()).contains("BEMIDDELING", "unknown outcome code in a form");

        ResponseEntity<JsonNode> relabelled = ModelerDeploy.deploy(as("manager"), "assess-complaint.form",
                form.replace("Bemiddelen via de HomePair-chat", "Bemiddelen in de chat"));
        assertThat(relabelled.getStatusCode().value()).isEqualTo(200);
        repositoryService.deleteDeployment(relabelled.getBody().get("id").asText(), true);
    }

    /**
     * A set-aside mail's choice renamed in its form (INFORMATION as ANTWOORD) would have ended every open *E-mail handmatig
     * verwerken* task with nothing done: the answer not given to its case, the objection not registered.
     */
    @Test
    void aSetAsideMailsChoiceRenamedIsRefused() {
        String form = ModelerDeploy.repositoryModel("forms/handle-mail-manually.form");
        assertThat(form).contains("\"value\": \"INFORMATION\"");
        ResponseEntity<JsonNode> renamed = ModelerDeploy.deploy(as("manager"), "handle-mail-manually.form",
                form.replace("\"value\": \"INFORMATION\"", "\"value\": \"ANTWOORD\""));
        if (renamed.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(renamed.getBody().get("id").asText(), true);
        }
        assertThat(renamed.getStatusCode().value()).isEqualTo(400);
        assertThat(renamed.getBody().get("message").asText()).contains("ANTWOORD", "manualMailResult");
        // what the application acts on is among the codes the check knows
        assertThat(nl.homepair.complaints.complaint.ComplaintProcess.MANUAL_MAIL_CHOICES).contains(
                nl.homepair.complaints.mailbox.SetAsideAnswers.INFORMATION, nl.homepair.complaints.mailbox.SetAsideAnswers.ATTACHED,
                nl.homepair.complaints.mailbox.SetAsideAnswers.OBJECTION,
                nl.homepair.complaints.mailbox.SetAsideAnswers.MEASURE_OBJECTION);
    }

    /**
     * The triage form records the complaint's role and subject as the application's codes: a subject renamed in the form
     * (CONDUCT as GEDRAG) reached every open triage task and failed each completion with an English error.
     */
    @Test
    void aFormWhoseRoleOrSubjectIsNoLongerTheApplicationsCodeIsRefused() {
        String form = ModelerDeploy.repositoryModel("forms/triage-complaint.form");
        assertThat(form).contains("\"value\": \"CONDUCT\"");

        ResponseEntity<JsonNode> renamed = ModelerDeploy.deploy(as("manager"), "triage-complaint.form",
                form.replace("\"value\": \"CONDUCT\"", "\"value\": \"GEDRAG\""));
        if (renamed.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(renamed.getBody().get("id").asText(), true);
        }
        assertThat(renamed.getStatusCode().value()).isEqualTo(400);
        assertThat(renamed.getBody().get("message").asText()).contains("veld subject", "GEDRAG", "CONDUCT");
    }

    /**
     * The Modeler's "Save as" keeps a form's id: a copy under a new file name would become the decision's form in every
     * open task; an id changed in the form's own file would deploy a form no step opens.
     */
    @Test
    void aFormKeepsItsIdAndFileTogether() {
        String form = ModelerDeploy.repositoryModel("forms/decide-complaint.form")
                .replaceFirst("\"components\": \\[", "\"components\": [{\"type\": \"text\", \"text\": \"Juridische toets\", \"id\": \"Text_legalCheck\"},");

        ResponseEntity<JsonNode> copy = ModelerDeploy.deploy(as("manager"), "juridische-toets.form", form);
        ResponseEntity<JsonNode> otherId = ModelerDeploy.deploy(as("manager"), "decide-complaint.form",
                form.replace("\"id\": \"decideComplaint\"", "\"id\": \"decideComplaintNieuw\""));

        for (ResponseEntity<JsonNode> answer : List.of(copy, otherId)) {
            if (answer.getStatusCode().is2xxSuccessful()) {
                repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
            }
            assertThat(answer.getStatusCode().value()).isEqualTo(400);
        }
        assertThat(copy.getBody().get("message").asText()).contains("het id 'decideComplaint' van decide-complaint.form",
                "Geef een nieuw formulier een eigen id");
        assertThat(otherId.getBody().get("message").asText()).contains("dit is het formulier 'decideComplaint'",
                "Houd het id (ID) decideComplaint");
        ResponseEntity<JsonNode> own = ModelerDeploy.deploy(as("manager"), "decide-complaint.form", form);
        assertThat(own.getStatusCode().value()).as(String.valueOf(own.getBody())).isEqualTo(200);
        repositoryService.deleteDeployment(own.getBody().get("id").asText(), true);

        // a new id together with the model that opens it: what the refusal asks for
        ResponseEntity<JsonNode> withItsModel = ModelerDeploy.deploy(as("manager"), Map.of(
                "decide-complaint.form", form.replace("\"id\": \"decideComplaint\"", "\"id\": \"decideComplaintNieuw\""),
                "complaintProcedure.bpmn", ModelerDeploy.repositoryModel(PROCEDURE)
                        .replace("camunda:formRef=\"decideComplaint\"", "camunda:formRef=\"decideComplaintNieuw\"")));
        assertThat(withItsModel.getStatusCode().value()).as(String.valueOf(withItsModel.getBody())).isEqualTo(200);
        repositoryService.deleteDeployment(withItsModel.getBody().get("id").asText(), true);

        // a Save-as copy of a manager's own form: that form's file is the one it was deployed in
        String own2 = form.replace("\"id\": \"decideComplaint\"", "\"id\": \"juridischeToets\"");
        // (it records a verdict, as the decision's form does: deployed on purpose)
        ResponseEntity<JsonNode> first = ModelerDeploy.deploy(as("manager"), Map.of("juridische-toets.form", own2),
                "Camunda Modeler", "juridische toets, bewust");
        assertThat(first.getStatusCode().value()).as(String.valueOf(first.getBody())).isEqualTo(200);
        try {
            ResponseEntity<JsonNode> copyOfOwn = ModelerDeploy.deploy(as("manager"), "juridische-toets-kopie.form", own2);
            if (copyOfOwn.getStatusCode().is2xxSuccessful()) {
                repositoryService.deleteDeployment(copyOfOwn.getBody().get("id").asText(), true);
            }
            assertThat(copyOfOwn.getStatusCode().value()).isEqualTo(400);
            assertThat(copyOfOwn.getBody().get("message").asText()).contains("het id 'juridischeToets' van juridische-toets.form");
        } finally {
            repositoryService.deleteDeployment(first.getBody().get("id").asText(), true);
        }
    }

    /**
     * A form deployed alone applies to every open task at once: a field the procedure reads may not disappear or be
     * renamed (deleted and added again, the Form editor gives it a generated key); a new field may be added.
     */
    @Test
    void aFormThatLosesAFieldTheProcedureReadsIsRefusedAndOneWithANewFieldIsTaken() {
        String form = ModelerDeploy.repositoryModel("forms/decide-complaint.form");
        assertThat(form).contains("\"key\": \"measureSuspension\"");

        ResponseEntity<JsonNode> renamed = ModelerDeploy.deploy(as("manager"), "decide-complaint.form",
                form.replace("\"key\": \"measureSuspension\"", "\"key\": \"checkbox_0x1\""));
        if (renamed.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(renamed.getBody().get("id").asText(), true);
        }
        assertThat(renamed.getStatusCode().value()).isEqualTo(400);
        assertThat(renamed.getBody().get("message").asText())
                .contains("veld measureSuspension", "field of the deployed form removed or renamed");
        // the source of the application's own release, named by a person, is no release
        ResponseEntity<JsonNode> asRelease = ModelerDeploy.deploy(as("manager"), java.util.Map.of("decide-complaint.form",
                form.replace("\"key\": \"measureSuspension\"", "\"key\": \"checkbox_0x1\"")),
                nl.homepair.complaints.engine.ModelDeployer.DEPLOYMENT_NAME);
        if (asRelease.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(asRelease.getBody().get("id").asText(), true);
        }
        assertThat(asRelease.getStatusCode().value()).isEqualTo(400);

        ResponseEntity<JsonNode> added = ModelerDeploy.deploy(as("manager"), "decide-complaint.form",
                form.replaceFirst("\"components\": \\[", "\"components\": [{\"type\": \"textfield\", \"key\": \"internalNote\","
                        + " \"label\": \"Intern kenmerk\", \"id\": \"Field_internalNote\"},"));
        assertThat(added.getStatusCode().value()).as(String.valueOf(added.getBody())).isEqualTo(200);
        try {
            // rolled back: the manager's own field goes only on purpose, the release's never
            ResponseEntity<JsonNode> back = ModelerDeploy.deploy(as("manager"), "decide-complaint.form", form);
            assertThat(back.getStatusCode().value()).isEqualTo(400);
            assertThat(back.getBody().get("message").asText()).contains("veld internalNote", "zet dan 'bewust' in de naam");
            ResponseEntity<JsonNode> releaseFieldOnPurpose = ModelerDeploy.deploy(as("manager"), Map.of("decide-complaint.form",
                    form.replace("\"key\": \"measureSuspension\"", "\"key\": \"checkbox_0x1\"")), "Camunda Modeler",
                    "terugdraaien, bewust");
            if (releaseFieldOnPurpose.getStatusCode().is2xxSuccessful()) {
                repositoryService.deleteDeployment(releaseFieldOnPurpose.getBody().get("id").asText(), true);
            }
            assertThat(releaseFieldOnPurpose.getStatusCode().value()).isEqualTo(400);
            assertThat(releaseFieldOnPurpose.getBody().get("message").asText()).contains("veld measureSuspension")
                    .doesNotContain("zet dan 'bewust'");
            ResponseEntity<JsonNode> onPurpose = ModelerDeploy.deploy(as("manager"), Map.of("decide-complaint.form", form),
                    "Camunda Modeler", "terugdraaien, bewust");
            assertThat(onPurpose.getStatusCode().value()).as(String.valueOf(onPurpose.getBody())).isEqualTo(200);
            repositoryService.deleteDeployment(onPurpose.getBody().get("id").asText(), true);
        } finally {
            repositoryService.deleteDeployment(added.getBody().get("id").asText(), true);
        }
    }

    /**
     * A field whose answer is a list or an object (Tasklist sends it as a JSON variable, which this engine cannot
     * store) would make every open task with the form refuse to complete; it is refused at deploy, named.
     */
    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type": "checklist", "key": "discussedMeasures", "label": "Besproken", "id": "Field_x", "values": [{"label": "A", "value": "A"}]} | veld discussedMeasures: een veld van het type 'checklist' legt een lijst vast | a list field
            {"type": "taglist", "key": "tags", "label": "Labels", "id": "Field_x", "values": [{"label": "A", "value": "A"}]} | veld tags: een veld van het type 'taglist' | a tag list
            {"type": "group", "path": "extra", "id": "Group_x", "components": [{"type": "textfield", "key": "note", "label": "Notitie", "id": "Field_y"}]} | veld extra: een groep met een pad | a group with a path
            {"type": "textfield", "key": "extra.note", "label": "Notitie", "id": "Field_x"} | veld extra.note: een sleutel (Key) met een punt | a dotted key
            {"type": "textfield", "key": "affectedUserEmail", "label": "E-mail", "id": "Field_x", "defaultValue": "x@elders.example"} | veld affectedUserEmail: een e-mailadres waar mails over de zaak heen gaan | recipient address prefilled or computed
            {"type": "expression", "key": "affectedUserEmail", "id": "Field_x", "expression": "=\\"x@elders.example\\""} | veld affectedUserEmail: een e-mailadres waar mails over de zaak heen gaan | recipient address prefilled or computed
            {"type": "radio", "key": "verdict", "label": "Oordeel", "id": "Field_x", "values": [{"label": "Gegrond", "value": "WELL_FOUNDED"}]} | veld verdict: 'verdict' is de uitkomst van een stap die de procedure leest | outcome of a step the application reads recorded by another form
            """)
    void aFieldThatSubmitsAListOrAnObjectIsRefused(String component, String expected, String what) {
        String form = ModelerDeploy.repositoryModel("forms/assess-complaint.form");
        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "assess-complaint.form",
                form.replaceFirst("\"components\": \\[", java.util.regex.Matcher.quoteReplacement("\"components\": [" + component + ",")));
        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true);
        }
        assertThat(answer.getStatusCode().value()).as(what).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).as(what).contains(expected);
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
            camunda:delegateExpression="${sendMailDelegate}" | camunda:delegateExpression="${archiveDelegate}" | archiveDelegate | unknown bean or delegate
            workingDays.deadline(receivedAt, 2) | workingDays.deadlin(receivedAt, 2) | workingDays kent geen deadlin() | unknown method
            workingDays.deadline(receivedAt, 2) | workingDays.deadline(receivedAt, 3) | de termijn acknowledgementDue is ten hoogste 2 werkdagen | term longer than the procedure allows
            <camunda:executionListener expression="${execution.setVariable('acknowledgementDue', workingDays.deadline(receivedAt, 2))}" event="end" /> | <camunda:inputOutput><camunda:outputParameter name="acknowledgementDue">${workingDays.deadline(receivedAt, 5)}</camunda:outputParameter></camunda:inputOutput> | de termijn acknowledgementDue is ten hoogste 2 werkdagen | term longer than the procedure allows
            <camunda:executionListener expression="${execution.setVariable('acknowledgementDue', workingDays.deadline(receivedAt, 2))}" event="end" /> | <camunda:executionListener expression="${execution.setVariable('acknowledgementDue', workingDays.plusWorkingDays(receivedAt, 5))}" event="end" /> | is een berekening die deze controle niet kan lezen | term the check cannot read
            workingDays.deadline(receivedAt, 2) | workingDays.later(workingDays.deadline(receivedAt, 10), workingDays.deadline(now(), 2)) | is een berekening die deze controle niet kan lezen | term the check cannot read
            setVariable('informationDue', workingDays.deadline(now(), 10)) | setVariable('informationDue', workingDays.deadline(now(), 3)) | BoundaryEvent_InformationReminder: de herinnering valt 3 werkdagen voor informationDue, een termijn van 3 werkdagen | reminder before its term begins
            camunda:formRef="decideComplaint" | camunda:formRef="decideComplaintNieuw" | decideComplaintNieuw | missing form
            camunda:candidateGroups="teamleads" | camunda:candidateGroups="teamleiders" | de kandidaatgroep 'teamleiders' bestaat niet | unknown candidate group
            camunda:candidateGroups="teamleads" | camunda:candidateGroups="directors" | de directie (directors) ziet alleen zaken waartegen bezwaar is gemaakt | directors outside an objection
            "${complaintLifecycle.close(complaintId, 'DECIDED')}" | "${complaintLifecycle.close(complaintId, 'AFGEHANDELD')}" | de uitkomst 'AFGEHANDELD' bestaat niet | unknown case outcome
            <camunda:executionListener expression="${complaintLifecycle.close(complaintId, 'DECIDED')}" event="start" /> | | EndEvent_ClosedAfterDecision: hier eindigt de klachtenprocedure, maar de zaak wordt niet afgesloten | end of the procedure without an outcome
            <bpmn:incoming>Flow_ToTriageReminded</bpmn:incoming> | <bpmn:incoming>Flow_ToTriageReminded</bpmn:incoming><bpmn:terminateEventDefinition id="TerminateEventDefinition_TriageReminded" /> | EndEvent_TriageReminded: hier eindigt de klachtenprocedure | end of the procedure without an outcome
            <camunda:executionListener expression="${complaintLifecycle.close(complaintId, 'WITHDRAWN')}" event="start" /> | | EndEvent_Withdrawn: hier eindigt de klachtenprocedure | end of the procedure without an outcome
            "${complaintLifecycle.status(complaintId, 'IN_MEDIATION')}" | "${complaintLifecycle.status(complaintId, 'BEMIDDELING')}" | de status 'BEMIDDELING' bestaat niet | unknown case status
            <camunda:inputParameter name="deadlineAlert">ESCALATION</camunda:inputParameter> | <camunda:inputParameter name="deadlineAlert">ESCALATIE</camunda:inputParameter> | de soort melding 'ESCALATIE' bestaat niet | unknown deadline alert
            camunda:candidateGroups="${handlerGroup}" camunda:priority="${priority}" camunda:dueDate="${assessmentDue}" | camunda:candidateGroups="${handlergroup}" camunda:priority="${priority}" camunda:dueDate="${assessmentDue}" | de kandidaatgroep leest 'handlergroup' | candidate group reads an unknown variable
            camunda:candidateGroups="${handlerGroup}" camunda:priority="${priority}" camunda:dueDate="${assessmentDue}" | camunda:candidateGroups="${handlerGroup}" camunda:priority="${prioriteit}" camunda:dueDate="${assessmentDue}" | de prioriteit leest 'prioriteit' | priority reads an unknown variable
            camunda:candidateGroups="teamleads" | camunda:candidateGroups="managers" | de kandidaatgroep 'managers' mag de inhoud van zaken niet zien | candidate group that may not see cases
            camunda:candidateGroups="teamleads" | camunda:candidateGroups="${'managers'}" | de kandidaatgroep 'managers' mag de inhoud van zaken niet zien | candidate group that may not see cases
            camunda:candidateGroups="teamleads" | camunda:candidateGroups="${true ? 'managers' : 'teamleads'}" | is een berekening die deze controle niet kan lezen | candidate group the check cannot read
            camunda:candidateGroups="teamleads" | camunda:candidateGroups="teamleads,managers${''}" | de kandidaatgroep 'managers${''}' is een berekening | candidate group the check cannot read
            <bpmn:outgoing>Flow_ToTeamLeadAlerted</bpmn:outgoing> | <bpmn:outgoing>Flow_ToTeamLeadAlerted</bpmn:outgoing><bpmn:potentialOwner><bpmn:resourceAssignmentExpression><bpmn:formalExpression>group(managers)</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner> | niet via bpmn:potentialOwner | user task with a human performer or potential owner
            camunda:candidateGroups="teamleads" | camunda:candidateGroups="teamleads" camunda:assignee="manager" | niet naar een vaste persoon | user task with a fixed assignee
            camunda:candidateGroups="teamleads" | camunda:candidateGroups="teamleads" camunda:candidateUsers="manager" | niet naar een vaste persoon | user task with a fixed candidateUsers
            ${workingDays.officeMomentFrom(workingDays.afterDeadline(decisionDue), now())} | P10D | BoundaryEvent_DecisionOverdue: de timer 'P10D' telt kalenderdagen | timer not through workingDays
            <bpmn:timerEventDefinition id="TimerEventDefinition_DecisionOverdue"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${workingDays.officeMomentFrom(workingDays.afterDeadline(decisionDue), now())}</bpmn:timeDate> | <bpmn:timerEventDefinition id="TimerEventDefinition_DecisionOverdue"><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${workingDays.officeMomentFrom(workingDays.afterDeadline(decisionDue), now())}</bpmn:timeCycle> | BoundaryEvent_DecisionOverdue: de timer is een herhaling (type Cycle | timer cycle not supported
            <bpmn:timerEventDefinition id="TimerEventDefinition_DecisionOverdue"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${workingDays.officeMomentFrom(workingDays.afterDeadline(decisionDue), now())}</bpmn:timeDate> | <bpmn:timerEventDefinition id="TimerEventDefinition_DecisionOverdue"><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/P2D</bpmn:timeCycle> | kies bij Timer het type Date | timer cycle not supported
            <camunda:inputParameter name="mailTemplate">besluit</camunda:inputParameter> | <camunda:inputParameter name="mailTemplate">besluiten</camunda:inputParameter> | de mailtekst 'besluiten' bestaat niet | unknown mail template
            <camunda:inputParameter name="mailTemplate">vervolgstappen</camunda:inputParameter> | <camunda:inputParameter name="mailTemplate">besluit</camunda:inputParameter> | verstuurt meer de mailtekst 'vervolgstappen' (de vervolgstappen na de eerste beoordeling | mail text the application recognises no longer sent
            <camunda:inputParameter name="mailTemplate">niet-ontvankelijk</camunda:inputParameter> | <camunda:inputParameter name="mailTemplate">besluit</camunda:inputParameter> | verstuurt meer de mailtekst 'niet-ontvankelijk' | mail text the application recognises no longer sent
            <camunda:inputParameter name="mailTemplate">ontvangstbevestiging</camunda:inputParameter> | <camunda:inputParameter name="mailTemplate">besluit</camunda:inputParameter> | verstuurt meer de mailtekst 'ontvangstbevestiging' (de ontvangstbevestiging) | mail text the application recognises no longer sent
            <camunda:inputParameter name="mailRecipient">OTHER_PARTY</camunda:inputParameter> | <camunda:inputParameter name="mailRecipient">ANDERE_PARTIJ</camunda:inputParameter> | de ontvanger 'ANDERE_PARTIJ' bestaat niet | unknown mail recipient
            <camunda:inputParameter name="alsoMailTemplate">bemiddeling-vertraagd-andere-partij</camunda:inputParameter> | <camunda:inputParameter name="alsoMailTemplate">bemiddeling-later-andere-partij</camunda:inputParameter> | de mailtekst 'bemiddeling-later-andere-partij' bestaat niet | unknown mail template
            <camunda:inputParameter name="alsoMailRecipient">OTHER_PARTY</camunda:inputParameter> | <camunda:inputParameter name="alsoMailRecipient">VAKMAN</camunda:inputParameter> | de ontvanger 'VAKMAN' bestaat niet | unknown mail recipient
            cancelActivity="false" attachedToRef="UserTask_Decide" | attachedToRef="UserTask_Decide" | BoundaryEvent_DecisionReminder: een timer op een gebruikerstaak mag de taak niet afbreken | interrupting timer on a user task
            name="Nog een e-mail" attachedToRef="UserTask_TriageComplaint" | name="Nog een e-mail" cancelActivity="false" attachedToRef="UserTask_TriageComplaint" | BoundaryEvent_FurtherMailWhileTriaging: dit bericht begint de taak opnieuw en moet de taak afbreken | non-interrupting restart of a task
            camunda:dueDate="${decisionDue}" | camunda:dueDate="P5D" | UserTask_Decide: de vervaldatum 'P5D' telt kalenderdagen | due date not through workingDays
            <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${assessmentOutcome == 'MEDIATION'}</bpmn:conditionExpression> | | Flow_Mediation heeft geen voorwaarde | gateway without complete conditions
            ${mediationOutcome == 'NOT_RESOLVED'} | ${mediationOutcome == 'NIET_OPGELOST'} | er is geen uitgang voor NOT_RESOLVED | coded outcome without a way out
            camunda:historyTimeToLive="730" | | bewaartermijn | missing history time to live
            calledElement="boardEscalation" | calledElement="directieBezwaar" | 'directieBezwaar' bestaat niet | unknown called process
            camunda:decisionRefBinding="latest" | camunda:decisionRefBinding="deployment" | gebruik 'latest' | binding other than latest
            id="ServiceTask_SendNextSteps" name="Vervolgstappen meedelen" camunda:asyncBefore="true" camunda:delegateExpression="${sendMailDelegate}" | id="ServiceTask_SendNextSteps" name="Vervolgstappen meedelen" camunda:asyncBefore="true" camunda:delegateExpression="${deadlineAlertDelegate}" | ServiceTask_SendNextSteps: een herinnering of escalatie | deadline step not behind a timer on a user task
            <camunda:in businessKey="#{execution.processBusinessKey}" /> | <camunda:in businessKey="${decisionMotivation}" /> | niet '${decisionMotivation}' | business key other than the case's reference
            <camunda:executionListener expression="${complaintLifecycle.status(complaintId, 'IN_MEDIATION')}" event="start" /> | <camunda:executionListener expression="${complaintLifecycle.status(complaintId, 'IN_MEDIATION')}" event="start" /><camunda:executionListener expression="${execution.setVariable('otherPartyEmail', 'x@elders.example')}" event="start" /> | het e-mailadres 'otherPartyEmail' niet | recipient address set by a model
            <camunda:executionListener expression="${complaintLifecycle.status(complaintId, 'IN_MEDIATION')}" event="start" /> | <camunda:executionListener expression="${complaintLifecycle.status(complaintId, 'IN_MEDIATION')}" event="start" /><camunda:executionListener expression="${execution.setVariable(role, 'x@elders.example')}" event="start" /> | setVariable noemt de variabele met haar naam | variable name computed
            <camunda:inputParameter name="mailRecipient">OTHER_PARTY</camunda:inputParameter> | <camunda:inputParameter name="mailRecipient">OTHER_PARTY</camunda:inputParameter><camunda:inputParameter name="otherPartyEmail">x@elders.example</camunda:inputParameter> | het e-mailadres 'otherPartyEmail' niet | recipient address set by a model
            <camunda:inputParameter name="mailRecipient">OTHER_PARTY</camunda:inputParameter> | <camunda:inputParameter name="mailRecipient">OTHER_PARTY</camunda:inputParameter><camunda:inputParameter name="hint">${execution.setVariable('otherPartyEmail', 'x@elders.example')}</camunda:inputParameter> | het e-mailadres 'otherPartyEmail' niet | recipient address set by a model
            <camunda:executionListener expression="${complaintLifecycle.status(complaintId, 'IN_MEDIATION')}" event="start" /> | <camunda:executionListener expression="${complaintLifecycle.status(complaintId, 'IN_MEDIATION')}" event="start" /><camunda:executionListener expression="${execution.setVariable('x' == 'x' ? 'otherPartyEmail' : 'y', 'x@elders.example')}" event="start" /> | setVariable noemt de variabele met haar naam | variable name computed
            camunda:formRef="mediateComplaint" | camunda:formRef="${'mediateComplaint'}" | kies het formulier bij naam | form chosen by an expression
            camunda:formRef="assessComplaint" camunda:formRefBinding="latest" | camunda:formRef="assessComplaint" camunda:formRefBinding="version" camunda:formRefVersion="1" | gebruik 'latest' | binding other than latest
            <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${workingDays.officeMomentFrom(workingDays.afterDeadline(decisionDue), now())} | <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${'P10D'} | BoundaryEvent_DecisionOverdue: de timer '${'P10D'}' telt kalenderdagen | timer not through workingDays
            camunda:dueDate="${decisionDue}" | camunda:dueDate="P${decisionDays}D" | UserTask_Decide: de vervaldatum 'P${decisionDays}D' telt kalenderdagen | due date not through workingDays
            camunda:dueDate="${decisionDue}" | camunda:dueDate="${revisionDue}" | de termijn leest 'revisionDue', maar die variabele zet alleen boardEscalation, en geen proces dat dit proces aanroept | deadline reads an unknown variable
            name="ObjectionReceived" | name="BezwaarOntvangen" | het bericht 'ObjectionReceived' (een bezwaar tegen het besluit | message the application sends not caught
            name="ComplaintWithdrawn" | name="KlachtIngetrokken" | het bericht 'ComplaintWithdrawn' (het intrekken van de klacht | message the application sends not caught
            camunda:formRef="assessComplaint" camunda:formRefBinding="latest" | camunda:formRef="mediateComplaint" camunda:formRefBinding="latest" | het formulier 'mediateComplaint' heeft geen invulveld met sleutel (Key) 'assessmentOutcome' | form of a step the application reads lacks the field
            UserTask_JudgeObjection | UserTask_BezwaarBeoordelen | gebruikerstaak met id 'UserTask_JudgeObjection' van complaintProcedure (zijn uitkomst, en voegt er een volgende e-mail aan toe | user task the application reads removed or renamed
            UserTask_CheckAcknowledgement | Activity_0x1abcd | gebruikerstaak met id 'UserTask_CheckAcknowledgement' | user task the application reads removed or renamed
            sendMailDelegate.queue(execution, 'geen-bezwaar', 'COMPLAINANT') | sendMailDelegate.queue(execution, 'geen-bezwaren', 'COMPLAINANT') | de mailtekst 'geen-bezwaren' bestaat niet | unknown mail template
            sendMailDelegate.queue(execution, 'geen-bezwaar', 'COMPLAINANT') | sendMailDelegate.queue(execution, 'geen-bezwaar', 'KLAGER') | de ontvanger 'KLAGER' bestaat niet | unknown mail recipient
            "complaintProcedure" | "klachtenprocedure" | houd het id (ID) complaintProcedure | process or decision key the application uses changed
            isExecutable="true" camunda:historyTimeToLive="730" camunda:isStartableInTasklist="false" | isExecutable="false" camunda:historyTimeToLive="730" camunda:isStartableInTasklist="false" | zet Executable aan | process the application starts not executable
            """)
    void eachMistakeIsNamed(String original, String changed, String expected, String rule) {
        String model = ModelerDeploy.repositoryModel(PROCEDURE);
        assertThat(model).as("the repository's model has " + original).contains(original);
        long before = repositoryService.createDeploymentQuery().count();

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "complaintProcedure.bpmn",
                model.replace(original, changed == null ? "" : changed));

        if (answer.getStatusCode().is2xxSuccessful()) {
            repositoryService.deleteDeployment(answer.getBody().get("id").asText(), true); // keep the other tests' version
        }
        assertThat(answer.getStatusCode().value()).as(rule).isEqualTo(400);
        assertThat(answer.getBody().get("message").asText()).as(rule).contains(expected, rule.startsWith("coded") ? "gateway" : rule);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }
}
