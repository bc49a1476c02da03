package nl.homepair.complaints.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import nl.homepair.complaints.engine.TasklistFilters;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The handler's group-task query and Tasklist's saved filter "Groepstaken" with many open
 * cases at "Eerste beoordeling" (issue 16, goal p95 under 200 ms). A fresh database is
 * filled by the application in-process ({@link OpenCases}), {@code benchmark.queryWritten}
 * cases its own way and the rest as copies of those ({@link CaseCopies}); then the jar runs on it as it
 * runs in production (authorizations on) and one handler ({@code behandelaar}, Basic auth)
 * sends each request a few hundred times, one after the other (for at most
 * {@code benchmark.queryMaxSeconds} per request); then a team lead ({@code teamleider}) counts
 * the same group's tasks.
 */
final class QueryBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final String HANDLER = "behandelaar";
    private static final String TEAM_LEAD = "teamleider";

    private final Path jar;
    private final Path work;
    private final int cases = Integer.getInteger("benchmark.queryCases", 100_000);
    private final int calls = Integer.getInteger("benchmark.queryCalls", 300);
    /** Cases written the application's way; the rest are copies of them ({@link CaseCopies}). */
    private final int written = Integer.getInteger("benchmark.queryWritten", 5_000);
    /** Per kind of request: fewer calls than {@code benchmark.queryCalls} when they are slow. */
    private final int maxSeconds = Integer.getInteger("benchmark.queryMaxSeconds", 60);
    /** Seconds to keep the filled database (and the jar on it) after measuring, to look at plans by hand. */
    private final int holdSeconds = Integer.getInteger("benchmark.queryHoldSeconds", 0);

    QueryBenchmark(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
    }

    void run(String database, Consumer<String> report) throws Exception {
        Path folder = work.resolve(database + "-query");
        EmbeddedPostgres postgres = database.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
        try {
            List<String> databaseArguments = PerformanceBenchmark.databaseArguments(postgres, "klachten", true);
            // the jar's default H2 URL is ./data/klachten in its folder
            Path h2File = Files.createDirectories(folder.resolve("data")).resolve("klachten");
            int copies = Math.min(CaseCopies.MAX_COPIES, (cases + written - 1) / written - 1);
            int originals = (cases + copies) / (copies + 1);
            double writing;
            double copying;
            try (ConfigurableApplicationContext application = InProcessApp.start(h2File, postgres, "klachten", Map.of())) {
                // received within the last 3 days: no timer is due yet, so the job executor stays idle while measuring
                writing = new OpenCases(application).write(originals, 3);
                copying = CaseCopies.copy(application.getBean(DataSource.class), copies, postgres == null);
            }
            report.accept(String.format("  %-8s %d open cases at Eerste beoordeling: %d written in %.0f s (%.0f/s), %d copies of them"
                            + " in %.0f s", database, originals * (copies + 1), originals, writing, originals / writing, copies, copying));
            try (AppProcess app = AppProcess.start("klachtenprocedure", jar, folder, PerformanceBenchmark.freePort(),
                    PerformanceBenchmark.ourArguments(databaseArguments))) {
                String filters = HttpLoad.send(new HttpLoad.Call("GET", app.url("/engine-rest/filter?name="
                        + URLEncoder.encode(TasklistFilters.GROUP_TASKS, StandardCharsets.UTF_8)), HANDLER, null), 0);
                Matcher id = ID.matcher(filters == null ? "" : filters);
                if (!id.find()) {
                    throw new IllegalStateException(HANDLER + " cannot read the filter " + TasklistFilters.GROUP_TASKS + ": " + filters);
                }
                String filter = "/engine-rest/filter/" + id.group(1);
                String criteria = "candidateGroups=handlers&includeAssignedTasks=true";
                List<HttpLoad.Call> measured = List.of(
                        new HttpLoad.Call("GET", app.url("/engine-rest/task?" + criteria
                                + "&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=15"), HANDLER, null),
                        new HttpLoad.Call("GET", app.url("/engine-rest/task/count?" + criteria), HANDLER, null),
                        // as Tasklist asks for a filter's page: HAL, with the assignees and definitions embedded
                        new HttpLoad.Call("POST", app.url(filter + "/list?firstResult=0&maxResults=15"), HANDLER,
                                n -> "{}", "application/hal+json"),
                        new HttpLoad.Call("POST", app.url(filter + "/count"), HANDLER, n -> "{}"),
                        // a team lead counts the same tasks through the grant on the definition key
                        new HttpLoad.Call("GET", app.url("/engine-rest/task/count?" + criteria), TEAM_LEAD, null));
                List<String> names = List.of("GET /task?candidateGroups=handlers, 15 by due date",
                        "GET /task/count?candidateGroups=handlers",
                        "filter Groepstaken list, 15 (HAL)", "filter Groepstaken count",
                        TEAM_LEAD + ": GET /task/count?candidateGroups=handlers");
                String count = HttpLoad.send(measured.get(3), 0);
                Matcher counted = COUNT.matcher(count == null ? "" : count);
                report.accept(String.format("  %-8s %s sees %s tasks in %s", database, HANDLER,
                        counted.find() ? counted.group(1) : "?", TasklistFilters.GROUP_TASKS));
                for (int i = 0; i < measured.size(); i++) {
                    HttpLoad.Result result = HttpLoad.repeat(measured.get(i), 20, calls, maxSeconds);
                    report.accept(String.format("  %-8s %-46s: p50 %6.1f ms  p95 %6.1f ms  (%d calls, %d failed; goal p95 < 200 ms)",
                            database, names.get(i), result.percentileMillis(50), result.percentileMillis(95),
                            result.answered(), result.failed()));
                }
                if (holdSeconds > 0) {
                    report.accept(String.format("  %-8s held for %d s: %s, the jar at %s", database, holdSeconds,
                            postgres == null ? "H2 file " + h2File : "psql -h localhost -p " + postgres.getPort() + " -U postgres klachten",
                            app.url("/")));
                    Thread.sleep(holdSeconds * 1000L);
                }
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
