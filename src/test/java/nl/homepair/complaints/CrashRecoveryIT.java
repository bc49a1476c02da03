package nl.homepair.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A complaint that was answered 201 survives a crash of the application (issue 11).
 * Starts the built jar as a separate process on a fresh data directory, posts complaints
 * from several threads, kills the process with SIGKILL while they are posting, starts it
 * once more on the same data and checks every acknowledged reference, with its process
 * instance and first task (or its first step still waiting as a job), and that nothing answers 5xx after the restart.
 * Before the restart the cases' assessment deadlines are moved into the past, as if the
 * application had been down for two weeks: their timers, due while it was down, fire after
 * the restart and escalate each case once.
 *
 * <p>Runs in the Maven profile {@code crash-test} (Failsafe, after {@code package}):
 * {@code mvn -B verify -Pcrash-test}. Logs of both runs land in {@code target/crash-test/}.
 */
class CrashRecoveryIT {

    private static final Duration POSTING = Duration.ofSeconds(6);
    private static final int CLIENTS = 4;
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(120);
    /** How long the application is "down": longer than the 5 working days of the assessment. */
    private static final Duration DOWN_FOR = Duration.ofDays(14);
    private static final Duration ESCALATIONS_WITHIN = Duration.ofSeconds(90);
    private static final int SETTLED_CASES = 6;
    private static final String COMPLAINT = """
            {"name":"Jan Jansen","email":"jan@example.nl","role":"CLIENT","subject":"JOB_HANDLING",
             "jobDate":"2026-11-20","jobReference":"OPD-4711",
             "description":"De schilder kwam twee keer niet opdagen.",
             "attemptedResolution":"Via de chat nieuwe afspraken gemaakt.",
             "chatSummary":"Schilder zegde beide keren af."}""";
    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"(KL-\\d{4}-\\d+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void acknowledgedComplaintsSurviveAKillOnTheEmbeddedH2File() throws Exception {
        Path work = workDirectory("h2");
        String url = "jdbc:h2:file:" + work.resolve("data").resolve("klachten") + ";AUTO_SERVER=FALSE";
        crashAndRestart("h2", work, Map.of(), List.of(), () -> DriverManager.getConnection(url, "sa", ""));
    }

    @Test
    void acknowledgedComplaintsSurviveAKillOnPostgres() throws Exception {
        Path work = workDirectory("postgres");
        // a real server in its own process; it outlives the application's kill, as in production
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pgdata")).setCleanDataDirectory(true).start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE klachten LOGIN PASSWORD 'klachten'");
                s.execute("CREATE DATABASE klachten OWNER klachten");
            }
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/klachten";
            crashAndRestart("postgres", work, Map.of(
                    "DATABASE_URL", url,
                    "DATABASE_USER", "klachten",
                    "DATABASE_PASSWORD", "klachten"), List.of("--spring.profiles.active=postgres",
                            "--homepair.security.demo-users-on-database-server=true"),
                    () -> DriverManager.getConnection(url, "klachten", "klachten"));
        }
    }

    /** The database of a run, opened by the test while the application is down. */
    private interface Database {
        Connection open() throws SQLException;
    }

    private void crashAndRestart(String name, Path work, Map<String, String> env, List<String> args, Database database)
            throws Exception {
        Ports ports = Ports.free();
        Set<String> acknowledged = new ConcurrentSkipListSet<>();
        Map<Integer, AtomicInteger> before = new ConcurrentHashMap<>();
        Set<String> settled = new TreeSet<>();

        Process first = start(work, name + "-1", ports, env, args);
        try {
            awaitReady(first, ports);
            settled.addAll(settledCases(ports, before));
            acknowledged.addAll(settled);
            postUntilKilled(first, ports, acknowledged, before);
        } finally {
            first.destroyForcibly();
        }
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed with SIGKILL").isEqualTo(137);
        assertThat(acknowledged).as("complaints answered 201 before the kill").hasSizeGreaterThan(10);
        Set<String> lapsed = deadlinesLapseWhileDown(database);
        assertThat(lapsed).as("cases whose assessment deadline lapsed while the application was down").containsAll(settled);

        Process second = start(work, name + "-2", ports, env, args);
        try {
            awaitReady(second, ports);
            Map<String, String> problems = new TreeMap<>();
            Map<Integer, AtomicInteger> after = new TreeMap<>();
            for (String reference : acknowledged) {
                String problem = checkCase(ports, reference, after);
                if (problem != null) {
                    problems.put(reference, problem);
                }
            }
            // new complaints are accepted too (a sequence that fell behind would collide)
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> posted = post(ports);
                count(after, posted.statusCode());
                if (posted.statusCode() != 201) {
                    problems.put("new complaint " + i, "POST answered " + posted.statusCode());
                }
            }
            problems.putAll(lapsedDeadlinesEscalatedOnce(ports, lapsed, after));
            String jobProblem = jobFailures(ports);
            if (jobProblem != null) {
                problems.put("jobs", jobProblem);
            }
            System.out.printf("[crash-test %s] answered 201 before the kill: %d; deadlines lapsed while down: %d; before: %s;"
                    + " after the restart: %s; problems: %d%n", name, acknowledged.size(), lapsed.size(), before, after, problems.size());
            assertThat(problems).as("after a kill and one restart on %s (logs in %s)", name, work).isEmpty();
            assertThat(after.keySet()).as("status codes after the restart").allMatch(code -> code < 500);
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
    }

    /** Null when the case reads back whole; otherwise what is wrong with it. */
    private String checkCase(Ports ports, String reference, Map<Integer, AtomicInteger> codes) throws Exception {
        HttpResponse<String> read = get(ports, "/api/complaints/" + reference, "behandelaar");
        count(codes, read.statusCode());
        if (read.statusCode() != 200) {
            return "GET answered " + read.statusCode();
        }
        JsonNode caseFile = json.readTree(read.body());
        if (!reference.equals(caseFile.path("reference").asText())) {
            return "read another case";
        }
        boolean firstTask = false;
        for (JsonNode task : caseFile.path("openTasks")) {
            firstTask |= task.path("name").asText().startsWith("Eerste beoordeling " + reference);
        }
        HttpResponse<String> instances = get(ports, "/engine-rest/process-instance?businessKey=" + reference, "beheerder");
        count(codes, instances.statusCode());
        if (instances.statusCode() != 200 || json.readTree(instances.body()).size() != 1) {
            return "process instances: " + instances.statusCode() + " " + instances.body();
        }
        if (!firstTask) {
            // the first step runs as a job after the 201; one the killed instance had locked waits for its lock to expire
            String instance = json.readTree(instances.body()).get(0).path("id").asText();
            HttpResponse<String> jobs = get(ports, "/engine-rest/job?activityId=StartEvent_ComplaintReceived&processInstanceId="
                    + instance, "beheerder");
            count(codes, jobs.statusCode());
            if (jobs.statusCode() != 200 || json.readTree(jobs.body()).size() != 1) {
                // the restarted job executor may have run the first step between the two reads: read the tasks again
                HttpResponse<String> again = get(ports, "/api/complaints/" + reference, "behandelaar");
                boolean taskNow = false;
                for (JsonNode task : json.readTree(again.body()).path("openTasks")) {
                    taskNow |= task.path("name").asText().startsWith("Eerste beoordeling " + reference);
                }
                if (!taskNow) {
                    return "neither the task 'Eerste beoordeling' nor its first step waiting: " + caseFile.path("openTasks");
                }
            }
        }
        return null;
    }

    /**
     * The application stays down past the cases' assessment deadline: for every case that has
     * its task "Eerste beoordeling", the task's due date, its reminder and escalation timers and
     * the case's {@code assessmentDue} move {@link #DOWN_FOR} into the past, as if the kill had
     * happened that long ago. Cases with a job the killed instance had locked are left as they
     * are: the engine runs no other job of such a case until that lock expires (here after 20 s).
     * Returns the references of the cases moved.
     */
    private static Set<String> deadlinesLapseWhileDown(Database database) throws SQLException {
        long shift = DOWN_FOR.toMillis();
        Set<String> lapsed = new TreeSet<>();
        try (Connection c = database.open()) {
            c.setAutoCommit(false);
            Map<String, String> instances = new TreeMap<>();
            try (PreparedStatement tasks = c.prepareStatement("""
                    select e.ID_, e.BUSINESS_KEY_ from ACT_RU_TASK t join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_
                    where t.TASK_DEF_KEY_ = 'UserTask_AssessComplaint' and t.DUE_DATE_ is not null
                    and not exists (select 1 from ACT_RU_JOB l where l.PROCESS_INSTANCE_ID_ = e.ID_ and l.LOCK_OWNER_ is not null)""");
                 ResultSet rows = tasks.executeQuery()) {
                while (rows.next()) {
                    instances.put(rows.getString(1), rows.getString(2));
                }
            }
            for (Map.Entry<String, String> instance : instances.entrySet()) {
                int timers = shiftTimes(c, """
                        select j.ID_, j.DUEDATE_ from ACT_RU_JOB j join ACT_RU_JOBDEF d on d.ID_ = j.JOB_DEF_ID_
                        where j.PROCESS_INSTANCE_ID_ = ?
                        and d.ACT_ID_ in ('BoundaryEvent_AssessmentReminder', 'BoundaryEvent_AssessmentOverdue')""",
                        "update ACT_RU_JOB set DUEDATE_ = ? where ID_ = ?", instance.getKey(), shift);
                assertThat(timers).as("reminder and escalation timers of %s", instance.getValue()).isEqualTo(2);
                shiftTimes(c, "select ID_, DUE_DATE_ from ACT_RU_TASK where PROC_INST_ID_ = ? and TASK_DEF_KEY_ = 'UserTask_AssessComplaint'",
                        "update ACT_RU_TASK set DUE_DATE_ = ? where ID_ = ?", instance.getKey(), shift);
                try (PreparedStatement due = c.prepareStatement("""
                        update ACT_RU_VARIABLE set LONG_ = LONG_ - ?
                        where PROC_INST_ID_ = ? and EXECUTION_ID_ = PROC_INST_ID_ and NAME_ = 'assessmentDue'""")) {
                    due.setLong(1, shift);
                    due.setString(2, instance.getKey());
                    assertThat(due.executeUpdate()).as("assessmentDue of %s", instance.getValue()).isEqualTo(1);
                }
                lapsed.add(instance.getValue());
            }
            c.commit();
        }
        return lapsed;
    }

    /** Moves the time in column 2 of each row {@code select} finds {@code shift} ms back; the number of rows. */
    private static int shiftTimes(Connection c, String select, String update, String instance, long shift) throws SQLException {
        int rows = 0;
        try (PreparedStatement query = c.prepareStatement(select); PreparedStatement change = c.prepareStatement(update)) {
            query.setString(1, instance);
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    change.setTimestamp(1, new Timestamp(found.getTimestamp(2).getTime() - shift));
                    change.setString(2, found.getString(1));
                    assertThat(change.executeUpdate()).isEqualTo(1);
                    rows++;
                }
            }
        }
        return rows;
    }

    /**
     * Every deadline that lapsed while the application was down is escalated to the team leads
     * after the restart, once; its reminder, whose moment passed with it, is not sent late.
     */
    private Map<String, String> lapsedDeadlinesEscalatedOnce(Ports ports, Set<String> lapsed, Map<Integer, AtomicInteger> codes)
            throws Exception {
        Map<String, String> problems = new TreeMap<>();
        Set<String> waiting = new TreeSet<>(lapsed);
        long deadline = System.nanoTime() + ESCALATIONS_WITHIN.toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (String reference : List.copyOf(waiting)) {
                HttpResponse<String> read = get(ports, "/api/complaints/" + reference, "behandelaar");
                count(codes, read.statusCode());
                int escalations = mailsOnTimeline(read, escalationSubject(reference));
                int reminders = mailsOnTimeline(read, reminderSubject(reference));
                if (reminders > 0) {
                    problems.put(reference, "a reminder was sent after its moment passed while down");
                }
                if (escalations > 1) {
                    problems.put(reference, "the lapsed deadline was escalated " + escalations + " times");
                }
                if (escalations > 0) {
                    waiting.remove(reference);
                }
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        for (String reference : waiting) {
            problems.put(reference, "the deadline that lapsed while down was not escalated within " + ESCALATIONS_WITHIN);
        }
        for (String reference : lapsed) {
            if (problems.containsKey(reference)) {
                continue;
            }
            HttpResponse<String> instance = get(ports, "/engine-rest/process-instance?businessKey=" + reference, "beheerder");
            String id = json.readTree(instance.body()).path(0).path("id").asText("");
            if (id.isEmpty()) {
                problems.put(reference, "no process instance: " + instance.body());
                continue;
            }
            HttpResponse<String> timers = get(ports, "/engine-rest/job/count?timers=true&processInstanceId=" + id
                    + "&activityId=BoundaryEvent_AssessmentOverdue", "beheerder");
            count(codes, timers.statusCode());
            if (json.readTree(timers.body()).path("count").asInt(-1) != 0) {
                problems.put(reference, "the escalation timer is still waiting: " + timers.body());
            }
            // once the timer is gone nothing can escalate again: the last word on "once"
            HttpResponse<String> read = get(ports, "/api/complaints/" + reference, "behandelaar");
            count(codes, read.statusCode());
            int escalations = mailsOnTimeline(read, escalationSubject(reference));
            if (escalations != 1 || mailsOnTimeline(read, reminderSubject(reference)) != 0) {
                problems.put(reference, "escalated " + escalations + " times, late reminders "
                        + mailsOnTimeline(read, reminderSubject(reference)));
            }
        }
        return problems;
    }

    /** The start of the subject of the escalation mail (escalatie-beoordeling), up to its closing quote on the timeline. */
    private static String escalationSubject(String reference) {
        return "Termijn verstreken: eerste beoordeling van klacht " + reference + "\"";
    }

    /** The start of the subject of the reminder (herinnering-beoordeling), which goes on with the due date. */
    private static String reminderSubject(String reference) {
        return "Herinnering: eerste beoordeling van klacht " + reference + " verloopt ";
    }

    /** Mails on the case's timeline ({@code E-mail "<subject>" verzonden aan ...}) whose subject starts so. */
    private int mailsOnTimeline(HttpResponse<String> caseFile, String subjectStart) throws IOException {
        if (caseFile.statusCode() != 200) {
            return 0;
        }
        int mails = 0;
        for (JsonNode entry : json.readTree(caseFile.body()).path("timeline")) {
            if ("MAIL_SENT".equals(entry.path("type").asText()) && entry.path("summary").asText().contains("\"" + subjectStart)) {
                mails++;
            }
        }
        return mails;
    }

    /**
     * Waits until the job executor ran everything that was due (the acknowledgement mails, the jobs the killed instance
     * held once their 20 s lock ended, the timers that fell due while it was down), then checks that none failed:
     * reading a case in a job must work as well as over HTTP. Null when all ran well.
     */
    private String jobFailures(Ports ports) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long due;
        do {
            Thread.sleep(1000);
            due = json.readTree(get(ports, "/engine-rest/job/count?executable=true", "beheerder").body()).path("count").asLong();
        } while (due > 0 && System.nanoTime() < deadline);
        JsonNode failed = json.readTree(get(ports, "/engine-rest/job?withException=true&maxResults=3", "beheerder").body());
        if (!failed.isEmpty()) {
            return "jobs failed after the restart, e.g. " + failed.get(0).path("exceptionMessage").asText();
        }
        return due > 0 ? due + " jobs still due two minutes after the restart" : null;
    }

    /**
     * Cases from before the load: posted one by one, each waited for until it has its first
     * task and no step left to run (only its timers wait), as the cases of the days before a
     * crash have.
     */
    private Set<String> settledCases(Ports ports, Map<Integer, AtomicInteger> codes) throws Exception {
        Map<String, String> instances = new TreeMap<>();
        for (int i = 0; i < SETTLED_CASES; i++) {
            HttpResponse<String> posted = post(ports);
            count(codes, posted.statusCode());
            assertThat(posted.statusCode()).as("complaint before the load: %s", posted.body()).isEqualTo(201);
            Matcher m = REFERENCE.matcher(posted.body());
            assertThat(m.find()).isTrue();
            instances.put(m.group(1), null);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<String> waiting = new TreeSet<>(instances.keySet());
        while (!waiting.isEmpty()) {
            assertThat(System.nanoTime()).as("cases %s settled within 60 s", waiting).isLessThan(deadline);
            Thread.sleep(500);
            for (String reference : List.copyOf(waiting)) {
                JsonNode found = json.readTree(get(ports, "/engine-rest/process-instance?businessKey=" + reference, "beheerder").body());
                String instance = found.path(0).path("id").asText("");
                JsonNode tasks = json.readTree(get(ports, "/engine-rest/task?taskDefinitionKey=UserTask_AssessComplaint&processInstanceId="
                        + instance, "beheerder").body());
                JsonNode steps = json.readTree(get(ports, "/engine-rest/job/count?messages=true&processInstanceId=" + instance,
                        "beheerder").body());
                if (!instance.isEmpty() && tasks.size() == 1 && steps.path("count").asInt(-1) == 0) {
                    waiting.remove(reference);
                }
            }
        }
        return instances.keySet();
    }

    private void postUntilKilled(Process app, Ports ports, Set<String> acknowledged,
                                 Map<Integer, AtomicInteger> codes) throws Exception {
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                while (posting.get()) {
                    try {
                        HttpResponse<String> response = post(ports);
                        count(codes, response.statusCode());
                        if (response.statusCode() == 201) {
                            Matcher m = REFERENCE.matcher(response.body());
                            if (m.find()) {
                                acknowledged.add(m.group(1));
                            }
                        }
                    } catch (IOException e) {
                        // the kill cut the connection: no answer, so no promise was made
                    } catch (InterruptedException e) {
                        return null;
                    }
                }
                return null;
            });
        }
        Thread.sleep(POSTING.toMillis());
        // killed while the clients are still posting: commits in flight and just answered
        app.destroyForcibly();
        app.waitFor(30, TimeUnit.SECONDS);
        posting.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private HttpResponse<String> post(Ports ports) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.http + "/api/complaints"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic("platform"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(COMPLAINT)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Ports ports, String path, String user) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.http + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The demo users of the default run have their user id as password. */
    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static void count(Map<Integer, AtomicInteger> codes, int status) {
        codes.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    private Process start(Path work, String run, Ports ports, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-jar", BuiltJar.path("crash-test.jar").toString(),
                "--homepair.mail.embedded-server.smtp-port=" + ports.smtp,
                "--spring.mail.port=" + ports.smtp,
                "--homepair.mail.embedded-server.imap-port=" + ports.imap,
                "--homepair.mailbox.port=" + ports.imap,
                "--homepair.mailbox.poll-interval=PT5S",
                // the escalations that fell due while down go out at once, also when the test runs at night
                "--homepair.working-days.alerts-in-office-hours=false",
                // the jobs the killed instance held are free 20 s after it took them, not 5 minutes: the restart then
                // runs every job that was due, and the check that none failed has seen them run
                "--camunda.bpm.job-execution.lock-time-in-millis=20000"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile()) // the default run keeps its H2 file in ./data
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(run + ".log").toFile());
        builder.environment().put("PORT", Integer.toString(ports.http));
        builder.environment().remove("SPRING_PROFILES_ACTIVE");
        builder.environment().putAll(env);
        return builder.start();
    }

    private void awaitReady(Process app, Ports ports) throws Exception {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("application process is running").isTrue();
            try {
                // Tomcat answers once the context is refreshed, engine and job executor included
                get(ports, "/api/complaints/KL-0000-000000", "behandelaar");
                return;
            } catch (ConnectException e) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("not ready within " + STARTUP_LIMIT);
    }

    private static Path workDirectory(String name) throws IOException {
        Path dir = Path.of("target", "crash-test", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        return Files.createDirectories(dir);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Free ports, so that a developer's running application (8080, 3025, 3143) is left alone. */
    private record Ports(int http, int smtp, int imap) {
        static Ports free() throws IOException {
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0); ServerSocket c = new ServerSocket(0)) {
                return new Ports(a.getLocalPort(), b.getLocalPort(), c.getLocalPort());
            }
        }
    }
}
