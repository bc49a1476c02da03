package nl.homepair.complaints.database;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * That holds for Tasklist's session too, whose requests go to the engine's own REST API.
 */
class DatabaseOutageIT {

    @TempDir
    Path data;

    /** The same server again on the same files: not cleaned, also not when it stops (zonky deletes cleaned folders). */
    private EmbeddedPostgres start(int port) throws Exception {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data.resolve("pgdata")).setCleanDataDirectory(false).start();
    }

    private static final String TASK_COUNT = "/camunda/api/engine/engine/outageTest/task/count";

    /** A browser's Tasklist session: its cookies, and the CSRF token it sends back. */
    private static final class Tasklist {
        private final String base;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient client;

        Tasklist(String base) {
            this.base = base;
            this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
        }

        HttpResponse<String> get(String path) throws Exception {
            return get(path, "application/json");
        }

        HttpResponse<String> get(String path, String accept) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> login(String user, String password) throws Exception {
            get("/camunda/app/tasklist/outageTest/");
            return client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/outageTest/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf())
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private String xsrf() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
        }
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
            Tasklist tasklist = new Tasklist(base);
            HttpResponse<String> login = tasklist.login("behandelaar", "behandelaar");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(tasklist.get(TASK_COUNT).statusCode()).isEqualTo(200);
            nl.homepair.complaints.webform.WebFormClient webForm = new nl.homepair.complaints.webform.WebFormClient(
                    new TestRestTemplate(), base);

            postgres.close();
            // a complainant who opens the web form during the outage (this node has not shown it before: its signing
            // key was read at start) and sends it: the form page again, with what was typed, not an error page or JSON
            nl.homepair.complaints.webform.WebFormClient.Session complainant = webForm.open();
            ResponseEntity<String> typed = webForm.post(complainant, nl.homepair.complaints.webform.WebFormClient.validFields(),
                    java.util.Map.of());
            assertThat(typed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(typed.getHeaders().getContentType().toString()).startsWith("text/html");
            assertThat(typed.getBody()).contains("kon nu niet worden verwerkt", "De schilder kwam twee keer niet opdagen");
            // a handler who was logged in before: Tasklist shows the engine's answer as it is
            HttpResponse<String> taskList = tasklist.get(TASK_COUNT);
            assertThat(taskList.statusCode()).as(taskList.body()).isEqualTo(503);
            assertThat(taskList.headers().firstValue("Retry-After")).isPresent();
            assertThat(taskList.body()).contains("niets opgeslagen", "opnieuw");
            // and the staff pages, with the same login, answer a page to read, not JSON
            HttpResponse<String> overview = tasklist.get("/zaken", "text/html,application/xhtml+xml,*/*;q=0.8");
            assertThat(overview.statusCode()).as(overview.body()).isEqualTo(503);
            assertThat(overview.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(overview.body()).contains("<h1>Er is een storing</h1>", "niets opgeslagen");
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
            assertThat(tasklist.get(TASK_COUNT).statusCode()).as("still logged in, Tasklist works again").isEqualTo(200);
            // nothing half: the two complaints answered 201, each with its case, and none of the refused ones
            try (Connection c = postgres.getDatabase("postgres", "klachten").getConnection(); Statement s = c.createStatement()) {
                java.sql.ResultSet stored = s.executeQuery("select count(*), count(p.id_) from complaint c"
                        + " left join act_hi_procinst p on p.business_key_ = c.reference and p.proc_def_key_ = 'complaintProcedure'");
                stored.next();
                assertThat(stored.getInt(1)).as("complaints").isEqualTo(2);
                assertThat(stored.getInt(2)).as("of which with their case").isEqualTo(2);
            }
        } finally {
            postgres.close();
        }
    }
}
