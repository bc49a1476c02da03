package nl.homepair.complaints.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.mail.MailRecipient;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.sla.DeadlineAlert;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;

/**
 * The element templates in .camunda/element-templates (issue 14, item 3) name only beans,
 * mail texts, recipients, forms and groups that exist, offer every mail text, and a step
 * built from them, as a manager would in the Modeler, deploys and runs without Java.
 */
class ElementTemplatesTest extends IntegrationTest {

    static final File TEMPLATES = new File(".camunda/element-templates/homepair.json");

    @Autowired
    ApplicationContext context;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    TaskService taskService;
    @Autowired
    WorkingDayCalendar workingDays;

    private String deploymentId;

    @AfterEach
    void removeTheManagersDeployment() {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
        ClockUtil.reset();
    }

    static JsonNode templates() throws IOException {
        return new ObjectMapper().readTree(TEMPLATES);
    }

    static JsonNode template(String id) throws IOException {
        for (JsonNode template : templates()) {
            if (template.get("id").asText().equals(id)) {
                return template;
            }
        }
        throw new AssertionError("no template " + id);
    }

    @Test
    void everyTemplateNamesWhatExists() throws IOException {
        Set<String> mailTexts = new HashSet<>();
        for (String file : new File("src/main/resources/templates/mail").list()) {
            if (file.endsWith(".html")) {
                mailTexts.add(file.substring(0, file.length() - 5));
            }
        }
        Set<String> forms = new HashSet<>();
        for (File form : new File("forms").listFiles((dir, name) -> name.endsWith(".form"))) {
            forms.add(new ObjectMapper().readTree(form).get("id").asText());
        }
        assertThat(templates()).hasSizeGreaterThanOrEqualTo(6);
        for (JsonNode template : templates()) {
            assertThat(template.get("name").asText()).startsWith("HomePair: ");
            for (JsonNode property : template.get("properties")) {
                JsonNode binding = property.get("binding");
                String name = binding.path("name").asText();
                List<String> values = values(property);
                String where = template.get("id").asText() + " " + name;
                switch (name) {
                    case "camunda:delegateExpression" -> values.forEach(v -> {
                        String bean = v.substring(2, v.length() - 1);
                        assertThat(PublishedBeans.NAMES).as(where).contains(bean);
                        assertThat(context.containsBean(bean)).as(where).isTrue();
                    });
                    case "mailTemplate" -> {
                        assertThat(values).as(where).allSatisfy(v -> {
                            assertThat(new File("src/main/resources/templates/mail/" + v + ".html")).exists();
                            assertThat(new File("src/main/resources/templates/mail/" + v + ".txt")).exists();
                        });
                        assertThat(new HashSet<>(values)).as(where + ": every mail text is offered").containsAll(mailTexts);
                    }
                    case "mailRecipient" -> assertThat(new HashSet<>(values)).as(where)
                            .isEqualTo(names(MailRecipient.values()));
                    case "deadlineAlert" -> assertThat(new HashSet<>(values)).as(where).isEqualTo(names(DeadlineAlert.values()));
                    case "caseStatus" -> assertThat(names(ComplaintStatus.values())).as(where).containsAll(values);
                    case "camunda:formRef" -> assertThat(forms).as(where).containsAll(values);
                    // a fixed group, or the case's own group that the routing table gave it
                    case "camunda:candidateGroups" -> assertThat(values).as(where)
                            .allMatch(v -> Groups.WORKFLOW.contains(v) || v.equals("${handlerGroup}"));
                    default -> {
                    }
                }
            }
        }
    }

    /**
     * A manager adds a legal review to the procedure with the templates only: a working-day
     * deadline, a status, a user task with its form and two timers with their alert steps,
     * a line on the timeline and a mail. It deploys through the model check and runs.
     */
    @Test
    void aTaskBuiltFromTheTemplatesDeploysAndRuns() throws Exception {
        ClockUtil.setCurrentTime(java.sql.Timestamp.valueOf("2026-11-23 10:00:00")); // a Monday
        String model = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    targetNamespace="http://homepair.nl/klachten">
                  <bpmn:process id="legalReview" name="Juridische toets" isExecutable="true" camunda:historyTimeToLive="730">
                    <bpmn:startEvent id="StartEvent_LegalReview"/>
                    <bpmn:sequenceFlow id="Flow_ToDeadline" sourceRef="StartEvent_LegalReview" targetRef="ServiceTask_LegalReviewDeadline"/>
                    <bpmn:serviceTask id="ServiceTask_LegalReviewDeadline" name="Termijn juridische toets" %s</bpmn:serviceTask>
                    <bpmn:sequenceFlow id="Flow_ToStatus" sourceRef="ServiceTask_LegalReviewDeadline" targetRef="ServiceTask_LegalReviewStatus"/>
                    <bpmn:serviceTask id="ServiceTask_LegalReviewStatus" name="Status zetten" %s</bpmn:serviceTask>
                    <bpmn:sequenceFlow id="Flow_ToReview" sourceRef="ServiceTask_LegalReviewStatus" targetRef="UserTask_LegalReview"/>
                    <bpmn:userTask id="UserTask_LegalReview" name="Juridische toets" %s</bpmn:userTask>
                    <bpmn:boundaryEvent id="BoundaryEvent_LegalReviewReminder" cancelActivity="false" attachedToRef="UserTask_LegalReview">
                      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${workingDays.officeMomentFrom(workingDays.reminderBefore(legalReviewDue, 1), now())}</bpmn:timeDate></bpmn:timerEventDefinition>
                    </bpmn:boundaryEvent>
                    <bpmn:sequenceFlow id="Flow_ToRemind" sourceRef="BoundaryEvent_LegalReviewReminder" targetRef="ServiceTask_RemindLegalReview"/>
                    <bpmn:serviceTask id="ServiceTask_RemindLegalReview" name="Herinnering" %s</bpmn:serviceTask>
                    <bpmn:boundaryEvent id="BoundaryEvent_LegalReviewOverdue" cancelActivity="false" attachedToRef="UserTask_LegalReview">
                      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${workingDays.officeMomentFrom(workingDays.afterDeadline(legalReviewDue), now())}</bpmn:timeDate></bpmn:timerEventDefinition>
                    </bpmn:boundaryEvent>
                    <bpmn:sequenceFlow id="Flow_ToEscalate" sourceRef="BoundaryEvent_LegalReviewOverdue" targetRef="ServiceTask_EscalateLegalReview"/>
                    <bpmn:serviceTask id="ServiceTask_EscalateLegalReview" name="Escalatie" %s</bpmn:serviceTask>
                    <bpmn:sequenceFlow id="Flow_ToNote" sourceRef="UserTask_LegalReview" targetRef="ServiceTask_LegalReviewNote"/>
                    <bpmn:serviceTask id="ServiceTask_LegalReviewNote" name="Op de tijdlijn" %s</bpmn:serviceTask>
                    <bpmn:sequenceFlow id="Flow_ToMail" sourceRef="ServiceTask_LegalReviewNote" targetRef="ServiceTask_LegalReviewMail"/>
                    <bpmn:serviceTask id="ServiceTask_LegalReviewMail" name="Mail sturen" %s</bpmn:serviceTask>
                    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="ServiceTask_LegalReviewMail" targetRef="EndEvent_LegalReviewDone"/>
                    <bpmn:endEvent id="EndEvent_LegalReviewDone"/>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(
                applied("nl.homepair.werkdagtermijn", Map.of("camunda:resultVariable", "legalReviewDue",
                        "camunda:expression", "${workingDays.deadline(now(), 3)}")),
                applied("nl.homepair.zaakstatus", Map.of("caseStatus", "AWAITING_DECISION")),
                applied("nl.homepair.gebruikerstaak", Map.of("camunda:dueDate", "${legalReviewDue}")), // its own form: caseStep
                applied("nl.homepair.termijnbewaking", Map.of()),
                applied("nl.homepair.termijnbewaking", Map.of("deadlineAlert", "ESCALATION", "mailTemplate", "escalatie-taak",
                        "mailRecipient", "TEAM_LEAD")),
                applied("nl.homepair.tijdlijn", Map.of("timelineText", "Juridische toets gedaan: ${stepNotes}")),
                // what a template cannot set the manager types in the properties panel (Job execution), as the guide says
                applied("nl.homepair.mailSturen", Map.of("mailTemplate", "afsluiting")).replace("<bpmn:extensionElements>",
                        "<bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R10/PT30M</camunda:failedJobRetryTimeCycle>"));

        ResponseEntity<JsonNode> answer = ModelerDeploy.deploy(as("manager"), "legalReview.bpmn", model);
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        deploymentId = answer.getBody().get("id").asText();

        String reference = submit(TestComplaints.janJansen());
        Object complaintId = runtimeService.getVariable(runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(reference).processDefinitionKey(ComplaintProcess.PROCESS_KEY).singleResult().getId(),
                ComplaintProcess.VAR_COMPLAINT_ID);
        // an earlier step of the kind left its notes in the case: the new step's form opens without them
        ProcessInstance review = runtimeService.startProcessInstanceByKey("legalReview", reference,
                Map.of(ComplaintProcess.VAR_COMPLAINT_ID, complaintId, "stepNotes", "Van een eerdere stap."));
        assertThat(runtimeService.getVariable(review.getId(), "stepNotes")).isNull();

        Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
        assertThat(task.getDueDate()).isEqualTo(workingDays.deadline(ClockUtil.getCurrentTime(), 3));
        assertThat(managementService.createJobQuery().processInstanceId(review.getId()).timers().count()).isEqualTo(2);
        JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("status").asText()).isEqualTo("AWAITING_DECISION");
        ResponseEntity<JsonNode> form = as("behandelaar").getForEntity("/engine-rest/task/" + task.getId() + "/deployed-form",
                JsonNode.class);
        assertThat(form.getStatusCode().value()).isEqualTo(200);

        assertThat(form.getBody().path("id").asText()).isEqualTo("caseStep");
        assertThat(form.getBody().toString()).contains("Wat heb je gedaan?", "{{caseDescription}}");
        taskService.complete(task.getId(), Map.of("stepNotes", "Voorwaarden nagelezen; geen bezwaar."));
        runDueJobs(reference);

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(review.getId()).count()).isZero();
        assertThat(managementService.createJobQuery().processInstanceId(review.getId()).count()).isZero();
        file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("timeline").findValuesAsText("summary")).contains("Juridische toets gedaan: Voorwaarden nagelezen; geen bezwaar.")
                // the step's own line carries what the handler did, also without a timeline step after it
                .anyMatch(line -> line.startsWith("Taak \"") && line.endsWith("afgerond: Voorwaarden nagelezen; geen bezwaar."));
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains("is afgesloten");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        })).isNotEmpty();
    }

    /**
     * Two steps with the general form side by side (a parallel gateway): the one completed first does not fill the
     * other's form, and each one's text reaches the case after it.
     */
    @Test
    void parallelStepsWithTheGeneralFormEachOpenEmpty() {
        org.camunda.bpm.model.bpmn.BpmnModelInstance model = org.camunda.bpm.model.bpmn.Bpmn
                .createExecutableProcess("parallelSteps").name("Twee stappen tegelijk").camundaHistoryTimeToLive(180)
                .startEvent().parallelGateway("Gateway_Fork")
                .userTask("UserTask_StepA").name("Stap A").camundaFormRef(nl.homepair.complaints.tasklist.CaseStepNotes.FORM)
                .camundaFormRefBinding("latest").camundaCandidateGroups(Groups.HANDLERS)
                .camundaDueDate("${workingDays.deadline(now(), 3)}")
                .boundaryEvent("Timer_StepA").cancelActivity(false).timerWithDate("${workingDays.deadline(now(), 3)}").endEvent()
                .moveToActivity("UserTask_StepA")
                .parallelGateway("Gateway_Join")
                .moveToNode("Gateway_Fork")
                .userTask("UserTask_StepB").name("Stap B").camundaFormRef(nl.homepair.complaints.tasklist.CaseStepNotes.FORM)
                .camundaFormRefBinding("latest").camundaCandidateGroups(Groups.HANDLERS)
                .camundaDueDate("${workingDays.deadline(now(), 3)}")
                .boundaryEvent("Timer_StepB").cancelActivity(false).timerWithDate("${workingDays.deadline(now(), 3)}").endEvent()
                .moveToActivity("UserTask_StepB")
                .connectTo("Gateway_Join")
                .moveToNode("Gateway_Join").endEvent().done();
        deploymentId = repositoryService.createDeployment().addModelInstance("parallelSteps.bpmn", model).deploy().getId();
        String reference = submit(TestComplaints.janJansen());
        Object complaintId = runtimeService.getVariable(runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(reference).processDefinitionKey(ComplaintProcess.PROCESS_KEY).singleResult().getId(),
                ComplaintProcess.VAR_COMPLAINT_ID);
        ProcessInstance steps = runtimeService.startProcessInstanceByKey("parallelSteps", reference,
                Map.of(ComplaintProcess.VAR_COMPLAINT_ID, complaintId));
        Task first = taskService.createTaskQuery().processInstanceId(steps.getId()).taskDefinitionKey("UserTask_StepA").singleResult();
        Task second = taskService.createTaskQuery().processInstanceId(steps.getId()).taskDefinitionKey("UserTask_StepB").singleResult();

        // the first as Tasklist's form sends it, the second over the API
        taskService.claim(first.getId(), "behandelaar");
        assertThat(submitTaskForm("behandelaar", first.getId(), Map.of("stepNotes", "Stap A: de voorwaarden nagelezen."))
                .getStatusCode().is2xxSuccessful()).isTrue();

        assertThat(formVariables("behandelaar", second).path("stepNotes").path("value").isNull())
                .as("the second step's form opens empty").isTrue();
        assertThat(runtimeService.getVariable(steps.getId(), "stepNotes")).as("for a timeline step after the first")
                .isEqualTo("Stap A: de voorwaarden nagelezen.");
        taskService.complete(second.getId(), Map.of("stepNotes", "Stap B: de klager gebeld."));
        JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("timeline").findValuesAsText("summary"))
                .anyMatch(line -> line.endsWith("afgerond: Stap A: de voorwaarden nagelezen."))
                .anyMatch(line -> line.endsWith("afgerond: Stap B: de klager gebeld."));
    }

    /** The attributes and input parameters a template sets on an element, with the manager's choices. */
    static String applied(String templateId, Map<String, String> choices) throws IOException {
        StringBuilder attributes = new StringBuilder();
        StringBuilder inputs = new StringBuilder();
        for (JsonNode property : template(templateId).get("properties")) {
            JsonNode binding = property.get("binding");
            String name = binding.get("name").asText();
            String value = choices.getOrDefault(name, property.path("value").asText());
            String escaped = value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
            if (binding.get("type").asText().equals("property")) {
                attributes.append(' ').append(name).append("=\"").append(escaped).append('"');
            } else if (binding.get("type").asText().equals("camunda:inputParameter")) {
                inputs.append("<camunda:inputParameter name=\"").append(name).append("\">").append(escaped)
                        .append("</camunda:inputParameter>");
            }
        }
        if (inputs.isEmpty()) {
            return attributes + ">";
        }
        return attributes + "><bpmn:extensionElements><camunda:inputOutput>" + inputs
                + "</camunda:inputOutput></bpmn:extensionElements>";
    }

    private static List<String> values(JsonNode property) {
        List<String> values = new ArrayList<>();
        if (property.has("choices")) {
            property.get("choices").forEach(choice -> values.add(choice.get("value").asText()));
        } else if (property.has("value")) {
            values.add(property.get("value").asText());
        }
        return values;
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> names = new HashSet<>();
        for (Enum<?> value : values) {
            names.add(value.name());
        }
        return names;
    }
}
