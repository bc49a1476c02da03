package nl.homepair.complaints.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Closed-loop HTTP load: {@code clients} threads each send the next request as soon as the
 * last one is answered, for a given time. Latencies of all answers are kept, so a run gives
 * its rate and its percentiles; runs of the same kind add up ({@link #plus}).
 */
final class HttpLoad {

    /** One kind of request: what to send for the n-th call, with which user, and what it accepts (null: anything). */
    record Call(String method, String url, String user, IntFunction<String> body, String accept) {

        Call(String method, String url, String user, IntFunction<String> body) {
            this(method, url, user, body, null);
        }

        HttpRequest request(int n) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
            if (accept != null) {
                builder.header("Accept", accept);
            }
            String text = body == null ? null : body.apply(n);
            if (text == null) {
                return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
            }
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(text)).build();
        }
    }

    /** What a run measured; latencies in microseconds, sorted. */
    record Result(long answered, long failed, double seconds, List<Long> latencies) {

        static final Result NONE = new Result(0, 0, 0, List.of());

        double perSecond() {
            return seconds == 0 ? 0 : answered / seconds;
        }

        double percentileMillis(double p) {
            if (latencies.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencies.size() - 1, Math.ceil(p / 100 * latencies.size()) - 1);
            return latencies.get(Math.max(0, index)) / 1000.0;
        }

        /** The same answers over a longer time (e.g. including work the requests left behind). */
        Result lasting(double totalSeconds) {
            return new Result(answered, failed, totalSeconds, latencies);
        }

        Result plus(Result other) {
            List<Long> all = new ArrayList<>(latencies);
            all.addAll(other.latencies);
            Collections.sort(all);
            return new Result(answered + other.answered, failed + other.failed, seconds + other.seconds, all);
        }

        String summary() {
            return String.format("%8.1f /s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  (%d answered, %d failed)",
                    perSecond(), percentileMillis(50), percentileMillis(95), percentileMillis(99), answered, failed);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpLoad() {
    }

    /**
     * One client sends {@code call} {@code warmUp} times unmeasured (for at most a quarter of
     * {@code maxSeconds}), then up to {@code count} times measured, stopping early after
     * {@code maxSeconds}: the latency one person sees.
     */
    static Result repeat(Call call, int warmUp, int count, double maxSeconds) throws InterruptedException {
        long warm = System.nanoTime() + (long) (maxSeconds / 4 * 1e9);
        for (int i = 0; i < warmUp && System.nanoTime() < warm; i++) {
            send(call, i);
        }
        List<Long> latencies = new ArrayList<>();
        long failed = 0;
        long started = System.nanoTime();
        long end = started + (long) (maxSeconds * 1e9);
        for (int i = 0; i < count && System.nanoTime() < end; i++) {
            long sent = System.nanoTime();
            if (send(call, i) != null) {
                latencies.add((System.nanoTime() - sent) / 1000);
            } else {
                failed++;
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Collections.sort(latencies);
        return new Result(latencies.size(), failed, elapsed, latencies);
    }

    /** The body of a 2xx answer, or null (the first failure of a kind is printed). */
    static String send(Call call, int n) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(call.request(n), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return response.body();
            }
            System.err.println(call.url() + " answered " + response.statusCode() + ": " + response.body());
        } catch (java.io.IOException e) {
            System.err.println(call.url() + " failed: " + e);
        }
        return null;
    }

    /** Sends {@code call} once and returns the body of the answer, whatever its status. */
    static String body(Call call) throws Exception {
        return HTTP.send(call.request(0), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sends {@code call} from {@code clients} threads for {@code seconds}; answers outside 2xx count as failed. */
    static Result run(Call call, int clients, double seconds) throws InterruptedException {
        AtomicInteger counter = new AtomicInteger();
        List<List<Long>> perClient = new ArrayList<>();
        long[] failed = new long[clients];
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        long end = started + (long) (seconds * 1e9);
        for (int c = 0; c < clients; c++) {
            List<Long> latencies = new ArrayList<>();
            perClient.add(latencies);
            int client = c;
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = HTTP.send(call.request(counter.incrementAndGet()),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() / 100 == 2) {
                            latencies.add((System.nanoTime() - sent) / 1000);
                        } else {
                            failed[client]++;
                            if (failed[client] == 1) {
                                System.err.println(call.url() + " answered " + response.statusCode() + ": " + response.body());
                            }
                        }
                    } catch (Exception e) {
                        failed[client]++;
                    }
                }
            }, "load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> all = new ArrayList<>();
        perClient.forEach(all::addAll);
        Collections.sort(all);
        long failures = 0;
        for (long f : failed) {
            failures += f;
        }
        return new Result(all.size(), failures, elapsed, all);
    }
}
