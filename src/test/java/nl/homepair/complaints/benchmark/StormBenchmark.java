package nl.homepair.complaints.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A timer storm on two nodes (issue 16, goal: all fired within 60 s, none twice). One
 * PostgreSQL holds {@code benchmark.stormCases} open cases at "Eerste beoordeling", written
 * in-process ({@link OpenCases}); two nodes run the jar on it, each with its job executor, and
 * send their mail to one SMTP server in this process ({@link SmtpSink}), as a cluster does (no
 * embedded mail catcher). Once both have been idle for {@code benchmark.stormIdle} seconds (a
 * storm falls at an office moment, after a quiet night: the job executor then polls at its
 * longest interval), {@code benchmark.stormWarmup} cases' timers fall due first (the nodes'
 * first escalations, reported apart), then after another quiet spell one UPDATE makes every
 * other case's escalation timer (BoundaryEvent_AssessmentOverdue) due at once. Measured:
 * until no such timer is left (all fired), and until every case's escalation mail
 * (escalatie-beoordeling) is in the outbox, delivered; then how many timer jobs the job log
 * shows executed more than once and how many cases got the mail more than once.
 * {@code benchmark.stormSettings} compares job executor settings: one round per entry
 * (separated by ';'), each on its own copy of the written database.
 */
final class StormBenchmark {

    private static final String TIMER = "BoundaryEvent_AssessmentOverdue";
    private static final String MAIL = "escalatie-beoordeling";
    private static final String TIMER_JOBS = "job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = '" + TIMER + "')";
    private static final String COUNT_TIMERS = "select count(*) from act_ru_job where " + TIMER_JOBS;

    private final Path jar;
    private final Path work;
    private final int cases = Integer.getInteger("benchmark.stormCases", 10_000);
    private final int idleSeconds = Integer.getInteger("benchmark.stormIdle", 65);
    private final int timeoutSeconds = Integer.getInteger("benchmark.stormTimeout", 300);
    /** One round per entry: the nodes' arguments, e.g. job executor settings to compare ("" for application.yaml's). */
    private final List<String> settings = Arrays.asList(System.getProperty("benchmark.stormSettings", "").split(";", -1));
    /** When above 0, the server's statements that took the most time during the storm (pg_stat_statements). */
    private final int statements = Integer.getInteger("benchmark.stormStatements", 0);
    /** Timers that fall due first, on the fresh nodes, before the storm that is measured (0: none). */
    private final int warmup = Integer.getInteger("benchmark.stormWarmup", 2_000);

    StormBenchmark(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
    }

    void run(Consumer<String> report) throws Exception {
        EmbeddedPostgres.Builder server = EmbeddedPostgres.builder();
        if (statements > 0) {
            server.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        try (EmbeddedPostgres postgres = server.start()) {
            if (statements > 0) {
                PerformanceBenchmark.execute(postgres, "postgres", "create extension pg_stat_statements");
            }
            PerformanceBenchmark.databaseArguments(postgres, "klachten", true);
            double seconds;
            try (ConfigurableApplicationContext application = InProcessApp.start(null, postgres, "klachten", Map.of())) {
                // received within the last day: every timer lies days ahead until the storm
                seconds = new OpenCases(application).write(cases + warmup, 1);
            }
            report.accept(String.format("  storm    %d open cases written in %.0f s", cases + warmup, seconds));
            // statistics as after a night of autovacuum, not as the rows were being written: the
            // copies of this database keep them (with stale ones a storm round's variable look-ups took
            // 3.5 ms each instead of 0.7)
            PerformanceBenchmark.execute(postgres, "klachten", "analyze");
            for (int round = 0; round < settings.size(); round++) {
                // each round on its own copy of the written database
                String name = "storm" + round;
                PerformanceBenchmark.execute(postgres, "postgres", "create database " + name + " template klachten");
                List<String> arguments = Arrays.stream(settings.get(round).split("\\s+")).filter(a -> !a.isBlank()).toList();
                storm(postgres, name, arguments, report);
            }
        }
    }

    private void storm(EmbeddedPostgres postgres, String name, List<String> arguments, Consumer<String> report) throws Exception {
        List<String> database = new ArrayList<>(PerformanceBenchmark.serverArguments(postgres, name, true));
        database.addAll(arguments);
        report.accept("  storm    nodes with " + (arguments.isEmpty() ? "the job executor settings of application.yaml"
                : String.join(" ", arguments)));
        DataSource data = postgres.getDatabase("postgres", name);
        // the nodes' mail server: outside the nodes, as in a cluster (README, "Running a cluster": no
        // embedded mail catcher); in this process, whose CPU is reported with the storm's
        try (SmtpSink mailServer = new SmtpSink(); AppProcess a = node("a", name, database, mailServer);
             AppProcess b = node("b", name, database, mailServer);
             Connection connection = data.getConnection()) {
            List<AppProcess> nodes = List.of(a, b);
            Thread.sleep(idleSeconds * 1000L);
            if (warmup > 0) {
                // the first escalations on fresh nodes: the JIT compiler's work on every path they take
                // (measured: about 30% of the nodes' CPU in a cold storm) falls here, as it does on a
                // production node on its first working day, not in every storm after
                Round first = fire(postgres, connection, nodes, warmup);
                report.accept(String.format("  storm    warm-up on the fresh nodes: %d timers due at once, all fired after %s;"
                        + " CPU %s", first.timers(), since(first.started(), first.allFired()), first.cpu()));
                Thread.sleep(idleSeconds * 1000L);
            }
            if (statements > 0) {
                PerformanceBenchmark.execute(postgres, "postgres", "select pg_stat_statements_reset()");
            }
            Round storm = fire(postgres, connection, nodes, Integer.MAX_VALUE);
            long firedTwice = count(connection, "select count(*) from (select job_id_ from act_hi_job_log where "
                    + TIMER_JOBS + " and job_state_ = 2 group by job_id_ having count(*) > 1) twice");
            long mailedTwice = count(connection, "select count(*) from (select complaint_id from sent_mail where template = '"
                    + MAIL + "' group by complaint_id having count(*) > 1) twice");
            long failures = count(connection, "select count(*) from act_hi_job_log where job_state_ = 1");
            long incidents = count(connection, "select count(*) from act_ru_incident");
            report.accept(String.format("  storm    %d timers due at once on 2 nodes%s: first fired after %s, all fired after %s,"
                            + " all %d escalation mails delivered after %s (goal: all within 60 s)",
                    storm.timers(), warmup > 0 ? " (warmed up)" : "", since(storm.started(), storm.firstFired()),
                    since(storm.started(), storm.allFired()), storm.timers(), since(storm.started(), storm.allMailed())));
            if (storm.allFired() < 0 || storm.allMailed() < 0) {
                report.accept(String.format("  storm    after %d s: %d timers left, %d mails delivered", timeoutSeconds,
                        storm.left(), storm.mailed()));
            }
            report.accept(String.format("  storm    fired twice: %d timers, %d cases mailed twice (goal 0); jobs per node %s;"
                            + " failed job attempts %d (retried), incidents %d; mails the mail server took since the nodes started: %d",
                    firedTwice, mailedTwice, perNode(connection), failures, incidents, mailServer.accepted()));
            // the machine may be shared: the CPU the storm cost is steadier than the time it took
            report.accept("  storm    CPU used meanwhile: " + storm.cpu());
            if (statements > 0) {
                reportStatements(postgres, name, report);
            }
        }
    }

    /** What one round of timers due at once took, and the CPU each process used meanwhile (ms). */
    private record Round(long timers, long started, long firstFired, long allFired, long allMailed, long left, long mailed,
                         long nodeA, long nodeB, long server, long mailServer) {

        String cpu() {
            return String.format("node-a %.1f s, node-b %.1f s, PostgreSQL %.1f s; %.1f ms per timer"
                            + " (the harness with the mail server %.1f s)", nodeA / 1e3, nodeB / 1e3, server / 1e3,
                    (double) (nodeA + nodeB + server) / Math.max(1, timers), mailServer / 1e3);
        }
    }

    /** Makes at most {@code limit} escalation timers due at once and waits until they fired and their mails left. */
    private Round fire(EmbeddedPostgres postgres, Connection connection, List<AppProcess> nodes, int limit) throws Exception {
        String mails = "select count(*) from sent_mail where template = '" + MAIL + "' and delivered_at is not null";
        long timersBefore = count(connection, COUNT_TIMERS);
        long mailedBefore = count(connection, mails);
        long self = ProcessHandle.current().pid();
        long[] cpuBefore = {nodes.get(0).cpuMillis(), nodes.get(1).cpuMillis(), ProcCpu.postgresMillis(postgres.getPort()),
                ProcCpu.millis(self, false)};
        long started;
        long timers;
        try (PreparedStatement due = connection.prepareStatement("update act_ru_job set duedate_ = ? where id_ in"
                + " (select id_ from act_ru_job where " + TIMER_JOBS + " limit ?)")) {
            due.setTimestamp(1, new Timestamp(System.currentTimeMillis()));
            due.setInt(2, limit);
            started = System.nanoTime();
            timers = due.executeUpdate();
        }
        long waiting = timersBefore - timers;
        long firstFired = -1;
        long allFired = -1;
        long allMailed = -1;
        long deadline = started + timeoutSeconds * 1_000_000_000L;
        long left = timers;
        long mailed = 0;
        while (System.nanoTime() < deadline && (allFired < 0 || allMailed < 0)) {
            // every half second, and the mails (a scan of the outbox) only once no timer is left: the
            // monitor's own statements took 5.9 s of the server's time in a storm of 10,000 at 200 ms
            Thread.sleep(500);
            long now = System.nanoTime();
            left = count(connection, COUNT_TIMERS) - waiting;
            if (left == 0) {
                mailed = count(connection, mails) - mailedBefore;
            }
            if (firstFired < 0 && left < timers) {
                firstFired = now;
            }
            if (allFired < 0 && left == 0) {
                allFired = now;
            }
            if (allMailed < 0 && mailed >= timers) {
                allMailed = now;
            }
        }
        return new Round(timers, started, firstFired, allFired, allMailed, left, mailed,
                nodes.get(0).cpuMillis() - cpuBefore[0], nodes.get(1).cpuMillis() - cpuBefore[1],
                ProcCpu.postgresMillis(postgres.getPort()) - cpuBefore[2], ProcCpu.millis(self, false) - cpuBefore[3]);
    }

    /** The statements that took the server the most time in this database since the last reset. */
    private void reportStatements(EmbeddedPostgres postgres, String database, Consumer<String> report) throws SQLException {
        report.accept("  storm    the server's statements by time taken during the storm (ms in all, calls, rows, statement):");
        try (Connection stats = postgres.getPostgresDatabase().getConnection();
             PreparedStatement top = stats.prepareStatement("select total_exec_time + total_plan_time, calls, rows, query"
                     + " from pg_stat_statements where dbid = (select oid from pg_database where datname = ?)"
                     + " order by 1 desc limit ?")) {
            top.setString(1, database);
            top.setInt(2, statements);
            try (ResultSet rows = top.executeQuery()) {
                while (rows.next()) {
                    String text = rows.getString(4).replaceAll("\\s+", " ");
                    report.accept(String.format("  storm    %9.0f %7d %7d  %s", rows.getDouble(1), rows.getLong(2),
                            rows.getLong(3), text.substring(0, Math.min(240, text.length()))));
                }
            }
        }
    }

    /** A node of the cluster: the jar with its job executor, sending its mail to the given server. */
    private AppProcess node(String name, String round, List<String> database, SmtpSink mailServer) throws Exception {
        List<String> arguments = new ArrayList<>(database);
        // the job log names the node that ran each job
        arguments.add("--camunda.bpm.generic-properties.properties.hostname=node-" + name);
        // the storm measures the escalations themselves, also when the benchmark runs at night
        arguments.add("--homepair.working-days.alerts-in-office-hours=false");
        arguments.addAll(mailServer.applicationArguments());
        return AppProcess.start("node-" + name, jar, work.resolve(round + "-node-" + name), PerformanceBenchmark.freePort(),
                arguments);
    }

    private static String perNode(Connection connection) throws SQLException {
        StringBuilder split = new StringBuilder();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select hostname_, count(*) from act_hi_job_log where job_state_ = 2"
                     + " group by hostname_ order by hostname_")) {
            while (rows.next()) {
                split.append(split.isEmpty() ? "" : ", ").append(rows.getString(1)).append(' ').append(rows.getLong(2));
            }
        }
        return split.toString();
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String since(long started, long at) {
        return at < 0 ? "-" : String.format("%.1f s", (at - started) / 1e9);
    }
}
