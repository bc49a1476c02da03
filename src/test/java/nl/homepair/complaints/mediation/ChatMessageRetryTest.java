package nl.homepair.complaints.mediation;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEntry;
import nl.homepair.complaints.complaint.TimelineRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The chat's webhook delivers a message again after a time-out: the case has it once (issue 16, R7). */
class ChatMessageRetryTest extends IntegrationTest {

    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TimelineRepository timeline;
    @Autowired
    JdbcTemplate jdbc;

    private ResponseEntity<JsonNode> deliver(String reference, String message, String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        return as("platform").postForEntity("/api/complaints/" + reference + "/chat-messages",
                new HttpEntity<>("{\"author\":\"Jan Jansen\",\"message\":\"" + message + "\"}", headers), JsonNode.class);
    }

    private long timesOnTheCase(String reference, String message) {
        Long id = complaints.findByReference(reference).orElseThrow().getId();
        return timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(id).stream().map(TimelineEntry::getSummary)
                .filter(summary -> summary.contains(message)).count();
    }

    @Test
    void aDeliveryRepeatedWithItsKeyGetsTheFirstAnswerAndIsOnTheCaseOnce() {
        String reference = submit(janJansen());
        String key = UUID.randomUUID().toString();

        ResponseEntity<JsonNode> first = deliver(reference, "De schilder komt niet.", key);
        ResponseEntity<JsonNode> again = deliver(reference, "De schilder komt niet.", key);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getBody().get("message").asText()).isEqualTo("De schilder komt niet.");
        assertThat(timesOnTheCase(reference, "De schilder komt niet.")).isEqualTo(1);

        // the same words sent again as a new message (another key, or none) are a new message
        assertThat(deliver(reference, "De schilder komt niet.", UUID.randomUUID().toString()).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(deliver(reference, "De schilder komt niet.", null).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(timesOnTheCase(reference, "De schilder komt niet.")).isEqualTo(3);
    }

    @Test
    void oneKeyOnTwoCasesIsTwoMessages() {
        String key = UUID.randomUUID().toString();
        String one = submit(janJansen());
        String other = submit(janJansen());

        assertThat(deliver(one, "Bericht met een sleutel.", key).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(deliver(other, "Bericht met een sleutel.", key).getHeaders().getFirst("Idempotent-Replayed"))
                .isEqualTo("false");

        assertThat(timesOnTheCase(one, "Bericht met een sleutel.")).isEqualTo(1);
        assertThat(timesOnTheCase(other, "Bericht met een sleutel.")).isEqualTo(1);
    }

    @Test
    void aKeyReusedForAnotherMessageIsRefusedAndNothingIsStored() {
        String reference = submit(janJansen());
        String key = UUID.randomUUID().toString();
        assertThat(deliver(reference, "Eerste bericht.", key).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> other = deliver(reference, "Tweede bericht.", key);

        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(other.getBody().get("message").asText()).contains("al gebruikt", "niets opgeslagen");
        assertThat(timesOnTheCase(reference, "Tweede bericht.")).isZero();
    }

    @Test
    void anUnusableKeyIsRefusedWithAClearMessage() {
        String reference = submit(janJansen());

        ResponseEntity<JsonNode> answer = deliver(reference, "Bericht met een te lange sleutel.", "x".repeat(201));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("message").asText()).contains("Idempotency-Key", "niets opgeslagen");
        assertThat(timesOnTheCase(reference, "Bericht met een te lange sleutel.")).isZero();
    }

    /** Each message holds the case (against an erasure meanwhile); two different ones at once are both taken. */
    @Test
    void twoDifferentMessagesAtOnceAreBothOnTheCase() throws Exception {
        String reference = submit(janJansen());
        ExecutorService webhook = Executors.newFixedThreadPool(2);
        try {
            List<Future<ResponseEntity<JsonNode>>> answers = webhook.invokeAll(List.of(
                    () -> deliver(reference, "Tegelijk, de eerste.", UUID.randomUUID().toString()),
                    () -> deliver(reference, "Tegelijk, de tweede.", UUID.randomUUID().toString())));
            for (Future<ResponseEntity<JsonNode>> answer : answers) {
                assertThat(answer.get().getStatusCode()).as(String.valueOf(answer.get().getBody())).isEqualTo(HttpStatus.CREATED);
            }
        } finally {
            webhook.shutdown();
        }
        assertThat(timesOnTheCase(reference, "Tegelijk, de eerste.")).isEqualTo(1);
        assertThat(timesOnTheCase(reference, "Tegelijk, de tweede.")).isEqualTo(1);
    }

    @Test
    void twoSimultaneousDeliveriesWithOneKeyAreOneMessage() throws Exception {
        String reference = submit(janJansen());
        String key = UUID.randomUUID().toString();
        ExecutorService webhook = Executors.newFixedThreadPool(2);
        try {
            Callable<ResponseEntity<JsonNode>> call = () -> deliver(reference, "Tegelijk bezorgd.", key);
            List<Future<ResponseEntity<JsonNode>>> answers = webhook.invokeAll(List.of(call, call));
            for (Future<ResponseEntity<JsonNode>> answer : answers) {
                assertThat(answer.get().getStatusCode()).as(String.valueOf(answer.get().getBody())).isEqualTo(HttpStatus.CREATED);
            }
            // one put it on the case, the other was answered as that one was
            assertThat(List.of(answers.get(0).get().getHeaders().getFirst("Idempotent-Replayed"),
                    answers.get(1).get().getHeaders().getFirst("Idempotent-Replayed"))).containsExactlyInAnyOrder("false", "true");
        } finally {
            webhook.shutdown();
        }
        assertThat(timesOnTheCase(reference, "Tegelijk bezorgd.")).isEqualTo(1);
        // whichever of the two comes second, the database holds the line (migration V18)
        Long id = complaints.findByReference(reference).orElseThrow().getId();
        assertThatThrownBy(() -> jdbc.update("insert into timeline_entry (id, complaint_id, occurred_at, type, actor, summary,"
                + " about_others, idempotency_key) select id + 1000000, complaint_id, occurred_at, type, actor, summary,"
                + " about_others, idempotency_key from timeline_entry where complaint_id = ? and idempotency_key is not null", id))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    /**
     * The second of two deliveries at once checks for the key before the first has committed, so both write the line:
     * the second meets the database's unique key at its commit and is answered as the first was. Made to happen every
     * time: the first delivery's line is written by a second connection that commits only once the real request waits
     * for it.
     */
    @Test
    void aDeliveryThatMeetsTheFirstAtTheUniqueKeyIsAnsweredAsTheFirst(@Autowired javax.sql.DataSource dataSource) throws Exception {
        String reference = submit(janJansen());
        String earlier = UUID.randomUUID().toString();
        assertThat(deliver(reference, "Op hetzelfde moment.", earlier).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Long id = complaints.findByReference(reference).orElseThrow().getId();
        String key = UUID.randomUUID().toString();
        String stored = nl.homepair.complaints.intake.IdempotentIntake.requestKey("platform", key);
        nl.homepair.complaints.HeldRows.Held<ResponseEntity<JsonNode>> held = nl.homepair.complaints.HeldRows.during(dataSource,
                // the line as the first delivery writes it, with this key
                first -> first.update("insert into timeline_entry (id, complaint_id, occurred_at, type, actor, summary, about_others,"
                        + " idempotency_key) select id + 2000000, complaint_id, occurred_at, type, actor, summary, about_others, ?"
                        + " from timeline_entry where complaint_id = ? and idempotency_key = ?", stored, id,
                        nl.homepair.complaints.intake.IdempotentIntake.requestKey("platform", earlier)),
                nl.homepair.complaints.HeldRows.running("insert into timeline_entry"),
                () -> deliver(reference, "Op hetzelfde moment.", key));
        assertThat(held.waited()).as("the second delivery wrote its line and waits at the unique key").isTrue();
        ResponseEntity<JsonNode> second = held.answer().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(second.getStatusCode()).as(String.valueOf(second.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc.queryForObject("select count(*) from timeline_entry where complaint_id = ? and idempotency_key = ?",
                Long.class, id, stored)).isOne();
    }
}
