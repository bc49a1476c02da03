package nl.homepair.complaints.webform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import nl.homepair.complaints.MovableClock;
import org.junit.jupiter.api.Test;

class SubmissionRateLimiterTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-04-24T08:00:00Z"));
    private final SubmissionRateLimiter limiter =
            new SubmissionRateLimiter(new WebFormProperties.RateLimit(2, Duration.ofMinutes(10), 3), clock, null);

    @Test
    void aClientIsLimitedUntilItsOldestSubmissionLeavesTheWindow() {
        limiter.record("10.0.0.1");
        clock.move(Duration.ofMinutes(4));
        assertThat(limiter.waitFor("10.0.0.1")).isEmpty();
        limiter.record("10.0.0.1");

        assertThat(limiter.waitFor("10.0.0.1")).contains(Duration.ofMinutes(6));
        assertThat(limiter.waitFor("10.0.0.2")).isEmpty();

        clock.move(Duration.ofMinutes(6));
        assertThat(limiter.waitFor("10.0.0.1")).isEmpty();
    }

    @Test
    void parallelSubmissionsCannotAllPassBeforeAnyIsCounted() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
        for (int i = 0; i < 8; i++) {
            futures.add(pool.submit(() -> limiter.tryReserve("10.0.0.9").isEmpty()));
        }
        long passed = 0;
        for (var future : futures) {
            passed += future.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(passed).isEqualTo(2);
    }

    @Test
    void aSubmissionThatRegisteredNothingGivesItsPlaceBack() {
        assertThat(limiter.tryReserve("10.0.0.5")).isEmpty();
        assertThat(limiter.tryReserve("10.0.0.5")).isEmpty();
        assertThat(limiter.tryReserve("10.0.0.5")).isPresent();
        limiter.release("10.0.0.5");
        assertThat(limiter.tryReserve("10.0.0.5")).isEmpty();
    }

    @Test
    void onlyTheMostRecentlySeenClientsAreRemembered() {
        limiter.record("10.0.0.1");
        limiter.record("10.0.0.1");
        for (String other : new String[] {"10.0.0.2", "10.0.0.3", "10.0.0.4"}) {
            limiter.record(other);
        }

        assertThat(limiter.waitFor("10.0.0.1")).isEmpty(); // forgotten: memory stays bounded
    }
}
