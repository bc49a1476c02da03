package nl.homepair.complaints.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Issue 16's figures in one run, as ratios against a bare Camunda starter-webapp
 * ({@code src/benchmark/bare-starter}: same Spring Boot, Camunda, Java, database, Basic auth
 * on /engine-rest, authorization on, one process from start to a user task). Both
 * applications run as {@code java -jar} in their own process on a fresh database; the load
 * alternates between them in rounds, so that whatever else the machine does hits both alike.
 * Not a test: {@code mvn -o -B -Pperformance package -DskipTests} (README, "Benchmark").
 *
 * <ul>
 *   <li>{@code intake}: POST /api/complaints (the whole intake) against the bare floor's
 *   POST /engine-rest/process-definition/key/floor/start, per database (h2, postgres):
 *   rate, p50/p95/p99 and their ratio. An intake round lasts until the jobs it left (the
 *   start of the case, the acknowledgement mail) have run: the rate is what the application
 *   sustains, not what it answers while pushing work ahead of it. The mail goes to a server
 *   outside the application ({@link SmtpSink}), as in production;</li>
 *   <li>{@code startup}: time to HTTP ready and resident memory when idle, medians of a few
 *   starts of each jar on a fresh H2 file;</li>
 *   <li>{@code query}: the handler's group-task query and the Tasklist filter "Groepstaken"
 *   with {@code benchmark.queryCases} open cases, per database, p50/p95 ({@link QueryBenchmark});</li>
 *   <li>{@code storm}: {@code benchmark.stormCases} SLA timers due at once on two nodes on one
 *   PostgreSQL: time until all fired and mailed, and how many fired twice ({@link StormBenchmark});</li>
 *   <li>{@code evidence}: opening the form and the case of a case with 5 large evidence files
 *   against one without, on H2 ({@link EvidenceBenchmark}).</li>
 * </ul>
 */
public final class PerformanceBenchmark {

    private static final String INTAKE_BODY = """
            {"name":"Benchmark Klager","email":"klager%d@example.nl","role":"CLIENT","subject":"JOB_HANDLING",
             "description":"De schilder kwam niet opdagen (%d).","jobReference":"OPD-%d"}""";

    private final Path jar = Path.of(System.getProperty("benchmark.jar", "target/klachtenprocedure-0.1.0-SNAPSHOT.jar"));
    private final Path floorJar = Path.of("src/benchmark/bare-starter/target/bare-starter.jar");
    private final Path work = Path.of("target", "benchmark", "run-" + System.currentTimeMillis());
    private final double seconds = Double.parseDouble(System.getProperty("benchmark.seconds", "20"));
    private final int clients = Integer.getInteger("benchmark.clients", 2);
    private final int rounds = Integer.getInteger("benchmark.rounds", 4);
    private final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        List<String> parts = Arrays.asList(System.getProperty("benchmark.parts", "intake,startup").split(","));
        boolean all = parts.contains("all");
        if (all) {
            // everything issue 16 asks for in one run: the group tasks on PostgreSQL, the production database
            parts = List.of("startup", "intake", "query", "storm");
        }
        List<String> databases = Arrays.asList(System.getProperty("benchmark.databases", "h2,postgres").split(","));
        String queryDatabases = System.getProperty("benchmark.queryDatabases", "");
        if (queryDatabases.isBlank()) {
            queryDatabases = all ? "postgres" : String.join(",", databases);
        }
        PerformanceBenchmark benchmark = new PerformanceBenchmark();
        benchmark.buildFloor();
        try {
            if (parts.contains("startup")) {
                benchmark.startup(Integer.getInteger("benchmark.starts", 3));
            }
            if (parts.contains("intake")) {
                for (String database : databases) {
                    benchmark.intake(database.strip());
                }
            }
            if (parts.contains("query")) {
                QueryBenchmark query = new QueryBenchmark(benchmark.jar, benchmark.work);
                for (String database : queryDatabases.split(",")) {
                    query.run(database.strip(), benchmark::print);
                }
            }
            if (parts.contains("evidence")) {
                new EvidenceBenchmark(benchmark.jar, benchmark.work).run(benchmark::print);
            }
            if (parts.contains("storm")) {
                new StormBenchmark(benchmark.jar, benchmark.work).run(benchmark::print);
            }
        } finally {
            System.out.println();
            System.out.println("Performance (" + Runtime.getRuntime().availableProcessors() + " processors, Java "
                    + Runtime.version() + ", load " + benchmark.clients + " clients; logs in " + benchmark.work + "):");
            benchmark.report.forEach(System.out::println);
        }
        System.exit(0);
    }

    /** A line of the report, also printed at once: a long run shows what it has so far. */
    private void print(String line) {
        System.out.println(line);
        report.add(line);
    }

    /** The intake against the bare floor on one database: alternating rounds, then totals. */
    private void intake(String database) throws Exception {
        EmbeddedPostgres postgres = database.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
        // the acknowledgements go to a mail server outside the application, as in production: the
        // mail server's work is not the application's (docs/decisions.md); in this process
        try (SmtpSink mailServer = new SmtpSink();
             AppProcess floor = AppProcess.start("floor", floorJar, work.resolve(database + "-floor"), freePort(),
                     databaseArguments(postgres, "floor", false));
             AppProcess ours = AppProcess.start("klachtenprocedure", jar, work.resolve(database + "-app"), freePort(),
                     concat(mailServer.applicationArguments(), databaseArguments(postgres, "klachten", true)))) {
            HttpLoad.Call start = new HttpLoad.Call("POST", floor.url("/engine-rest/process-definition/key/floor/start"),
                    "beheerder", n -> "{}");
            HttpLoad.Call submit = new HttpLoad.Call("POST", ours.url("/api/complaints"), "platform",
                    (IntFunction<String>) n -> INTAKE_BODY.formatted(n, n, n));
            HttpLoad.run(start, clients, 5);
            HttpLoad.run(submit, clients, 5);
            HttpLoad.Result floorResult = HttpLoad.Result.NONE;
            HttpLoad.Result intakeResult = HttpLoad.Result.NONE;
            drain(ours);
            long floorCpu = 0;
            long ourCpu = 0;
            for (int round = 0; round < rounds; round++) {
                long cpu = cpuMillis(floor, postgres);
                floorResult = floorResult.plus(HttpLoad.run(start, clients, seconds / rounds));
                floorCpu += cpuMillis(floor, postgres) - cpu;
                cpu = cpuMillis(ours, postgres);
                HttpLoad.Result answered = HttpLoad.run(submit, clients, seconds / rounds);
                // what the intake left to the job executor (the start of the case, the acknowledgement
                // mail) is part of its cost: the round lasts until that is done too
                intakeResult = intakeResult.plus(answered.lasting(answered.seconds() + drain(ours)));
                ourCpu += cpuMillis(ours, postgres) - cpu;
            }
            double floorCpuEach = (double) floorCpu / Math.max(1, floorResult.answered());
            double ourCpuEach = (double) ourCpu / Math.max(1, intakeResult.answered());
            String withServer = postgres == null ? "" : " (with PostgreSQL's)";
            report.add(String.format("  %-8s bare start to a user task : %s, CPU %.1f ms each%s", database,
                    floorResult.summary(), floorCpuEach, withServer));
            report.add(String.format("  %-8s complaint intake          : %s, CPU %.1f ms each%s", database,
                    intakeResult.summary(), ourCpuEach, withServer));
            report.add(String.format("  %-8s intake / floor            : %8.2f (goal >= 0.5; intake p99 goal < 100 ms);"
                    + " by CPU per request %.2f", database, intakeResult.perSecond() / floorResult.perSecond(),
                    floorCpuEach / ourCpuEach));
            report.add(String.format("  %-8s mails the server took     : %d (the acknowledgements of all complaints, warm-up included)",
                    database, mailServer.accepted()));
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /**
     * CPU the application and, on PostgreSQL, the server have used so far in ms (H2 runs inside
     * the application); the rounds of the two applications take turns on one server.
     */
    private static long cpuMillis(AppProcess app, EmbeddedPostgres postgres) throws IOException {
        return app.cpuMillis() + (postgres == null ? 0 : ProcCpu.postgresMillis(postgres.getPort()));
    }

    /** Waits until the application's job executor has run every job that is due; returns the seconds it took. */
    static double drain(AppProcess app) throws Exception {
        long started = System.nanoTime();
        HttpLoad.Call due = new HttpLoad.Call("GET", app.url("/engine-rest/job/count?executable=true"), "beheerder", null);
        while (System.nanoTime() - started < 120_000_000_000L) {
            String count = HttpLoad.body(due);
            if (count.replaceAll("\\s", "").equals("{\"count\":0}")) {
                break;
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** How a jar is started in the start-up part: the jar, and options for its JVM. */
    private record Launch(Path jar, List<String> jvmArguments) {
    }

    /**
     * Start-up time and idle resident memory, alternating the two jars; with
     * {@code -Dbenchmark.cds=true} then again with both started as Spring Boot documents for
     * an efficient deployment: the jar extracted and a class data archive (CDS) made by a
     * training run of each.
     */
    private void startup(int starts) throws Exception {
        startup(starts, "", new Launch(floorJar, List.of()), new Launch(jar, List.of()));
        if (Boolean.getBoolean("benchmark.cds")) {
            startup(starts, ", CDS", classDataSharing("floor", floorJar, List.of()),
                    classDataSharing("klachtenprocedure", jar, ourArguments(List.of())));
        }
    }

    private void startup(int starts, String how, Launch floorLaunch, Launch ourLaunch) throws Exception {
        List<Long> floorMillis = new ArrayList<>();
        List<Long> ourMillis = new ArrayList<>();
        List<Long> floorCpu = new ArrayList<>();
        List<Long> ourCpu = new ArrayList<>();
        List<Long> floorMemory = new ArrayList<>();
        List<Long> ourMemory = new ArrayList<>();
        String folder = how.isEmpty() ? "startup" : "startup-cds";
        for (int i = 0; i < starts; i++) {
            try (AppProcess floor = AppProcess.start("floor", floorLaunch.jar(), floorLaunch.jvmArguments(),
                    work.resolve(folder + "-floor-" + i), freePort(), List.of())) {
                floorMillis.add(floor.startupMillis);
                floorCpu.add(floor.cpuMillis());
                Thread.sleep(5_000);
                floorMemory.add(floor.residentMegabytes());
            }
            try (AppProcess ours = AppProcess.start("klachtenprocedure", ourLaunch.jar(), ourLaunch.jvmArguments(),
                    work.resolve(folder + "-app-" + i), freePort(), ourArguments(List.of()))) {
                ourMillis.add(ours.startupMillis);
                ourCpu.add(ours.cpuMillis());
                Thread.sleep(5_000);
                ourMemory.add(ours.residentMegabytes());
            }
        }
        long floorStart = median(floorMillis);
        long ourStart = median(ourMillis);
        long floorRss = median(floorMemory);
        long ourRss = median(ourMemory);
        print(String.format("  %-27s: bare %6d ms, ours %6d ms, ratio %.2f (goal <= 1.15; runs %s / %s)",
                "start-up to HTTP ready" + how, floorStart, ourStart, (double) ourStart / floorStart, floorMillis, ourMillis));
        // the CPU both cores spent until then: other load on a shared machine moves it less than the time
        print(String.format("  %-27s: bare %6d ms, ours %6d ms, ratio %.2f (runs %s / %s)",
                "CPU until HTTP ready" + how, median(floorCpu), median(ourCpu), (double) median(ourCpu) / median(floorCpu),
                floorCpu, ourCpu));
        print(String.format("  %-27s: bare %6d MB, ours %6d MB, ratio %.2f (goal <= 1.15; runs %s / %s)",
                "resident memory, idle" + how, floorRss, ourRss, (double) ourRss / floorRss, floorMemory, ourMemory));
    }

    /**
     * The jar extracted ({@code -Djarmode=tools extract}) and a dynamic class data archive of
     * what a training run loads until the context is refreshed ({@code -Dspring.context.exit=onRefresh}),
     * as Spring Boot's reference describes. Started with {@code -Xshare:on}, so that a start
     * that could not use the archive fails instead of being measured without it.
     */
    private Launch classDataSharing(String name, Path jar, List<String> trainingArguments) throws Exception {
        Path folder = work.resolve("cds-" + name).toAbsolutePath();
        Path extracted = folder.resolve("application");
        java(folder, List.of("-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--destination",
                extracted.toString()));
        Path application = extracted.resolve(jar.getFileName());
        Path archive = folder.resolve("application.jsa");
        List<String> training = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
                "-jar", application.toString(), "--server.port=" + freePort()));
        training.addAll(trainingArguments);
        java(folder.resolve("training"), training);
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the training run of " + name + " wrote no archive, see " + folder.resolve("training"));
        }
        return new Launch(application, List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive));
    }

    /** Runs the benchmark's JVM with these arguments in {@code folder} until it ends (its output in java.log there). */
    private static void java(Path folder, List<String> arguments) throws Exception {
        Files.createDirectories(folder);
        List<String> command = AppProcess.java();
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("java.log").toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("not done within 5 minutes: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("failed (" + process.exitValue() + "), see " + folder.resolve("java.log") + ": "
                    + String.join(" ", command));
        }
    }

    /** Our application with its mail catcher on free ports and the mailbox off (nothing to read). */
    static List<String> ourArguments(List<String> database) throws IOException {
        int smtp = freePort();
        List<String> arguments = new ArrayList<>(List.of("--homepair.mail.embedded-server.smtp-port=" + smtp,
                "--homepair.mail.embedded-server.imap-port=" + freePort(), "--spring.mail.port=" + smtp,
                "--homepair.mailbox.enabled=false"));
        arguments.addAll(database);
        return arguments;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** Nothing for H2 (each application's own default file in its folder); a fresh database on the server otherwise. */
    static List<String> databaseArguments(EmbeddedPostgres postgres, String name, boolean ours) throws Exception {
        if (postgres == null) {
            return List.of();
        }
        execute(postgres, "postgres", "create database " + name);
        return serverArguments(postgres, name, ours);
    }

    /** One statement in one database of the server. */
    static void execute(EmbeddedPostgres postgres, String database, String sql) throws SQLException {
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** An application's arguments for an existing database on the server. */
    static List<String> serverArguments(EmbeddedPostgres postgres, String name, boolean ours) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres"));
        if (ours) {
            arguments.add("--spring.profiles.active=postgres");
            arguments.add("--homepair.security.demo-users-on-database-server=true");
        }
        return arguments;
    }

    private void buildFloor() throws Exception {
        if (Files.exists(floorJar)) {
            return;
        }
        List<String> command = List.of("mvn", "-B", "-q", "-o", "-f", "src/benchmark/bare-starter/pom.xml", "package");
        if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0
                && new ProcessBuilder(command.stream().filter(a -> !a.equals("-o")).toList()).inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("the bare starter did not build: " + String.join(" ", command));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
