package nl.homepair.complaints.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.cluster.ClusterSettings;
import nl.homepair.complaints.mail.MailServerHealth;
import nl.homepair.complaints.mailbox.MailboxHealth;
import nl.homepair.complaints.mailbox.MailboxProperties;
import nl.homepair.complaints.mailbox.MailboxReadMark;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * What a load balancer and monitoring read (operator's seat): readiness is the database; the whole health names each
 * component's state, without details (host names, errors) for whoever asks; no other actuator endpoint is open.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class HealthTest extends IntegrationTest {

    @Autowired
    JavaMailSender mailSender;
    @Autowired
    ClusterSettings settings;
    @Autowired
    MailboxProperties mailboxProperties;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void readinessIsTheDatabaseAndTheWholeHealthNamesItsComponentsWithoutDetails() {
        ResponseEntity<JsonNode> readiness = rest.getForEntity("/actuator/health/readiness", JsonNode.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody().path("status").asText()).isEqualTo("UP");
        assertThat(rest.getForEntity("/actuator/health/liveness", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        JsonNode health = rest.getForEntity("/actuator/health", JsonNode.class).getBody();
        assertThat(health.path("status").asText()).isEqualTo("UP"); // a mailbox not read here is UNKNOWN, not DOWN
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("mailServer").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("mailbox").path("status").asText()).isEqualTo("UNKNOWN");
        assertThat(health.path("components").path("processEngine").path("status").asText()).isEqualTo("UP");
        assertThat(health.toString()).doesNotContain("details", "localhost", "127.0.0.1");

        for (String closed : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump"}) {
            assertThat(rest.getForEntity(closed, String.class).getStatusCode().is2xxSuccessful()).as(closed).isFalse();
        }
    }

    /**
     * The mail server's check says DOWN while the server is away, and UP when it is back (tried at once when new); the
     * answer has no details, so the log says why, and when it is back.
     */
    @Test
    void theMailServerIsDownWhileItIsAway(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        MailServerHealth health = new MailServerHealth(mailSender);
        greenMail.stop();
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            greenMail.start();
        }
        assertThat(output.getOut()).containsPattern("WARN .*Outgoing mail server [^ ]+ does not take this node's connection;"
                + " mails wait in the outbox: .*Connect");
        assertThat(new MailServerHealth(mailSender).health().getStatus()).isEqualTo(Status.UP);
        java.lang.reflect.Field triedAt = MailServerHealth.class.getDeclaredField("triedAt");
        triedAt.setAccessible(true);
        @SuppressWarnings("unchecked") // the minute between tries, passed
        var lastTry = (java.util.concurrent.atomic.AtomicReference<java.time.Instant>) triedAt.get(health);
        lastTry.set(java.time.Instant.EPOCH);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(output.getOut()).contains("reachable again; the mails in the outbox go out");
    }

    /**
     * The mailbox is DOWN when no node went over it for a quarter of an hour, or never did while this node ran that long
     * (a wrong password from the first start); UP while mails are only held back by the hourly limit.
     */
    @Test
    void theMailboxIsDownWhenNoNodeReadItLately() {
        MailboxProperties enabled = new MailboxProperties(true, mailboxProperties.protocol(), mailboxProperties.host(),
                mailboxProperties.port(), mailboxProperties.username(), mailboxProperties.password(), mailboxProperties.folder(),
                mailboxProperties.processedFolder(), mailboxProperties.manualFolder(), Duration.ofSeconds(30),
                mailboxProperties.authservId(), Duration.ofMinutes(2), mailboxProperties.maxNewComplaintsPerHour());
        MailboxReadMark mark = new MailboxReadMark(settings, enabled);
        java.util.Map<String, String> before = new java.util.HashMap<>();
        for (String name : MARKS) {
            settings.get(name).ifPresent(value -> before.put(name, value));
        }
        try {
            MARKS.forEach(name -> jdbc.update("delete from cluster_setting where name = ?", name));
            assertThat(new MailboxHealth(mark, enabled, Instant.now()).health().getStatus())
                    .as("just started, not yet polled").isEqualTo(Status.UNKNOWN);
            assertThat(new MailboxHealth(mark, enabled, Instant.now().minus(Duration.ofMinutes(16))).health().getStatus())
                    .as("never read through in a quarter of an hour").isEqualTo(Status.DOWN);

            settings.put("mailbox-read-until", Instant.now().minusSeconds(60).toString());
            assertThat(new MailboxHealth(mark, enabled).health().getStatus()).isEqualTo(Status.UP);
            settings.put("mailbox-read-until", Instant.now().minus(Duration.ofMinutes(16)).toString());
            assertThat(new MailboxHealth(mark, enabled).health().getStatus()).isEqualTo(Status.DOWN);

            // a wave of spam held back by the hourly limit: the inbox is read through only up to its first mail, but
            // the polls go over it
            settings.put("mailbox-read-until", Instant.now().minus(Duration.ofHours(3)).toString());
            settings.put("mailbox-polled-at", Instant.now().minusSeconds(30).toString());
            org.springframework.boot.actuate.health.Health held = new MailboxHealth(mark, enabled).health();
            assertThat(held.getStatus()).isEqualTo(Status.UP);
            assertThat(held.getDetails()).containsKey("readUntil");

            // a node that does not read the mailbox, after the one that did was stopped or died: DOWN, for a week
            MailboxReadMark notReading = new MailboxReadMark(settings, mailboxProperties);
            settings.put("mailbox-in-use", Instant.now().minus(Duration.ofMinutes(20)).toString());
            assertThat(new MailboxHealth(notReading, mailboxProperties).health().getStatus()).as("the reader is alive")
                    .isEqualTo(Status.UP);
            settings.put("mailbox-in-use", Instant.now().minus(Duration.ofHours(2)).toString());
            org.springframework.boot.actuate.health.Health gone = new MailboxHealth(notReading, mailboxProperties).health();
            assertThat(gone.getStatus()).as("the reader gone for two hours").isEqualTo(Status.DOWN);
            assertThat(gone.getDetails()).containsEntry("reason", "no node reads the mailbox any more");
            settings.put("mailbox-in-use", Instant.now().minus(Duration.ofDays(8)).toString());
            assertThat(new MailboxHealth(notReading, mailboxProperties).health().getStatus())
                    .as("no mailbox read for over a week: none is used").isEqualTo(Status.UNKNOWN);
            // a node that only tried (a one-off start with the mailbox on by default, a wrong host) never went over one
            settings.put("mailbox-in-use", Instant.now().minus(Duration.ofHours(2)).toString());
            jdbc.update("delete from cluster_setting where name in ('mailbox-polled-at', 'mailbox-read-until')");
            assertThat(new MailboxHealth(notReading, mailboxProperties).health().getStatus())
                    .as("a node tried to read a mailbox and never did").isEqualTo(Status.UNKNOWN);
        } finally {
            MARKS.forEach(name -> jdbc.update("delete from cluster_setting where name = ?", name));
            before.forEach(settings::put);
        }
    }

    private static final java.util.List<String> MARKS = java.util.List.of("mailbox-read-until", "mailbox-polled-at",
            "mailbox-in-use");
}
