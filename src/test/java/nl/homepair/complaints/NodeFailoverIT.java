package nl.homepair.complaints;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Node A dies in the middle of its work and node B, on the same PostgreSQL, finishes it
 * (issue 16). Node A is the built jar in a process of its own; its mail server takes the
 * connection and never answers, so A's job executor holds the acknowledgement jobs it
 * acquired, locked for 30 s, when it is killed with SIGKILL. Node B (job executor on, the
 * real mail server) must leave those jobs alone until their locks end, then run each of
 * them: every complaint keeps its process and first task, every job ran exactly once, and
 * every complainant gets exactly one acknowledgement.
 */
class NodeFailoverIT {

    private static final int COMPLAINTS = 12;
    /** How long node A's claim on a job lasts (the production value is 5 minutes, application.yaml). */
    private static final Duration LOCK_OF_A = Duration.ofSeconds(30);
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(150);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jobsOfAKilledNodeAreRunOnceByTheOtherNodeAfterTheirLocksEnd() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "cluster-test").toAbsolutePath());
        TestMailServer.GREEN_MAIL.purgeEmailFromAllMailboxes();
        try (ClusterNodes cluster = new ClusterNodes(); BlackHoleMailServer silent = new BlackHoleMailServer()) {
            ConfigurableApplicationContext b = cluster.start("failoverNodeB",
                    "--camunda.bpm.job-execution.enabled=true",
                    "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                    // B looks for jobs every 5 s when idle; A, which made the jobs, is told of them at once
                    "--camunda.bpm.job-execution.max-wait=5000");
            String lockOwnerOfB = ((ProcessEngineConfigurationImpl) b.getBean(ProcessEngine.class).getProcessEngineConfiguration())
                    .getJobExecutor().getLockOwner();
            int port = freePort();
            Process a = startJar(work, cluster, port, silent.port());
            try {
                awaitReady(a, port);
                // A answers HTTP a moment before its job executor runs: posting earlier left every job to B
                awaitLog(a, work.resolve("node-a.log"), "ENGINE-14018");
                List<String> references = new ArrayList<>();
                for (int i = 0; i < COMPLAINTS; i++) {
                    HttpResponse<String> answer = post(port, janJansen().name("Klant " + i).email(complainant(i)).json());
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                    references.add(json.readTree(answer.body()).get("reference").asText());
                }

                // A is working: it has held a case's job for two seconds (its job threads wait on the silent
                // mail server) and the lock still has five seconds to run. Kill it there, then see what it held:
                // a dead node completes nothing more, so the list is exact whatever B did meanwhile.
                JdbcTemplate database = b.getBean(JdbcTemplate.class);
                String heldByA = "select id_, lock_exp_time_ from act_ru_job where type_ = 'message' "
                        + "and lock_owner_ is not null and lock_owner_ <> ? and lock_exp_time_ > ?";
                waitFor(() -> database.queryForList(heldByA + " and lock_exp_time_ < ?", lockOwnerOfB,
                        Date.from(Instant.now().plusSeconds(5)), Date.from(Instant.now().plus(LOCK_OF_A).minusSeconds(2)))
                        .isEmpty() ? null : Boolean.TRUE);
                a.destroyForcibly();
                assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(a.exitValue()).as("killed with SIGKILL").isEqualTo(137);
                Instant killed = Instant.now();
                List<Map<String, Object>> lockedByA = database.queryForList(heldByA, lockOwnerOfB, Date.from(killed));
                assertThat(lockedByA).as("jobs A held when it died").isNotEmpty();

                ManagementService jobs = b.getBean(ManagementService.class);
                List<String> orphaned = lockedByA.stream().map(row -> (String) row.get("id_")).toList();
                Instant locksEnd = lockedByA.stream().map(row -> ((java.sql.Timestamp) row.get("lock_exp_time_")).toInstant())
                        .max(Instant::compareTo).orElseThrow();
                assertThat(locksEnd).as("A's locks outlive A").isAfter(killed);
                assertThat(jobs.createJobQuery().jobIds(new java.util.HashSet<>(orphaned)).count())
                        .as("B leaves A's locked jobs alone at first").isEqualTo(orphaned.size());

                // B runs them once the locks have ended
                waitFor(() -> jobs.createJobQuery().messages().count() == 0 ? Boolean.TRUE : null);
                HistoryService history = b.getBean(HistoryService.class);
                for (String job : orphaned) {
                    List<HistoricJobLog> done = history.createHistoricJobLogQuery().jobId(job).successLog().list();
                    assertThat(done).as("job %s of node A ran once", job).hasSize(1);
                    assertThat(done.get(0).getTimestamp().toInstant()).as("after its lock ended")
                            .isAfterOrEqualTo(lockOf(lockedByA, job).minusMillis(1000));
                }
                assertEveryCaseWhole(b, database, references);
                System.out.printf("[failover] %d complaints on A; %d of their jobs locked by A when it was killed, "
                        + "run by B %d s after the kill%n", COMPLAINTS, orphaned.size(),
                        Duration.between(killed, Instant.now()).toSeconds());
            } finally {
                a.destroyForcibly();
            }
        }
    }

    private static Instant lockOf(List<Map<String, Object>> locked, String job) {
        return locked.stream().filter(row -> job.equals(row.get("id_")))
                .map(row -> ((java.sql.Timestamp) row.get("lock_exp_time_")).toInstant()).findFirst().orElseThrow();
    }

    /** Each case: one process instance, its first task, every job it had ran once, one acknowledgement. */
    private void assertEveryCaseWhole(ConfigurableApplicationContext b, JdbcTemplate database, List<String> references)
            throws Exception {
        HistoryService history = b.getBean(HistoryService.class);
        TaskService tasks = b.getBean(TaskService.class);
        ManagementService jobs = b.getBean(ManagementService.class);
        for (int i = 0; i < references.size(); i++) {
            String reference = references.get(i);
            assertThat(database.queryForObject("select count(*) from complaint where reference = ?", Long.class, reference))
                    .isEqualTo(1);
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                    .processDefinitionKey(nl.homepair.complaints.complaint.ComplaintProcess.PROCESS_KEY).count()).as("process of %s", reference).isEqualTo(1);
            assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey("UserTask_AssessComplaint").count()).as("first task of %s", reference).isEqualTo(1);
            String instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                    .processDefinitionKey(nl.homepair.complaints.complaint.ComplaintProcess.PROCESS_KEY).singleResult().getId();
            for (HistoricJobLog created : history.createHistoricJobLogQuery().processInstanceId(instance).creationLog().list()) {
                if (created.getJobDefinitionType().equals("async-continuation")) {
                    assertThat(history.createHistoricJobLogQuery().jobId(created.getJobId()).successLog().count())
                            .as("%s: job at %s ran once", reference, created.getActivityId()).isEqualTo(1);
                }
            }
            assertThat(database.queryForObject("select count(*) from sent_mail m join complaint c on c.id = m.complaint_id "
                    + "where c.reference = ? and m.template = 'ontvangstbevestiging' and m.delivered_at is not null",
                    Long.class, reference)).as("acknowledgement copy of %s", reference).isEqualTo(1);
            String to = complainant(i);
            long received = Arrays.stream(TestMailServer.GREEN_MAIL.getReceivedMessages())
                    .filter(message -> addressedTo(message, to)).count();
            assertThat(received).as("acknowledgements received by %s", to).isEqualTo(1);
        }
        assertThat(jobs.createJobQuery().withException().count()).as("failed jobs").isZero();
        assertThat(b.getBean(org.camunda.bpm.engine.RuntimeService.class).createIncidentQuery().count()).as("incidents").isZero();
    }

    private static boolean addressedTo(MimeMessage message, String to) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Address::toString).anyMatch(to::equals);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String complainant(int i) {
        return "klant" + i + "@example.nl";
    }

    /** Node A: the built jar, PostgreSQL profile, its job executor on, mail to the silent server. */
    private Process startJar(Path work, ClusterNodes cluster, int port, int smtpPort) throws IOException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar",
                BuiltJar.path("cluster-test.jar").toString(),
                "--spring.profiles.active=postgres", "--homepair.security.demo-users-on-database-server=true",
                "--server.port=" + port,
                "--spring.datasource.url=" + cluster.jdbcUrl(),
                "--spring.datasource.username=klachten", "--spring.datasource.password=klachten",
                "--homepair.mail.embedded-server.enabled=false", "--homepair.mailbox.enabled=false",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                "--spring.mail.properties.mail.smtp.timeout=600000",
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_OF_A.toMillis());
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("node-a.log").toFile());
        builder.environment().remove("SPRING_PROFILES_ACTIVE");
        return builder.start();
    }

    private void awaitReady(Process app, int port) throws Exception {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("node A is running (target/cluster-test/node-a.log)").isTrue();
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/complaints/KL-0000-000000"))
                        .header("Authorization", basic("behandelaar")).GET().build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (ConnectException e) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("node A not ready within " + STARTUP_LIMIT);
    }

    /** Waits until the process's log has a line with {@code marker}. */
    private static void awaitLog(Process app, Path log, String marker) throws Exception {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("node A is running (target/cluster-test/node-a.log)").isTrue();
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(marker)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("node A logged no " + marker + " within " + STARTUP_LIMIT);
    }

    private HttpResponse<String> post(int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/complaints"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", basic("platform"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <T> T waitFor(Supplier<T> probe) throws InterruptedException {
        for (long until = System.currentTimeMillis() + 120_000; System.currentTimeMillis() < until; Thread.sleep(200)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
        }
        throw new AssertionError("not reached within two minutes");
    }

    /** A mail server that takes every connection and never says a word: a send hangs until its timeout. */
    private static final class BlackHoleMailServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0);
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "black-hole-smtp");

        BlackHoleMailServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
