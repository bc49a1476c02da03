package nl.homepair.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import nl.homepair.complaints.mail.MailText;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.MultiValueMap;

/**
 * Base of the tests that go through the real entry points: the application on a random
 * port with an in-memory database, and a real SMTP/IMAP server (GreenMail, see
 * {@link TestMailServer}). The job executor is off; {@link #runDueJobs(String)} and
 * {@link #runDueJobsExcept(Set)} play it, each for the jobs of one test's cases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

    protected static final GreenMail greenMail = TestMailServer.GREEN_MAIL;

    /** The contact mailbox that the application reads (see application-test.yaml). */
    public static final String CONTACT_MAILBOX = "contact@homepair.nl";

    /** {@link TestComplaints#janJansen()} as JSON, for tests that change the raw text. */
    public static final String VALID_COMPLAINT = TestComplaints.janJansen().json();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> TestMailServer.SMTP.getBindAddress());
        registry.add("spring.mail.port", () -> TestMailServer.SMTP.getPort());
        registry.add("homepair.mailbox.host", () -> TestMailServer.IMAP.getBindAddress());
        registry.add("homepair.mailbox.port", () -> TestMailServer.IMAP.getPort());
    }

    @BeforeEach
    void emptyMailServer() throws Exception {
        if (!greenMail.isRunning()) {
            greenMail.start(); // a test that stopped it to play an outage failed before restarting it
        }
        greenMail.purgeEmailFromAllMailboxes();
        greenMail.setUser(CONTACT_MAILBOX, CONTACT_MAILBOX, "contact");
    }

    @Autowired
    protected TestRestTemplate rest;

    @Autowired
    protected ManagementService managementService;

    /** A JSON request body. */
    protected static HttpEntity<String> json(String body) {
        return TestComplaints.jsonRequest(body);
    }

    /** A complaint with evidence files, as the multipart request of POST /api/complaints. */
    protected static HttpEntity<MultiValueMap<String, Object>> complaintWithFiles(String complaintJson, Map<String, byte[]> files) {
        return TestComplaints.multipart(complaintJson, files);
    }

    /** POST /api/complaints as the platform, whatever the answer. */
    protected ResponseEntity<JsonNode> post(TestComplaints.Builder complaint) {
        return as("platform").postForEntity("/api/complaints", complaint.request(), JsonNode.class);
    }

    /** Submits the complaint as the platform, expects 201 and runs its first steps; its reference. */
    protected String submit(TestComplaints.Builder complaint) {
        ResponseEntity<JsonNode> response = post(complaint);
        assertThat(response.getStatusCode()).as("answer to the complaint: %s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        String reference = response.getBody().get("reference").asText();
        runDueJobs(reference);
        return reference;
    }

    /** What a task's form shows, as Tasklist reads it: its form variables, the case file included ({@code tasklist/FreshCaseFileFilter}). */
    protected JsonNode formVariables(String user, org.camunda.bpm.engine.task.Task task) {
        ResponseEntity<JsonNode> answer = as(user).getForEntity("/engine-rest/task/" + task.getId() + "/form-variables", JsonNode.class);
        assertThat(answer.getStatusCode()).as("form variables of %s for %s", task.getName(), user).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    /** One text of a task's case file, as its form shows it to this user. */
    protected String caseFileText(String user, org.camunda.bpm.engine.task.Task task, String name) {
        return formVariables(user, task).path(name).path("value").asText();
    }

    protected TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user);
    }

    /** Starts a process from its Tasklist start form, as Tasklist does: the engine REST API's submit-form, with the user's own rights. */
    protected ResponseEntity<String> submitStartForm(String user, String processKey, Map<String, ?> values) {
        return submitForm(user, "/engine-rest/process-definition/key/" + processKey + "/submit-form", values);
    }

    /** Completes a task with its form, as Tasklist does: the engine REST API's submit-form, with the user's own rights. */
    protected ResponseEntity<String> submitTaskForm(String user, String taskId, Map<String, ?> values) {
        return submitForm(user, "/engine-rest/task/" + taskId + "/submit-form", values);
    }

    private ResponseEntity<String> submitForm(String user, String path, Map<String, ?> values) {
        Map<String, Object> variables = new java.util.HashMap<>();
        values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).postForEntity(path, new HttpEntity<>(Map.of("variables", variables), headers), String.class);
    }

    @Autowired
    protected RuntimeService runtimeService;

    /**
     * Executes the jobs that are due now for the cases with this reference (and its called
     * processes) only, as the job executor would (failures stay on the job), so that cases of
     * other tests in the same engine stay untouched.
     */
    protected void runDueJobs(String reference) {
        runDueJobs(() -> {
            Set<String> instances = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                    .list().stream().map(ProcessInstance::getId).collect(Collectors.toSet());
            return job -> instances.contains(job.getProcessInstanceId());
        });
    }

    /**
     * Ends the objection window of a decided (or declared inadmissible) case now, as its timer would months later, and
     * runs what follows (the closing mail, the end event): a case closed at the test's moment.
     */
    protected void endObjectionWindow(String reference) {
        String process = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(nl.homepair.complaints.complaint.ComplaintProcess.PROCESS_KEY).singleResult().getId();
        Job window = managementService.createJobQuery().processInstanceId(process)
                .activityId("IntermediateCatchEvent_ObjectionWindowClosed").singleResult();
        org.assertj.core.api.Assertions.assertThat(window).as("the objection window of " + reference).isNotNull();
        managementService.executeJob(window.getId());
        runDueJobs(reference);
    }

    @Autowired
    private org.camunda.bpm.engine.TaskService engineTasks;

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbcForQueuedMail;

    /** The jobs that deliver the case's queued mails (an incident alert, the "no objection" answer). */
    protected List<Job> deliveryJobs(nl.homepair.complaints.complaint.Complaint complaint) {
        List<String> keys = jdbcForQueuedMail.queryForList("select delivery_key from sent_mail where complaint_id = ? and"
                + " delivery_key like 'queued:%'", String.class, complaint.getId());
        return managementService.createJobQuery().list().stream()
                .filter(job -> nl.homepair.complaints.mail.QueuedMail.JOB_TYPE.equals(
                        ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).getJobHandlerType()))
                .filter(job -> keys.stream().anyMatch(key -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job)
                        .getJobHandlerConfigurationRaw().endsWith(":" + key)))
                .toList();
    }

    /** Executes the due delivery jobs of the case's queued mails, as the job executor would; failures stay on the job. */
    protected void runDueDeliveryJobs(nl.homepair.complaints.complaint.Complaint complaint) {
        java.util.Date now = new java.util.Date();
        for (Job job : deliveryJobs(complaint)) {
            if (job.getRetries() > 0 && !job.getDuedate().after(now)) {
                try {
                    managementService.executeJob(job.getId());
                } catch (RuntimeException e) {
                    // left with fewer retries and its exception, as with the real job executor
                }
            }
        }
    }

    /** How many mails were queued (sent or not) with a delivery key that starts with {@code queued:keyStart}. */
    protected int queuedMails(String keyStart) {
        return jdbcForQueuedMail.queryForObject("select count(*) from sent_mail where delivery_key like ?", Integer.class,
                "queued:" + keyStart.replace("%", "\\%").replace("_", "\\_") + "%");
    }

    /** Executes the due delivery jobs of the queued mails whose delivery key starts with {@code queued:keyStart}. */
    protected void runDueDeliveryJobs(String keyStart) {
        for (Job job : managementService.createJobQuery().executable().list()) {
            if (job instanceof org.camunda.bpm.engine.impl.persistence.entity.JobEntity entity
                    && nl.homepair.complaints.mail.QueuedMail.JOB_TYPE.equals(entity.getJobHandlerType())
                    && entity.getJobHandlerConfigurationRaw().contains(":queued:" + keyStart)) {
                try {
                    managementService.executeJob(job.getId());
                } catch (RuntimeException e) {
                    // left with fewer retries and its exception, as with the real job executor
                }
            }
        }
    }

    /** A complaint registered by the platform and taken in: its open task "Eerste beoordeling". */
    protected org.camunda.bpm.engine.task.Task assessmentTaskOf(TestComplaints.Builder complaint) {
        String reference = submit(complaint);
        runDueJobs(reference);
        return engineTasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(nl.homepair.complaints.complaint.ComplaintProcess.TASK_ASSESS).singleResult();
    }

    /** Completes the case's open task of this step as a person's form would, then runs what follows. */
    protected void completeTask(String reference, String taskKey, java.util.Map<String, Object> variables) {
        org.camunda.bpm.engine.task.Task task = engineTasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(taskKey).singleResult();
        org.assertj.core.api.Assertions.assertThat(task).as("open task " + taskKey + " of " + reference).isNotNull();
        engineTasks.complete(task.getId(), variables);
        runDueJobs(reference);
    }

    /** The ids of every job there is now: see {@link #runDueJobsExcept(Set)}. */
    protected Set<String> jobIds() {
        return managementService.createJobQuery().list().stream().map(Job::getId).collect(Collectors.toSet());
    }

    /**
     * Executes the due jobs that were made after {@code before} was taken ({@link #jobIds()}),
     * and those they make: what one step of a test started (a mail read from the mailbox),
     * not what other tests left in the same engine, whose cases the test does not know.
     */
    protected void runDueJobsExcept(Set<String> before) {
        runDueJobs(() -> job -> !before.contains(job.getId()));
    }

    /** Up to 10 rounds: each round's selection is asked again, as jobs make cases and jobs. */
    private void runDueJobs(Supplier<Predicate<Job>> selection) {
        for (int round = 0; round < 10; round++) {
            Predicate<Job> selected = selection.get();
            List<Job> due = managementService.createJobQuery().executable().list().stream().filter(selected).toList();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    managementService.executeJob(job.getId());
                } catch (RuntimeException e) {
                    // left with fewer retries and its exception, as with the real job executor
                }
            }
        }
    }

    /** The mails the test mail server received for this address (its first recipient). */
    protected static List<MimeMessage> mailsTo(String address) {
        return java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    protected static String text(MimeMessage message) {
        try {
            return MailText.plainText(message).orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engineConfiguration;

    /**
     * A deployment without the deploy check, which refuses it today: models as they stand in a database from before
     * the check knew what refuses them, or as one slips past it. The check is taken out of the engine's deployers for
     * the moment.
     */
    protected String deployedBeforeTheCheck(org.camunda.bpm.engine.repository.DeploymentBuilder deployment) {
        @SuppressWarnings("unchecked")
        List<org.camunda.bpm.engine.impl.persistence.deploy.Deployer> deployers = (List<org.camunda.bpm.engine.impl.persistence.deploy.Deployer>)
                org.springframework.test.util.ReflectionTestUtils.getField(org.springframework.test.util.ReflectionTestUtils.getField(engineConfiguration.getDeploymentCache(), "cacheDeployer"),
                        "deployers");
        synchronized (deployers) {
            var check = deployers.stream().filter(nl.homepair.complaints.modeling.DeploymentModelCheck.class::isInstance)
                    .findFirst().orElseThrow();
            int at = deployers.indexOf(check);
            deployers.remove(at);
            try {
                return deployment.deploy().getId();
            } finally {
                deployers.add(at, check);
            }
        }
    }
}
