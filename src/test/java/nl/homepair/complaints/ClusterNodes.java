package nl.homepair.complaints;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One PostgreSQL (zonky, a server in its own process) and application nodes on it, each a
 * Spring application of its own in the test JVM with its own engine name. For the cluster
 * tests, which run in failsafe's JVM (Camunda keeps engines in static fields). Closes the
 * nodes, then the database.
 */
final class ClusterNodes implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    ClusterNodes() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE klachten LOGIN PASSWORD 'klachten'");
            s.execute("CREATE DATABASE klachten OWNER klachten");
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/klachten";
    }

    /** A node with the test profile on the shared database; {@code args} override as on a command line. */
    ConfigurableApplicationContext start(String engineName, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=klachten", "--spring.datasource.password=klachten",
                "--camunda.bpm.process-engine-name=" + engineName, "--server.port=0",
                "--spring.mail.host=" + TestMailServer.SMTP.getBindAddress(),
                "--spring.mail.port=" + TestMailServer.SMTP.getPort()));
        all.addAll(List.of(args));
        ConfigurableApplicationContext node = new SpringApplicationBuilder(ComplaintsApplication.class)
                .profiles("test", "postgres")
                .run(all.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    static String base(ConfigurableApplicationContext node) {
        return "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
    }

    @Override
    public void close() {
        Stream.of(nodes.toArray(ConfigurableApplicationContext[]::new)).filter(ConfigurableApplicationContext::isActive)
                .forEach(ConfigurableApplicationContext::close);
        try {
            postgres.close();
        } catch (Exception e) {
            // the server goes with the test
        }
    }
}
