package nl.homepair.complaints.intake;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.IntakeChannel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A client that retries a POST with an Idempotency-Key gets the first answer, not a second complaint (issue 16). */
class IdempotencyKeyTest extends IntegrationTest {

    @Autowired
    ComplaintRepository complaints;
    @Autowired
    IdempotentIntake idempotentIntake;

    private ResponseEntity<JsonNode> post(TestComplaints.Builder complaint, String key) {
        HttpEntity<?> request = complaint.request();
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.set("Idempotency-Key", key);
        return as("platform").postForEntity("/api/complaints", new HttpEntity<>(request.getBody(), headers), JsonNode.class);
    }

    private long countOf(String name) {
        return complaints.findAll().stream().filter(c -> name.equals(c.getName())).count();
    }

    @Test
    void aRetriedRequestGetsTheFirstAnswerAndMakesNoSecondComplaint() {
        String key = UUID.randomUUID().toString();
        TestComplaints.Builder complaint = janJansen().name("Retry Ronald").file("foto.png", TestComplaints.PNG);

        ResponseEntity<JsonNode> first = post(complaint, key);
        ResponseEntity<JsonNode> again = post(complaint, key);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getBody().get("reference").asText()).isEqualTo(first.getBody().get("reference").asText());
        assertThat(countOf("Retry Ronald")).isEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(first.getBody().get("reference").asText()).count()).isEqualTo(1);
    }

    @Test
    void aKeyReusedForAnotherComplaintIsRefusedAndNothingIsStored() {
        String key = UUID.randomUUID().toString();
        assertThat(post(janJansen().name("Eerste Els"), key).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> other = post(janJansen().name("Tweede Toos"), key);

        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(other.getBody().get("message").asText()).contains("al gebruikt", "niets opgeslagen");
        assertThat(countOf("Tweede Toos")).isZero();
    }

    @Test
    void anUnusableKeyIsRefusedWithAClearMessage() {
        ResponseEntity<JsonNode> answer = post(janJansen().name("Sleutel Sam"), "x".repeat(201));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("message").asText()).contains("Idempotency-Key", "niets opgeslagen");
        assertThat(countOf("Sleutel Sam")).isZero();
    }

    /** The longest key from a caller with the longest user id the engine allows (64) is kept, and replayed. */
    @Test
    void theLongestKeyOfTheLongestCallerFits() {
        String caller = "u".repeat(64);
        String key = "k".repeat(IdempotentIntake.KEY_MAX);
        ComplaintSubmission submission = new ComplaintSubmission("Lange Leo", "leo@example.nl", "CLIENT", "SUPPORT", null,
                null, "Een klacht met een lange sleutel.", null, null, null);

        IdempotentIntake.Outcome first = idempotentIntake.submit(key, submission, List.of(), IntakeChannel.API, caller);
        IdempotentIntake.Outcome again = idempotentIntake.submit(key, submission, List.of(), IntakeChannel.API, caller);

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.complaint().getReference()).isEqualTo(first.complaint().getReference());
        assertThat(countOf("Lange Leo")).isEqualTo(1);
    }

    @Test
    void twoSimultaneousRequestsWithOneKeyMakeOneComplaint() throws Exception {
        String key = UUID.randomUUID().toString();
        TestComplaints.Builder complaint = janJansen().name("Tegelijk Tom");
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Callable<ResponseEntity<JsonNode>> call = () -> post(complaint, key);
            List<Future<ResponseEntity<JsonNode>>> answers = clients.invokeAll(List.of(call, call));
            ResponseEntity<JsonNode> a = answers.get(0).get();
            ResponseEntity<JsonNode> b = answers.get(1).get();
            assertThat(a.getStatusCode()).as(String.valueOf(a.getBody())).isEqualTo(HttpStatus.CREATED);
            assertThat(b.getStatusCode()).as(String.valueOf(b.getBody())).isEqualTo(HttpStatus.CREATED);
            assertThat(a.getBody().get("reference").asText()).isEqualTo(b.getBody().get("reference").asText());
        } finally {
            clients.shutdown();
        }
        assertThat(countOf("Tegelijk Tom")).isEqualTo(1);
    }

    /**
     * Two requests with one key at once: the second looked for the key before the first had committed, so both register;
     * the second meets the database's unique key and is answered as the first (the path the web form's double click
     * takes too). Made to happen every time: the first request's row is written by a second connection that commits
     * once the real request waits at the key.
     */
    @Test
    void aRequestThatMeetsTheFirstAtTheUniqueKeyIsAnsweredAsTheFirst(@Autowired javax.sql.DataSource dataSource,
                                                                     @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc) throws Exception {
        TestComplaints.Builder complaint = janJansen().name("Gelijk Gerda");
        ResponseEntity<JsonNode> earlier = post(complaint, UUID.randomUUID().toString());
        long earlierId = complaints.findByReference(earlier.getBody().get("reference").asText()).orElseThrow().getId();
        String key = UUID.randomUUID().toString();
        String stored = IdempotentIntake.requestKey("platform", key);
        java.util.List<String> columns = jdbc.queryForList("select column_name from information_schema.columns"
                + " where lower(table_name) = 'complaint' and lower(table_schema) = 'public' order by ordinal_position", String.class);
        String copied = columns.stream().map(column -> switch (column.toLowerCase()) {
            case "id" -> "id + 3000000";
            case "reference" -> "'KL-2000-' || (id + 3000000)";
            case "intake_key" -> "?";
            default -> column;
        }).collect(java.util.stream.Collectors.joining(", "));
        // the first request's case, as it writes it: the same complaint, this key
        nl.homepair.complaints.HeldRows.Held<ResponseEntity<JsonNode>> held = nl.homepair.complaints.HeldRows.during(dataSource,
                first -> first.update("insert into complaint (" + String.join(", ", columns) + ") select " + copied
                        + " from complaint where id = ?", stored, earlierId),
                nl.homepair.complaints.HeldRows.running("insert into complaint"), () -> post(complaint, key));
        assertThat(held.waited()).as("the second request registered and waits at the key").isTrue();
        ResponseEntity<JsonNode> second = held.answer().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(second.getStatusCode()).as(String.valueOf(second.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.getBody().get("reference").asText()).isEqualTo("KL-2000-" + (earlierId + 3000000));
        assertThat(countOf("Gelijk Gerda")).as("the earlier one and the held first").isEqualTo(2);
        jdbc.update("delete from complaint where id = ?", earlierId + 3000000); // a case without a process
    }
}
