package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.TimelineEntry;
import nl.homepair.complaints.privacy.PrivacyService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A mail or chat message about a case, written while the case is erased (R13): the erasure reads the case's lines before
 * the message's line commits, so the line would stay on the erased case with the sender's address and words. One of the
 * two fails on the case's version; the mail waits for the next poll and then meets an erased case.
 */
class MailDuringErasureTest extends MailboxTestSupport {

    @Autowired
    IncomingMailHandler handler;
    @Autowired
    PrivacyService privacy;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aMailHandledWhileItsCaseIsErasedLeavesNoLineOnTheErasedCase() throws Exception {
        String email = "wissen-tijdens-mail-" + System.nanoTime() + "@example.nl";
        String reference = submitted("Wim Wis", email);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        IncomingMail mail = IncomingMail.read(mail("Wim Wis <" + email + ">", "Re: " + reference,
                "Nog een detail: mijn buurman Kees de Vries zag het ook.", Map.of()), Instant.now());

        writtenWhileErased(complaint, email, () -> handler.handle(mail), "Kees de Vries");

        assertThat(complaints.findByReference(reference).orElseThrow().getAnonymisedAt()).isNotNull();
    }

    /**
     * {@code write} in a transaction during which the erasure on request of {@code email} commits: the transaction fails
     * on the case's version, and no line with {@code words} or the address stays on the case.
     */
    private void writtenWhileErased(Complaint complaint, String email, Runnable write, String words) {
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            write.run();
            CompletableFuture.runAsync(() -> privacy.erase(email, "beheerder")).join();
        })).isInstanceOf(org.springframework.dao.OptimisticLockingFailureException.class);

        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId())).extracting(TimelineEntry::getSummary)
                .noneMatch(line -> line.contains(words) || line.contains(email));
    }

    /** A handler puts a set-aside mail with the case while the case is erased: the same, one of the two fails. */
    @Test
    void aMailPutWithTheCaseWhileItIsErasedLeavesNoLineOnTheErasedCase() {
        String email = "wissen-tijdens-voegen-" + System.nanoTime() + "@example.nl";
        String reference = submitted("Vera Voeg", email);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();

        writtenWhileErased(complaint, email, () -> handler.attachToCase(complaints.findByReference(reference).orElseThrow(),
                true, email, "Aanvulling", "Mijn buurvrouw Els de Wit zag het ook.", java.util.List.of(), "behandelaar"),
                "Els de Wit");
    }

    /** A chat message holds the case the same way (the platform gets a 409 and sends it again). */
    @Test
    void aChatMessageHoldsItsCaseAgainstAnErasureToo() {
        String email = "chat-wissen-" + System.nanoTime() + "@example.nl";
        String reference = submitted("Chantal Chat", email);
        long before = version(reference);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> answer = as("platform").postForEntity("/api/complaints/" + reference + "/chat-messages",
                new HttpEntity<>("{\"author\":\"Chantal Chat\",\"message\":\"Hier is de foto.\"}", headers), JsonNode.class);

        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(201);
        assertThat(version(reference)).as("the case's version, which an erasure committing meanwhile makes fail").isGreaterThan(before);
    }

    private long version(String reference) {
        return jdbc.queryForObject("select version from complaint where reference = ?", Long.class, reference);
    }
}
