package nl.homepair.complaints.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.Measure;
import nl.homepair.complaints.mail.MailRecipient;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.sla.DeadlineAlert;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Everything the models in processes/ name must exist: forms, beans, groups, mail
 * templates, called processes. A manager's typo in the Modeler fails the build, not a case.
 */
class ModelReferencesTest extends IntegrationTest {

    /** Identifiers an expression may start with that are not Spring beans. */
    static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "now", "dateTime", "true", "false", "null");
    static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}");
    static final Pattern BEAN_CALL = Pattern.compile("(?<![\\w.'])([a-zA-Z_]\\w*)\\s*\\.");

    /** The group the routing table (processes/routing.dmn) chose for the case. */
    static final String ROUTED_GROUP = "${handlerGroup}";

    @Autowired
    ApplicationContext context;

    private static List<BpmnModelInstance> models() {
        File[] files = new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"));
        assertThat(files).isNotEmpty();
        List<BpmnModelInstance> models = new ArrayList<>();
        for (File file : files) {
            models.add(Bpmn.readModelFromFile(file));
        }
        return models;
    }

    private static Set<String> formIds() throws IOException {
        return forms().keySet();
    }

    @Test
    void everyUserTaskHasAnExistingFormAKnownGroupAndAWorkingDayDueDate() throws IOException {
        Set<String> forms = formIds();
        for (BpmnModelInstance model : models()) {
            for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                if (start.getCamundaFormRef() != null) {
                    assertThat(start.getCamundaFormRef()).as("start form of " + start.getId()).isIn(forms);
                }
            }
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                assertThat(task.getCamundaFormRef()).as("form of " + task.getId()).isIn(forms);
                assertThat(task.getCamundaFormRefBinding()).as("form binding of " + task.getId()).isEqualTo("latest");
                assertThat(task.getCamundaCandidateGroupsList()).as("groups of " + task.getId())
                        .isNotEmpty().allMatch(group -> Groups.WORKFLOW.contains(group) || ROUTED_GROUP.equals(group));
                assertThat(task.getCamundaDueDate()).as("due date of " + task.getId()).matches("\\$\\{\\w+}");
                assertThat(task.getName()).as("name of " + task.getId()).isNotBlank();
            }
        }
    }

    @Test
    void everyDelegateAndExpressionBeanExists() {
        for (BpmnModelInstance model : models()) {
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                assertThat(task.getCamundaClass()).as("no class names: " + task.getId()).isNull();
                String delegate = task.getCamundaDelegateExpression();
                assertThat(delegate).as("delegate of " + task.getId()).matches("\\$\\{\\w+}");
                assertThat(context.containsBean(delegate.substring(2, delegate.length() - 1))).as(delegate).isTrue();
            }
            for (String expression : expressions(model)) {
                Matcher inner = EXPRESSION.matcher(expression);
                while (inner.find()) {
                    Matcher call = BEAN_CALL.matcher(inner.group(1).replaceAll("'[^']*'", "''"));
                    while (call.find()) {
                        String name = call.group(1);
                        assertThat(ENGINE_NAMES.contains(name) || context.containsBean(name))
                                .as("bean '" + name + "' in " + expression).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void everyMailStepNamesATemplateThatExistsAndAKnownRecipient() {
        for (BpmnModelInstance model : models()) {
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                boolean deadlineAlert = "${deadlineAlertDelegate}".equals(task.getCamundaDelegateExpression());
                if (!"${sendMailDelegate}".equals(task.getCamundaDelegateExpression()) && !deadlineAlert) {
                    continue;
                }
                if (deadlineAlert) {
                    assertThat(DeadlineAlert.valueOf(input(task, ComplaintProcess.INPUT_DEADLINE_ALERT).getTextContent()))
                            .as("deadlineAlert of " + task.getId()).isNotNull();
                    assertThat(watchedTask(task)).as("a deadline step follows a timer on a user task: " + task.getId()).isNotNull();
                }
                CamundaInputParameter template = input(task, "mailTemplate");
                CamundaInputParameter recipient = input(task, "mailRecipient");
                assertThat(template).as("mailTemplate of " + task.getId()).isNotNull();
                assertThat(new File("src/main/resources/templates/mail/" + template.getTextContent() + ".html")).exists();
                assertThat(new File("src/main/resources/templates/mail/" + template.getTextContent() + ".txt")).exists();
                assertThat(MailRecipient.valueOf(recipient.getTextContent())).isNotNull();
                if (deadlineAlert) {
                    // one job per due timer (timer storm, issue 16): the step runs in its timer's job,
                    // which the timer's retry cycle retries when the mail server is down
                    assertThat(task.isCamundaAsyncBefore()).as("a deadline step runs in its timer's job: " + task.getId()).isFalse();
                    assertThat(retryCycle(task.getIncoming().iterator().next().getSource()))
                            .as("retry cycle of the timer before " + task.getId()).isEqualTo("R10/PT30M");
                } else {
                    assertThat(task.isCamundaAsyncBefore()).as("mail steps are asynchronous: " + task.getId()).isTrue();
                }
            }
        }
    }

    /** Nothing waits forever (issue 10): a manager cannot add a task that nobody hears of when it lies still. */
    @Test
    void everyUserTaskInEveryModelHasADueDateAndAnEscalationOnAWorkingDayTimer() {
        for (BpmnModelInstance model : models()) {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                assertThat(task.getCamundaDueDate()).as("due date of " + task.getId()).isNotBlank();
                List<BoundaryEvent> timers = model.getModelElementsByType(BoundaryEvent.class).stream()
                        .filter(boundary -> boundary.getAttachedTo() == task)
                        .filter(boundary -> !boundary.getChildElementsByType(TimerEventDefinition.class).isEmpty())
                        .toList();
                assertThat(timers).as("timers on " + task.getId()).isNotEmpty().allSatisfy(timer -> {
                    TimerEventDefinition definition = timer.getChildElementsByType(TimerEventDefinition.class).iterator().next();
                    assertThat(definition.getTimeDate()).as("a date, not a duration: " + timer.getId()).isNotNull();
                    assertThat(definition.getTimeDate().getTextContent()).as(timer.getId())
                            .startsWith("${workingDays.officeMomentFrom(").contains(", now())");
                    assertThat(timer.cancelActivity()).as("the task stays open: " + timer.getId()).isFalse();
                });
                assertThat(model.getModelElementsByType(ServiceTask.class)).as("escalation of " + task.getId())
                        .anySatisfy(step -> {
                            assertThat(step.getCamundaDelegateExpression()).isEqualTo("${deadlineAlertDelegate}");
                            assertThat(watchedTask(step)).isSameAs(task);
                            assertThat(input(step, ComplaintProcess.INPUT_DEADLINE_ALERT).getTextContent()).isEqualTo("ESCALATION");
                        });
            }
        }
    }

    private static String retryCycle(FlowNode node) {
        return node.getExtensionElements() == null ? null : node.getExtensionElements()
                .getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
                .map(CamundaFailedJobRetryTimeCycle::getTextContent).findFirst().orElse(null);
    }

    /** The user task whose boundary timer leads straight to this step, or null. */
    private static Activity watchedTask(FlowNode step) {
        if (step.getIncoming().size() == 1 && step.getIncoming().iterator().next().getSource() instanceof BoundaryEvent boundary) {
            return boundary.getAttachedTo();
        }
        return null;
    }

    @Test
    void calledProcessesExistAndEveryElementHasAShapeAnEnglishIdAndEveryGatewayFlowAName() {
        List<BpmnModelInstance> models = models();
        Set<String> processIds = new HashSet<>();
        models.forEach(m -> m.getModelElementsByType(Process.class).forEach(p -> processIds.add(p.getId())));
        for (BpmnModelInstance model : models) {
            for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
                assertThat(call.getCalledElement()).isIn(processIds);
            }
            Set<String> shapes = new HashSet<>();
            model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(s.getBpmnElement().getId()));
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                assertThat(shapes).as("diagram shape of " + node.getId()).contains(node.getId());
                assertThat(node.getId()).as("readable id").matches("[A-Z][A-Za-z]+_[A-Z][A-Za-z]+");
            }
            for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
                // a decision's flows say which way it went; a parallel split's take every way (the gateway says why)
                if (flow.getSource() instanceof Gateway gateway && !(gateway instanceof ParallelGateway)
                        && gateway.getOutgoing().size() > 1) {
                    assertThat(flow.getName()).as("name of " + flow.getId()).isNotBlank();
                }
            }
            model.getModelElementsByType(Process.class).forEach(p -> {
                assertThat(p.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive").isNotBlank();
                // only the registration start forms are started by people; the rest needs its variables
                assertThat(p.isCamundaStartableInTasklist()).as("startable in Tasklist: " + p.getId())
                        .isEqualTo(p.getId().endsWith("Registration"));
            });
        }
    }

    /**
     * The codes a task records (verdict, board decision, ...) and the measures exist once, in
     * the domain enums: the forms offer exactly those, and every gateway compares against them.
     */
    /** The codes a person chooses on the task's form; one the application records itself is not offered. */
    private static List<String> chosenByAPerson(ComplaintProcess.TaskResult result) {
        return java.util.Arrays.stream(result.codes().getEnumConstants()).filter(nl.homepair.complaints.complaint.CodedOutcome::chosenByAPerson)
                .map(nl.homepair.complaints.complaint.CodedOutcome::name).toList();
    }

    @Test
    void formsAndGatewaysUseExactlyTheDomainCodes() throws IOException {
        Map<String, JsonNode> forms = forms();
        Map<String, List<String>> codesByVariable = new HashMap<>();
        ComplaintProcess.TASK_RESULTS.values().stream().filter(r -> r.codes() != null)
                .forEach(r -> codesByVariable.put(r.outcomeVariable(), r.codeNames()));
        Set<String> checkedTasks = new HashSet<>();
        List<JsonNode> decisionForms = new ArrayList<>();
        Map<String, Set<String>> compared = new HashMap<>();
        for (BpmnModelInstance model : models()) {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                if (task.getId().equals(ComplaintProcess.TASK_DECIDE)) {
                    decisionForms.add(forms.get(task.getCamundaFormRef()));
                }
                ComplaintProcess.TaskResult result = ComplaintProcess.TASK_RESULTS.get(task.getId());
                if (result == null || result.codes() == null) {
                    continue;
                }
                JsonNode field = field(forms.get(task.getCamundaFormRef()), result.outcomeVariable());
                assertThat(field).as(result.outcomeVariable() + " in the form of " + task.getId()).isNotNull();
                List<String> offered = new ArrayList<>();
                field.get("values").forEach(v -> offered.add(v.get("value").asText()));
                assertThat(offered).as("choices for " + result.outcomeVariable())
                        .containsExactlyInAnyOrderElementsOf(chosenByAPerson(result));
                checkedTasks.add(task.getId());
            }
            for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
                if (flow.getConditionExpression() == null) {
                    continue;
                }
                Matcher comparison = COMPARISON.matcher(flow.getConditionExpression().getTextContent());
                while (comparison.find()) {
                    List<String> codes = codesByVariable.get(comparison.group(1));
                    if (codes != null) {
                        assertThat(codes).as("value compared in " + flow.getId()).contains(comparison.group(2));
                        compared.computeIfAbsent(comparison.group(1), v -> new HashSet<>()).add(comparison.group(2));
                        // an unknown value must stop the case, not take a default flow as if it were an outcome
                        if (flow.getSource() instanceof ExclusiveGateway gateway) {
                            assertThat(gateway.getDefault()).as("default flow of " + gateway.getId()).isNull();
                        }
                    }
                }
            }
            SequenceFlow againstUser = model.getModelElementById("Flow_MeasureAgainstUser");
            if (againstUser != null || model.getModelElementById(ComplaintProcess.PROCESS_KEY) != null) {
                // the flow that decides whether the affected user gets a statement of reasons (DSA art. 17)
                assertThat(againstUser).as("Flow_MeasureAgainstUser in " + ComplaintProcess.PROCESS_KEY).isNotNull();
                Set<String> tested = new HashSet<>();
                Matcher measure = VARIABLE_READ.matcher(againstUser.getConditionExpression().getTextContent());
                while (measure.find()) {
                    tested.add(measure.group(1));
                }
                assertThat(tested).as("measures against a user in Flow_MeasureAgainstUser")
                        .containsExactlyInAnyOrderElementsOf(Measure.againstAUser().stream().map(Measure::key).toList());
            }
        }
        assertThat(checkedTasks).as("user tasks whose choices were checked")
                .containsAll(ComplaintProcess.TASK_RESULTS.entrySet().stream()
                        .filter(e -> e.getValue().codes() != null).map(Map.Entry::getKey).toList());

        compared.forEach((variable, values) -> assertThat(values).as("values of " + variable + " that gateways route on")
                .containsExactlyInAnyOrderElementsOf(codesByVariable.get(variable)));
        assertThat(decisionForms).as("the decision task").hasSize(1);
        Map<String, String> measures = new LinkedHashMap<>();
        forEachField(decisionForms.get(0), f -> {
            if ("checkbox".equals(f.path("type").asText()) && f.path("key").asText().startsWith("measure")) {
                measures.put(f.get("key").asText(), f.get("label").asText());
            }
        });
        Map<String, String> expected = new LinkedHashMap<>();
        for (Measure m : Measure.values()) {
            expected.put(m.key(), m.label());
        }
        assertThat(measures).as("measure checkboxes of the decision form").isEqualTo(expected);
    }

    /**
     * A director decides an objection on what the handler decided on: every part of the case the decision form shows
     * (the complainant's answers to a request for information among them) is on the board's forms too.
     */
    @Test
    void theBoardsFormsShowEverythingTheDecisionWasMadeOn() throws IOException {
        Map<String, JsonNode> forms = forms();
        Set<String> decidedOn = casePlaceholders(forms.get("decideComplaint"));
        assertThat(decidedOn).contains("caseInformationAnswer", "caseAttemptedResolution", "caseLaterMails", "caseTimeline");
        for (String deciding : List.of("assessComplaint", "mediateComplaint", "reviseDecision")) {
            assertThat(casePlaceholders(forms.get(deciding))).as(deciding).contains("caseLaterMails");
        }
        for (String board : List.of("reviewObjection", "reviewMeasure")) {
            assertThat(casePlaceholders(forms.get(board))).as("what the form " + board + " shows of the case")
                    .containsAll(decidedOn).contains("caseDecision", "caseChatMessages");
        }
    }

    private static final Pattern CASE_PLACEHOLDER = Pattern.compile("\\{\\{\\s*(case\\w+)\\s*}}");

    private static Set<String> casePlaceholders(JsonNode form) {
        Set<String> found = new HashSet<>();
        forEachField(form, f -> {
            Matcher placeholder = CASE_PLACEHOLDER.matcher(f.path("text").asText());
            while (placeholder.find()) {
                found.add(placeholder.group(1));
            }
        });
        return found;
    }

    /** {@code verdict == 'UNFOUNDED'} and {@code execution.getVariable('verdict') == 'UNFOUNDED'}. */
    static final Pattern COMPARISON = Pattern.compile("(?:getVariable\\('|\\b)(\\w+)'?\\)?\\s*[!=]=\\s*'([^']*)'");
    static final Pattern VARIABLE_READ = Pattern.compile("getVariable\\('(\\w+)'\\)");

    private static Map<String, JsonNode> forms() throws IOException {
        Map<String, JsonNode> forms = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (File file : new File("forms").listFiles((dir, name) -> name.endsWith(".form"))) {
            JsonNode form = json.readTree(file);
            forms.put(form.get("id").asText(), form);
        }
        return forms;
    }

    private static JsonNode field(JsonNode form, String key) {
        List<JsonNode> found = new ArrayList<>();
        forEachField(form, f -> {
            if (key.equals(f.path("key").asText())) {
                found.add(f);
            }
        });
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every component of a form, also inside groups. */
    private static void forEachField(JsonNode node, Consumer<JsonNode> action) {
        for (JsonNode component : node.path("components")) {
            action.accept(component);
            forEachField(component, action);
        }
    }

    private static CamundaInputParameter input(ServiceTask task, String name) {
        return task.getExtensionElements() == null ? null
                : task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class)
                        .singleResult().getCamundaInputParameters().stream()
                        .filter(p -> name.equals(p.getCamundaName())).findFirst().orElse(null);
    }

    /** Every expression text in the model: listeners, due dates, timers, conditions. */
    private static List<String> expressions(BpmnModelInstance model) {
        List<String> all = new ArrayList<>();
        model.getModelElementsByType(CamundaExecutionListener.class).forEach(l -> all.add(l.getCamundaExpression()));
        model.getModelElementsByType(UserTask.class).forEach(t -> all.add(t.getCamundaDueDate()));
        model.getModelElementsByType(TimerEventDefinition.class).forEach(t -> {
            if (t.getTimeDate() != null) {
                all.add(t.getTimeDate().getTextContent());
            }
        });
        model.getModelElementsByType(SequenceFlow.class).forEach(f -> {
            if (f.getConditionExpression() != null) {
                all.add(f.getConditionExpression().getTextContent());
            }
        });
        all.removeIf(Objects::isNull);
        return all;
    }
}
