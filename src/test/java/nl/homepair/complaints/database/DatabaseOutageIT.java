package nl.homepair.complaints.database;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import nl.homepair.complaints.ComplaintsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The database goes away and comes back (issue 16): meanwhile every request is answered 503
 * in Dutch with Retry-After, not 500 and not "wrong password" (nothing counts towards the
 * login throttle), and nothing half is stored; afterwards the application recovers by itself.
 */
class DatabaseOutageIT {

    @TempDir
    Path data;

    /** The same server again on the same files: not cleaned, also not when it stops (zonky deletes cleaned folders). */
    private EmbeddedPostgres start(int port) throws Exception {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data.resolve("pgdata")).setCleanDataDirectory(false).start();
    }

    @Test
    void duringAnOutageEveryAnswerIs503AndAfterwardsTheApplicationRecoversByItself() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres postgres = start(port);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE klachten LOGIN PASSWORD 'klachten'");
            s.execute("CREATE DATABASE klachten OWNER klachten");
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ComplaintsApplication.class)
                .profiles("test", "postgres")
                .run("--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/klachten",
                        "--spring.datasource.username=klachten", "--spring.datasource.password=klachten",
                        "--spring.datasource.hikari.connection-timeout=1500",
                        "--camunda.bpm.process-engine-name=outageTest", "--server.port=0")) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            TestRestTemplate platform = new TestRestTemplate().withBasicAuth("platform", "platform");
            ResponseEntity<JsonNode> before = platform.postForEntity(base + "/api/complaints", janJansen().request(), JsonNode.class);
            assertThat(before.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            String reference = before.getBody().get("reference").asText();

            postgres.close();
            for (int attempt = 0; attempt < 7; attempt++) { // more than the throttle allows for wrong passwords
                ResponseEntity<JsonNode> during = platform.postForEntity(base + "/api/complaints", janJansen().request(), JsonNode.class);
                assertThat(during.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(during.getHeaders().getFirst("Retry-After")).isNotBlank();
                assertThat(during.getBody().get("message").asText()).contains("niets opgeslagen", "opnieuw");
            }

            postgres = start(port);
            ResponseEntity<JsonNode> after = null;
            for (long until = System.currentTimeMillis() + 60_000; System.currentTimeMillis() < until; Thread.sleep(500)) {
                after = platform.postForEntity(base + "/api/complaints", janJansen().name("Na Storing").request(), JsonNode.class);
                if (after.getStatusCode() != HttpStatus.SERVICE_UNAVAILABLE) {
                    break;
                }
            }
            assertThat(after.getStatusCode()).as(String.valueOf(after.getBody())).isEqualTo(HttpStatus.CREATED);
            TestRestTemplate handler = new TestRestTemplate().withBasicAuth("behandelaar", "behandelaar");
            assertThat(handler.getForEntity(base + "/api/complaints/" + reference, JsonNode.class).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        } finally {
            postgres.close();
        }
    }
}
