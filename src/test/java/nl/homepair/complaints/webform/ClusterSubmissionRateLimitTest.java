package nl.homepair.complaints.webform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.MovableClock;
import nl.homepair.complaints.cluster.SharedEventTables;
import nl.homepair.complaints.cluster.SharedEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The web form's rate limit in a cluster (issue 16): nodes behind a load balancer share one
 * database, and a client sent round them gets the limit once, not once per node. Each
 * {@link SubmissionRateLimiter} here is one node's; they share the test application's database.
 */
class ClusterSubmissionRateLimitTest extends IntegrationTest {

    private static final WebFormProperties.RateLimit LIMIT = new WebFormProperties.RateLimit(3, Duration.ofMinutes(10), 100, null);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SharedEventTables tables;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-04-24T08:00:00Z"));

    @AfterEach
    void forgetSubmissions() {
        jdbc.update("delete from web_form_submission");
        jdbc.update("delete from web_form_files");
    }

    private SubmissionRateLimiter node() {
        return new SubmissionRateLimiter(LIMIT, clock, SubmissionRateLimiter.shared(tables, LIMIT));
    }

    /** A post as the controller makes it: a place, then the registered complaint. */
    private static boolean submitted(SubmissionRateLimiter node, String client) {
        if (node.tryReserve(client).isPresent()) {
            return false;
        }
        node.registered(client);
        return true;
    }

    @Test
    void aClientSentRoundTwoNodesGetsTheLimitOnce() {
        SubmissionRateLimiter a = node();
        SubmissionRateLimiter b = node();
        String script = "203.0.113.7";
        assertThat(submitted(a, script)).isTrue();
        clock.move(Duration.ofMinutes(1));
        assertThat(submitted(b, script)).isTrue();
        clock.move(Duration.ofMinutes(1));
        assertThat(submitted(a, script)).isTrue();

        // b registered one itself, a two: each alone would let a fourth through
        assertThat(b.tryReserve(script)).contains(Duration.ofMinutes(8));
        assertThat(a.tryReserve(script)).contains(Duration.ofMinutes(8));
        assertThat(b.tryReserve("203.0.113.8")).as("another address").isEmpty();

        clock.move(Duration.ofMinutes(8));
        assertThat(submitted(b, script)).as("the first has left the window").isTrue();
        assertThat(a.tryReserve(script)).as("then the next leaves a minute later").contains(Duration.ofMinutes(1));
    }

    /** Complaints with files count for the day on every node: a stranger cannot fill the disk at 5 posts of 50 MB per 10 minutes. */
    @Test
    void submissionsWithFilesAreCountedForTheDayOnEveryNode() {
        WebFormProperties.RateLimit limit = new WebFormProperties.RateLimit(3, Duration.ofMinutes(10), 100, 2);
        SubmissionRateLimiter a = new SubmissionRateLimiter(limit, clock, SubmissionRateLimiter.shared(tables, limit),
                SubmissionRateLimiter.sharedWithFiles(tables));
        SubmissionRateLimiter b = new SubmissionRateLimiter(limit, clock, SubmissionRateLimiter.shared(tables, limit),
                SubmissionRateLimiter.sharedWithFiles(tables));
        String uploader = "203.0.113.20";
        assertThat(a.filesWaitFor(uploader)).isEmpty();
        a.registeredWithFiles(uploader);
        clock.move(Duration.ofHours(1));
        b.registeredWithFiles(uploader);
        clock.move(Duration.ofMinutes(30)); // the 10-minute window has long passed; the day has not
        assertThat(submitted(a, uploader)).as("without files the 10-minute limit alone").isTrue();
        assertThat(a.filesWaitFor(uploader)).contains(Duration.ofHours(22).plusMinutes(30));
        assertThat(b.filesWaitFor(uploader)).contains(Duration.ofHours(22).plusMinutes(30));
        assertThat(a.filesWaitFor("203.0.113.21")).as("another address").isEmpty();
        clock.move(Duration.ofHours(22).plusMinutes(30));
        assertThat(b.filesWaitFor(uploader)).as("the first has left the day").isEmpty();
    }

    @Test
    void aPostThatRegisteredNothingCountsOnNoNode() {
        SubmissionRateLimiter a = node();
        SubmissionRateLimiter b = node();
        String typist = "203.0.113.9";
        for (int i = 0; i < LIMIT.maxSubmissions(); i++) {
            assertThat(a.tryReserve(typist)).isEmpty();
            a.release(typist); // the form came back with a field error
        }
        assertThat(submitted(b, typist)).isTrue();
        assertThat(submitted(a, typist)).isTrue();
    }

    @Test
    void withoutTheDatabaseEachNodeStillCountsItsOwn() {
        SubmissionRateLimiter unreachable = new SubmissionRateLimiter(LIMIT, clock,
                new SharedEvents(jdbc, "web_form_submission", "submitted_at", LIMIT.window(),
                        new nl.homepair.complaints.cluster.SharedKey(() -> new byte[32])) {
                    @Override
                    public void record(String key, Instant at) {
                        throw new DataAccessResourceFailureException("database down");
                    }

                    @Override
                    public List<Instant> latest(String key, Instant from, Instant to, int limit) {
                        throw new DataAccessResourceFailureException("database down");
                    }
                });
        String script = "203.0.113.10";
        for (int i = 0; i < LIMIT.maxSubmissions(); i++) {
            assertThat(submitted(unreachable, script)).as("post %d", i + 1).isTrue();
        }
        assertThat(unreachable.tryReserve(script)).isPresent();
    }

    /**
     * Not in clear, and not as a plain SHA-256 either: every IPv4 address hashed takes minutes, and then each row names
     * its sender. Signed with the cluster's key (in {@code cluster_setting}, not in these rows or an export of them).
     */
    @Test
    void noAddressIsKeptInClearOrAsAHashAnyoneCanMake() {
        submitted(node(), "203.0.113.11");
        assertThat(jdbc.queryForList("select throttle_key from web_form_submission", String.class))
                .containsExactly(SubmissionRateLimiter.shared(tables, LIMIT).hash("203.0.113.11"))
                .doesNotContain(nl.homepair.complaints.text.Sha256.hex("203.0.113.11"))
                .noneMatch(key -> key.contains("203.0.113.11"));
    }

    /** A row leaves once its window passed, also when nobody submits any more (the form switched off, a quiet night). */
    @Test
    void aQuietFormKeepsNoTraceBeyondItsWindow() {
        // every limit of the application has its table emptied by the hourly round
        assertThat(tables.tableNames()).contains("login_failure", "web_form_address", "web_form_files", "web_form_submission");
        Instant submittedAt = Instant.parse("2026-04-24T08:00:00Z");
        SubmissionRateLimiter.sharedWithFiles(tables).record("203.0.113.12", submittedAt);
        SubmissionRateLimiter.shared(tables, LIMIT).record("203.0.113.12", submittedAt);
        try {
            org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(submittedAt.plus(Duration.ofMinutes(11))));
            tables.forgetExpired();
            assertThat(jdbc.queryForObject("select count(*) from web_form_submission", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from web_form_files", Integer.class)).as("kept a day").isOne();
            org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(submittedAt.plus(Duration.ofHours(25))));
            tables.forgetExpired();
            assertThat(jdbc.queryForObject("select count(*) from web_form_files", Integer.class)).isZero();
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
    }
}
