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
 * in-process ({@link OpenCases}); two nodes run the jar on it, each with its job executor and
 * its own mail catcher. Once both have been idle for {@code benchmark.stormIdle} seconds (a
 * storm falls at an office moment, after a quiet night: the job executor then polls at its
 * longest interval), one UPDATE makes every case's escalation timer
 * (BoundaryEvent_AssessmentOverdue) due at once. Measured: until no such timer is left (all
 * fired), and until every case's escalation mail (escalatie-beoordeling) is in the outbox,
 * delivered; then how many timer jobs the job log shows executed more than once and how
 * many cases got the mail more than once. {@code benchmark.stormSettings} compares job
 * executor settings: one round per entry (separated by ';'), each on its own copy of the
 * written database.
 */
final class StormBenchmark {

    private static final String TIMER = "BoundaryEvent_AssessmentOverdue";
    private static final String MAIL = "escalatie-beoordeling";
    private static final String TIMER_JOBS = "job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = '" + TIMER + "')";

    private final Path jar;
    private final Path work;
    private final int cases = Integer.getInteger("benchmark.stormCases", 10_000);
    private final int idleSeconds = Integer.getInteger("benchmark.stormIdle", 65);
    private final int timeoutSeconds = Integer.getInteger("benchmark.stormTimeout", 300);
    /** One round per entry: the nodes' arguments, e.g. job executor settings to compare ("" for application.yaml's). */
    private final List<String> settings = Arrays.asList(System.getProperty("benchmark.stormSettings", "").split(";", -1));
    /** When above 0, the server's statements that took the most time during the storm (pg_stat_statements). */
    private final int statements = Integer.getInteger("benchmark.stormStatements", 0);

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
                execute(postgres, "postgres", "create extension pg_stat_statements");
            }
            PerformanceBenchmark.databaseArguments(postgres, "klachten", true);
            double seconds;
            try (ConfigurableApplicationContext application = InProcessApp.start(null, postgres, "klachten", Map.of())) {
                // received within the last day: every timer lies days ahead until the storm
                seconds = new OpenCases(application).write(cases, 1);
            }
            report.accept(String.format("  storm    %d open cases written in %.0f s", cases, seconds));
            // statistics as after a night of autovacuum, not as the rows were being written: the
            // copies of this database keep them (with stale ones a storm round's variable look-ups took
            // 3.5 ms each instead of 0.7)
            execute(postgres, "klachten", "analyze");
            for (int round = 0; round < settings.size(); round++) {
                // each round on its own copy of the written database
                String name = "storm" + round;
                execute(postgres, "postgres", "create database " + name + " template klachten");
                List<String> arguments = Arrays.stream(settings.get(round).split("\\s+")).filter(a -> !a.isBlank()).toList();
                storm(postgres, name, arguments, report);
            }
        }
    }

    private void storm(EmbeddedPostgres postgres, String name, List<String> arguments, Consumer<String> report) throws Exception {
        List<String> database = new ArrayList<>(List.of("--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort()
                + "/" + name, "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--spring.profiles.active=postgres"));
        database.addAll(arguments);
        report.accept("  storm    nodes with " + (arguments.isEmpty() ? "the job executor settings of application.yaml"
                : String.join(" ", arguments)));
        DataSource data = postgres.getDatabase("postgres", name);
        try (AppProcess a = node("a", name, database); AppProcess b = node("b", name, database);
             Connection connection = data.getConnection()) {
            Thread.sleep(idleSeconds * 1000L);
            long timers = count(connection, "select count(*) from act_ru_job where " + TIMER_JOBS);
            long[] cpuBefore = {a.cpuMillis(), b.cpuMillis(), ProcCpu.postgresMillis(postgres.getPort())};
            if (statements > 0) {
                execute(postgres, "postgres", "select pg_stat_statements_reset()");
            }
            long started;
            try (PreparedStatement due = connection.prepareStatement("update act_ru_job set duedate_ = ? where " + TIMER_JOBS)) {
                due.setTimestamp(1, new Timestamp(System.currentTimeMillis()));
                started = System.nanoTime();
                due.executeUpdate();
            }
            long firstFired = -1;
            long allFired = -1;
            long allMailed = -1;
            long deadline = started + timeoutSeconds * 1_000_000_000L;
            long left = timers;
            long mailed = 0;
            while (System.nanoTime() < deadline && (allFired < 0 || allMailed < 0)) {
                Thread.sleep(200);
                long now = System.nanoTime();
                left = count(connection, "select count(*) from act_ru_job where " + TIMER_JOBS);
                mailed = count(connection, "select count(*) from sent_mail where template = '" + MAIL
                        + "' and delivered_at is not null");
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
            long[] cpu = {a.cpuMillis() - cpuBefore[0], b.cpuMillis() - cpuBefore[1],
                    ProcCpu.postgresMillis(postgres.getPort()) - cpuBefore[2]};
            long firedTwice = count(connection, "select count(*) from (select job_id_ from act_hi_job_log where "
                    + TIMER_JOBS + " and job_state_ = 2 group by job_id_ having count(*) > 1) twice");
            long mailedTwice = count(connection, "select count(*) from (select complaint_id from sent_mail where template = '"
                    + MAIL + "' group by complaint_id having count(*) > 1) twice");
            long failures = count(connection, "select count(*) from act_hi_job_log where job_state_ = 1");
            long incidents = count(connection, "select count(*) from act_ru_incident");
            report.accept(String.format("  storm    %d timers due at once on 2 nodes: first fired after %s, all fired after %s,"
                            + " all %d escalation mails delivered after %s (goal: all within 60 s)",
                    timers, since(started, firstFired), since(started, allFired), timers, since(started, allMailed)));
            if (allFired < 0 || allMailed < 0) {
                report.accept(String.format("  storm    after %d s: %d timers left, %d mails delivered", timeoutSeconds, left, mailed));
            }
            report.accept(String.format("  storm    fired twice: %d timers, %d cases mailed twice (goal 0); jobs per node %s;"
                            + " failed job attempts %d (retried), incidents %d",
                    firedTwice, mailedTwice, perNode(connection), failures, incidents));
            // the machine may be shared: the CPU the storm cost is steadier than the time it took
            report.accept(String.format("  storm    CPU used meanwhile: node-a %.1f s, node-b %.1f s, PostgreSQL %.1f s;"
                            + " %.1f ms per timer", cpu[0] / 1e3, cpu[1] / 1e3, cpu[2] / 1e3,
                    (double) (cpu[0] + cpu[1] + cpu[2]) / Math.max(1, timers)));
            if (statements > 0) {
                reportStatements(postgres, name, report);
            }
        }
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

    /** One statement in one database of the server, as its superuser. */
    private static void execute(EmbeddedPostgres postgres, String database, String sql) throws SQLException {
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private AppProcess node(String name, String round, List<String> database) throws Exception {
        List<String> arguments = new ArrayList<>(database);
        // the job log names the node that ran each job
        arguments.add("--camunda.bpm.generic-properties.properties.hostname=node-" + name);
        return AppProcess.start("node-" + name, jar, work.resolve(round + "-node-" + name), PerformanceBenchmark.freePort(),
                PerformanceBenchmark.ourArguments(arguments));
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
