package nl.homepair.complaints.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;

/**
 * Property-based tests (jqwik) of the three JSON doors a platform writes through: the
 * complaint ({@code POST /api/complaints}), the objection and the answer to a request for
 * information. Generated hostile field values, arbitrary JSON and broken JSON text are never
 * a 5xx: always a 4xx with a Dutch message, and nothing is stored (no complaint, timeline
 * line, mail, process instance, job or variable; the two waiting cases unchanged).
 *
 * <p>It runs in the application of the other integration tests: Spring's test context cache
 * hands the same context to {@link SharedApplication} (an {@link IntegrationTest} with
 * nothing of its own), so no second application starts in the test JVM.
 */
class RequestBodyPropertiesTest {

    private static final List<String> INTAKE_FIELDS = List.of("name", "email", "role", "subject", "jobDate", "jobReference",
            "description", "attemptedResolution", "chatSummary", "receivedAt");
    private static final Set<String> DOOR_FIELDS = Set.of("name", "email", "role", "subject", "jobDate", "jobReference",
            "description", "attemptedResolution", "chatSummary", "receivedAt", "motivation", "objector", "message");
    /**
     * Words no Dutch message of ours lacks; an English or empty message has none of them ("is", "voor" and the like are
     * left out: "Field is required" is not Dutch).
     */
    private static final Pattern DUTCH = Pattern.compile("(?iu)(^|\\P{L})(je|de|het|een|niet|geen|dit|mag|vul|kies|"
            + "schrijf|beschrijf|hoogstens|tekens|veld|ontbreekt|geldig|geldige|aanvraag|stuur|wordt)(\\P{L}|$)");
    /** What a refused body gets: its fields named (400), or a body too large to read (413); never a door's 404 or 409. */
    private static final Set<Integer> REFUSED = Set.of(400, 413);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Non-ASCII as \\u escapes, so that lone surrogates reach the server as the client meant them. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static TestRestTemplate platform;
    private static JdbcTemplate database;
    private static String decided;
    private static String awaitingInformation;

    /** The shared application of the integration tests, from Spring's test context cache. */
    static class SharedApplication extends IntegrationTest {
    }

    @BeforeContainer
    static void sharedApplicationWithTwoWaitingCases() {
        ApplicationContext context = new TestContextManager(SharedApplication.class).getTestContext().getApplicationContext();
        platform = context.getBean(TestRestTemplate.class).withBasicAuth("platform", "platform");
        database = context.getBean(JdbcTemplate.class);

        decided = waitingCase(context, "Eigenschap Besluit", "eigenschap-besluit@example.nl");
        complete(context, decided, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "Wij besluiten direct."));
        // with a measure against a user, so that both the complainant and the affected user may object
        complete(context, decided, ComplaintProcess.TASK_DECIDE, Map.ofEntries(Map.entry("verdict", "WELL_FOUNDED"),
                Map.entry("decisionMotivation", "De schilder kwam zijn afspraken niet na."),
                Map.entry("measureWarning", false), Map.entry("measureSuspension", true), Map.entry("measureRemoval", false),
                Map.entry("measureCompensationAdvice", false), Map.entry("measureInternalImprovement", false),
                Map.entry("suspensionDuration", "30 dagen"), Map.entry("affectedUserName", "Schildersbedrijf Verf"),
                Map.entry("affectedUserEmail", "verf@example.nl"), Map.entry("measureFacts", "Twee afspraken afgezegd."),
                Map.entry("termsGround", "Artikel 7.2: afspraken nakomen.")));
        awaitingInformation = waitingCase(context, "Eigenschap Informatie", "eigenschap-informatie@example.nl");
        complete(context, awaitingInformation, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MORE_INFORMATION",
                "assessmentNotes", "Stuur ons de offerte."));
        assertThat(status(decided)).isEqualTo("DECIDED");
        assertThat(status(awaitingInformation)).isEqualTo("AWAITING_INFORMATION");
    }

    /**
     * After the properties, each door still takes a good request on its case: the refusals were the bodies', not a door
     * that moved or a case in another state.
     */
    @AfterContainer
    static void theDoorsTakeAGoodRequestAfterAll() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(platform.postForEntity("/api/complaints/" + awaitingInformation + "/information",
                new HttpEntity<>("{\"message\":\"De offerte is van 12 maart, 450 euro.\"}", headers), String.class)
                .getStatusCode().value()).isEqualTo(202);
        assertThat(platform.postForEntity("/api/complaints/" + decided + "/objection",
                new HttpEntity<>("{\"motivation\":\"Ik ben het niet eens met dit besluit, de schilder kwam wel.\"}", headers),
                String.class).getStatusCode().value()).isEqualTo(202);
        assertThat(platform.postForEntity("/api/complaints", TestComplaints.janJansen().name("Eigenschap Goed")
                .email("eigenschap-goed@example.nl").request(), String.class).getStatusCode().value()).isEqualTo(201);
    }

    private static String waitingCase(ApplicationContext context, String name, String email) {
        JsonNode created = platform.postForObject("/api/complaints", TestComplaints.janJansen().name(name).email(email).request(),
                JsonNode.class);
        String reference = created.get("reference").asText();
        runJobs(context, reference);
        return reference;
    }

    private static void complete(ApplicationContext context, String reference, String taskKey, Map<String, Object> variables) {
        TaskService tasks = context.getBean(TaskService.class);
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).singleResult();
        tasks.claim(task.getId(), "behandelaar");
        tasks.complete(task.getId(), variables);
        runJobs(context, reference);
    }

    /** The due jobs of this case only, so that other tests' cases stay as they are. */
    private static void runJobs(ApplicationContext context, String reference) {
        ManagementService jobs = context.getBean(ManagementService.class);
        RuntimeService runtime = context.getBean(RuntimeService.class);
        for (int round = 0; round < 10; round++) {
            Set<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).list().stream()
                    .map(ProcessInstance::getId).collect(java.util.stream.Collectors.toSet());
            List<Job> due = jobs.createJobQuery().executable().list().stream()
                    .filter(job -> instances.contains(job.getProcessInstanceId())).toList();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> jobs.executeJob(job.getId()));
        }
    }

    // ----------------------------------------------------------------------------- the properties

    @Property(tries = 120)
    void aComplaintWithOneHostileFieldIsRefusedInDutchAndNothingIsStored(@ForAll("complaintWithAHostileField") String body) {
        refusedAndNothingStored("/api/complaints", body);
    }

    @Property(tries = 80)
    void arbitraryOrBrokenJsonIsNoComplaint(@ForAll("arbitraryOrBrokenJson") String body) {
        refusedAndNothingStored("/api/complaints", body);
    }

    @Property(tries = 70)
    void aHostileObjectionIsRefusedInDutchAndTheCaseStaysDecided(@ForAll("hostileObjection") String body) {
        refusedAndNothingStored("/api/complaints/" + decided + "/objection", body);
    }

    @Property(tries = 50)
    void aHostileObjectionOfTheAffectedUserOpensNoReview(@ForAll("hostileObjectionOfTheAffectedUser") String body) {
        refusedAndNothingStored("/api/complaints/" + decided + "/objection", body);
    }

    @Property(tries = 100)
    void aHostileInformationReplyIsRefusedInDutchAndTheCaseKeepsWaiting(@ForAll("hostileInformationReply") String body) {
        refusedAndNothingStored("/api/complaints/" + awaitingInformation + "/information", body);
    }

    private static void refusedAndNothingStored(String path, String body) {
        Map<String, Object> before = stored();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> answer = platform.postForEntity(path, new HttpEntity<>(body, headers), String.class);

        String shown = body.length() > 300 ? body.substring(0, 300) + "… (" + body.length() + " characters)" : body;
        assertThat(answer.getStatusCode().value()).as("%s answered %s to %s", path, answer.getStatusCode(), shown)
                .isIn(REFUSED);
        Statistics.collect(answer.getStatusCode().value(), refusedField(answer.getBody()));
        List<String> messages = messages(answer.getBody());
        assertThat(messages).as("messages of %s to %s", answer.getBody(), shown).isNotEmpty()
                .allMatch(message -> DUTCH.matcher(message).find());
        assertThat(stored()).as("stored after %s", shown).isEqualTo(before);
    }

    /** The first field an answer names, for the statistics jqwik prints after each property. */
    private static String refusedField(String body) {
        try {
            return JSON.readTree(body).path("errors").path(0).path("field").asText("-");
        } catch (Exception notJson) {
            return "?";
        }
    }

    private static List<String> messages(String body) {
        List<String> messages = new ArrayList<>();
        try {
            JsonNode answer = JSON.readTree(body);
            if (answer.hasNonNull("message")) {
                messages.add(answer.get("message").asText());
            }
            answer.path("errors").forEach(error -> messages.add(error.path("message").asText()));
        } catch (Exception notJson) {
            // no message at all: the assertion names the body
        }
        return messages;
    }

    /** What a request could have stored: rows of the application and the engine, the waiting cases' state. */
    private static Map<String, Object> stored() {
        Map<String, Object> counts = new java.util.TreeMap<>();
        for (String table : List.of("complaint", "timeline_entry", "evidence", "sent_mail", "processed_mail", "case_facts",
                "act_hi_procinst", "act_ru_execution", "act_ru_job", "act_ru_task", "act_ru_variable", "act_hi_varinst",
                "act_hi_detail")) {
            counts.put(table, database.queryForObject("select count(*) from " + table, Long.class));
        }
        counts.put("decided", database.queryForMap("select status, objection_received_at from complaint where reference = ?",
                decided).toString());
        counts.put("awaitingInformation", status(awaitingInformation));
        return counts;
    }

    private static String status(String reference) {
        return database.queryForObject("select status from complaint where reference = ?", String.class, reference);
    }

    // ------------------------------------------------------------------------------ the generators

    @Provide
    Arbitrary<String> complaintWithAHostileField() {
        return Arbitraries.of(INTAKE_FIELDS).flatMap(field -> Combinators.combine(hostileIntakeValue(field), noise())
                .as((value, extra) -> {
                    ObjectNode complaint = validComplaint();
                    complaint.set(field, value);
                    extra.fields().forEachRemaining(entry -> complaint.set(entry.getKey(), entry.getValue()));
                    return write(complaint);
                }));
    }

    @Provide
    Arbitrary<String> arbitraryOrBrokenJson() {
        return Arbitraries.frequencyOf(
                // fields nobody asked for, and of the complaint's own fields one, refused
                Tuple.of(3, Arbitraries.of(INTAKE_FIELDS).flatMap(field -> Combinators.combine(noise(), hostileIntakeValue(field))
                        .as((object, value) -> write(object.set(field, value))))),
                Tuple.of(2, json(3).map(RequestBodyPropertiesTest::write)),
                Tuple.of(2, broken(Arbitraries.just(write(validComplaint())))),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(200)));
    }

    @Provide
    Arbitrary<String> hostileObjection() {
        Arbitrary<JsonNode> objector = Arbitraries.of(NullNode.instance, TextNode.valueOf("COMPLAINANT"),
                TextNode.valueOf(" COMPLAINANT "));
        Arbitrary<JsonNode> invalidObjector = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)
                        .filter(s -> !Set.of("COMPLAINANT", "AFFECTED_USER").contains(s.strip())).map(TextNode::valueOf),
                structure());
        Arbitrary<String> hostileMotivation = Combinators.combine(invalidText(10, Complaint.TEXT_MAX, true), objector, noise())
                .as((motivation, who, extra) -> {
                    extra.set("motivation", motivation);
                    extra.set("objector", who);
                    return write(extra);
                });
        Arbitrary<String> validMotivationWrongObjector = invalidObjector.map(who -> {
            ObjectNode body = NODES.objectNode().put("motivation", "Ik ben het niet eens met dit besluit.");
            return write(body.set("objector", who));
        });
        return Arbitraries.frequencyOf(
                Tuple.of(5, hostileMotivation),
                Tuple.of(2, validMotivationWrongObjector),
                Tuple.of(2, json(3).map(RequestBodyPropertiesTest::write)),
                Tuple.of(1, broken(Arbitraries.just("{\"motivation\":\"Ik ben het niet eens met dit besluit.\"}"))));
    }

    @Provide
    Arbitrary<String> hostileObjectionOfTheAffectedUser() {
        return Combinators.combine(invalidText(10, Complaint.TEXT_MAX, true), noise()).as((motivation, extra) -> {
            extra.set("motivation", motivation);
            extra.put("objector", "AFFECTED_USER");
            return write(extra);
        });
    }

    @Provide
    Arbitrary<String> hostileInformationReply() {
        Arbitrary<String> hostileMessage = Combinators.combine(invalidText(1, Complaint.TEXT_MAX, true), noise())
                .as((message, extra) -> write(extra.set("message", message)));
        return Arbitraries.frequencyOf(
                Tuple.of(6, hostileMessage),
                Tuple.of(3, json(3).map(RequestBodyPropertiesTest::write)),
                Tuple.of(1, broken(Arbitraries.just("{\"message\":\"De offerte zit in de bijlage.\"}"))),
                // a good answer with a moment of sending that cannot be (unreadable, ahead of us, older than any retry)
                Tuple.of(1, Arbitraries.of("gisteren", "2999-01-01T00:00:00+01:00", "2020-01-01T00:00:00Z", "12:00")
                        .map(sent -> "{\"message\":\"De offerte zit in de bijlage.\",\"sentAt\":\"" + sent + "\"}")));
    }

    private static ObjectNode validComplaint() {
        try {
            return (ObjectNode) JSON.readTree(IntegrationTest.VALID_COMPLAINT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value the field refuses; null stands for leaving a required field out. */
    private static Arbitrary<JsonNode> hostileIntakeValue(String field) {
        Arbitrary<JsonNode> missing = Arbitraries.just(NullNode.instance);
        Arbitrary<JsonNode> blank = Arbitraries.of("", " ", "\t", " \n ").map(TextNode::valueOf);
        return switch (field) {
            case "name" -> Arbitraries.oneOf(missing, blank, invalidLine(Complaint.NAME_MAX), structure());
            case "email" -> Arbitraries.oneOf(missing, blank, structure(),
                    Arbitraries.strings().alpha().numeric().withChars(".-_ ").ofMinLength(1).ofMaxLength(40)
                            .filter(s -> !s.isBlank()).map(TextNode::valueOf),
                    Arbitraries.of("jan@example.nl\r\nBcc: spam@example.org", "jan@example.nl, spam@example.org",
                            "\"Jan\" <jan@example.nl>", "jan@@example.nl", "contact@homepair.nl", "CONTACT@HomePair.nl",
                            "jan@" + "a".repeat(300) + ".nl").map(TextNode::valueOf),
                    Arbitraries.integers().map(IntNode::valueOf));
            case "role", "subject" -> Arbitraries.oneOf(missing, blank, structure(), Arbitraries.integers().map(IntNode::valueOf),
                    Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(s -> !s.isBlank())
                            .filter(s -> !s.strip().matches("(?i)[A-Z_]+")).map(TextNode::valueOf),
                    Arbitraries.of("CLIENT ", "client", "SUPPORT").map(s -> TextNode.valueOf(s + "X")));
            case "jobDate" -> Arbitraries.oneOf(structure(),
                    Arbitraries.of("2026-02-30", "2026-13-01", "24-04-2026", "morgen", "2026-4-4", "2999-01-01",
                            "2026-04-24T10:00:00Z", "0000-00-00").map(TextNode::valueOf),
                    Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(TextNode::valueOf));
            case "jobReference" -> Arbitraries.oneOf(invalidLine(Complaint.JOB_REFERENCE_MAX), structure());
            case "description" -> Arbitraries.oneOf(missing, blank, invalidText(1, Complaint.TEXT_MAX, false));
            case "attemptedResolution", "chatSummary" -> invalidText(1, Complaint.TEXT_MAX, false);
            case "receivedAt" -> Arbitraries.oneOf(structure(), // the platform may never name the moment of receipt
                    Arbitraries.of("2026-04-24T10:00:00+02:00", "2020-01-01T00:00:00Z", "gisteren").map(TextNode::valueOf),
                    Arbitraries.strings().ofMinLength(1).ofMaxLength(20).filter(s -> !s.isBlank()).map(TextNode::valueOf));
            default -> throw new IllegalArgumentException(field);
        };
    }

    /**
     * Text a free-text field refuses: missing or blank (when required), shorter than
     * {@code min} after stripping, longer than {@code max}, with control characters or a
     * lone surrogate, or not text at all.
     */
    private static Arbitrary<JsonNode> invalidText(int min, int max, boolean required) {
        List<Arbitrary<JsonNode>> choices = new ArrayList<>(List.of(structure(), tooLong(max), withControlCharacter()));
        if (required) {
            choices.add(Arbitraries.just(NullNode.instance));
            choices.add(Arbitraries.of("", "   ", "\n\t").map(TextNode::valueOf));
        }
        if (min > 1) {
            choices.add(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(min - 1)
                    .map(s -> TextNode.valueOf("  " + s + " ")));
        }
        return Arbitraries.oneOf(choices);
    }

    /** One-line text refused: a line break (header injection), control characters, too long, or structure. */
    private static Arbitrary<JsonNode> invalidLine(int max) {
        Arbitrary<JsonNode> lineBreak = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
                Arbitraries.of("\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029"))
                .as((s, brk) -> TextNode.valueOf("Jan" + s + brk + "Bcc: spam@example.org"));
        return Arbitraries.oneOf(lineBreak, tooLong(max), withControlCharacter());
    }

    private static Arbitrary<JsonNode> tooLong(int max) {
        return Arbitraries.integers().between(max + 1, max + 200).map(n -> TextNode.valueOf("a".repeat(n)));
    }

    private static Arbitrary<JsonNode> withControlCharacter() {
        Arbitrary<Character> refused = Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u0008'), Arbitraries.chars().range('\u000b', '\u000c'),
                Arbitraries.chars().range('\u000e', '\u001f'), Arbitraries.chars().range('\u007f', '\u009f'),
                Arbitraries.of('\ud800', '\udbff', '\udc00', '\udfff', '\uffff', '\ufffe'));
        return Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(20), refused,
                        Arbitraries.strings().alpha().ofMaxLength(20))
                // a letter after it: some of these count as white space, which stripping would remove at the end
                .as((before, c, after) -> TextNode.valueOf("Tekst " + before + c + "x" + after));
    }

    /** JSON where text belongs: an array or an object. */
    private static Arbitrary<JsonNode> structure() {
        return Arbitraries.oneOf(json(2).list().ofMaxSize(3).map(list -> (JsonNode) NODES.arrayNode().addAll(list)),
                noise().map(node -> (JsonNode) node));
    }

    /** An object of fields no door knows, with arbitrary values. */
    private static Arbitrary<ObjectNode> noise() {
        Arbitrary<String> key = Arbitraries.strings().ofMinLength(1).ofMaxLength(12).filter(k -> !DOOR_FIELDS.contains(k));
        return Arbitraries.maps(key, json(1)).ofMaxSize(3).map(fields -> {
            ObjectNode object = NODES.objectNode();
            fields.forEach(object::set);
            return object;
        });
    }

    /** Arbitrary JSON to this depth; objects never use a field name a door reads. */
    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(TextNode::valueOf),
                Arbitraries.integers().map(IntNode::valueOf),
                Arbitraries.doubles().map(DoubleNode::valueOf),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> json(depth - 1));
        Arbitrary<String> key = Arbitraries.strings().ofMinLength(1).ofMaxLength(12).filter(k -> !DOOR_FIELDS.contains(k));
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(list -> {
            ArrayNode node = NODES.arrayNode();
            node.addAll(list);
            return node;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(key, inner).ofMaxSize(4).map(fields -> {
            ObjectNode node = NODES.objectNode();
            fields.forEach(node::set);
            return node;
        });
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, array), Tuple.of(2, object));
    }

    /** Text that is not one JSON document: cut short, or followed by more than whitespace. */
    private static Arbitrary<String> broken(Arbitrary<String> document) {
        return document.flatMap(text -> Arbitraries.oneOf(
                Arbitraries.integers().between(0, text.length() - 1).map(cut -> text.substring(0, cut)),
                Arbitraries.strings().withChars("}]{[,:\"x1").ofMinLength(1).ofMaxLength(8).map(tail -> text + tail)));
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
