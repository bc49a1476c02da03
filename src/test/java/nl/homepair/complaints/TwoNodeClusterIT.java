package nl.homepair.complaints;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.webform.WebFormClient;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes on one PostgreSQL, as Camunda 7 clusters: one shared database and a
 * job executor on every node (issue 16). A complaint registered on node A is worked on node
 * B, SLA timers that fall due together fire exactly once across both nodes, and the login
 * throttle and the web form's rate limit count what both saw.
 */
class TwoNodeClusterIT {

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private EmbeddedPostgres postgres;

    @AfterEach
    void stop() {
        ClockUtil.reset();
        nodes.forEach(ConfigurableApplicationContext::close);
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception e) {
                // the server is gone with the test
            }
        }
    }

    private ConfigurableApplicationContext node(String name) {
        ConfigurableApplicationContext node = new SpringApplicationBuilder(ComplaintsApplication.class)
                .profiles("test", "postgres")
                .run("--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/klachten",
                        "--spring.datasource.username=klachten", "--spring.datasource.password=klachten",
                        "--camunda.bpm.process-engine-name=" + name, "--server.port=0",
                        "--camunda.bpm.job-execution.enabled=true",
                        "--camunda.bpm.job-execution.max-wait=500",
                        "--spring.mail.host=" + TestMailServer.SMTP.getBindAddress(),
                        "--spring.mail.port=" + TestMailServer.SMTP.getPort());
        nodes.add(node);
        return node;
    }

    private static String base(ConfigurableApplicationContext node) {
        return "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
    }

    @Test
    void aComplaintOfNodeAIsWorkedOnNodeBAndTimersFireOnceAcrossBoth() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE klachten LOGIN PASSWORD 'klachten'");
            s.execute("CREATE DATABASE klachten OWNER klachten");
        }
        TestMailServer.GREEN_MAIL.purgeEmailFromAllMailboxes();
        ConfigurableApplicationContext a = node("clusterNodeA");
        ConfigurableApplicationContext b = node("clusterNodeB");
        TestRestTemplate platformOnA = new TestRestTemplate().withBasicAuth("platform", "platform");

        // registered on A, acknowledged by whichever job executor is first, assessed on B
        ResponseEntity<JsonNode> registered = platformOnA.postForEntity(base(a) + "/api/complaints",
                janJansen().name("Cluster Carla").request(), JsonNode.class);
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String reference = registered.getBody().get("reference").asText();
        assertThat(TestMailServer.GREEN_MAIL.waitForIncomingEmail(30_000, 1)).isTrue();

        TaskService tasksOnB = b.getBean(TaskService.class);
        Task assessment = waitFor(() -> tasksOnB.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("UserTask_AssessComplaint").singleResult());
        // The acknowledgement runs beside the assessment and may still be committing on a job thread of
        // either node after its mail arrived. Its end reshapes the case's execution tree, and a claim or
        // completion read across that commit is refused (optimistic locking, or ENGINE-03077 "cannot
        // resolve parent"); Tasklist's user gets a Dutch 409 and tries again (EngineApiConcurrentChangeTest).
        // This test is about the other node, so it waits.
        HistoryService history = b.getBean(HistoryService.class);
        waitFor(() -> history.createHistoricActivityInstanceQuery().activityId("EndEvent_Acknowledged")
                .processInstanceId(assessment.getProcessInstanceId()).finished().count() == 1 ? Boolean.TRUE : null);
        tasksOnB.claim(assessment.getId(), "behandelaar");
        tasksOnB.complete(assessment.getId(), Map.of("assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "Wij besluiten direct."));
        assertThat(waitFor(() -> tasksOnB.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("UserTask_Decide").singleResult())).isNotNull();

        // a storm: twenty cases whose assessment deadline passes at the same moment
        List<String> storm = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ResponseEntity<JsonNode> answer = platformOnA.postForEntity(base(a) + "/api/complaints",
                    janJansen().name("Storm " + i).request(), JsonNode.class);
            storm.add(answer.getBody().get("reference").asText());
        }
        ManagementService jobs = a.getBean(ManagementService.class);
        waitFor(() -> jobs.createJobQuery().messages().count() == 0 ? Boolean.TRUE : null); // acknowledgements out
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(14).toMillis()));
        waitFor(() -> jobs.createJobQuery().executable().count() == 0 ? Boolean.TRUE : null);
        // Both deadline timers of a case are due now; when they fire on two nodes at once, the
        // engine refuses the later write (OptimisticLockingException), and that job runs again
        // 5 seconds later with its retries untouched (engine.ConcurrentChangeRetry), not after
        // its retry interval of 30 minutes: the (frozen) clock moves on by seconds, not more
        for (int round = 0; round < 5 && jobs.createJobQuery().withException().count() > 0; round++) {
            ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofSeconds(6).toMillis()));
            waitFor(() -> jobs.createJobQuery().executable().count() == 0 ? Boolean.TRUE : null);
        }

        JdbcTemplate database = a.getBean(JdbcTemplate.class);
        for (String caseReference : storm) {
            String instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseReference)
                    .singleResult().getId();
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                    .activityId("EndEvent_AssessmentEscalated").count())
                    .as("escalated once: %s, passed %s, jobs %s", caseReference,
                            history.createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
                                    .map(step -> step.getActivityId()).toList(),
                            jobs.createJobQuery().processInstanceId(instance).list().stream()
                                    .map(j -> j.getDuedate() + "/" + j.getRetries() + "/" + j.getExceptionMessage()).toList())
                    .isEqualTo(1);
            assertThat(database.queryForObject("select count(*) from sent_mail m join complaint c on c.id = m.complaint_id "
                    + "where c.reference = ? and m.template = 'escalatie-beoordeling'", Long.class, caseReference))
                    .as("one escalation mail: " + caseReference).isEqualTo(1);
        }
        assertThat(jobs.createJobQuery().withException().count()).as("no failed job").isZero();

        // a guesser whom the load balancer sends round both nodes gets no more tries than from one
        TestRestTemplate guesser = new TestRestTemplate().withBasicAuth("behandelaar", "geraden");
        for (int i = 0; i < 5; i++) {
            ConfigurableApplicationContext next = i % 2 == 0 ? a : b;
            assertThat(guesser.getForEntity(base(next) + "/api/complaints/" + reference, String.class).getStatusCode())
                    .as("try %d", i + 1).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(guesser.getForEntity(base(b) + "/api/complaints/" + reference, String.class).getStatusCode())
                .as("node B saw two of the five").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(guesser.getForEntity(base(a) + "/api/complaints/" + reference, String.class).getStatusCode())
                .as("node A saw three").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        // a script whose web form posts the load balancer sends round both nodes gets the form's limit (5) once;
        // a form opened on one node is sent on the other (its token is signed with the key the nodes share)
        for (int i = 0; i < 5; i++) {
            WebFormClient opened = new WebFormClient(new TestRestTemplate(), base(i % 2 == 0 ? a : b));
            WebFormClient sent = new WebFormClient(new TestRestTemplate(), base(i % 2 == 0 ? b : a));
            Map<String, String> fields = WebFormClient.validFields();
            fields.put("name", "Script " + i);
            fields.put("email", "script" + i + "@example.nl"); // one address gets three a day
            assertThat(sent.post(opened.open(), fields, Map.of()).getStatusCode()).as("post %d", i + 1).isEqualTo(HttpStatus.SEE_OTHER);
        }
        WebFormClient formOnB = new WebFormClient(new TestRestTemplate(), base(b));
        assertThat(formOnB.post(formOnB.open(), WebFormClient.validFields(), Map.of()).getStatusCode())
                .as("node B registered three of the five").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    private static <T> T waitFor(java.util.function.Supplier<T> probe) throws InterruptedException {
        for (long until = System.currentTimeMillis() + 60_000; System.currentTimeMillis() < until; Thread.sleep(200)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
        }
        throw new AssertionError("not reached within a minute");
    }
}
