package nl.homepair.complaints.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.homepair.complaints.MovableClock;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster lease on both databases it runs on: taken by one node, extended by it, taken
 * over by another once it expired, given up on a normal stop, and won by exactly one of
 * several nodes that try at the same moment. Time is a clock the test moves.
 */
class ClusterLeaseTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    @RegisterExtension
    static final FreshDatabases DATABASES = new FreshDatabases();

    /** A fresh schema with the migration's table and its seeded mailbox row. */
    private static JdbcTemplate fresh(String kind) {
        return new JdbcTemplate(DATABASES.fresh(kind, "V4__cluster_lease.sql"));
    }

    private static ClusterLease lease(JdbcTemplate jdbc, String node, MovableClock clock) {
        return new ClusterLease(jdbc, "mailbox", node, LEASE, clock);
    }

    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void theFirstNodeTakesTheFreeLeaseAndTheOtherWaits(String kind) throws Exception {
        JdbcTemplate jdbc = fresh(kind);
        MovableClock clock = new MovableClock(START);
        ClusterLease a = lease(jdbc, "node-a", clock);
        ClusterLease b = lease(jdbc, "node-b", clock);

        assertThat(a.acquire()).isTrue();
        assertThat(b.acquire()).isFalse();
        assertThat(b.holder()).contains("node-a");
    }

    /** Work that failed as the database went away: the log shows why the work failed, not that the lease stayed. */
    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void workThatFailsIsReportedAsItsOwnFailureWhenTheLeaseCannotBeGivenUp(String kind) throws Exception {
        JdbcTemplate jdbc = fresh(kind);
        ClusterLease a = lease(jdbc, "node-a", new MovableClock(START));

        assertThatThrownBy(() -> a.runIfFree(() -> {
            jdbc.execute("drop table cluster_lease");
            throw new IllegalStateException("the night's clean-up failed");
        })).hasMessage("the night's clean-up failed")
                .satisfies(failed -> assertThat(failed.getSuppressed()).hasSize(1));
    }

    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void theHolderKeepsItsLeaseByExtendingIt(String kind) throws Exception {
        JdbcTemplate jdbc = fresh(kind);
        MovableClock clock = new MovableClock(START);
        ClusterLease a = lease(jdbc, "node-a", clock);
        ClusterLease b = lease(jdbc, "node-b", clock);
        assertThat(a.acquire()).isTrue();

        // a polls every 30 s for ten minutes: each poll extends the lease, b never gets it
        for (int poll = 0; poll < 20; poll++) {
            clock.move(Duration.ofSeconds(30));
            assertThat(a.acquire()).as("a extends at poll %d", poll).isTrue();
            assertThat(b.acquire()).as("b at poll %d", poll).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void anotherNodeTakesOverWhenTheHolderStopsExtending(String kind) throws Exception {
        JdbcTemplate jdbc = fresh(kind);
        MovableClock clock = new MovableClock(START);
        ClusterLease a = lease(jdbc, "node-a", clock);
        ClusterLease b = lease(jdbc, "node-b", clock);
        assertThat(a.acquire()).isTrue();

        // a dies: nobody extends; until the lease ends b must wait
        clock.move(LEASE.minusSeconds(1));
        assertThat(b.acquire()).as("still within a's lease").isFalse();
        clock.move(Duration.ofSeconds(2));
        assertThat(b.holder()).as("expired: held by nobody").isEmpty();
        assertThat(b.acquire()).as("after a's lease").isTrue();
        assertThat(b.holder()).contains("node-b");

        // a comes back (a long pause, not a death): it finds b holding the lease and stops
        assertThat(a.acquire()).isFalse();
    }

    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void aNodeThatStopsNormallyHandsTheLeaseOverAtOnce(String kind) throws Exception {
        JdbcTemplate jdbc = fresh(kind);
        MovableClock clock = new MovableClock(START);
        ClusterLease a = lease(jdbc, "node-a", clock);
        ClusterLease b = lease(jdbc, "node-b", clock);
        assertThat(a.acquire()).isTrue();

        b.release(); // not b's to give up: nothing changes
        assertThat(b.acquire()).isFalse();
        a.release();
        assertThat(b.acquire()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void ofManyNodesTryingAtOnceExactlyOneGetsTheLease(String kind) throws Exception {
        JdbcTemplate jdbc = fresh(kind);
        MovableClock clock = new MovableClock(START);
        for (int round = 0; round < 5; round++) {
            clock.move(LEASE.plusSeconds(1)); // whoever held it last round is gone
            int nodes = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(nodes);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                ClusterLease node = lease(jdbc, "node-" + round + "-" + n, clock);
                Callable<Boolean> attempt = () -> {
                    start.await();
                    return node.acquire();
                };
                tries.add(threads.submit(attempt));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> attempt : tries) {
                winners += attempt.get() ? 1 : 0;
            }
            threads.shutdown();
            assertThat(winners).as("round %d", round).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void aLeaseNoMigrationCreatedIsCreatedByItsFirstNode(String kind) throws Exception {
        JdbcTemplate jdbc = fresh(kind);
        MovableClock clock = new MovableClock(START);
        ClusterLease a = new ClusterLease(jdbc, "nightly-report", "node-a", LEASE, clock);
        ClusterLease b = new ClusterLease(jdbc, "nightly-report", "node-b", LEASE, clock);

        assertThat(a.acquire()).isTrue();
        assertThat(b.acquire()).isFalse();
        assertThat(lease(jdbc, "node-b", clock).acquire()).as("the mailbox lease is another row").isTrue();
    }

    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void workUnderTheLeaseRunsOnOneNodeAtATime(String kind) throws Exception {
        JdbcTemplate jdbc = fresh(kind);
        MovableClock clock = new MovableClock(START);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable work = () -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
            done.incrementAndGet();
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<?>> nodes = new ArrayList<>();
        for (String node : List.of("node-a", "node-b")) {
            ClusterLease lease = new ClusterLease(jdbc, "set-up", node, LEASE, clock);
            nodes.add(threads.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    lease.runExclusively(Duration.ofSeconds(30), work);
                }
            }));
        }
        for (Future<?> node : nodes) {
            node.get();
        }
        threads.shutdown();
        assertThat(done.get()).isEqualTo(20);
        assertThat(most.get()).as("nodes working at the same time").isEqualTo(1);
        assertThat(new ClusterLease(jdbc, "set-up", "node-c", LEASE, clock).holder()).as("given up after the work").isEmpty();
    }

    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void workWaitsNoLongerThanItMayForANodeThatKeepsTheLease(String kind) throws Exception {
        JdbcTemplate jdbc = fresh(kind);
        MovableClock clock = new MovableClock(START);
        assertThat(new ClusterLease(jdbc, "set-up", "node-a", LEASE, clock).acquire()).isTrue();
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> new ClusterLease(jdbc, "set-up", "node-b", LEASE, clock)
                        .runExclusively(Duration.ofMillis(500), () -> ran.set(true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("node-a");
        assertThat(ran).isFalse();
    }

    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void recurringWorkIsLeftToTheNodeThatHoldsTheLease(String kind) throws Exception {
        JdbcTemplate jdbc = fresh(kind);
        MovableClock clock = new MovableClock(START);
        ClusterLease a = new ClusterLease(jdbc, "nightly", "node-a", LEASE, clock);
        ClusterLease b = new ClusterLease(jdbc, "nightly", "node-b", LEASE, clock);
        AtomicInteger runs = new AtomicInteger();
        assertThat(a.acquire()).isTrue();

        assertThat(b.runIfFree(runs::incrementAndGet)).as("held by a").isFalse();
        assertThat(runs).hasValue(0);
        a.release();
        assertThat(b.runIfFree(runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(a.holder()).as("given up after the work").isEmpty();
    }
}
