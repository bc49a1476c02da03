package nl.homepair.complaints.modeling;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.mail.MailRecipient;
import nl.homepair.complaints.security.Groups;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The rules of issue 14 that look across a deployment: everything a model names must exist
 * (delegate beans and their methods, forms, candidate groups, called processes, decisions),
 * every timer goes through the working-day calendar, every gateway decides every case, and
 * every process and decision says how long its history is kept. What {@code
 * ModelReferencesTest} checks for the repository's models, checked for every deployment.
 */
final class ReferenceRules {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";

    private static final Pattern SIMPLE_BEAN = Pattern.compile("\\$\\{\\s*(\\w+)\\s*}");
    /** An expression that is only a text: {@code ${'managers'}}. */
    private static final Pattern STRING_LITERAL = Pattern.compile("[$#]\\{\\s*(['\"])([^'\"]*)\\1\\s*}");
    private static final Pattern BEAN_METHOD = Pattern.compile("(?<![\\w.'])(\\w+)\\s*\\.\\s*(\\w+)\\s*\\(");
    /** {@code verdict == 'UNFOUNDED'} and {@code execution.getVariable('verdict') == 'UNFOUNDED'}. */
    static final Pattern COMPARISON = Pattern.compile("(?:getVariable\\('|\\b)(\\w+)'?\\)?\\s*==\\s*'([^']*)'");

    /** Decision outputs that name the candidate group of tasks (processes/routing.dmn). */
    private static final Set<String> GROUP_OUTPUTS = Set.of("handlerGroup");
    private static final Set<String> PROSE = Set.of("documentation", "textAnnotation", "text");

    private final ModelEnvironment environment;

    ReferenceRules(ModelEnvironment environment) {
        this.environment = environment;
    }

    /** What the deployment itself brings: its forms (with their JSON), processes and decisions, by key. */
    /** @param processElements the deployment's {@code bpmn:process} elements, by id */
    record Contents(Map<String, byte[]> formsById, Set<String> processes, Set<String> decisions,
                    Map<String, Element> processElements) {

        Set<String> forms() {
            return formsById.keySet();
        }
    }

    void bpmn(Element root, String resource, Contents contents, List<String> problems) {
        for (Element process : elements(root, BPMN, "process")) {
            if (!"false".equals(process.getAttribute("isExecutable"))
                    && process.getAttributeNS(CAMUNDA, "historyTimeToLive").isBlank()) {
                problems.add(where(resource, process) + "het proces heeft geen bewaartermijn (camunda:historyTimeToLive,"
                        + " in dagen; 730 voor klachten) (missing history time to live)");
            }
        }
        for (Element element : elements(root, null, "*")) {
            if (PROSE.contains(element.getLocalName())) {
                continue;
            }
            String where = where(resource, owner(element));
            for (int i = 0; i < element.getAttributes().getLength(); i++) {
                org.w3c.dom.Node attribute = element.getAttributes().item(i);
                String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getNodeName();
                if (name.equals("delegateExpression")) {
                    delegate(attribute.getNodeValue(), where, problems);
                } else {
                    methods(attribute.getNodeValue(), where, problems);
                }
            }
            if (element.getChildNodes().getLength() == 1 && element.getFirstChild().getNodeType() != org.w3c.dom.Node.ELEMENT_NODE) {
                methods(element.getTextContent(), where, problems);
            }
        }
        messagesTheApplicationSends(root, resource, problems);
        objectionWindow(root, resource, problems);
        acknowledgementTerms(root, resource, problems);
        remindersWithinTheirTerm(root, resource, problems);
        outcomesRecordedAtTheirOwnStep(root, resource, problems);
        deadlinesReadKnownVariables(root, resource, contents, problems);
        timersReadNothingTheirStepSetsAtItsStart(root, resource, problems);
        stepsTheApplicationReads(root, resource, contents, problems);
        keysTheApplicationUses(root, resource, false, problems);
        mailSteps(root, resource, problems);
        textsTheApplicationRecognises(root, resource, problems);
        mailStepsRetry(root, resource, problems);
        deadlineStepsBehindATaskTimer(root, resource, problems);
        formsOfReadStepsStayTheirs(root, resource, contents, problems);
        for (Element task : elements(root, BPMN, "userTask")) {
            String where = where(resource, task);
            form(task, where, contents, true, problems);
            String groups = task.getAttributeNS(CAMUNDA, "candidateGroups");
            if (groups.isBlank()) {
                problems.add(where + "een gebruikerstaak heeft een kandidaatgroep nodig (camunda:candidateGroups),"
                        + " anders ziet niemand hem in Tasklist (user task without candidate group)");
            }
            // R12: whoever holds a task reads its case; a task goes to a group that handles cases, and the
            // case's handler gets the next one by itself (tasklist/CaseHandler)
            for (String person : new String[] {"assignee", "candidateUsers"}) {
                if (!task.getAttributeNS(CAMUNDA, person).isBlank()) {
                    problems.add(where + "een gebruikerstaak gaat naar een kandidaatgroep, niet naar een vaste persoon"
                            + " (camunda:" + person + "); de behandelaar van de zaak krijgt de volgende taak vanzelf"
                            + " (user task with a fixed " + person + ")");
                }
            }
            for (String local : new String[] {"humanPerformer", "potentialOwner", "performer"}) {
                if (!elements(task, BPMN, local).isEmpty()) {
                    problems.add(where + "een gebruikerstaak gaat naar een kandidaatgroep (camunda:candidateGroups), niet via"
                            + " bpmn:" + local + " (user task with a human performer or potential owner)");
                }
            }
            for (String entry : groups.split(",")) {
                String group = entry.strip();
                // a name, ${'name'} or a variable the routing table sets (${handlerGroup}): what this check reads; a
                // computation (${true ? 'managers' : 'x'}, managers${''}) names a group only when the engine makes the task
                if (!group.isEmpty() && ExpressionRules.isExpression(group) && !STRING_LITERAL.matcher(group).matches()
                        && !SIMPLE_BEAN.matcher(group).matches()) {
                    problems.add(where + "de kandidaatgroep '" + group + "' is een berekening die deze controle niet kan"
                            + " lezen; noem de groep zelf (bijvoorbeeld handlers) of de variabele uit de routeringstabel"
                            + " (${handlerGroup}) (candidate group the check cannot read)");
                }
            }
            for (String id : candidateGroups(task)) {
                if (!environment.groupExists(id)) {
                    problems.add(where + "de kandidaatgroep '" + id + "' bestaat niet (unknown candidate group)");
                } else if (Groups.WITHOUT_CASES.contains(id)) {
                    problems.add(where + withoutCases("de kandidaatgroep", id));
                } else if (Groups.DIRECTORS.equals(id) && !OBJECTION_PROCESSES.contains(processOf(task))) {
                    // a director sees a case once an objection is made (R12): elsewhere the task's form would show an
                    // empty case file and the case page would refuse them
                    problems.add(where + "de directie (directors) ziet alleen zaken waartegen bezwaar is gemaakt; een taak"
                            + " voor de directie hoort in het bezwaar (" + String.join(", ", OBJECTION_PROCESSES) + "). Geef"
                            + " deze taak aan teamleads of een groep behandelaars (directors outside an objection)");
                }
            }
        }
        for (Element start : elements(root, BPMN, "startEvent")) {
            if (start.hasAttributeNS(CAMUNDA, "formRef")) {
                form(start, where(resource, start), contents, false, problems);
            }
        }
        for (Element call : elements(root, BPMN, "callActivity")) {
            String called = call.getAttribute("calledElement");
            if (!called.isBlank() && !ExpressionRules.isExpression(called) && !contents.processes().contains(called)
                    && !environment.processDeployed(called)) {
                problems.add(where(resource, call) + "het aangeroepen proces '" + called + "' bestaat niet"
                        + " (unknown called process)");
            }
        }
        for (Element rule : elements(root, BPMN, "businessRuleTask")) {
            String decision = rule.getAttributeNS(CAMUNDA, "decisionRef");
            if (!decision.isBlank() && !ExpressionRules.isExpression(decision) && !contents.decisions().contains(decision)
                    && !environment.decisionDeployed(decision)) {
                problems.add(where(resource, rule) + "de beslistabel '" + decision + "' bestaat niet (unknown decision)");
            }
        }
        bindings(root, resource, problems);
        timers(root, resource, problems);
        gateways(root, resource, problems);
    }

    /**
     * The messages the application sends to a case, by name (R4, R9, R16): an answer to a question, an objection
     * (clear, or one a person must judge), a withdrawal and a duplicate's closing, by mail, REST, the web pages or a letter. A
     * complaintProcedure deployed on its own whose message was renamed ("BezwaarOntvangen") or whose catching event
     * was removed would leave every such mail or request refused ("er is nog geen besluit genomen", "probeer het over
     * een minuut opnieuw") while the case closes as if none came. The message's label in the Modeler may change; its
     * Name may not.
     */
    static final Map<String, String> SENT_MESSAGES = Map.of(
            ComplaintProcess.MESSAGE_INFORMATION_RECEIVED, "het antwoord op een vraag om informatie",
            ComplaintProcess.MESSAGE_OBJECTION_RECEIVED, "een bezwaar tegen het besluit",
            ComplaintProcess.MESSAGE_POSSIBLE_OBJECTION_RECEIVED, "een bericht dat misschien een bezwaar is",
            ComplaintProcess.MESSAGE_COMPLAINT_WITHDRAWN, "het intrekken van de klacht",
            ComplaintProcess.MESSAGE_COMPLAINT_DUPLICATE, "het sluiten van een dubbele registratie",
            ComplaintProcess.MESSAGE_OBJECTION_REGISTERED_IN_ERROR, "een bezwaar dat ten onrechte is geregistreerd");

    private static void messagesTheApplicationSends(Element root, String resource, List<String> problems) {
        boolean procedure = elements(root, BPMN, "process").stream()
                .anyMatch(process -> ComplaintProcess.PROCESS_KEY.equals(process.getAttribute("id")));
        if (!procedure) {
            return;
        }
        Set<String> caught = new HashSet<>();
        for (Element element : elements(root, BPMN, "*")) {
            if (element.getLocalName().equals("messageEventDefinition") || element.getLocalName().equals("receiveTask")) {
                caught.add(element.getAttribute("messageRef"));
            }
        }
        Set<String> names = new HashSet<>();
        for (Element message : elements(root, BPMN, "message")) {
            if (caught.contains(message.getAttribute("id"))) {
                names.add(message.getAttribute("name"));
            }
        }
        new java.util.TreeMap<>(SENT_MESSAGES).forEach((name, what) -> {
            if (!names.contains(name)) {
                problems.add(resource + ": de applicatie stuurt de zaak het bericht '" + name + "' (" + what + ", per e-mail,"
                        + " REST of Tasklist), maar geen gebeurtenis of ontvangsttaak van " + ComplaintProcess.PROCESS_KEY
                        + " wacht op een bericht met die naam (Name); zo zou elk zo'n bericht worden geweigerd. Houd de"
                        + " naam van het bericht zo; het label mag anders (message the application sends not caught)");
            }
        });
    }

    /**
     * The steps the application finds by their id, per process: every step whose outcome it reads
     * ({@link ComplaintProcess#TASK_RESULTS}: checked at completion, on the case's timeline, in the case file), and
     * some for more. Renamed in the Modeler (the id, not the name), the application would no longer find the step:
     * a task completed without an outcome, the check of the acknowledgement left open after the mail left, a second
     * mail while the first is judged kept as a note instead of joining the judgement, an affected user's objection
     * reading the first decision instead of the revised one.
     */
    static final Map<String, Map<String, String>> READ_STEPS = Map.of(
            ComplaintProcess.PROCESS_KEY, Map.of(
                    ComplaintProcess.TASK_TRIAGE, "zijn uitkomst",
                    ComplaintProcess.TASK_ASSESS, "zijn uitkomst",
                    ComplaintProcess.TASK_MEDIATE, "zijn uitkomst",
                    ComplaintProcess.TASK_DECIDE, "het besluit, en vult er de andere partij in als betrokken gebruiker",
                    ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT,
                    "zijn uitkomst, en sluit hem zelf als de ontvangstbevestiging alsnog vertrekt",
                    ComplaintProcess.TASK_JUDGE_OBJECTION,
                    "zijn uitkomst, en voegt er een volgende e-mail aan toe die tijdens het beoordelen binnenkomt"),
            ComplaintProcess.BOARD_PROCESS_KEY, Map.of(
                    ComplaintProcess.TASK_REVIEW_OBJECTION, "de beslissing van de directie",
                    ComplaintProcess.TASK_REVISE_DECISION,
                    "het herziene besluit, waartegen de betrokken gebruiker bezwaar kan maken"),
            ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY, Map.of(
                    ComplaintProcess.TASK_REVIEW_MEASURE, "de beoordeling van de maatregel, het besluit waartegen de"
                            + " betrokken gebruiker bezwaar maakt"));

    private void stepsTheApplicationReads(Element root, String resource, Contents contents, List<String> problems) {
        for (Element process : elements(root, BPMN, "process")) {
            Map<String, String> needed = READ_STEPS.get(process.getAttribute("id"));
            if (needed == null) {
                continue;
            }
            Map<String, Element> tasks = new HashMap<>();
            elements(process, BPMN, "userTask").forEach(task -> tasks.put(task.getAttribute("id"), task));
            for (String id : new TreeSet<>(needed.keySet())) {
                Element task = tasks.get(id);
                if (task == null) {
                    problems.add(resource + ": de applicatie leest de gebruikerstaak met id '" + id + "' van "
                            + process.getAttribute("id") + " (" + needed.get(id) + "); houd die stap met dit id (de naam"
                            + " mag anders) (user task the application reads removed or renamed)");
                } else if (ComplaintProcess.TASK_RESULTS.containsKey(id)) {
                    fieldsTheApplicationReads(task, ComplaintProcess.TASK_RESULTS.get(id), where(resource, task), contents,
                            problems);
                }
            }
        }
    }

    /**
     * The form of a step whose outcome the application reads has the fields it reads: another form picked for the
     * step (or a new one whose choice the Form editor keyed {@code radio_1x}) would leave every case at that step,
     * its completion refused for want of an outcome that no field can give.
     */
    private void fieldsTheApplicationReads(Element task, ComplaintProcess.TaskResult result, String where, Contents contents,
                                           List<String> problems) {
        String formRef = task.getAttributeNS(CAMUNDA, "formRef").strip();
        if (formRef.isEmpty() || ExpressionRules.isExpression(formRef)) {
            return;
        }
        Set<String> keys = inputKeysOf(formRef, contents);
        if (keys == null) {
            return; // a missing form is reported by form(...), an unreadable one by the form's own check
        }
        for (String field : new String[] {result.outcomeVariable(), result.notesVariable()}) {
            if (field != null && !keys.contains(field)) {
                problems.add(where + "het formulier '" + formRef + "' heeft geen invulveld met sleutel (Key) '" + field
                        + "', en de applicatie leest dat veld van deze stap; kies het formulier dat bij deze stap hoort of"
                        + " geef het veld die sleutel (form of a step the application reads lacks the field)");
            }
        }
    }

    /** The form a step opens: this deployment's version, else the deployed one; null when there is none. */
    private byte[] formOf(String formRef, Contents contents) {
        return contents.formsById().containsKey(formRef) ? contents.formsById().get(formRef) : environment.deployedForm(formRef);
    }

    /** The input fields' keys of the form a step opens ({@link #formOf}); null when it is missing or unreadable. */
    private Set<String> inputKeysOf(String formRef, Contents contents) {
        byte[] form = formOf(formRef, contents);
        if (form == null) {
            return null;
        }
        try {
            return ModelCheck.inputKeys(new com.fasterxml.jackson.databind.ObjectMapper().readTree(form));
        } catch (java.io.IOException unreadable) {
            return null;
        }
    }

    /**
     * The processes and decisions the application starts or routes by their key, in the file of that name: a key
     * changed in the Modeler ("klachtenprocedure") deploys as a new process that no case ever starts, while every
     * new case keeps running on the old one; unticked "Executable", the engine deploys nothing to run.
     */
    static final Set<String> KEYS_BY_FILE = Set.of(ComplaintProcess.PROCESS_KEY, ComplaintProcess.BOARD_PROCESS_KEY,
            ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY, "manualMailHandling", "complaintRegistration", "objectionRegistration",
            "informationRegistration",
            ReferenceRules.ROUTING_DECISION);

    private static void keysTheApplicationUses(Element root, String resource, boolean dmn, List<String> problems) {
        String file = ModelCheck.fileName(resource).replaceFirst("(?i)(\\.bpmn20\\.xml|\\.bpmn|\\.dmn11\\.xml|\\.dmn)$", "");
        if (!KEYS_BY_FILE.contains(file)) {
            return;
        }
        List<Element> defined = dmn ? elements(root, null, "decision") : elements(root, BPMN, "process");
        Element same = defined.stream().filter(element -> file.equals(element.getAttribute("id"))).findFirst().orElse(null);
        if (same == null) {
            problems.add(resource + ": de applicatie " + (dmn ? "routeert elke zaak met de beslistabel" : "start het proces")
                    + " met id '" + file + "', en dit bestand heeft " + (dmn ? "geen beslissing" : "geen proces") + " met dat id ("
                    + String.join(", ", defined.stream().map(element -> element.getAttribute("id")).toList())
                    + "); houd het id (ID) " + file + ", de naam mag anders (process or decision key the application uses"
                    + " changed)");
        } else if (!dmn && "false".equals(same.getAttribute("isExecutable"))) {
            problems.add(resource + ": het proces '" + file + "' is niet uitvoerbaar (Executable uit); de applicatie start"
                    + " het, zet Executable aan (process the application starts not executable)");
        }
    }

    /**
     * Forms, decisions and called processes are found as their latest version: the check above
     * asks only whether one exists, and a manager deploys one file at a time. Another binding
     * ("deployment", "version", "versionTag") would find nothing in a one-file deployment, or an
     * old version, and fail only when a case gets there.
     */
    private static void bindings(Element root, String resource, List<String> problems) {
        for (Element element : elements(root, BPMN, "*")) {
            for (String binding : new String[] {"formRefBinding", "decisionRefBinding", "calledElementBinding"}) {
                String value = element.getAttributeNS(CAMUNDA, binding).strip();
                if (!value.isEmpty() && !value.equals("latest")) {
                    problems.add(where(resource, element) + "camunda:" + binding + " is '" + value + "'; gebruik 'latest'"
                            + " (de nieuwste versie), de enige koppeling die met het uitrollen van losse bestanden werkt"
                            + " (binding other than latest)");
                }
            }
        }
    }

    void dmn(Element root, String resource, List<String> problems) {
        keysTheApplicationUses(root, resource, true, problems);
        for (Element decision : elements(root, null, "decision")) {
            if (decision.getAttributeNS(CAMUNDA_DMN, "historyTimeToLive").isBlank()) {
                problems.add(where(resource, decision) + "de beslissing heeft geen bewaartermijn"
                        + " (camunda:historyTimeToLive, in dagen) (missing history time to live)");
            }
            for (Element table : elements(decision, null, "decisionTable")) {
                typedEntries(table, resource, problems);
                listedValuesKnown(table, resource, problems);
                groupOutputs(table, resource, problems);
                routesEveryCase(table, ROUTING_DECISION.equals(decision.getAttribute("id")), where(resource, decision), problems);
                if (ROUTING_DECISION.equals(decision.getAttribute("id"))) {
                    routesOnWhatTheApplicationGives(table, resource, problems);
                }
            }
        }
    }

    /**
     * The routing table reads only what a complaint has when it is routed ({@link #KNOWN_INPUTS}): an input column on
     * anything else ("spoed", a renamed expression) reads a value that is never there, so its rules never match and
     * those complaints silently take the last rule's group and terms.
     */
    private static void routesOnWhatTheApplicationGives(Element table, String resource, List<String> problems) {
        for (Element input : elements(table, null, "input")) {
            Element expression = elements(input, null, "inputExpression").stream().findFirst().orElse(null);
            String text = expression == null ? "" : expression.getTextContent().strip();
            if (!KNOWN_INPUTS.containsKey(text)) {
                problems.add(where(resource, input) + "de routeringstabel kan alleen routeren op " + String.join(", ",
                        new TreeSet<>(KNOWN_INPUTS.keySet())) + "; '" + label(input) + "' leest '" + text + "', dat een klacht"
                        + " bij het routeren niet heeft. Een nieuw gegeven vraagt een ontwikkelaar (routing input the"
                        + " application does not give)");
            }
        }
    }

    private static final Pattern TEXT_LITERAL = Pattern.compile("\"[^\"]*\"");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");

    /**
     * The values a manager types in a table's cells mean what they look like: a text in quotes, a number as digits.
     * FEEL reads {@code handlers} without quotes as the name of a variable that does not exist (no group: every
     * complaint's start fails), {@code CONDUCT} in a condition likewise (the rule never matches, and complaints fall
     * silently to the last rule), and {@code vijf} as a number of days as nothing (0 days). A condition on a column
     * that lists its values ({@code inputValues}) names one of them: a typo ("CONDUKT") matches no complaint.
     */
    private static void typedEntries(Element table, String resource, List<String> problems) {
        List<Element> outputs = elements(table, null, "output");
        List<Element> inputs = elements(table, null, "input");
        for (Element rule : elements(table, null, "rule")) {
            List<Element> outEntries = elements(rule, null, "outputEntry");
            for (int column = 0; column < outputs.size() && column < outEntries.size(); column++) {
                String type = outputs.get(column).getAttribute("typeRef");
                String value = entryText(outEntries.get(column));
                String label = label(outputs.get(column));
                if (value.isEmpty() || value.equals("null")) {
                    continue;
                }
                if (type.equals("string") && !TEXT_LITERAL.matcher(value).matches()) {
                    problems.add(where(resource, outEntries.get(column)) + "in regel " + rule.getAttribute("id") + " is '" + value
                            + "' bij '" + label + "' geen tekst: zet hem tussen aanhalingstekens, \"" + value.replace("\"", "")
                            + "\" (text output without quotes)");
                } else if ((type.equals("integer") || type.equals("long")) && !WHOLE_NUMBER.matcher(value).matches()) {
                    problems.add(where(resource, outEntries.get(column)) + "in regel " + rule.getAttribute("id") + " is '" + value
                            + "' bij '" + label + "' geen geheel getal; schrijf het in cijfers, bijvoorbeeld 5"
                            + " (number output that is not a number)");
                } else if (WHOLE_NUMBER.matcher(value).matches() && outputs.get(column).getAttribute("name").endsWith("Days")
                        && Long.parseLong(value) < 1) {
                    problems.add(where(resource, outEntries.get(column)) + "in regel " + rule.getAttribute("id") + " is " + value
                            + " werkdagen bij '" + label + "' te weinig: de termijn zou verstrijken op de dag dat de klok"
                            + " begint (a term of less than one working day)");
                }
            }
            List<Element> inEntries = elements(rule, null, "inputEntry");
            for (int column = 0; column < inputs.size() && column < inEntries.size(); column++) {
                Element expression = elements(inputs.get(column), null, "inputExpression").stream().findFirst().orElse(null);
                if (expression == null || !expression.getAttribute("typeRef").equals("string")) {
                    continue;
                }
                List<String> listedValues = elements(inputs.get(column), null, "inputValues").stream()
                        .flatMap(values -> textValues(values.getTextContent()).stream()).toList();
                // the application's own codes for what it routes on, whatever the table lists (or when it lists nothing)
                List<String> known = KNOWN_INPUTS.get(expression.getTextContent().strip());
                List<String> allowed = known != null ? known : listedValues;
                String condition = entryText(inEntries.get(column));
                String listed = condition.startsWith("not(") && condition.endsWith(")")
                        ? condition.substring(4, condition.length() - 1).strip() : condition;
                if (condition.isEmpty() || condition.equals("-")) {
                    continue;
                }
                String label = label(inputs.get(column));
                for (String part : listed.split(",")) {
                    String one = part.strip();
                    if (!TEXT_LITERAL.matcher(one).matches()) {
                        problems.add(where(resource, inEntries.get(column)) + "in regel " + rule.getAttribute("id") + " is '"
                                + one + "' bij '" + label + "' geen tekst: zet hem tussen aanhalingstekens, \""
                                + one.replace("\"", "") + "\" (text condition without quotes)");
                    } else if (!allowed.isEmpty() && !allowed.contains(one)) {
                        problems.add(where(resource, inEntries.get(column)) + "in regel " + rule.getAttribute("id") + " is "
                                + one + " bij '" + label + "' geen van de waarden " + String.join(", ", allowed)
                                + "; zo past de regel op geen enkele klacht (condition on an unknown value)");
                    }
                }
            }
        }
    }

    /**
     * The values the application gives the routing's inputs, by variable: its own codes. A value a manager adds to the
     * table's list ("PAYMENT") is one no complaint ever has: a rule on it matches nothing, and its complaints silently
     * take the last rule's group and terms; a new subject needs a developer (docs/manager-guide.md).
     */
    static final Map<String, List<String>> KNOWN_INPUTS = Map.of(
            "role", quoted(nl.homepair.complaints.complaint.ComplainantRole.values()),
            "subject", quoted(nl.homepair.complaints.complaint.ComplaintSubject.values()),
            "channel", quoted(nl.homepair.complaints.complaint.IntakeChannel.values()));

    private static List<String> quoted(Enum<?>[] codes) {
        return Arrays.stream(codes).map(code -> "\"" + code.name() + "\"").toList();
    }

    /** A value in the list of a routed input that the application never gives it. */
    private static void listedValuesKnown(Element table, String resource, List<String> problems) {
        for (Element input : elements(table, null, "input")) {
            Element expression = elements(input, null, "inputExpression").stream().findFirst().orElse(null);
            List<String> known = expression == null ? null : KNOWN_INPUTS.get(expression.getTextContent().strip());
            if (known == null) {
                continue;
            }
            for (Element values : elements(input, null, "inputValues")) {
                for (String value : textValues(values.getTextContent())) {
                    if (!known.contains(value)) {
                        problems.add(where(resource, input) + "de waarde " + value + " bij '" + label(input) + "' geeft de"
                                + " applicatie nooit; de waarden zijn " + String.join(", ", known) + ". Een nieuwe waarde"
                                + " (een nieuw onderwerp) vraagt een ontwikkelaar (value the application never gives)");
                    }
                }
            }
        }
    }

    private static List<String> textValues(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(TEXT_LITERAL.asPredicate()).toList();
    }

    private static String label(Element column) {
        String label = column.getAttribute("label");
        return label.isBlank() ? column.getAttribute("name") : label;
    }

    /**
     * What the procedure reads from a routing table (the table {@code routing}, or one with a {@code handlerGroup} output),
     * {@code decisionResult[0].…} in complaintProcedure.bpmn: a table deployed on its own must
     * still give each of these for every complaint. A missing value counts as 0 days (the
     * deadline would be the day the clock starts) or no group (the case's start fails).
     */
    /** The key of the table the procedure routes with ({@code camunda:decisionRef} in complaintProcedure.bpmn). */
    public static final String ROUTING_DECISION = "routing";

    static final List<String> ROUTING_OUTPUTS = List.of("handlerGroup", "priority", "assessmentDays", "mediationDays",
            "decisionDays");

    /** The longest term of the procedure itself for a routing output: the first assessment's five working days (R6). */
    static final Map<String, Integer> MOST_DAYS = Map.of("assessmentDays", 5);

    private static void routesEveryCase(Element table, boolean routing, String where, List<String> problems) {
        List<String> names = elements(table, null, "output").stream().map(o -> o.getAttribute("name")).toList();
        // the procedure's own table by its key, also when its group column was renamed ("behandelgroep") or removed
        if (!routing && names.stream().noneMatch(GROUP_OUTPUTS::contains)) {
            return;
        }
        for (String needed : ROUTING_OUTPUTS) {
            if (!names.contains(needed)) {
                problems.add(where + "de routeringstabel mist de uitkomst '" + needed + "', die de klachtenprocedure leest"
                        + " (routing output missing)");
            }
        }
        List<Element> rules = elements(table, null, "rule");
        for (Element rule : rules) {
            List<Element> entries = elements(rule, null, "outputEntry");
            for (int column = 0; column < names.size() && column < entries.size(); column++) {
                String value = entryText(entries.get(column));
                if (ROUTING_OUTPUTS.contains(names.get(column)) && (value.isEmpty() || value.equals("null") || value.equals("-"))) {
                    problems.add(where + "regel " + rule.getAttribute("id") + " geeft geen waarde voor '" + names.get(column)
                            + "' (routing output missing)");
                }
                Integer most = MOST_DAYS.get(names.get(column));
                if (most != null && WHOLE_NUMBER.matcher(value).matches() && Integer.parseInt(value) > most) {
                    problems.add(where + "regel " + rule.getAttribute("id") + " geeft '" + names.get(column) + "' " + value
                            + " werkdagen; de klachtenprocedure belooft de klager de vervolgstappen binnen " + most
                            + " werkdagen na ontvangst (R6), en de rapportage meet daartegen; korter mag (term longer than the"
                            + " procedure allows)");
                }
            }
        }
        // a complaint that no rule matches would wait with an incident: FIRST, and a last rule without conditions
        Element last = rules.isEmpty() ? null : rules.get(rules.size() - 1);
        boolean catchAll = last != null && elements(last, null, "inputEntry").stream()
                .map(ReferenceRules::entryText).allMatch(text -> text.isEmpty() || text.equals("-"));
        if (!"FIRST".equals(table.getAttribute("hitPolicy")) || !catchAll) {
            problems.add(where + "de routeringstabel heeft hit policy FIRST nodig met als laatste een regel zonder"
                    + " voorwaarden (alle invoer -), zodat elke klacht een route krijgt (routing table without a route for"
                    + " every complaint)");
        } else {
            rulesThatCanMatch(rules, where, problems);
        }
    }

    /**
     * With hit policy FIRST a rule below one that matches every complaint it would match is never used: a manager who
     * adds "gedrag naar de teamleiders" under the existing conduct rule (the guide's own example) saw it deploy, and
     * conduct complaints kept going where they went. Each condition is compared as the set of values it lists ("-":
     * any; a {@code not(…)} or anything else is taken as matching what it says only when written the same).
     */
    private static void rulesThatCanMatch(List<Element> rules, String where, List<String> problems) {
        for (int later = 1; later < rules.size(); later++) {
            List<String> below = conditions(rules.get(later));
            for (int earlier = 0; earlier < later; earlier++) {
                List<String> above = conditions(rules.get(earlier));
                if (above.size() == below.size() && covers(above, below)) {
                    String earlierId = rules.get(earlier).getAttribute("id");
                    problems.add(where + "regel " + rules.get(later).getAttribute("id") + " wordt nooit gebruikt: " + (covers(below, above)
                            ? "regel " + earlierId + " erboven heeft dezelfde voorwaarden; pas " + earlierId + " aan of verwijder"
                            + " een van beide"
                            : "regel " + earlierId + " erboven past op elke klacht waarop hij past, en de eerste regel die past"
                            + " telt; zet hem erboven of maak de voorwaarden anders") + " (rule that can never match)");
                    break;
                }
            }
        }
    }

    /** A rule's conditions: the {@code <text>} of each input entry (not its description). */
    private static List<String> conditions(Element rule) {
        return elements(rule, null, "inputEntry").stream().map(ReferenceRules::entryText).toList();
    }

    /**
     * What a rule's cell holds: its {@code <text>}, as the engine reads it; not the description the Modeler's DMN editor
     * lets a manager add to a cell ("Team gedrag"), which is the element's text too.
     */
    private static String entryText(Element entry) {
        return elements(entry, null, "text").stream().findFirst().map(text -> text.getTextContent().strip()).orElse("");
    }

    /** Whether every complaint the conditions {@code below} match is matched by {@code above}, column by column. */
    private static boolean covers(List<String> above, List<String> below) {
        for (int column = 0; column < above.size(); column++) {
            String a = above.get(column);
            String b = below.get(column);
            if (a.isEmpty() || a.equals("-")) {
                continue;
            }
            if (b.isEmpty() || b.equals("-") || a.startsWith("not(") || b.startsWith("not(")) {
                if (!a.replaceAll("\\s+", "").equals(b.replaceAll("\\s+", ""))) {
                    return false;
                }
                continue;
            }
            Set<String> listedAbove = Arrays.stream(a.split(",")).map(String::strip).collect(java.util.stream.Collectors.toSet());
            Set<String> listedBelow = Arrays.stream(b.split(",")).map(String::strip).collect(java.util.stream.Collectors.toSet());
            if (!listedAbove.containsAll(listedBelow)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A group the routing table hands a case to must exist, or nobody sees its tasks, and must be one that may see the
     * case before any objection.
     */
    private void groupOutputs(Element table, String resource, List<String> problems) {
        for (RoutedGroup routed : routedGroups(table)) {
            if (!environment.groupExists(routed.id())) {
                problems.add(where(resource, routed.rule()) + "de groep '" + routed.id() + "' bestaat niet; maak hem eerst aan"
                        + " in Camunda Admin (unknown candidate group)");
            } else if (Groups.WITHOUT_CASES.contains(routed.id())) {
                problems.add(where(resource, routed.rule()) + withoutCases("de groep", routed.id()));
            } else if (Groups.DIRECTORS.equals(routed.id())) {
                // the routed group gets the assessment, the mediation and the decision of cases without an objection:
                // a director's form would show an empty case file and the case page would refuse them (R12)
                problems.add(where(resource, routed.rule()) + "de directie (directors) ziet alleen zaken waartegen bezwaar"
                        + " is gemaakt en beslist pas over het bezwaar; geef deze zaken aan een groep behandelaars"
                        + " (directors in the routing table)");
            }
        }
    }

    /** A group a routing table's rule hands cases to. */
    record RoutedGroup(Element rule, String id) {
    }

    /** The groups a table's {@code handlerGroup} column names as text ({@code "handlers"}), rule by rule. */
    static List<RoutedGroup> routedGroups(Element table) {
        List<RoutedGroup> routed = new ArrayList<>();
        List<Element> outputs = elements(table, null, "output");
        for (int column = 0; column < outputs.size(); column++) {
            if (!GROUP_OUTPUTS.contains(outputs.get(column).getAttribute("name"))) {
                continue;
            }
            for (Element rule : elements(table, null, "rule")) {
                List<Element> entries = elements(rule, null, "outputEntry");
                String group = column < entries.size() ? entryText(entries.get(column)) : "";
                if (group.length() >= 2 && group.startsWith("\"") && group.endsWith("\"")) {
                    routed.add(new RoutedGroup(rule, group.substring(1, group.length() - 1)));
                }
            }
        }
        return routed;
    }

    /**
     * The groups a user task names as its candidates: {@code handlers}, or {@code ${'handlers'}}; an
     * expression such as {@code ${handlerGroup}} names its group elsewhere (the routing table).
     */
    static List<String> candidateGroups(Element task) {
        List<String> named = new ArrayList<>();
        for (String group : task.getAttributeNS(CAMUNDA, "candidateGroups").split(",")) {
            String id = group.strip();
            Matcher literal = STRING_LITERAL.matcher(id);
            if (literal.matches()) {
                id = literal.group(2); // ${'managers'} is the group managers
            }
            if (!id.isEmpty() && !ExpressionRules.isExpression(id)) {
                named.add(id);
            }
        }
        return named;
    }

    /**
     * Every group that the models of these resources give cases to: the candidate groups their user tasks name and
     * the groups their routing tables route to. Unreadable resources name none.
     */
    static Set<String> groupsGivenCases(Map<String, byte[]> resources, java.util.function.Function<byte[], Element> parse) {
        Set<String> groups = new TreeSet<>();
        resources.forEach((name, content) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            try {
                if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
                    elements(parse.apply(content), BPMN, "userTask").forEach(task -> groups.addAll(candidateGroups(task)));
                } else if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
                    elements(parse.apply(content), null, "decisionTable")
                            .forEach(table -> routedGroups(table).forEach(routed -> groups.add(routed.id())));
                }
            } catch (RuntimeException e) {
                // an unreadable resource names no group
            }
        });
        return groups;
    }

    private static String withoutCases(String what, String group) {
        return what + " '" + group + "' mag de inhoud van zaken niet zien; kies " + String.join(", ", new TreeSet<>(Groups.WORKFLOW))
                + " of een eigen groep van behandelaars (candidate group that may not see cases)";
    }

    /** {@code ${name}} with a published bean that exists; nothing else runs Java. */
    private void delegate(String expression, String where, List<String> problems) {
        Matcher simple = SIMPLE_BEAN.matcher(expression.strip());
        if (!simple.matches()) {
            problems.add(where + "een delegate is ${beannaam} met een gepubliceerde bean, niet " + expression
                    + " (unknown delegate)");
            return;
        }
        String bean = simple.group(1);
        if (!PublishedBeans.NAMES.contains(bean) || !environment.isBean(bean)) {
            problems.add(where + "de delegate " + bean + " bestaat niet of is niet vrijgegeven; bekend zijn "
                    + String.join(", ", new TreeSet<>(PublishedBeans.NAMES)) + " (unknown bean or delegate)");
        }
    }

    /** {@code workingDays.deadlin(…)}: a method the published bean does not have. */
    private void methods(String text, String where, List<String> problems) {
        if (!ExpressionRules.isExpression(text)) {
            return;
        }
        Matcher call = BEAN_METHOD.matcher(text.replaceAll("'[^']*'", "''"));
        while (call.find()) {
            String bean = call.group(1);
            if (!PublishedBeans.NAMES.contains(bean)) {
                continue; // other names are ExpressionRules' business
            }
            Class<?> type = environment.beanType(bean);
            if (type == null) {
                problems.add(where + "de bean " + bean + " bestaat niet (unknown bean)");
            } else if (Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(call.group(2)))) {
                problems.add(where + bean + " kent geen " + call.group(2) + "(); zie docs/modeling.md (unknown method)");
            }
        }
    }

    private void form(Element element, String where, Contents contents, boolean required, List<String> problems) {
        String formRef = element.getAttributeNS(CAMUNDA, "formRef");
        if (formRef.isBlank()) {
            if (required && element.getAttributeNS(CAMUNDA, "formKey").isBlank()) {
                problems.add(where + "een gebruikerstaak heeft een formulier nodig (camunda:formRef) (user task without form)");
            }
            return;
        }
        if (ExpressionRules.isExpression(formRef)) {
            // which form a step opens is what the checks of its fields and outcomes read
            problems.add(where + "kies het formulier bij naam (camunda:formRef=\"decideComplaint\"), niet met een expressie"
                    + " (form chosen by an expression)");
            return;
        }
        if (!contents.forms().contains(formRef) && !environment.formDeployed(formRef)) {
            problems.add(where + "het formulier '" + formRef + "' bestaat niet; deploy het formulier (.form) eerst of"
                    + " samen met het model (missing form)");
        }
    }

    /**
     * A mail step names a text that exists and a recipient the mailer knows: a typo ("besluiten", "KLAGER") would
     * deploy and then fail every case at that step, after the steps before it were done.
     */
    private void mailSteps(Element root, String resource, List<String> problems) {
        for (Element parameter : elements(root, CAMUNDA, "inputParameter")) {
            String name = parameter.getAttribute("name");
            String value = parameter.getTextContent().strip();
            boolean recipient = name.equals(ComplaintProcess.INPUT_MAIL_RECIPIENT)
                    || name.equals(ComplaintProcess.INPUT_ALSO_MAIL_RECIPIENT);
            boolean text = name.equals(ComplaintProcess.INPUT_MAIL_TEMPLATE) || name.equals(ComplaintProcess.INPUT_ALSO_MAIL_TEMPLATE);
            if (ExpressionRules.isExpression(value) || !(recipient || text)) {
                continue;
            }
            String where = where(resource, owner((Element) parameter.getParentNode()));
            if (recipient) {
                recipient(value, where, problems);
            } else {
                mailText(value, where, problems);
            }
        }
        // a queued mail in a listener: ${sendMailDelegate.queue(execution, 'geen-bezwaar', 'COMPLAINANT')}
        for (Element listener : elements(root, CAMUNDA, "executionListener")) {
            Matcher queued = QUEUED_MAIL.matcher(listener.getAttribute("expression"));
            while (queued.find()) {
                String where = where(resource, owner(listener));
                mailText(queued.group(1), where, problems);
                recipient(queued.group(2), where, problems);
            }
            // a case's status and outcome are the application's codes: a typo ('AFGESLOTEN') failed every case there
            Matcher lifecycle = LIFECYCLE_CODE.matcher(listener.getAttribute("expression"));
            while (lifecycle.find()) {
                boolean close = lifecycle.group(1).equals("close");
                List<String> known = close ? ModelCheck.codeNames(nl.homepair.complaints.complaint.CaseOutcome.values())
                        : ModelCheck.codeNames(nl.homepair.complaints.complaint.ComplaintStatus.values());
                if (!known.contains(lifecycle.group(2))) {
                    problems.add(where(resource, owner(listener)) + (close ? "de uitkomst '" : "de status '") + lifecycle.group(2)
                            + "' bestaat niet; kies uit " + known + (close ? " (unknown case outcome)" : " (unknown case status)"));
                }
            }
        }
        for (Element parameter : elements(root, CAMUNDA, "inputParameter")) {
            String value = parameter.getTextContent().strip();
            List<String> alerts = ModelCheck.codeNames(nl.homepair.complaints.sla.DeadlineAlert.values());
            if (parameter.getAttribute("name").equals("deadlineAlert") && !ExpressionRules.isExpression(value)
                    && !alerts.contains(value)) {
                problems.add(where(resource, owner((Element) parameter.getParentNode())) + "de soort melding '" + value
                        + "' bestaat niet; kies uit " + alerts + " (unknown deadline alert)");
            }
        }
    }

    private static final Pattern LIFECYCLE_CODE = Pattern.compile(
            "complaintLifecycle\\s*\\.\\s*(close|status)\\s*\\(\\s*[^,()]*,\\s*'([^']*)'\\s*\\)");

    /**
     * The application recognises four of a case's mails by their text's name ({@code ComplaintProcess.MAIL_…}): a step of
     * the procedure that sends another text in their place would deploy, and then the other party would never hear that
     * the complaint was withdrawn, a mail before the acknowledgement would become a second case, or the first assessment
     * would count neither as on time nor as late (R6, R16). Their wording is changed in the text itself.
     */
    private static void textsTheApplicationRecognises(Element root, String resource, List<String> problems) {
        for (Element process : elements(root, BPMN, "process")) {
            if (!ComplaintProcess.PROCESS_KEY.equals(process.getAttribute("id"))) {
                continue;
            }
            Set<String> named = new HashSet<>();
            for (Element parameter : elements(process, CAMUNDA, "inputParameter")) {
                if (parameter.getAttribute("name").equals(ComplaintProcess.INPUT_MAIL_TEMPLATE)) {
                    named.add(parameter.getTextContent().strip());
                }
            }
            Map<String, String> recognised = new LinkedHashMap<>();
            recognised.put(ComplaintProcess.MAIL_ACKNOWLEDGEMENT, "de ontvangstbevestiging");
            recognised.put(ComplaintProcess.MAIL_OTHER_PARTY_INVITATION, "de uitnodiging van de andere partij voor de bemiddeling");
            recognised.put(ComplaintProcess.MAIL_NEXT_STEPS, "de vervolgstappen na de eerste beoordeling, waarmee de"
                    + " cijfers 'binnen 5 werkdagen' tellen");
            recognised.put(ComplaintProcess.MAIL_INADMISSIBLE, "de niet-ontvankelijkheid na de eerste beoordeling, waarmee de"
                    + " cijfers 'binnen 5 werkdagen' tellen");
            for (Map.Entry<String, String> text : recognised.entrySet()) {
                if (!named.contains(text.getKey())) {
                    problems.add(resource + ": geen stap van " + ComplaintProcess.PROCESS_KEY + " verstuurt meer de mailtekst '"
                            + text.getKey() + "' (" + text.getValue() + "); de applicatie herkent die mail aan deze naam. Wil je"
                            + " de tekst anders, pas dan " + text.getKey() + ".html en .txt zelf aan in plaats van een andere"
                            + " tekst te kiezen (mail text the application recognises no longer sent)");
                }
            }
        }
    }

    /**
     * A reminder, escalation or delay step ({@code ${deadlineAlertDelegate}}) mails about the user task whose boundary
     * timer leads to it, over single flows (what {@code sla.DeadlineAlertDelegate} walks): placed anywhere else (behind a
     * timer on a receive task or a sub-process, or in the main flow) it found no task and sent nothing, or failed the
     * step before it with an English error.
     */
    private static void deadlineStepsBehindATaskTimer(Element root, String resource, List<String> problems) {
        Map<String, Element> byId = new HashMap<>();
        Map<String, List<Element>> incoming = new HashMap<>();
        for (Element element : elements(root, BPMN, "*")) {
            if (element.hasAttribute("id")) {
                byId.put(element.getAttribute("id"), element);
            }
            if (element.getLocalName().equals("sequenceFlow")) {
                incoming.computeIfAbsent(element.getAttribute("targetRef"), k -> new ArrayList<>()).add(element);
            }
        }
        for (Element step : elements(root, BPMN, "*")) {
            if (!DEADLINE_ALERT_DELEGATE.matcher(step.getAttributeNS(CAMUNDA, "delegateExpression")).matches()) {
                continue;
            }
            Element node = step;
            boolean found = false;
            for (int hops = 0; hops < 10 && node != null; hops++) {
                if (node.getLocalName().equals("boundaryEvent")) {
                    Element attachedTo = byId.get(node.getAttribute("attachedToRef"));
                    found = !elements(node, BPMN, "timerEventDefinition").isEmpty() && attachedTo != null
                            && attachedTo.getLocalName().equals("userTask");
                    break;
                }
                List<Element> in = incoming.getOrDefault(node.getAttribute("id"), List.of());
                node = in.size() == 1 ? byId.get(in.get(0).getAttribute("sourceRef")) : null;
            }
            if (!found) {
                problems.add(where(resource, step) + "een herinnering of escalatie (${deadlineAlertDelegate}) mailt over de"
                        + " gebruikerstaak waar haar timer op staat: zet de stap achter een niet-onderbrekende timer op een"
                        + " gebruikerstaak, met één pijl ertussen; voor een mail elders is het sjabloon \"HomePair: mail"
                        + " sturen\" (deadline step not behind a timer on a user task)");
            }
        }
    }

    private static final Pattern DEADLINE_ALERT_DELEGATE = Pattern.compile("\\s*\\$\\{\\s*deadlineAlertDelegate\\s*}\\s*");

    /**
     * A step whose outcome the application reads records it in its own form; another user task whose form has that
     * outcome's field (a copy of *Besluit nemen* kept with its form, or a form of the manager's with a field
     * {@code verdict}) records the outcome, measures and motivation on the case again, unchecked (the checks of a
     * completion go by the step's id), and the gateways and mails after the real step read them. Refused unless the
     * deployment says {@code bewust} in its name.
     */
    private void formsOfReadStepsStayTheirs(Element root, String resource, Contents contents, List<String> problems) {
        if (environment.onPurpose()) {
            return;
        }
        Map<String, String> stepOfOutcome = new java.util.TreeMap<>();
        ComplaintProcess.TASK_RESULTS.forEach((step, result) -> stepOfOutcome.merge(result.outcomeVariable(), step,
                (one, other) -> one.compareTo(other) < 0 ? one : other));
        for (Element task : elements(root, BPMN, "userTask")) {
            String formRef = task.getAttributeNS(CAMUNDA, "formRef");
            if (ComplaintProcess.TASK_RESULTS.containsKey(task.getAttribute("id")) || formRef.isBlank()
                    || ExpressionRules.isExpression(formRef)) {
                continue;
            }
            Set<String> keys = inputKeysOf(formRef, contents);
            if (keys == null) {
                continue; // a missing form is reported by form(...), an unreadable one by the form's own check
            }
            stepOfOutcome.forEach((outcome, step) -> {
                if (keys.contains(outcome)) {
                    problems.add(where(resource, task) + "het formulier '" + formRef + "' legt '" + outcome + "' vast, de"
                            + " uitkomst van " + step + ", en deze taak zou die dan opnieuw voor de zaak vastleggen; geef de"
                            + " taak een formulier zonder dat veld (of zet '" + StaleCopyCheck.ON_PURPOSE + "' in de naam van"
                            + " de deployment als dat zo bedoeld is) (outcome of a step the application reads recorded by another task)");
                }
            });
        }
    }

    /** A name in an expression that is not a method call or a bean's property: a variable, read from the case. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w.'])([A-Za-z_]\\w*)(?![\\w(.])");

    /** An expression's body, {@code ${…}} or {@code #{…}}. */
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}");

    /** Names an expression may use that are no variables (EL's own words). */
    private static final Set<String> EL_WORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "div", "mod",
            "eq", "ne", "lt", "gt", "le", "ge", "instanceof", "execution", "task");

    /**
     * A deadline (a timer, a task's due or follow-up date) that reads a variable no model and no part of the application
     * sets fails where it is evaluated: the handler completing the step before it gets an English "Cannot resolve
     * identifier", in every case, until the model is mended. A typo ({@code revisonDue}), {@code now} for {@code now()},
     * a routing value used as a date: refused here, with what the deadline may read. The names the process itself sets,
     * or a process that calls it hands it, or one it calls hands back ({@link #variablesVisibleIn}), and the
     * application's own variables ({@code VAR_…} of {@code ComplaintProcess}) count: a name only another process sets
     * (the board's {@code revisionDue} in the complaint procedure) is no value there.
     */
    private void deadlinesReadKnownVariables(Element root, String resource, Contents contents, List<String> problems) {
        // the deployment's versions replace the deployed ones: a setter deleted or mistyped in the new version is gone
        Map<String, Element> processes = new HashMap<>(environment.deployedProcesses());
        processes.putAll(contents.processElements());
        Set<String> known = new HashSet<>();
        for (Element process : processesIn(root)) {
            known.addAll(variablesVisibleIn(process.getAttribute("id"), processes));
        }
        known.addAll(APPLICATION_VARIABLES);
        // what a person enters in a task's form (a date field that a later step's follow-up date reads)
        for (Element task : elements(root, BPMN, "userTask")) {
            String formRef = task.getAttributeNS(CAMUNDA, "formRef");
            byte[] form = formRef.isBlank() ? null : formOf(formRef, contents);
            if (form != null) {
                try {
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(form).findValuesAsText("key").forEach(known::add);
                } catch (java.io.IOException unreadable) {
                    // refused by the form's own check
                }
            }
        }
        for (Element element : elements(root, null, "*")) {
            List<String> deadlines = new ArrayList<>();
            String local = element.getLocalName();
            if (BPMN.equals(element.getNamespaceURI())
                    && (local.equals("timeDate") || local.equals("timeDuration") || local.equals("timeCycle"))) {
                deadlines.add(element.getTextContent());
            }
            // and who gets a task and how urgent it is: a variable nobody sets fails every case at the task's creation
            for (String attribute : new String[] {"dueDate", "followUpDate", "candidateGroups", "priority"}) {
                if (element.hasAttributeNS(CAMUNDA, attribute)) {
                    deadlines.add(element.getAttributeNS(CAMUNDA, attribute));
                }
            }
            for (String deadline : deadlines) {
                Matcher expression = EXPRESSION.matcher(deadline.replaceAll("'[^']*'", "''")
                        .replaceAll("\"[^\"]*\"", "''"));
                while (expression.find()) {
                    Matcher name = NAME.matcher(expression.group(1));
                    while (name.find()) {
                        String variable = name.group(1);
                        if (known.contains(variable) || EL_WORDS.contains(variable) || PublishedBeans.NAMES.contains(variable)) {
                            continue;
                        }
                        boolean group = element.getAttributeNS(CAMUNDA, "candidateGroups").contains(variable);
                        boolean priority = !group && element.getAttributeNS(CAMUNDA, "priority").contains(variable);
                        String what = group ? "de kandidaatgroep" : priority ? "de prioriteit" : "de termijn";
                        String hint = variable.equals("now") ? "; bedoel je now()?" : group
                                ? "; noem de groep zelf (bijvoorbeeld handlers) of de variabele uit de routeringstabel (${handlerGroup})"
                                : "; zet hem eerst (HomePair: werkdagtermijn) of kies een bestaande, zoals assessmentDue (zie"
                                + " docs/process-data.md)";
                        String rule = group ? "candidate group" : priority ? "priority" : "deadline";
                        List<String> others = processes.entrySet().stream()
                                .filter(other -> variablesSetIn(other.getValue()).contains(variable))
                                .map(Map.Entry::getKey).sorted().toList();
                        problems.add(where(resource, owner(element)) + what + " leest '" + variable + "', maar "
                                + (others.isEmpty() ? "geen model en geen deel van de applicatie zet die variabele"
                                : "die variabele zet alleen " + String.join(", ", others) + ", en geen proces dat dit"
                                + " proces aanroept geeft hem door") + hint + " (" + rule + " reads an unknown variable)");
                    }
                }
            }
        }
    }

    /**
     * The engine makes a step's boundary timers before the step's start listeners run (an input parameter of the step is
     * read before them): a timer on a task that reads a variable the task's own start listener sets fails every case
     * with "Cannot resolve identifier" (or, set before by another step, silently takes the old date). The deadline is
     * set where the step is entered, on its incoming flow or in the step before, as the models do.
     */
    private static void timersReadNothingTheirStepSetsAtItsStart(Element root, String resource, List<String> problems) {
        Map<String, Element> byId = new HashMap<>();
        elements(root, null, "*").stream().filter(e -> e.hasAttribute("id")).forEach(e -> byId.put(e.getAttribute("id"), e));
        for (Element boundary : elements(root, BPMN, "boundaryEvent")) {
            Element step = byId.get(boundary.getAttribute("attachedToRef"));
            if (step == null) {
                continue;
            }
            Set<String> setAtStart = new HashSet<>();
            for (Element listener : elements(step, CAMUNDA, "executionListener")) {
                if (!"start".equals(listener.getAttribute("event")) || listener.getParentNode().getParentNode() != step) {
                    continue;
                }
                for (String attribute : new String[] {"expression", "delegateExpression"}) {
                    Matcher set = SET_VARIABLE.matcher(listener.getAttribute(attribute));
                    while (set.find()) {
                        setAtStart.add(set.group(1));
                    }
                }
            }
            if (setAtStart.isEmpty()) {
                continue;
            }
            for (Element timer : elements(boundary, BPMN, "timerEventDefinition")) {
                Set<String> read = new TreeSet<>();
                Matcher expression = EXPRESSION.matcher(timer.getTextContent());
                while (expression.find()) {
                    // a variable by its name, or as execution.getVariable('name') (as the procedure's own timers read some)
                    Matcher name = NAME.matcher(expression.group(1));
                    while (name.find()) {
                        read.add(name.group(1));
                    }
                    Matcher got = GET_VARIABLE.matcher(expression.group(1));
                    while (got.find()) {
                        read.add(got.group(1));
                    }
                }
                read.stream().filter(setAtStart::contains).forEach(variable -> problems.add(where(resource, boundary)
                        + "de timer leest '" + variable + "', die pas in een startlistener van de stap zelf ("
                        + step.getAttribute("id") + ") wordt gezet; de timers van een stap bestaan al voordat die listener"
                        + " draait. Zet de termijn op de inkomende pijl of in de stap ervoor (timer reads a variable its own"
                        + " step's start listener sets)"));
            }
        }
    }

    /** The variables the application itself gives a case's processes ({@code VAR_…} constants). */
    static final Set<String> APPLICATION_VARIABLES = applicationVariables();

    private static Set<String> applicationVariables() {
        Set<String> names = new HashSet<>();
        for (Class<?> holder : List.of(ComplaintProcess.class)) {
            for (java.lang.reflect.Field field : holder.getFields()) {
                if (field.getName().startsWith("VAR_") && field.getType() == String.class
                        && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    try {
                        names.add((String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return names;
    }

    /** What records a step's outcome on the case, by the step that gives it (the listener's element). */
    static final Map<String, String> OUTCOME_RECORDED_AT = Map.of(
            "complaintLifecycle.decided", ComplaintProcess.TASK_DECIDE,
            "complaintLifecycle.boardDecided", ComplaintProcess.TASK_REVIEW_OBJECTION,
            "complaintLifecycle.revised", ComplaintProcess.TASK_REVISE_DECISION,
            "complaintLifecycle.measureReviewed", ComplaintProcess.TASK_REVIEW_MEASURE);

    /** Each of those calls as found in an expression ({@code complaintLifecycle.decided (…)}). */
    private static final Map<String, Pattern> OUTCOME_CALLS = OUTCOME_RECORDED_AT.keySet().stream().collect(
            java.util.stream.Collectors.toMap(call -> call, call -> Pattern.compile(Pattern.quote(call) + "\\s*\\(")));

    /**
     * A step copied with its listeners (the manager guide's quickest way to add a task copies one with its timers)
     * carries what records its original's outcome: a copy of *Besluit nemen* placed before the decision failed every
     * case at its completion (no verdict yet), one placed after it recorded the decision again and moved the objection
     * window six months on. Such a listener belongs to its own step only.
     */
    private static void outcomesRecordedAtTheirOwnStep(Element root, String resource, List<String> problems) {
        for (Element listener : elements(root, null, "*")) {
            if (!CAMUNDA.equals(listener.getNamespaceURI()) || !listener.getLocalName().endsWith("Listener")) {
                continue;
            }
            String expression = listener.getAttribute("expression");
            Element owner = owner(listener);
            OUTCOME_RECORDED_AT.forEach((call, step) -> {
                if (OUTCOME_CALLS.get(call).matcher(expression).find() && !step.equals(owner.getAttribute("id"))) {
                    problems.add(where(resource, owner) + "de luisteraar ${" + call + "(…)} legt de uitkomst van stap " + step
                            + " vast en hoort alleen daar; haal hem weg bij deze (gekopieerde?) stap, onder Execution listeners"
                            + " (outcome recorded by another step)");
                }
            });
            // the rest of *Besluit nemen*'s listeners, copied with it: the case would fall back to "Wacht op besluit", and
            // the mail would promise an objection window the case does not keep (the decision's own date stays on it)
            boolean otherTask = BPMN.equals(owner.getNamespaceURI()) && owner.getLocalName().equals("userTask")
                    && !ComplaintProcess.TASK_DECIDE.equals(owner.getAttribute("id"));
            if (otherTask && (SETS_OBJECTION_DEADLINE.matcher(expression).find() || AWAITING_DECISION.matcher(expression).find())) {
                problems.add(where(resource, owner) + "de luisteraar " + expression + " hoort bij " + ComplaintProcess.TASK_DECIDE
                        + " (Besluit nemen): hij zet de bezwaartermijn of de status van het besluit; haal hem weg bij deze"
                        + " (gekopieerde?) taak, onder Execution listeners (listener of the decision on another task)");
            }
        }
    }

    private static final Pattern AWAITING_DECISION = Pattern.compile(
            "complaintLifecycle\\s*\\.\\s*status\\s*\\([^,()]*,\\s*'AWAITING_DECISION'\\s*\\)");

    /** The processes of an objection, where the board has tasks. */
    static final List<String> OBJECTION_PROCESSES = List.of(ComplaintProcess.BOARD_PROCESS_KEY,
            ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY);

    /** The id of the process an element is in. */
    private static String processOf(Element element) {
        for (org.w3c.dom.Node node = element; node != null; node = node.getParentNode()) {
            if (node instanceof Element candidate && BPMN.equals(candidate.getNamespaceURI())
                    && candidate.getLocalName().equals("process")) {
                return candidate.getAttribute("id");
            }
        }
        return "";
    }

    /** The fewest months an objection window may last: EU Digital Services Act art. 20 (R9). */
    static final int LEAST_OBJECTION_MONTHS = 6;

    private static final Pattern SETS_OBJECTION_DEADLINE = Pattern.compile("setVariable\\s*\\(\\s*'objectionDeadline'\\s*,");
    private static final Pattern OBJECTION_MONTHS = Pattern.compile(
            "setVariable\\s*\\(\\s*'objectionDeadline'\\s*,\\s*workingDays\\s*\\.\\s*monthsAfter\\s*\\([^,()]*(?:\\([^()]*\\))?[^,()]*,\\s*(\\d+)\\s*\\)\\s*\\)");

    /**
     * The objection window is a floor of the law, not a manager's choice (R9: at least six months after the decision,
     * EU Digital Services Act art. 20): a model that sets {@code objectionDeadline} does so with
     * {@code workingDays.monthsAfter(…, n)}, n at least six. Three models set it (the decision, a revised decision, a
     * measure reviewed); a shorter window refused complainants' objections as late.
     */
    private static void objectionWindow(Element root, String resource, List<String> problems) {
        for (Element element : elements(root, null, "*")) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < element.getAttributes().getLength(); i++) {
                texts.add(element.getAttributes().item(i).getNodeValue());
            }
            if ("objectionDeadline".equals(element.getAttribute("name")) && CAMUNDA.equals(element.getNamespaceURI())) {
                problems.add(where(resource, owner(element)) + "de bezwaartermijn (objectionDeadline) wordt gezet in een"
                        + " luisteraar: ${execution.setVariable('objectionDeadline', workingDays.monthsAfter(now(), 6))}"
                        + " (objection deadline set elsewhere)");
                continue;
            }
            for (String text : texts) {
                if (!SETS_OBJECTION_DEADLINE.matcher(text).find()) {
                    continue;
                }
                Matcher months = OBJECTION_MONTHS.matcher(text);
                if (!months.find() || Integer.parseInt(months.group(1)) < LEAST_OBJECTION_MONTHS) {
                    problems.add(where(resource, owner(element)) + "de bezwaartermijn is ten minste " + LEAST_OBJECTION_MONTHS
                            + " maanden na het besluit (EU Digital Services Act art. 20): zet objectionDeadline met"
                            + " workingDays.monthsAfter(now(), " + LEAST_OBJECTION_MONTHS + ") of meer maanden"
                            + " (objection window shorter than the legal floor)");
                }
            }
        }
    }

    /**
     * The procedure's own terms that the public pages and the figures (R16) promise and measure: the acknowledgement
     * within two working days (R5), a message set aside handled within two. Shorter may; longer would alert the team lead
     * after the procedure's term while the pages promise two and the figures count the third day as late.
     */
    static final Map<String, Integer> MOST_WORKING_DAYS = Map.of("acknowledgementDue", 2, "handlingDue", 2);

    /** {@code setVariable('name',}: what follows it, to the end of the attribute, is the value's expression. */
    private static final Pattern SETS_VARIABLE = Pattern.compile("setVariable\\s*\\(\\s*'(\\w+)'\\s*,");

    /**
     * The variables an element sets, each with the text of its expression: in a listener, as the models do
     * ({@code setVariable('x', …)}, the rest of the attribute after the name); by a step's result (HomePair:
     * werkdagtermijn); by an output mapping.
     */
    private static Map<String, String> variablesSetBy(Element element) {
        Map<String, String> setters = new java.util.LinkedHashMap<>();
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            String value = element.getAttributes().item(i).getNodeValue();
            Matcher sets = SETS_VARIABLE.matcher(value);
            while (sets.find()) {
                setters.put(sets.group(1), value.substring(sets.end()));
            }
        }
        String result = element.getAttributeNS(CAMUNDA, "resultVariable");
        if (!result.isBlank()) {
            setters.put(result, element.getAttributeNS(CAMUNDA, "expression"));
        }
        if (CAMUNDA.equals(element.getNamespaceURI()) && element.getLocalName().equals("outputParameter")) {
            setters.put(element.getAttribute("name"), element.getTextContent());
        }
        return setters;
    }
    /**
     * A term that is one {@code workingDays.deadline(x, n)} and nothing else (in a listener after the variable's name,
     * or as a step's or mapping's whole expression): n is what the check reads.
     */
    private static final Pattern DEADLINE_DAYS = Pattern.compile(
            "\\s*(?:\\$\\{)?\\s*workingDays\\s*\\.\\s*deadline\\s*\\(((?:(?!deadline\\s*\\().)*),\\s*(\\d+)\\s*\\)\\s*(?:\\)\\s*)?\\}?\\s*",
            Pattern.DOTALL);

    private static void acknowledgementTerms(Element root, String resource, List<String> problems) {
        for (Element element : elements(root, null, "*")) {
            Map<String, String> setters = variablesSetBy(element);
            setters.keySet().retainAll(MOST_WORKING_DAYS.keySet());
            setters.forEach((variable, expression) -> {
                int most = MOST_WORKING_DAYS.get(variable);
                Matcher days = DEADLINE_DAYS.matcher(expression);
                String example = "${execution.setVariable('" + variable + "', workingDays.deadline(receivedAt, " + most + "))}";
                if (!days.matches()) {
                    problems.add(where(resource, owner(element)) + "de termijn " + variable + " is een berekening die deze"
                            + " controle niet kan lezen; zet hem met workingDays.deadline(…, n), ten hoogste " + most
                            + " werkdagen: " + example + " (term the check cannot read)");
                } else if (Integer.parseInt(days.group(2)) > most) {
                    problems.add(where(resource, owner(element)) + "de termijn " + variable + " is ten hoogste " + most
                            + " werkdagen (de klachtenprocedure en de pagina's voor de klager beloven " + most + ", de"
                            + " rapportage meet daartegen): " + example + "; korter mag (term longer than the procedure allows)");
                }
            });
        }
    }

    private static final Pattern REMINDER_BEFORE = Pattern.compile(
            "workingDays\\s*\\.\\s*reminderBefore\\s*\\(\\s*(\\w+)\\s*,\\s*(\\d+)\\s*\\)");

    /**
     * A reminder {@code reminderBefore(due, n)} on a term the model sets as {@code workingDays.deadline(x, m)} with m no
     * more than n falls on or before the day the term begins: it goes out with the request itself ("we missen nog
     * informatie" seconds after the question). A manager who shortens a term (the ten working days for an answer) must
     * shorten its reminder too. Terms the routing table gives (a variable's days) are not read here.
     */
    private static void remindersWithinTheirTerm(Element root, String resource, List<String> problems) {
        Map<String, Integer> terms = new HashMap<>();
        for (Element element : elements(root, null, "*")) {
            variablesSetBy(element).forEach((variable, expression) -> {
                Matcher days = DEADLINE_DAYS.matcher(expression);
                if (days.matches()) {
                    terms.merge(variable, Integer.parseInt(days.group(2)), Math::min);
                }
            });
        }
        for (Element timer : elements(root, BPMN, "timerEventDefinition")) {
            Matcher reminder = REMINDER_BEFORE.matcher(timer.getTextContent());
            while (reminder.find()) {
                Integer term = terms.get(reminder.group(1));
                int before = Integer.parseInt(reminder.group(2));
                if (term != null && term <= before) {
                    problems.add(where(resource, owner((Element) timer.getParentNode())) + "de herinnering valt " + before
                            + " werkdagen voor " + reminder.group(1) + ", een termijn van " + term + " werkdagen: ze gaat"
                            + " dan meteen bij het begin van de termijn. Kies minder werkdagen in reminderBefore("
                            + reminder.group(1) + ", …) dan de termijn heeft (reminder before its term begins)");
                }
            }
        }
    }

    private static final Pattern QUEUED_MAIL = Pattern.compile(
            "sendMailDelegate\\s*\\.\\s*queue\\s*\\(\\s*execution\\s*,\\s*'([^']*)'\\s*,\\s*'([^']*)'\\s*\\)");

    private static void recipient(String value, String where, List<String> problems) {
        List<String> recipients = Arrays.stream(MailRecipient.values()).map(Enum::name).toList();
        if (!recipients.contains(value.strip())) {
            problems.add(where + "de ontvanger '" + value + "' bestaat niet; kies uit " + recipients
                    + " (unknown mail recipient)");
        }
    }

    private void mailText(String value, String where, List<String> problems) {
        if (!environment.mailTemplateExists(value)) {
            problems.add(where + "de mailtekst '" + value + "' bestaat niet (geen " + value + ".html en " + value
                    + ".txt bij de mailteksten); kies een bestaande tekst in het sjabloon 'mail sturen' of laat de"
                    + " nieuwe tekst eerst plaatsen (unknown mail template)");
        }
    }

    /**
     * A mail step runs in the background with retries, as every mail step of the procedure does: sent in the
     * transaction before it, a mail server that is down would undo the handler's completed task, and without a retry
     * cycle the engine tries three times at once and stops with an incident, so a complainant's mail waits for an
     * administrator after a minute's outage. The Modeler's template "HomePair: mail sturen" sets the first; a template
     * cannot set the second, so the manager types it.
     */
    private static void mailStepsRetry(Element root, String resource, List<String> problems) {
        for (Element element : elements(root, BPMN, "*")) {
            Matcher bean = SIMPLE_BEAN.matcher(element.getAttributeNS(CAMUNDA, "delegateExpression").strip());
            if (!bean.matches() || !bean.group(1).equals(MAIL_STEP_BEAN)) {
                continue;
            }
            boolean background = "true".equals(element.getAttributeNS(CAMUNDA, "asyncBefore"))
                    || "true".equals(element.getAttributeNS(CAMUNDA, "async"));
            boolean retries = elements(element, CAMUNDA, "failedJobRetryTimeCycle").stream()
                    .anyMatch(cycle -> !cycle.getTextContent().isBlank());
            if (!background || !retries) {
                problems.add(where(resource, element) + "een mailstap loopt op de achtergrond en probeert het opnieuw als de"
                        + " mailserver even niet bereikbaar is: vink bij Asynchronous continuations 'Before' aan en zet"
                        + " 'Retry time cycle' op R10/PT30M (tien keer, elk half uur) (mail step without asynchronous retries)");
            }
        }
    }

    /** The bean behind every mail step ({@code mail/SendMailDelegate}). */
    static final String MAIL_STEP_BEAN = "sendMailDelegate";

    /** One expression, nothing around it. */
    private static final Pattern WHOLE_EXPRESSION = Pattern.compile("^\\s*[$#]\\{.*}\\s*$", Pattern.DOTALL);
    /** A variable that holds a moment: {@code ${decisionDue}}, {@code ${execution.getVariable('decisionDue')}}. */
    private static final Pattern VARIABLE = Pattern.compile(
            "^\\s*[$#]\\{\\s*(\\w+|execution\\.getVariable\\(\\s*'\\w+'\\s*\\))\\s*}\\s*$");
    /** A duration, cycle or date written out inside an expression: {@code ${'P10D'}}, {@code ${x ? 'P1D' : 'P2D'}}. */
    private static final Pattern WRITTEN_OUT_TIME = Pattern.compile("['\"]\\s*(R\\d*/)?(P[\\dTYMWDHS.]+|\\d{4}-\\d{2}-\\d{2})");

    /**
     * Whether a timer's or a due date's value comes from the working-day calendar (R11): one expression that calls
     * {@code workingDays} or reads a variable (set by the calendar, as {@code ${decisionDue}}), and spells out no
     * duration or date. A fixed {@code P10D}, also as {@code ${'P10D'}} or {@code P${days}D}, counts calendar days
     * and ignores holidays and office hours.
     */
    static boolean throughWorkingDays(String value) {
        return value != null && WHOLE_EXPRESSION.matcher(value).matches() && !WRITTEN_OUT_TIME.matcher(value).find()
                && (VARIABLE.matcher(value).matches() || value.contains(WORKING_DAYS + "."));
    }

    /** The working-day calendar as models call it ({@code sla/WorkingDayCalendar}). */
    static final String WORKING_DAYS = "workingDays";

    /** A fixed duration or date counts calendar days and ignores holidays and office hours (R11). */
    private static void timers(Element root, String resource, List<String> problems) {
        for (Element timer : elements(root, BPMN, "timerEventDefinition")) {
            for (String local : List.of("timeDate", "timeDuration", "timeCycle")) {
                for (Element definition : elements(timer, BPMN, local)) {
                    if (local.equals("timeCycle")) {
                        // a fixed cycle counts calendar days; the calendar gives a moment, which as a cycle fails
                        // every case where the timer is made (the engine reads no cycle from a date)
                        problems.add(where(resource, owner((Element) timer.getParentNode())) + "de timer is een herhaling"
                                + " (type Cycle, '" + definition.getTextContent().strip() + "'); de werkdagenkalender geeft"
                                + " een moment: kies bij Timer het type Date met bijvoorbeeld"
                                + " ${workingDays.officeMomentFrom(workingDays.reminderBefore(termijn, 1), now())}, en voor"
                                + " een tweede herinnering een tweede timer (timer cycle not supported)");
                    } else if (!throughWorkingDays(definition.getTextContent())) {
                        // named by its event, which the Modeler shows, not by the timer definition inside it
                        problems.add(where(resource, owner((Element) timer.getParentNode())) + "de timer '" + definition.getTextContent().strip()
                                + "' telt kalenderdagen; gebruik de werkdagenkalender, bijvoorbeeld"
                                + " ${workingDays.officeMomentFrom(workingDays.afterDeadline(termijn), now())}"
                                + ", bij Timer van het type Date (timer not through workingDays)");
                    }
                }
            }
        }
    }

    /**
     * An exclusive or inclusive gateway with a choice decides every case: each flow but the
     * default has a condition, and a gateway without default that routes on a task's coded
     * outcome names every code (an unknown outcome stops at the task, decisions.md).
     */
    private static void gateways(Element root, String resource, List<String> problems) {
        Map<String, Element> flows = new HashMap<>();
        for (Element flow : elements(root, BPMN, "sequenceFlow")) {
            flows.put(flow.getAttribute("id"), flow);
        }
        Map<String, List<String>> codes = new HashMap<>();
        ComplaintProcess.TASK_RESULTS.values().stream().filter(r -> r.codes() != null)
                .forEach(r -> codes.put(r.outcomeVariable(), r.codeNames()));
        Map<String, Set<String>> routed = new HashMap<>();
        Map<String, Set<String>> gatewaysOf = new HashMap<>();
        for (String local : List.of("exclusiveGateway", "inclusiveGateway")) {
            for (Element gateway : elements(root, BPMN, local)) {
                List<Element> outgoing = flows.values().stream()
                        .filter(f -> f.getAttribute("sourceRef").equals(gateway.getAttribute("id"))).toList();
                if (outgoing.size() < 2) {
                    continue;
                }
                String defaultFlow = gateway.getAttribute("default");
                Map<String, Set<String>> compared = new HashMap<>();
                for (Element flow : outgoing) {
                    if (flow.getAttribute("id").equals(defaultFlow)) {
                        continue;
                    }
                    List<Element> conditions = elements(flow, BPMN, "conditionExpression");
                    if (conditions.isEmpty() || conditions.get(0).getTextContent().isBlank()) {
                        problems.add(where(resource, gateway) + "de uitgang " + flow.getAttribute("id")
                                + " heeft geen voorwaarde en is niet de standaarduitgang (gateway without complete conditions)");
                        continue;
                    }
                    Matcher comparison = COMPARISON.matcher(conditions.get(0).getTextContent());
                    while (comparison.find()) {
                        compared.computeIfAbsent(comparison.group(1), v -> new LinkedHashSet<>()).add(comparison.group(2));
                    }
                }
                if (defaultFlow.isBlank()) {
                    compared.forEach((variable, values) -> {
                        routed.computeIfAbsent(variable, v -> new LinkedHashSet<>()).addAll(values);
                        gatewaysOf.computeIfAbsent(variable, v -> new LinkedHashSet<>()).add(gateway.getAttribute("id"));
                    });
                }
            }
        }
        // one outcome may be split over gateways in a row (first "reject or complete?", then "mediate?")
        routed.forEach((variable, values) -> {
            List<String> known = codes.get(variable);
            if (known != null && !values.containsAll(known)) {
                Set<String> missing = new TreeSet<>(known);
                missing.removeAll(values);
                problems.add(resource + ", element " + String.join("/", gatewaysOf.get(variable))
                        + ": de voorwaarden dekken niet elke uitkomst van " + variable + ": er is geen uitgang voor "
                        + String.join(", ", missing) + " (gateway without complete conditions)");
            }
        });
    }

    /** The nearest element with an id (a listener's task, a timer's event). */
    static Element owner(Element element) {
        org.w3c.dom.Node node = element;
        while (node instanceof Element e) {
            if (e.hasAttribute("id")) {
                return e;
            }
            node = e.getParentNode();
        }
        return element;
    }

    static String where(String resource, Element element) {
        return resource + (element.hasAttribute("id") ? ", element " + element.getAttribute("id") : "") + ": ";
    }

    private static List<Element> elements(Element root, String namespace, String local) {
        NodeList nodes = root.getElementsByTagNameNS(namespace == null ? "*" : namespace, local);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    /** Keys of the forms, processes and decisions in a deployment's resources. */
    static Contents contents(Map<String, byte[]> resources, java.util.function.Function<byte[], Element> parse) {
        Map<String, byte[]> forms = new HashMap<>();
        Set<String> processes = new HashSet<>();
        Set<String> decisions = new HashSet<>();
        Map<String, Element> processElements = new HashMap<>();
        resources.forEach((name, content) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            try {
                if (lower.endsWith(".form")) {
                    com.fasterxml.jackson.databind.JsonNode form = new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(new String(content, StandardCharsets.UTF_8));
                    if (form.hasNonNull("id")) {
                        forms.put(form.get("id").asText(), content);
                    }
                } else if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
                    Element root = parse.apply(content);
                    elements(root, BPMN, "process").forEach(p -> {
                        processes.add(p.getAttribute("id"));
                        processElements.put(p.getAttribute("id"), p);
                    });
                } else if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
                    elements(parse.apply(content), null, "decision").forEach(d -> decisions.add(d.getAttribute("id")));
                }
            } catch (RuntimeException | java.io.IOException e) {
                // an unreadable resource is reported by its own check
            }
        });
        return new Contents(forms, processes, decisions, processElements);
    }

    private static final Pattern GET_VARIABLE = Pattern.compile("getVariable\\s*\\(\\s*'([A-Za-z_]\\w*)'");

    private static final Pattern SET_VARIABLE = Pattern.compile("setVariable(?:Local)?\\s*\\(\\s*'([A-Za-z_]\\w*)'");

    /**
     * The variables a process model sets: {@code setVariable('name', …)} in its expressions, its input and output
     * parameters, a result variable. What a deadline may read besides what the application sets.
     */
    static Set<String> variablesSetIn(Element root) {
        Set<String> names = new HashSet<>();
        for (Element element : elements(root, null, "*")) {
            if (CAMUNDA.equals(element.getNamespaceURI())
                    && (element.getLocalName().equals("inputParameter") || element.getLocalName().equals("outputParameter"))) {
                names.add(element.getAttribute("name"));
            }
            if (CAMUNDA.equals(element.getNamespaceURI()) && element.getLocalName().equals("out")
                    && !element.getAttribute("target").isBlank()) {
                names.add(element.getAttribute("target")); // handed back by a called process
            }
            String result = element.getAttributeNS(CAMUNDA, "resultVariable");
            if (!result.isBlank()) {
                names.add(result);
            }
            for (int i = 0; i < element.getAttributes().getLength(); i++) {
                Matcher set = SET_VARIABLE.matcher(element.getAttributes().item(i).getNodeValue());
                while (set.find()) {
                    names.add(set.group(1));
                }
            }
        }
        return names;
    }

    /** The forms a process's tasks and start events open ({@code camunda:formRef}). */
    static Set<String> formRefs(Element process) {
        Set<String> refs = new HashSet<>();
        for (Element element : elements(process, BPMN, "*")) {
            if (element.hasAttributeNS(CAMUNDA, "formRef")) {
                refs.add(element.getAttributeNS(CAMUNDA, "formRef"));
            }
        }
        return refs;
    }

    /** The {@code bpmn:process} elements of a model. */
    static List<Element> processesIn(Element root) {
        return elements(root, BPMN, "process");
    }

    /**
     * What the expressions of process {@code key} may read from the models: what it sets itself, what a process that
     * calls it hands it by name ({@code <camunda:in source="…" target="…"/>}) or with all its variables ({@code
     * <camunda:in variables="all"/>}: all that caller can read), and all that a process it calls with {@code
     * <camunda:out variables="all"/>} sets.
     */
    static Set<String> variablesVisibleIn(String key, Map<String, Element> processes) {
        Set<String> visible = new HashSet<>();
        Set<String> seen = new HashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(key));
        while (!todo.isEmpty()) {
            String current = todo.poll();
            Element process = processes.get(current);
            if (!seen.add(current) || process == null) {
                continue;
            }
            visible.addAll(variablesSetIn(process));
            for (Element call : elements(process, BPMN, "callActivity")) {
                Element called = processes.get(call.getAttribute("calledElement"));
                if (called != null && handsOverAll(call, "out")) {
                    visible.addAll(variablesSetIn(called));
                }
            }
            processes.forEach((callerKey, caller) -> {
                for (Element call : elements(caller, BPMN, "callActivity")) {
                    if (!current.equals(call.getAttribute("calledElement"))) {
                        continue;
                    }
                    // handed over by name (<camunda:in source="decisionDue" target="reviewDue"/>), or all of them
                    elements(call, CAMUNDA, "in").stream().map(mapping -> mapping.getAttribute("target"))
                            .filter(target -> !target.isBlank()).forEach(visible::add);
                    if (handsOverAll(call, "in")) {
                        todo.add(callerKey);
                    }
                }
            });
        }
        return visible;
    }

    private static boolean handsOverAll(Element call, String direction) {
        return elements(call, CAMUNDA, direction).stream().anyMatch(mapping -> "all".equals(mapping.getAttribute("variables")));
    }
}
