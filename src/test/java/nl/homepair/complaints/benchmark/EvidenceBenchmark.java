package nl.homepair.complaints.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a case's evidence costs the handler who opens its form (issue 16): the jar on a fresh
 * H2 file, one case without evidence and one with the most the intake accepts (5 files of
 * {@code benchmark.evidenceMegabytes}, 9.5 MB by default), then the handler opens each case's
 * assessment form ({@code GET /engine-rest/task/{id}/form-variables}, which refreshes the case
 * file first) and reads the case in the API, one request after the other, in alternating
 * rounds ({@code benchmark.evidenceCalls} per kind in all). Printed: p50/p95 and
 * the application's CPU per request for both cases, and their ratio: the files are only read
 * when someone opens one, so the ratio should stay near 1.
 */
final class EvidenceBenchmark {

    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final String HANDLER = "behandelaar";
    private static final int ROUNDS = 4;
    private static final String COMPLAINT = """
            {"name":"Benchmark Klager","email":"klager@example.nl","role":"CLIENT","subject":"JOB_HANDLING",
             "description":"De schilder liet een lekkage achter (%s)."}""";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Path jar;
    private final Path work;
    private final int calls = Integer.getInteger("benchmark.evidenceCalls", 100);
    private final double megabytes = Double.parseDouble(System.getProperty("benchmark.evidenceMegabytes", "9.5"));

    EvidenceBenchmark(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
    }

    void run(Consumer<String> report) throws Exception {
        try (AppProcess app = AppProcess.start("klachtenprocedure", jar, work.resolve("h2-evidence"),
                PerformanceBenchmark.freePort(), PerformanceBenchmark.ourArguments(List.of()))) {
            String plain = submit(app, 0);
            String withFiles = submit(app, 5);
            PerformanceBenchmark.drain(app);
            String[] paths = {"/engine-rest/task/" + assessment(app, plain) + "/form-variables",
                    "/engine-rest/task/" + assessment(app, withFiles) + "/form-variables",
                    "/api/complaints/" + plain, "/api/complaints/" + withFiles};
            Measured[] measured = new Measured[paths.length];
            for (String path : paths) {
                HttpLoad.repeat(call(app, path), 50, 0, 60); // warm up every kind first
            }
            // alternating rounds, so that other work on the machine hits both cases alike
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < paths.length; i++) {
                    Measured more = measure(app, paths[i]);
                    measured[i] = measured[i] == null ? more : measured[i].plus(more);
                }
            }
            String files = String.format("5 x %.1f MB", megabytes);
            report.accept(String.format("  evidence assessment form, no files  : %s", measured[0]));
            report.accept(String.format("  evidence assessment form, %-10s: %s", files, measured[1]));
            report.accept(String.format("  evidence case in the API, no files  : %s", measured[2]));
            report.accept(String.format("  evidence case in the API, %-10s: %s", files, measured[3]));
            report.accept(String.format("  evidence with files / without, CPU per request: form %.2f, case %.2f (near 1: the files"
                    + " stay unread)", measured[1].cpuEach() / measured[0].cpuEach(), measured[3].cpuEach() / measured[2].cpuEach()));
        }
    }

    /** What one kind of request measured: its answers and the application's CPU meanwhile. */
    private record Measured(HttpLoad.Result result, long cpuMillis) {

        double cpuEach() {
            return (double) cpuMillis / Math.max(1, result.answered());
        }

        Measured plus(Measured other) {
            return new Measured(result.plus(other.result), cpuMillis + other.cpuMillis);
        }

        @Override
        public String toString() {
            return String.format("p50 %6.1f ms  p95 %6.1f ms  (%d calls), CPU %.1f ms each", result.percentileMillis(50),
                    result.percentileMillis(95), result.answered(), cpuEach());
        }
    }

    private static HttpLoad.Call call(AppProcess app, String path) {
        return new HttpLoad.Call("GET", app.url(path), HANDLER, null);
    }

    private Measured measure(AppProcess app, String path) throws Exception {
        long cpu = app.cpuMillis();
        HttpLoad.Result result = HttpLoad.repeat(call(app, path), 0, calls / ROUNDS, 60);
        return new Measured(result, app.cpuMillis() - cpu);
    }

    /** The open assessment task of a case, once the job executor has made it. */
    private static String assessment(AppProcess app, String reference) throws Exception {
        HttpLoad.Call tasks = new HttpLoad.Call("GET", app.url("/engine-rest/task?processInstanceBusinessKey=" + reference
                + "&taskDefinitionKey=UserTask_AssessComplaint"), HANDLER, null);
        Matcher id = ID.matcher(HttpLoad.body(tasks));
        if (!id.find()) {
            throw new IllegalStateException("no assessment task for " + reference);
        }
        return id.group(1);
    }

    /** Submits a complaint as the platform, as multipart with {@code files} evidence files; returns its reference. */
    private String submit(AppProcess app, int files) throws Exception {
        String boundary = "benchmark" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "complaint", null, "application/json",
                COMPLAINT.formatted(files + " bestanden").getBytes(StandardCharsets.UTF_8));
        Random random = new Random(files);
        for (int i = 0; i < files; i++) {
            byte[] content = new byte[(int) (megabytes * 1_000_000)];
            random.nextBytes(content);
            // a PNG signature: the intake checks a file by its content
            System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, content, 0, 8);
            part(body, boundary, "evidence", "foto-" + i + ".png", "image/png", content);
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/api/complaints"))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("platform:platform".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher reference = REFERENCE.matcher(answer.body());
        if (answer.statusCode() != 201 || !reference.find()) {
            throw new IllegalStateException("the intake answered " + answer.statusCode() + ": " + answer.body());
        }
        return reference.group(1);
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, String type,
                             byte[] content) throws IOException {
        String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\nContent-Type: " + type + "\r\n\r\n";
        body.write(header.getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
