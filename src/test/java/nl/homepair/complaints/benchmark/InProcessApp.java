package nl.homepair.complaints.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.homepair.complaints.ComplaintsApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started inside the benchmark's JVM (as {@code ReportBenchmark} does), on
 * the H2 file of a folder or on a database of an embedded PostgreSQL, for writing many cases
 * through its own beans: job executor, mailbox and mail catcher off.
 */
public final class InProcessApp {

    private InProcessApp() {
    }

    /**
     * @param h2File the H2 file (without .mv.db) when {@code postgres} is null
     * @param extra  further properties, e.g. {@code server.port}
     */
    public static ConfigurableApplicationContext start(Path h2File, EmbeddedPostgres postgres, String database,
                                                Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("camunda.bpm.job-execution.enabled", "false");
        properties.put("camunda.bpm.metrics.enabled", "false");
        properties.put("homepair.mailbox.enabled", "false");
        properties.put("homepair.mail.embedded-server.enabled", "false");
        String profile = "default";
        if (postgres == null) {
            // the default run's URL, on a fresh file
            properties.put("spring.datasource.url", "jdbc:h2:file:" + h2File.toAbsolutePath()
                    + ";AUTO_SERVER=FALSE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256");
        } else {
            properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", database));
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "postgres");
            properties.put("homepair.security.demo-users-on-database-server", "true");
            profile = "postgres";
        }
        properties.putAll(extra);
        // as command-line arguments, which win over application.yaml (default properties would not)
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ComplaintsApplication.class).profiles(profile).run(arguments);
    }
}
