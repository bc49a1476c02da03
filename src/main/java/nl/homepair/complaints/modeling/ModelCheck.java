package nl.homepair.complaints.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import nl.homepair.complaints.complaint.ComplaintProcess;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The rules a model must follow before the engine takes it (issue 12): no code by
 * deployment. A BPMN model may not contain script tasks, scripts (in listeners, in
 * input/output mappings, as conditions), Java classes ({@code camunda:class} and the
 * like) or connectors, every expression must pass {@link ExpressionRules}, and every user
 * task has a due date and a timer (nothing waits unseen, issue 10). A DMN
 * table is written in FEEL only. Forms are shown by Tasklist and run no server code; their
 * choices for what a task records must be the procedure's codes.
 */
public final class ModelCheck {

    /** Element names (any namespace) that run code or call out. */
    private static final Set<String> CODE_ELEMENTS = Set.of("scriptTask", "script", "connector");
    /** Human text, never evaluated. */
    private static final Set<String> PROSE = Set.of("documentation", "textAnnotation");

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

    private final ExpressionRules expressions;
    private final ReferenceRules references;
    private final ModelEnvironment environment;

    /** @param environment the beans, forms, processes, decisions and groups that exist outside the deployment */
    public ModelCheck(ModelEnvironment environment) {
        this.environment = environment;
        this.expressions = new ExpressionRules(environment::isBean);
        this.references = new ReferenceRules(environment);
    }

    /**
     * Problems with a deployment, each naming the resource and the element; empty when it may
     * be deployed. A model may name forms, processes and decisions of the same deployment.
     */
    public List<String> problems(Map<String, byte[]> resources) {
        ReferenceRules.Contents contents = ReferenceRules.contents(resources, ModelCheck::root);
        List<String> problems = new ArrayList<>();
        resources.forEach((name, content) -> problems.addAll(problems(name, content, contents)));
        return problems;
    }

    /**
     * The groups that these models give cases to (candidate groups of user tasks, groups a routing table routes
     * to), whatever their role; {@code security.HandlerGroups} keeps those that handle cases.
     */
    public static Set<String> groupsGivenCases(Map<String, byte[]> resources) {
        return ReferenceRules.groupsGivenCases(resources, ModelCheck::root);
    }

    /** The root element of a model's XML (the check's own secure parser); IllegalArgumentException when unreadable. */
    static Element root(byte[] content) {
        try {
            return parse(content).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Per process of a BPMN model, its elements: id to name ("" without one), in the order of the file. Empty for a
     * model that is no readable XML (the check refuses it with its reason).
     */
    static Map<String, Map<String, String>> elementsByProcess(byte[] bpmn) {
        Map<String, Map<String, String>> processes = new java.util.LinkedHashMap<>();
        Element root;
        try {
            root = parse(bpmn).getDocumentElement();
        } catch (SAXException | IOException | IllegalStateException e) {
            return processes;
        }
        NodeList found = root.getElementsByTagNameNS(BPMN, "process");
        for (int i = 0; i < found.getLength(); i++) {
            Element process = (Element) found.item(i);
            Map<String, String> elements = new java.util.LinkedHashMap<>();
            NodeList inside = process.getElementsByTagNameNS("*", "*");
            for (int j = 0; j < inside.getLength(); j++) {
                Element element = (Element) inside.item(j);
                if (BPMN.equals(element.getNamespaceURI()) && element.hasAttribute("id")) {
                    elements.put(element.getAttribute("id"), element.getAttribute("name"));
                }
            }
            processes.put(process.getAttribute("id"), elements);
        }
        return processes;
    }

    /** Problems with one resource deployed on its own. */
    public List<String> problems(String resourceName, byte[] content) {
        return problems(Map.of(resourceName, content));
    }

    private List<String> problems(String resourceName, byte[] content, ReferenceRules.Contents contents) {
        String name = resourceName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".cmmn") || name.endsWith(".cmmn11.xml") || name.endsWith(".cmmn10.xml")) {
            return List.of(resourceName + ": CMMN-modellen worden niet gebruikt (CMMN models are not accepted)");
        }
        boolean bpmn = name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
        boolean dmn = name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
        if (name.endsWith(".form")) {
            List<String> problems = new ArrayList<>(formProblems(resourceName, content));
            problems.addAll(formIdAndFile(resourceName, content, contents));
            problems.addAll(keptFields(resourceName, content));
            problems.addAll(outcomesOnlyInTheirForms(resourceName, content, contents));
            return problems;
        }
        if (!bpmn && !dmn) {
            // an embedded form (.html) or a script beside a model would run in the Tasklist of whoever opens the task
            return List.of(resourceName + ": alleen modellen (.bpmn, .dmn) en Camunda Forms (.form) kunnen worden"
                    + " gedeployd (other resources are refused)");
        }
        Element root;
        try {
            root = parse(content).getDocumentElement();
        } catch (SAXException | IOException e) {
            return List.of(resourceName + ": het model is geen leesbare XML (" + e.getMessage() + ")");
        }
        List<String> problems = new ArrayList<>();
        walk(root, null, dmn, resourceName, problems);
        if (bpmn) {
            userTasksHaveDeadlines(root, resourceName, problems);
            restartsInterrupt(root, resourceName, problems);
            peopleStayWithTheCase(root, resourceName, problems);
            CaseEnds.problems(root, resourceName, problems);
            references.bpmn(root, resourceName, contents, problems);
        } else {
            references.dmn(root, resourceName, problems);
        }
        return problems;
    }

    /**
     * A form deployed again applies at once to every open task that uses it (R15), and the procedure reads what
     * its fields record: the outcome, the motivation that goes into the decision mail, a measure that decides
     * whether the affected user gets a statement of reasons. A field the deployed version had may therefore not
     * disappear or get another key (the Form editor gives a field deleted and added again a generated key such as
     * {@code checkbox_0x1}); a field only shown (read-only) may. New fields are fine. A field the application's own
     * release never had in this form (the manager added it) may go when the deployment says so on purpose
     * ({@code bewust} in its name): nothing of the application reads it, and the manager knows whether a model does.
     */
    private List<String> keptFields(String resource, byte[] content) {
        JsonNode form = readable(content);
        if (form == null) {
            return List.of(); // formProblems says so
        }
        String id = form.path("id").asText();
        byte[] deployed = id.isBlank() ? null : environment.deployedForm(id);
        if (deployed == null) {
            return List.of();
        }
        Set<String> now = inputKeys(form);
        Set<String> before;
        try {
            before = inputKeys(new ObjectMapper().readTree(deployed));
        } catch (IOException e) {
            return List.of();
        }
        // unknown (unreadable) release forms: every field counts as the release's
        Set<String> released = ReleasedForms.KEYS == null ? before : ReleasedForms.KEYS.getOrDefault(id, Set.of());
        return before.stream().filter(key -> !now.contains(key))
                .filter(key -> released.contains(key) || !environment.onPurpose()).sorted()
                .map(key -> resource + ", veld " + key + ": de vorige versie van formulier '" + id + "' had dit veld en de"
                        + " procedure leest wat erin staat; een los gedeployd formulier geldt meteen voor elke open taak."
                        + " Houd het veld met dezelfde sleutel (Key) " + key + "; verbergen kan, verwijderen of hernoemen"
                        + " vraagt een aangepast proces" + (released.contains(key) ? "" : ". Heb je het veld zelf toegevoegd"
                        + " en leest geen model het meer (bijvoorbeeld bij terugdraaien), zet dan '" + StaleCopyCheck.ON_PURPOSE
                        + "' in de naam van de deployment") + " (field of the deployed form removed or renamed)")
                .toList();
    }

    /** A form's JSON, or null when it is none (formProblems names why). */
    private static JsonNode readable(byte[] content) {
        try {
            return new ObjectMapper().readTree(content);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The outcome of a step the application reads ({@code verdict}, {@code assessmentOutcome}, …) is recorded by that
     * step's form only: a form of the manager's with such a field (deployed on its own, for a task that already opens
     * it) recorded the verdict and measures on the case again, unchecked. A release form keeps the outcomes it has;
     * another needs {@code bewust} in the deployment's name. (The model's side: {@code ReferenceRules}.)
     */
    private List<String> outcomesOnlyInTheirForms(String resource, byte[] content, ReferenceRules.Contents contents) {
        if (environment.onPurpose() || ReleasedForms.KEYS == null) {
            return List.of();
        }
        JsonNode form = readable(content);
        if (form == null) {
            return List.of(); // formProblems says so
        }
        String id = form.path("id").asText();
        Set<String> released = new HashSet<>(ReleasedForms.KEYS.getOrDefault(id, Set.of()));
        // the step whose outcome it is opens it (a form of its own the manager gave the step, with its model)
        Map<String, Element> processes = new HashMap<>(environment.deployedProcesses());
        processes.putAll(contents.processElements());
        for (Element process : processes.values()) {
            NodeList tasks = process.getElementsByTagNameNS(BPMN, "userTask");
            for (int i = 0; i < tasks.getLength(); i++) {
                Element task = (Element) tasks.item(i);
                ComplaintProcess.TaskResult result = ComplaintProcess.TASK_RESULTS.get(task.getAttribute("id"));
                if (result != null && id.equals(task.getAttributeNS(CAMUNDA, "formRef"))) {
                    released.add(result.outcomeVariable());
                }
            }
        }
        Set<String> keys = inputKeys(form);
        return ComplaintProcess.TASK_RESULTS.values().stream().map(ComplaintProcess.TaskResult::outcomeVariable).distinct()
                .filter(keys::contains).filter(outcome -> !released.contains(outcome)).sorted()
                .map(outcome -> resource + ", veld " + outcome + ": '" + outcome + "' is de uitkomst van een stap die de"
                        + " procedure leest, en dit formulier zou haar opnieuw voor de zaak vastleggen; geef het veld een"
                        + " andere sleutel (Key) (of zet '" + StaleCopyCheck.ON_PURPOSE + "' in de naam van de deployment als"
                        + " dat zo bedoeld is) (outcome of a step the application reads recorded by another form)")
                .toList();
    }

    /**
     * Steps open a form by its id, which the Modeler's "Save as" keeps: a copy saved as {@code juridische-toets.form}
     * with the id {@code decideComplaint} would become the form of every open and new decision, and an id changed
     * inside {@code decide-complaint.form} deploys a form no step opens (the change never shows). The release ties each
     * form's id to its file; a deployment keeps them tied, or says with {@code bewust} in its name that it means the
     * other form.
     */
    private List<String> formIdAndFile(String resource, byte[] content, ReferenceRules.Contents contents) {
        if (ReleasedForms.FILES == null) {
            return List.of();
        }
        String id;
        try {
            id = new ObjectMapper().readTree(content).path("id").asText();
        } catch (IOException e) {
            return List.of(); // formProblems says so
        }
        String file = fileName(resource);
        // the release's form of that id, or else the file the form of that id was last deployed in (a manager's own)
        String releasedFile = ReleasedForms.FILES.get(id);
        if (releasedFile == null && environment.deployedFormFile(id) != null) {
            releasedFile = fileName(environment.deployedFormFile(id));
        }
        String releasedId = ReleasedForms.FILES.entrySet().stream().filter(form -> form.getValue().equalsIgnoreCase(file))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        // a new id with the models that open it, in one deployment: that is what the refusal asks for
        boolean opened = contents != null && contents.processElements().values().stream().anyMatch(process ->
                ReferenceRules.formRefs(process).contains(id));
        if (releasedId != null && !releasedId.equals(id) && !opened && !environment.onPurpose()) {
            return List.of(resource + ": dit is het formulier '" + releasedId + "', dat de stappen openen met dat id; met het"
                    + " id '" + id + "' opent geen stap deze versie en blijft elke taak het oude formulier tonen. Houd het id"
                    + " (ID) " + releasedId + "; een nieuw formulier sla je op onder een eigen bestandsnaam. Geef je het"
                    + " formulier bewust een nieuw id, deploy het dan samen met het model dat het opent, of zet '"
                    + StaleCopyCheck.ON_PURPOSE + "' in de naam van de deployment (form id changed)");
        }
        if (releasedFile != null && !releasedFile.equalsIgnoreCase(file) && !environment.onPurpose()) {
            return List.of(resource + ": dit formulier heeft het id '" + id + "' van " + releasedFile + " en zou dat formulier"
                    + " vervangen in elke open en nieuwe taak die het opent. Geef een nieuw formulier een eigen id (ID), of"
                    + " deploy het als " + releasedFile + "; bedoel je dat formulier echt, zet dan '"
                    + StaleCopyCheck.ON_PURPOSE + "' in de naam van de deployment (form with the id of another form)");
        }
        return List.of();
    }

    /** A resource's file name, without the folders its deployment named ({@code forms/x.form}, {@code processes\\y.bpmn}). */
    static String fileName(String resource) {
        String path = resource.replace('\\', '/');
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The input keys of each form as the application's release ships it ({@code forms/} on the classpath), by form id,
     * and the file each id is in; null when they cannot be read.
     */
    private static final class ReleasedForms {
        static final Map<String, Set<String>> KEYS;
        static final Map<String, String> FILES;

        static {
            Map<String, Set<String>> keys = new HashMap<>();
            Map<String, String> files = new HashMap<>();
            try {
                for (org.springframework.core.io.Resource form : new org.springframework.core.io.support
                        .PathMatchingResourcePatternResolver().getResources("classpath*:forms/**/*.form")) {
                    try (var in = form.getInputStream()) {
                        JsonNode json = new ObjectMapper().readTree(in);
                        keys.put(json.path("id").asText(), inputKeys(json));
                        files.put(json.path("id").asText(), form.getFilename());
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // the release's forms cannot be told apart: every removed field stays refused
                keys = null;
                files = null;
            }
            KEYS = keys;
            FILES = files;
        }
    }

    /**
     * The values a condition compares {@code variable} with ({@code boardDecision == 'UPHELD'}, also through
     * {@code execution.getVariable('boardDecision')}), as the deploy check reads a gateway's conditions.
     */
    public static Set<String> comparedValues(String condition, String variable) {
        Set<String> values = new HashSet<>();
        java.util.regex.Matcher comparison = ReferenceRules.COMPARISON.matcher(condition);
        while (comparison.find()) {
            if (comparison.group(1).equals(variable)) {
                values.add(comparison.group(2));
            }
        }
        return values;
    }

    /** The keys of the fields a person fills in (not those only shown, read-only or disabled). */
    public static Set<String> inputKeys(JsonNode form) {
        Set<String> keys = new HashSet<>();
        for (JsonNode field : form.findParents("key")) {
            if (field.path("type").asText().equals("text") || field.path("readonly").asBoolean(false)
                    || field.path("disabled").asBoolean(false) || !field.path("key").isTextual()) {
                continue;
            }
            keys.add(field.path("key").asText());
        }
        return keys;
    }

    /**
     * A form's choices for what a task records (verdict, assessment outcome, ...) are the codes
     * the procedure knows ({@link ComplaintProcess#TASK_RESULTS}): a form deployed on its own
     * applies at once to every open task that uses it, and a choice renamed in the form (MEDIATION
     * as BEMIDDELING) would be refused at every completion, leaving those cases stuck.
     */
    static List<String> formProblems(String resource, byte[] content) {
        JsonNode form;
        try {
            form = new ObjectMapper().readTree(content);
        } catch (IOException e) {
            return List.of(resource + ": het formulier is geen leesbare JSON (" + e.getMessage() + ")");
        }
        Map<String, List<String>> codes = new HashMap<>();
        ComplaintProcess.TASK_RESULTS.values().stream().filter(result -> result.codes() != null)
                .forEach(result -> codes.put(result.outcomeVariable(), result.codeNames()));
        // what a form records about the complaint itself, which the application reads as its own codes
        codes.put("role", codeNames(nl.homepair.complaints.complaint.ComplainantRole.values()));
        codes.put("subject", codeNames(nl.homepair.complaints.complaint.ComplaintSubject.values()));
        codes.put("channel", codeNames(nl.homepair.complaints.complaint.IntakeChannel.values()));
        codes.put("objector", List.of("COMPLAINANT", "AFFECTED_USER"));
        // a set-aside mail's choice renamed would end every open task with nothing done: no answer, no objection
        codes.put("manualMailResult", ComplaintProcess.MANUAL_MAIL_CHOICES);
        List<String> problems = new ArrayList<>(listOrObjectFields(resource, form));
        for (JsonNode field : form.findParents("key")) {
            String key = field.path("key").asText();
            if (RECIPIENT_ADDRESSES.contains(key) && (!field.path("type").asText().equals("textfield")
                    || field.hasNonNull("defaultValue") && !field.path("defaultValue").asText().isBlank())) {
                // a prefilled or computed address would send the case's mails wherever the form says
                problems.add(resource + ", veld " + key + ": een e-mailadres waar mails over de zaak heen gaan, typt de"
                        + " behandelaar zelf in een tekstveld, zonder standaardwaarde (recipient address prefilled or computed)");
            }
            List<String> known = codes.get(key);
            if (known == null) {
                continue;
            }
            if (!field.path("values").isArray() || field.path("values").isEmpty()) {
                // a text field, or choices taken from a variable (valuesKey): anything could be recorded
                problems.add(resource + ", veld " + field.path("key").asText() + ": dit veld houdt een vaste keuzelijst"
                        + " (keuzerondjes of een keuzemenu met de waarden " + String.join(", ", known) + ")"
                        + " (a coded field needs fixed choices)");
                continue;
            }
            for (JsonNode option : field.path("values")) {
                String value = option.path("value").asText();
                if (!known.contains(value)) {
                    problems.add(resource + ", veld " + field.path("key").asText() + ": de keuze '" + value
                            + "' is geen code die de procedure kent; gebruik " + String.join(", ", known)
                            + " (alleen het label mag anders) (unknown outcome code in a form)");
                }
            }
        }
        return problems;
    }

    /** The variables a mail step reads its recipient's address from ({@code MailRecipient}). */
    static final Set<String> RECIPIENT_ADDRESSES = java.util.Arrays.stream(nl.homepair.complaints.mail.MailRecipient.values())
            .map(nl.homepair.complaints.mail.MailRecipient::addressVariable).filter(java.util.Objects::nonNull)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * What a model may not do with the case's people, which the expression rules allow by themselves: write the
     * address a mail step sends to (a listener's {@code setVariable('otherPartyEmail', 'x@elders.nl')}, an input or
     * output mapping, a result, a called process's {@code camunda:in}/{@code out}), so that the case's mails (the
     * decision, with the complainant's name and the motivation) go to an outsider; or give a called process another
     * business key than the case's reference ({@code camunda:in businessKey="${decisionMotivation}"}), which Cockpit
     * lists for whoever may see processes, managers included (R12). The addresses are typed in the forms by the
     * handler; a stolen manager account must not reach the case's content through a deployment.
     */
    private static void peopleStayWithTheCase(Element root, String resource, List<String> problems) {
        NodeList all = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            String owner = ReferenceRules.where(resource, ReferenceRules.owner(element));
            java.util.Set<String> written = new java.util.TreeSet<>();
            // every expression the element holds: its attributes, and its own text (a mapping's value, a condition)
            List<String> values = new ArrayList<>();
            for (int a = 0; a < element.getAttributes().getLength(); a++) {
                values.add(element.getAttributes().item(a).getNodeValue());
            }
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    values.add(child.getNodeValue());
                }
            }
            for (String value : values) {
                Matcher call = SET_VARIABLE_CALL.matcher(value);
                boolean computed = false;
                while (call.find()) {
                    // the name is one string and nothing else ('x' == 'x' ? 'otherPartyEmail' : 'y' is a computation)
                    Matcher named = NAMED_FIRST_ARGUMENT.matcher(value).region(call.end(), value.length());
                    if (named.lookingAt()) {
                        written.add(named.group(1) != null ? named.group(1) : named.group(2));
                    } else {
                        computed = true;
                    }
                }
                if (computed) {
                    problems.add(owner + "setVariable noemt de variabele met haar naam tussen aanhalingstekens"
                            + " (setVariable('naam', …)), zodat deze controle ziet wat er wordt gezet (variable name computed)");
                }
            }
            written.add(element.getAttributeNS(CAMUNDA, "resultVariable"));
            if (CAMUNDA.equals(element.getNamespaceURI())) {
                switch (element.getLocalName()) {
                    case "inputParameter", "outputParameter" -> written.add(element.getAttribute("name"));
                    case "formField" -> written.add(element.getAttribute("id")); // a generated form's field
                    case "in", "out" -> written.add(element.getAttribute("target"));
                    default -> {
                        // nothing written by name
                    }
                }
                if (element.getLocalName().equals("in") && element.hasAttribute("businessKey")
                        && !CASE_BUSINESS_KEY.matcher(element.getAttribute("businessKey")).matches()) {
                    problems.add(owner + "een aangeroepen proces krijgt het referentienummer van de zaak als business key"
                            + " (#{execution.processBusinessKey}), niet '" + element.getAttribute("businessKey") + "': Cockpit"
                            + " toont de business key aan wie processen mag zien (business key other than the case's reference)");
                }
            }
            written.retainAll(RECIPIENT_ADDRESSES);
            for (String address : written) {
                problems.add(owner + "een model zet het e-mailadres '" + address + "' niet: daar gaan de mails over de zaak"
                        + " heen, en de behandelaar typt het in het formulier (recipient address set by a model)");
            }
        }
    }

    private static final Pattern SET_VARIABLE_CALL = Pattern.compile("setVariable(?:Local)?\\s*\\(");
    /** A call's first argument as one string: {@code 'name',}. Anything else computes the name. */
    private static final Pattern NAMED_FIRST_ARGUMENT = Pattern.compile("\\s*(?:'([A-Za-z_]\\w*)'|\"([A-Za-z_]\\w*)\")\\s*,");
    private static final Pattern CASE_BUSINESS_KEY = Pattern.compile("\\s*[#$]\\{\\s*execution\\s*\\.\\s*processBusinessKey\\s*}\\s*");

    /** Form components whose answer is a list (several ticks, tags, rows, files). */
    private static final Set<String> LIST_FIELDS = Set.of("checklist", "taglist", "dynamiclist", "filepicker");

    /**
     * A field that submits a list or a nested object (a checklist, a tag list, a dynamic list, a file picker, a group
     * with a path, a key with a dot) is refused: Camunda's Tasklist sends such a value as a JSON variable, which this
     * engine does not store (no Spin), so every open task with the form would refuse to complete, in English.
     */
    private static List<String> listOrObjectFields(String resource, JsonNode form) {
        List<String> problems = new ArrayList<>();
        for (JsonNode field : form.findParents("type")) {
            String type = field.path("type").asText();
            String name = field.path("key").isTextual() ? field.path("key").asText()
                    : field.path("path").isTextual() ? field.path("path").asText() : field.path("id").asText(type);
            if (LIST_FIELDS.contains(type)) {
                problems.add(resource + ", veld " + name + ": een veld van het type '" + type + "' legt een lijst vast,"
                        + " en die kan de procedure niet opslaan (de taak zou niet af te ronden zijn); gebruik"
                        + " keuzerondjes, een keuzemenu of losse vinkjes (a field that submits a list is refused)");
            } else if (field.path("path").isTextual() && !field.path("path").asText().isBlank()) {
                problems.add(resource + ", veld " + name + ": een groep met een pad (Path) legt zijn velden samen als één"
                        + " object vast, en dat kan de procedure niet opslaan; laat het pad leeg"
                        + " (a group with a path submits an object)");
            } else if (field.path("key").isTextual() && field.path("key").asText().contains(".")
                    && !field.path("type").asText().equals("text")) {
                problems.add(resource + ", veld " + name + ": een sleutel (Key) met een punt legt een object vast, en dat"
                        + " kan de procedure niet opslaan; gebruik een sleutel zonder punt"
                        + " (a key with a dot submits an object)");
            }
        }
        return problems;
    }

    static List<String> codeNames(Enum<?>[] codes) {
        return java.util.Arrays.stream(codes).map(Enum::name).toList();
    }

    /**
     * The messages that start a user task again with news ("Nog een e-mail", "Nog een bericht") must end the open task: a
     * non-interrupting one would leave the old task beside a new one, both open, and the next such message could not
     * tell which to restart (the mailbox would fail on that mail at every poll).
     */
    private static void restartsInterrupt(Element root, String resource, List<String> problems) {
        Set<String> restarting = new HashSet<>();
        NodeList messages = root.getElementsByTagNameNS(BPMN, "message");
        for (int i = 0; i < messages.getLength(); i++) {
            Element message = (Element) messages.item(i);
            if (RESTARTING_MESSAGES.contains(message.getAttribute("name"))) {
                restarting.add(message.getAttribute("id"));
            }
        }
        NodeList boundaries = root.getElementsByTagNameNS(BPMN, "boundaryEvent");
        for (int i = 0; i < boundaries.getLength(); i++) {
            Element boundary = (Element) boundaries.item(i);
            NodeList definitions = boundary.getElementsByTagNameNS(BPMN, "messageEventDefinition");
            if (definitions.getLength() > 0 && restarting.contains(((Element) definitions.item(0)).getAttribute("messageRef"))
                    && "false".equals(boundary.getAttribute("cancelActivity"))) {
                problems.add(resource + ", element " + boundary.getAttribute("id") + ": dit bericht begint de taak opnieuw en"
                        + " moet de taak afbreken (vink 'Interrupting' aan); anders staan de oude en de nieuwe taak naast elkaar"
                        + " open (non-interrupting restart of a task)");
            }
        }
    }

    /** The messages whose boundary event leads back to the task it is attached to (CaseMessages.startAgain). */
    private static final Set<String> RESTARTING_MESSAGES = Set.of(
            nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_POSSIBLE_OBJECTION_JOINED,
            nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_TRIAGE_MAIL_JOINED);

    /**
     * No task waits forever (R11): every user task has a due date that Tasklist shows and at
     * least one timer on it (a reminder or an escalation), so that someone hears of it; and a
     * name, which Tasklist shows and the task's headline starts with.
     */
    private static void userTasksHaveDeadlines(Element root, String resource, List<String> problems) {
        Set<String> watched = new HashSet<>();
        Set<String> userTasks = userTaskIds(root);
        NodeList boundaries = root.getElementsByTagNameNS(BPMN, "boundaryEvent");
        for (int i = 0; i < boundaries.getLength(); i++) {
            Element boundary = (Element) boundaries.item(i);
            if (boundary.getElementsByTagNameNS(BPMN, "timerEventDefinition").getLength() > 0) {
                watched.add(boundary.getAttribute("attachedToRef"));
                if (!"false".equals(boundary.getAttribute("cancelActivity"))
                        && userTasks.contains(boundary.getAttribute("attachedToRef"))) {
                    // the Modeler makes a new boundary timer interrupting: at the reminder moment the task would vanish
                    // and the case would end its path without anyone to handle it
                    problems.add(resource + ", element " + boundary.getAttribute("id") + ": een timer op een"
                            + " gebruikerstaak mag de taak niet afbreken (vink 'Interrupting' uit); anders verdwijnt de taak"
                            + " op het moment van de herinnering en blijft de zaak zonder behandelaar (interrupting timer"
                            + " on a user task)");
                }
            }
        }
        NodeList tasks = root.getElementsByTagNameNS(BPMN, "userTask");
        for (int i = 0; i < tasks.getLength(); i++) {
            Element task = (Element) tasks.item(i);
            String where = resource + ", element " + task.getAttribute("id") + ": ";
            if (task.getAttribute("name").isBlank()) {
                problems.add(where + "een gebruikerstaak heeft een naam nodig: Tasklist toont die aan wie de taak doet"
                        + " (user task without name)");
            }
            String dueDate = task.getAttributeNS(CAMUNDA, "dueDate");
            if (dueDate.isBlank()) {
                problems.add(where + "een gebruikerstaak heeft een vervaldatum nodig (camunda:dueDate uit de werkdagenkalender)"
                        + " (user task without due date)");
            } else if (!ReferenceRules.throughWorkingDays(dueDate)) {
                problems.add(where + "de vervaldatum '" + dueDate.strip() + "' telt kalenderdagen; gebruik een termijn uit de"
                        + " werkdagenkalender, bijvoorbeeld ${decisionDue} of ${workingDays.deadline(receivedAt, 5)}"
                        + " (due date not through workingDays)");
            }
            if (!watched.contains(task.getAttribute("id"))) {
                problems.add(where + "een gebruikerstaak heeft minstens een timer nodig (herinnering of escalatie),"
                        + " anders wacht hij ongemerkt (user task without timer)");
            }
        }
    }

    private static Set<String> userTaskIds(Element root) {
        Set<String> ids = new HashSet<>();
        NodeList tasks = root.getElementsByTagNameNS(BPMN, "userTask");
        for (int i = 0; i < tasks.getLength(); i++) {
            ids.add(((Element) tasks.item(i)).getAttribute("id"));
        }
        return ids;
    }

    private void walk(Element element, String elementId, boolean dmn, String resource, List<String> problems) {
        String id = element.hasAttribute("id") ? element.getAttribute("id") : elementId;
        String local = localName(element);
        if (PROSE.contains(local)) {
            return;
        }
        String where = resource + (id == null ? "" : ", element " + id) + ": ";
        if (CODE_ELEMENTS.contains(local)) {
            problems.add(where + switch (local) {
                case "scriptTask" -> "een scripttaak is niet toegestaan (script tasks are refused)";
                case "connector" -> "een connector is niet toegestaan (connectors are refused)";
                default -> "een script is niet toegestaan (scripts are refused)";
            });
            return;
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            attribute((Attr) attributes.item(i), dmn, where, problems);
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                walk(childElement, id, dmn, resource, problems);
            } else if ((child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) && !dmn) {
                expression(child.getNodeValue(), where, problems);
            }
        }
    }

    private void attribute(Attr attribute, boolean dmn, String where, List<String> problems) {
        String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
        if (name.equals("class") || name.endsWith("Class")) {
            problems.add(where + attribute.getName() + "=\"" + attribute.getValue()
                    + "\": een Java-klasse is niet toegestaan; gebruik camunda:delegateExpression met een gepubliceerde bean"
                    + " (Java classes are refused)");
        } else if (!dmn && name.equals("formKey")) {
            // an embedded or external form is HTML and JavaScript that Tasklist runs in the session of whoever opens it
            problems.add(where + "camunda:formKey=\"" + attribute.getValue() + "\": koppel een Camunda Form met camunda:formRef"
                    + " (embedded and external forms are refused)");
        } else if (name.equals("language") || name.equals("scriptFormat")) {
            problems.add(where + "een script (" + attribute.getValue() + ") is niet toegestaan (scripts are refused)");
        } else if (dmn && name.equals("expressionLanguage") && !attribute.getValue().toLowerCase(Locale.ROOT).contains("feel")) {
            problems.add(where + "expressietaal " + attribute.getValue()
                    + " is niet toegestaan; beslistabellen gebruiken FEEL (only FEEL is accepted in DMN)");
        } else if (!dmn) {
            expression(attribute.getValue(), where, problems);
        }
    }

    private void expression(String text, String where, List<String> problems) {
        if (ExpressionRules.isExpression(text)) {
            Optional<String> problem = expressions.problem(text.strip());
            problem.ifPresent(reason -> problems.add(where + reason + " (expression refused)"));
        }
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    private static org.w3c.dom.Document parse(byte[] content) throws SAXException, IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(content));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
