package nl.homepair.complaints.reporting;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import nl.homepair.complaints.benchmark.InProcessApp;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.complaint.Verdict;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.text.DutchDates;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long the yearly report takes with many closed cases, on the embedded H2 file and on
 * PostgreSQL (zonky's embedded server): the application is started as it runs, the facts of
 * {@code benchmark.cases} closed cases received in 2025 are written straight into
 * {@code case_facts} (codes and durations drawn at random, reproducibly), and the report of
 * 2025 is taken three times to warm up and then timed five times. Not a test: run it with
 * {@code mvn -o -B -Pbenchmark test-compile} (README, "Figures").
 */
public final class ReportBenchmark {

    private static final int YEAR = 2025;
    private static final int WARM_UP = 3;
    private static final int RUNS = 5;

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cases = Integer.getInteger("benchmark.cases", 100_000);
        List<String> databases = Arrays.asList(System.getProperty("benchmark.databases", "h2,postgres").split(","));
        List<String> results = new ArrayList<>();
        for (String database : databases) {
            results.add(run(database.strip(), cases));
        }
        System.out.println();
        System.out.println("Yearly report (" + YEAR + ") with " + cases + " closed cases, " + Runtime.getRuntime().availableProcessors()
                + " processors, Java " + Runtime.version() + ":");
        results.forEach(System.out::println);
        System.exit(0);
    }

    private static String run(String database, int cases) throws Exception {
        EmbeddedPostgres postgres = null;
        Path file = null;
        switch (database) {
            case "h2" -> file = Files.createDirectories(Path.of("target", "benchmark"))
                    .resolve("klachten-" + System.currentTimeMillis());
            case "postgres" -> postgres = EmbeddedPostgres.builder().start();
            default -> throw new IllegalArgumentException("benchmark.databases: h2 and/or postgres, not " + database);
        }
        ConfigurableApplicationContext application = InProcessApp.start(file, postgres, "postgres", Map.of());
        try {
            long seeding = System.nanoTime();
            seed(application.getBean(DataSource.class), application.getBean(WorkingDayCalendar.class), cases);
            System.out.printf("%s: %d closed cases written in %.1f s%n", database, cases, (System.nanoTime() - seeding) / 1e9);
            ReportService reports = application.getBean(ReportService.class);
            LocalDate from = LocalDate.of(YEAR, 1, 1);
            LocalDate to = LocalDate.of(YEAR, 12, 31);
            for (int i = 0; i < WARM_UP; i++) {
                check(reports.report(from, to), cases);
            }
            long[] millis = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                check(reports.report(from, to), cases);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            long transparency = System.nanoTime();
            reports.report(from, to, ComplainantRole.PROFESSIONAL);
            reports.report(from, to);
            long summaryMillis = (System.nanoTime() - transparency) / 1_000_000;
            return String.format("  %-8s report of %d: median %d ms (runs %s ms); transparency summary (two reports) %d ms",
                    database, YEAR, sorted[RUNS / 2], Arrays.toString(millis), summaryMillis);
        } finally {
            application.close();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static void check(Report report, int cases) {
        if (report.received() != cases) {
            throw new IllegalStateException("report counted " + report.received() + " cases, expected " + cases);
        }
    }

    /** {@code cases} closed cases received on the working days of the year, in batches of 1,000. */
    private static void seed(DataSource dataSource, WorkingDayCalendar calendar, int cases) throws Exception {
        Random random = new Random(2025);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = LocalDate.of(YEAR, 1, 1); day.getYear() == YEAR; day = day.plusDays(1)) {
            if (calendar.isWorkingDay(day)) {
                days.add(day);
            }
        }
        IntakeChannel[] channels = IntakeChannel.values();
        ComplainantRole[] roles = ComplainantRole.values();
        ComplaintSubject[] subjects = ComplaintSubject.values();
        CaseOutcome[] outcomes = {CaseOutcome.INADMISSIBLE, CaseOutcome.INCOMPLETE, CaseOutcome.RESOLVED_BY_MEDIATION,
                CaseOutcome.DECIDED, CaseOutcome.DECIDED, CaseOutcome.DECIDED, CaseOutcome.DECIDED_AFTER_OBJECTION};
        Verdict[] verdicts = Verdict.values();
        String sql = "insert into case_facts (complaint_id, version, reference, received_at, received_week, clock_start_day,"
                + " channel, role, subject, status, acknowledged_at, acknowledgement_days, first_assessment_at,"
                + " first_assessment_days, information_requests, paused_days, decided_at, decision_days, verdict,"
                + " measure_warning, measure_suspension, measure_removal, measure_compensation_advice,"
                + " measure_internal_improvement, objection_at, board_decision, affected_user_objections, external_dispute,"
                + " closed_at, closing_days, outcome, stopped_by_erasure, anonymised_at)"
                + " values (?,0,?,?,?,?,?,?,?,'CLOSED',?,?,?,?,?,?,?,?,?,false,false,false,false,false,?,?,0,?,?,?,?,false,?)";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = 0; i < cases; i++) {
                    LocalDate day = days.get(random.nextInt(days.size()));
                    Instant received = day.atTime(9 + random.nextInt(8), random.nextInt(60)).atZone(DutchDates.ZONE).toInstant();
                    int acknowledgement = random.nextInt(100) < 95 ? 0 : 1 + random.nextInt(4);
                    int paused = random.nextInt(100) < 15 ? 1 + random.nextInt(10) : 0;
                    int assessment = 1 + random.nextInt(7);
                    CaseOutcome outcome = outcomes[random.nextInt(outcomes.length)];
                    boolean decided = outcome == CaseOutcome.DECIDED || outcome == CaseOutcome.DECIDED_AFTER_OBJECTION;
                    boolean objection = outcome == CaseOutcome.DECIDED_AFTER_OBJECTION;
                    int decision = assessment + paused + 2 + random.nextInt(15);
                    int closing = decided ? decision + 130 + random.nextInt(20) : assessment + paused + random.nextInt(12);
                    int p = 1;
                    insert.setLong(p++, 10_000_000L + i);
                    insert.setString(p++, String.format("KL-%d-%06d", YEAR, i + 1));
                    insert.setTimestamp(p++, Timestamp.from(received));
                    insert.setObject(p++, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
                    insert.setObject(p++, day);
                    insert.setString(p++, channels[random.nextInt(channels.length)].name());
                    insert.setString(p++, roles[random.nextInt(roles.length)].name());
                    insert.setString(p++, subjects[random.nextInt(subjects.length)].name());
                    insert.setTimestamp(p++, Timestamp.from(received.plusSeconds(60)));
                    insert.setInt(p++, acknowledgement);
                    insert.setTimestamp(p++, Timestamp.from(received.plusSeconds(86_400L * assessment)));
                    insert.setInt(p++, assessment);
                    insert.setInt(p++, paused > 0 ? 1 : 0);
                    insert.setInt(p++, paused);
                    insert.setTimestamp(p++, decided ? Timestamp.from(received.plusSeconds(86_400L * decision)) : null);
                    if (decided) {
                        insert.setInt(p++, decision);
                    } else {
                        insert.setNull(p++, Types.INTEGER);
                    }
                    insert.setString(p++, decided ? verdicts[random.nextInt(verdicts.length)].name() : null);
                    insert.setTimestamp(p++, objection ? Timestamp.from(received.plusSeconds(86_400L * (decision + 20))) : null);
                    insert.setString(p++, objection ? (random.nextBoolean() ? "UPHELD" : "REJECTED") : null);
                    if (objection) {
                        insert.setBoolean(p++, random.nextInt(10) == 0);
                    } else {
                        insert.setNull(p++, Types.BOOLEAN);
                    }
                    insert.setTimestamp(p++, Timestamp.from(received.plusSeconds(86_400L * closing * 7 / 5)));
                    insert.setInt(p++, closing);
                    insert.setString(p++, outcome.name());
                    insert.setTimestamp(p, random.nextBoolean() ? Timestamp.from(received.plusSeconds(86_400L * 800)) : null);
                    insert.addBatch();
                    if ((i + 1) % 1_000 == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        }
    }
}
