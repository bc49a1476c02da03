package nl.homepair.complaints.webform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import nl.homepair.complaints.MovableClock;
import org.junit.jupiter.api.Test;

class SubmissionRateLimiterTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-04-24T08:00:00Z"));
    private final SubmissionRateLimiter limiter =
            new SubmissionRateLimiter(new WebFormProperties.RateLimit(2, Duration.ofMinutes(10), 3, null), clock, null);

    /** The settings an operator writes (README) reach the limiter; unset ones keep their defaults. */
    @Test
    void theSettingsAreReadFromTheConfiguration() {
        WebFormProperties properties = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of(
                        "homepair.webform.rate-limit.max-submissions", "7",
                        "homepair.webform.rate-limit.max-with-files-per-day", "2")))
                .bind("homepair.webform", WebFormProperties.class).get();
        assertThat(properties.rateLimit().maxSubmissions()).isEqualTo(7);
        assertThat(properties.rateLimit().maxWithFilesPerDay()).isEqualTo(2);
        assertThat(properties.rateLimit().window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.maxComplaintsPerAddress()).isEqualTo(3);
    }

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

    /** Eight threads released at one moment, over many rounds, so that a check-then-count without a lock shows. */
    @Test
    void parallelSubmissionsCannotAllPassBeforeAnyIsCounted() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                String client = "10.0.9." + round;
                var start = new java.util.concurrent.CountDownLatch(1);
                var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
                for (int i = 0; i < 8; i++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return limiter.tryReserve(client).isEmpty();
                    }));
                }
                start.countDown();
                long passed = 0;
                for (var future : futures) {
                    passed += future.get() ? 1 : 0;
                }
                assertThat(passed).as("round " + round).isEqualTo(2);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** An IPv6 line sending from /64 after /64 of its /48 is one sender: the limit is not multiplied. */
    @Test
    void anIpv6LineIsOneSenderWhicheverOfItsNetworksItSendsFrom() {
        java.util.List<Boolean> taken = new java.util.ArrayList<>();
        for (String address : java.util.List.of("2001:db8:5:1::1", "2001:db8:5:6::1", "2001:db8:5:ffff::9")) {
            org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
            request.setRemoteAddr(address);
            taken.add(limiter.tryReserve(WebFormController.sender(request)).isEmpty());
        }
        assertThat(taken).containsExactly(true, true, false);
        org.springframework.mock.web.MockHttpServletRequest otherLine = new org.springframework.mock.web.MockHttpServletRequest();
        otherLine.setRemoteAddr("2001:db8:6:1::1");
        assertThat(limiter.tryReserve(WebFormController.sender(otherLine))).isEmpty();
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
