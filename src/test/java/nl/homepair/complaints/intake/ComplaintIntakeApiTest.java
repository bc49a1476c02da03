package nl.homepair.complaints.intake;

import static nl.homepair.complaints.TestComplaints.PDF;
import static nl.homepair.complaints.TestComplaints.PNG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The REST intake, end to end: HTTP in, rows, process, task and a real mail out. */
class ComplaintIntakeApiTest extends IntegrationTest {

    static final String VALID = VALID_COMPLAINT;


    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    WorkingDayCalendar workingDays;

    private ResponseEntity<JsonNode> postJson(String user, String body) {
        return as(user).postForEntity("/api/complaints", json(body), JsonNode.class);
    }

    private ResponseEntity<JsonNode> postMultipart(String json, Map<String, byte[]> files) {
        return as("platform").postForEntity("/api/complaints", complaintWithFiles(json, files), JsonNode.class);
    }

    private static List<String> errorFields(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        return response.getBody().get("errors").findValuesAsText("field");
    }

    @Test
    void aValidComplaintIsRegisteredAcknowledgedByMailAndWaitsForTheHandlers() throws Exception {
        ResponseEntity<JsonNode> response = postJson("platform", VALID);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String reference = response.getBody().get("reference").asText();
        assertThat(reference).matches("KL-\\d{4}-\\d{6}");
        assertThat(response.getHeaders().getLocation()).hasPath("/api/complaints/" + reference);
        Instant receivedAt = Instant.parse(response.getBody().get("receivedAt").asText());

        runDueJobs(reference);

        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage ack = greenMail.getReceivedMessagesForDomain("example.nl")[0];
        assertThat(ack.getSubject()).contains(reference).startsWith("Ontvangstbevestiging");
        assertThat(text(ack)).contains("Beste Jan Jansen", reference, "vertrouwelijk");

        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskCandidateGroup("handlers").singleResult();
        assertThat(assessment.getTaskDefinitionKey()).isEqualTo(ComplaintProcess.TASK_ASSESS);
        // the list in Tasklist tells cases apart: step, reference, complainant, subject
        assertThat(assessment.getName()).isEqualTo("Eerste beoordeling " + reference + " - Jan Jansen (Afhandeling opdracht)");
        assertThat(assessment.getPriority()).isEqualTo(nl.homepair.complaints.tasklist.TaskHeadline.NORMAL);
        assertThat(assessment.getDueDate()).isEqualTo(workingDays.deadline(Date.from(receivedAt), 5));
        assertThat(text(ack)).contains(new nl.homepair.complaints.mail.DutchFormat().date(assessment.getDueDate()));

        JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("name").asText()).isEqualTo("Jan Jansen");
        assertThat(file.get("jobReference").asText()).isEqualTo("OPD-4711");
        assertThat(file.get("channel").asText()).isEqualTo("API");
        assertThat(file.get("acknowledgedAt").isNull()).isFalse();
        assertThat(file.get("timeline").findValuesAsText("type")).containsExactly("RECEIVED", "STATUS_CHANGED", "MAIL_SENT");
        assertThat(file.get("status").asText()).isEqualTo("IN_ASSESSMENT");
        assertThat(file.get("openTasks").findValuesAsText("name")).singleElement().asString().startsWith("Eerste beoordeling " + reference);

        JsonNode mails = as("behandelaar").getForObject("/api/complaints/" + reference + "/mails", JsonNode.class);
        assertThat(mails.get(0).get("subject").asText()).contains(reference);
        assertThat(mails.get(0).get("recipient").asText()).isEqualTo("jan@example.nl");

        // the task shows the case file in its form
        JsonNode form = formVariables("behandelaar", assessment);
        assertThat(form.path("caseReference").path("value").asText()).isEqualTo(reference);
        assertThat(form.path("caseDescription").path("value").asText()).isEqualTo("De schilder kwam twee keer niet opdagen\\.");
        // the process holds only what it routes on
        assertThat(runtimeService.getVariables(assessment.getProcessInstanceId()))
                .doesNotContainKeys("name", "email", "description");
    }

    @Test
    void evidenceFilesAreStoredWithTheComplaintAndServedOnlyToStaff() {
        ResponseEntity<JsonNode> response = postMultipart(VALID, Map.of("screenshot.png", PNG, "offerte.pdf", PDF));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String reference = response.getBody().get("reference").asText();
        JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("evidence").findValuesAsText("contentType"))
                .containsExactlyInAnyOrder("image/png", "application/pdf");

        String href = file.get("evidence").get(0).get("href").asText();
        ResponseEntity<byte[]> download = as("behandelaar").getForEntity(href, byte[].class);
        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(download.getHeaders().getContentDisposition().isAttachment()).isTrue();
        assertThat(download.getBody()).isIn(PNG, PDF);

        assertThat(as("platform").getForEntity(href, byte[].class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity(href, byte[].class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void missingAndInvalidFieldsAreAllNamedInDutchAndNothingIsStored() {
        long before = complaints.count();

        ResponseEntity<JsonNode> response = postJson("platform",
                "{\"name\":\"\",\"email\":\"geen-adres\",\"role\":\"KLANT\",\"jobDate\":\"gisteren\"}");

        assertThat(errorFields(response)).containsExactlyInAnyOrder("name", "email", "role", "subject", "jobDate", "description");
        assertThat(response.getBody().get("errors").findValuesAsText("message"))
                .contains("Vul je volledige naam in.", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.");
        // a client that reads "message" on every refusal reads one here too
        assertThat(response.getBody().get("message").asText()).startsWith("name: Vul je volledige naam in.")
                .endsWith("(en 5 andere velden)");
        assertThat(complaints.count()).isEqualTo(before);
    }

    /**
     * The platform's client reads one shape on every refusal: a value of the wrong type says which type is asked, a path
     * value of the wrong form is a bad field (not Spring's English error), and a due date is written as every other
     * moment of the API (UTC with Z).
     */
    @Test
    void refusalsAndMomentsHaveOneFormForTheClient() {
        ResponseEntity<JsonNode> wrongType = postJson("platform", VALID.replace("{", "{\"receivedAtConfirmed\":\"ja\","));
        assertThat(errorFields(wrongType)).containsExactly("receivedAtConfirmed");
        assertThat(wrongType.getBody().get("message").asText()).contains("verwacht wordt true of false");

        String reference = postJson("platform", VALID).getBody().get("reference").asText();
        runDueJobs(reference);
        ResponseEntity<JsonNode> badId = as("behandelaar").getForEntity("/api/complaints/" + reference + "/evidence/abc",
                JsonNode.class);
        assertThat(errorFields(badId)).containsExactly("evidenceId");
        assertThat(badId.getBody().get("message").asText()).contains("verwacht wordt een getal");
        assertThat(badId.getBody().has("timestamp")).isFalse();

        JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("openTasks").findValuesAsText("due")).isNotEmpty().allMatch(due -> due.endsWith("Z"));
        assertThat(file.get("receivedAt").asText()).endsWith("Z");
    }

    /** A client that accepts no JSON is refused before anything is stored: a 406 after the commit would lose the reference. */
    @Test
    void aClientThatAcceptsNoJsonIsRefusedBeforeAnythingIsStored() {
        long before = complaints.count();
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(org.springframework.http.MediaType.APPLICATION_XML));
        ResponseEntity<String> answer = as("platform").postForEntity("/api/complaints",
                new org.springframework.http.HttpEntity<>(VALID, headers), String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(406);
        assertThat(complaints.count()).isEqualTo(before);
    }

    @Test
    void aLongDescriptionIsRegisteredAndItsTaskShowsWhatFitsInAVariable() {
        String longText = "De schilder kwam niet. ".repeat(400); // 9,200 characters, more than a Camunda text variable holds
        ResponseEntity<JsonNode> response = postJson("platform", VALID.replace("De schilder kwam twee keer niet opdagen.", longText));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String reference = response.getBody().get("reference").asText();
        assertThat(complaints.findByReference(reference).orElseThrow().getDescription()).isEqualTo(longText.strip());
        runDueJobs(reference); // the case's first step runs after the 201, as a job
        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult();
        String shown = caseFileText("behandelaar", assessment, "caseDescription");
        assertThat(shown).hasSizeLessThan(4000).contains("(/zaken/" + reference + ")").doesNotContain("/api/complaints");
    }

    @Test
    void ourOwnContactAddressIsNotAComplainantsAddress() {
        assertThat(errorFields(postJson("platform", VALID.replace("jan@example.nl", "contact@homepair.nl")))).containsExactly("email");
    }

    @Test
    void aBadEmailAddressIsRefusedOnItsField() {
        String body = VALID.replace("jan@example.nl", "jan@example.nl\\r\\nBcc: spam@example.org");
        assertThat(errorFields(postJson("platform", body))).containsExactly("email");
    }

    /** curl -F 'complaint={...}' sends the part as text/plain: the answer says how to type it, not "send multipart". */
    @Test
    void aBodyOfTheWrongTypeIsAnsweredWithWhatEachEndpointTakes() {
        org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
        HttpHeaders textPart = new HttpHeaders();
        textPart.setContentType(MediaType.TEXT_PLAIN);
        parts.add("complaint", new org.springframework.http.HttpEntity<>(VALID, textPart));
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<JsonNode> complaint = as("platform").postForEntity("/api/complaints",
                new org.springframework.http.HttpEntity<>(parts, multipart), JsonNode.class);

        assertThat(complaint.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(complaint.getBody().get("message").asText()).contains("\"complaint\" als application/json", "type=application/json");

        HttpHeaders text = new HttpHeaders();
        text.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<JsonNode> objection = as("platform").postForEntity("/api/complaints/KL-2026-000001/objection",
                new org.springframework.http.HttpEntity<>("bezwaar", text), JsonNode.class);
        assertThat(objection.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(objection.getBody().get("message").asText()).contains("als application/json").doesNotContain("klacht");
    }

    /**
     * What fails before an endpoint is chosen (a body type the complaint does not take, a method, a path that does not
     * exist) is answered in the API's own Dutch shape, not Spring's English one; a vendor JSON type is JSON.
     */
    @Test
    void whatReachesNoEndpointIsAnsweredInTheApisOwnWords() {
        HttpHeaders text = new HttpHeaders();
        text.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<JsonNode> plain = as("platform").postForEntity("/api/complaints",
                new org.springframework.http.HttpEntity<>(VALID, text), JsonNode.class);
        assertThat(plain.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(plain.getBody().get("message").asText()).contains("De aanvraag kwam als text/plain", "application/json");
        assertThat(plain.getBody().has("timestamp")).isFalse();

        ResponseEntity<JsonNode> listed = as("platform").getForEntity("/api/complaints", JsonNode.class);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(listed.getBody().get("message").asText()).isEqualTo("Dit adres neemt geen GET; wel POST.");
        assertThat(listed.getHeaders().getFirst(HttpHeaders.ALLOW)).isEqualTo("POST");

        ResponseEntity<JsonNode> typo = as("platform").postForEntity("/api/complaint", json(VALID), JsonNode.class);
        assertThat(typo.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(typo.getBody().get("message").asText()).contains("Dit adres bestaat niet in de API: /api/complaint");

        HttpHeaders vendor = new HttpHeaders();
        vendor.setContentType(MediaType.parseMediaType("application/vnd.homepair+json"));
        ResponseEntity<JsonNode> accepted = as("platform").postForEntity("/api/complaints",
                new org.springframework.http.HttpEntity<>(VALID, vendor), JsonNode.class);
        assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() {
        assertThat(errorFields(postJson("platform", "{\"name\": \"Jan\", "))).containsExactly("body");
        assertThat(errorFields(postJson("platform", "{\"name\": {\"first\": \"Jan\"}}"))).containsExactly("name");
    }

    /** A client that retries its information reply after a timeout hears that it is in, not that none was asked. */
    @Test
    void theSameInformationSentTwiceIsTakenOnceAndAnsweredAcceptedBothTimes() {
        String reference = submit(nl.homepair.complaints.TestComplaints.janJansen());
        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult();
        taskService.claim(assessment.getId(), "behandelaar");
        taskService.complete(assessment.getId(), java.util.Map.of(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MORE_INFORMATION",
                ComplaintProcess.VAR_ASSESSMENT_NOTES, "Stuur ons de offerte."));
        runDueJobs(reference);
        String answer = "{\"message\":\"De offerte is van 12 maart, 450 euro.\"}";

        for (int i = 0; i < 2; i++) {
            assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/information", json(answer), JsonNode.class)
                    .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        }
        JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("timeline").findValuesAsText("type")).containsOnlyOnce("INFORMATION_RECEIVED");
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/information",
                json("{\"message\":\"Nog iets anders.\"}"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        // the same text with a photo is a new answer: refused, so the sender knows the photo did not arrive
        org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
        HttpHeaders jsonPart = new HttpHeaders();
        jsonPart.setContentType(MediaType.APPLICATION_JSON);
        parts.add("information", new org.springframework.http.HttpEntity<>(answer, jsonPart));
        parts.add("evidence", nl.homepair.complaints.TestComplaints.file("offerte.png", nl.homepair.complaints.TestComplaints.PNG));
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/information",
                new org.springframework.http.HttpEntity<>(parts, multipart), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    /**
     * The reminder "we missen nog informatie" whose job waited (the mail server was down) while the answer came is not
     * sent: it would tell a complainant who answered that the case is about to close. One whose case still waits is.
     */
    @Test
    void aReminderOfAnAnsweredRequestIsNotSentWhenItsJobRunsLate() {
        String answered = "beantwoord-" + System.nanoTime() + "@example.nl";
        String waiting = "wacht-" + System.nanoTime() + "@example.nl";
        String answeredCase = requestInformationAndDueTheReminder(answered);
        String waitingCase = requestInformationAndDueTheReminder(waiting);

        assertThat(as("platform").postForEntity("/api/complaints/" + answeredCase + "/information",
                json("{\"message\":\"De offerte is van 12 maart, 450 euro.\"}"), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        for (String reference : List.of(answeredCase, waitingCase)) {
            org.camunda.bpm.engine.runtime.Job reminder = managementService.createJobQuery()
                    .processInstanceId(procedureOf(reference)).activityId("ServiceTask_RemindInformation").singleResult();
            assertThat(reminder).as("the reminder's mail job of " + reference).isNotNull();
            managementService.executeJob(reminder.getId());
        }

        assertThat(mailsTo(waiting)).extracting(ComplaintIntakeApiTest::subject).anyMatch(s -> s.startsWith("Herinnering"));
        assertThat(mailsTo(answered)).extracting(ComplaintIntakeApiTest::subject).noneMatch(s -> s.startsWith("Herinnering"))
                .anyMatch(s -> s.contains(answeredCase));
        assertThat(managementService.createJobQuery().processInstanceId(procedureOf(answeredCase))
                .activityId("ServiceTask_RemindInformation").count()).isZero();
    }

    /** A case whose handler asked for information, its reminder's timer fired and its mail job not yet run. */
    private String requestInformationAndDueTheReminder(String email) {
        String reference = submit(nl.homepair.complaints.TestComplaints.janJansen().email(email));
        runDueJobs(reference);
        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult();
        taskService.claim(assessment.getId(), "behandelaar");
        taskService.complete(assessment.getId(), Map.of(ComplaintProcess.VAR_ASSESSMENT_OUTCOME, "MORE_INFORMATION",
                ComplaintProcess.VAR_ASSESSMENT_NOTES, "Stuur ons de offerte."));
        runDueJobs(reference);
        org.camunda.bpm.engine.runtime.Job timer = managementService.createJobQuery().processInstanceId(procedureOf(reference))
                .activityId("BoundaryEvent_InformationReminder").singleResult();
        managementService.executeJob(timer.getId());
        return reference;
    }

    private String procedureOf(String reference) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(ComplaintProcess.PROCESS_KEY).singleResult().getId();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser submits a textarea's line breaks as CRLF but counts each as one against its maxlength. */
    @Test
    void lineBreaksCountAsOneCharacterAgainstTheLimit() {
        String paragraphs = String.join("\\r\\n", java.util.Collections.nCopies(20, "a".repeat(499))); // 9,999 with one per break
        ResponseEntity<JsonNode> response = postJson("platform", VALID.replace("De schilder kwam twee keer niet opdagen.", paragraphs));

        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        String stored = complaints.findByReference(response.getBody().get("reference").asText()).orElseThrow().getDescription();
        assertThat(stored).hasSize(9_999).doesNotContain("\r");
    }

    @Test
    void anOversizedFileIsRefusedOnItsField() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        ResponseEntity<JsonNode> response = postMultipart(VALID, Map.of("factuur.pdf", big));
        assertThat(errorFields(response)).containsExactly("evidence[0]");
        assertThat(response.getBody().get("errors").get(0).get("message").asText()).contains("groter dan 10 MB");
    }

    @Test
    void moreFilesThanAllowedAtTheLargestSizeAreRefusedBeforeTheyAreRead() {
        // six files just under the limit: more than five such files never fit in one request
        byte[] nearlyTooBig = new byte[(int) (9.5 * 1024 * 1024)];
        System.arraycopy(PDF, 0, nearlyTooBig, 0, PDF.length);
        Map<String, byte[]> six = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            six.put("factuur" + i + ".pdf", nearlyTooBig);
        }
        long before = complaints.count();

        ResponseEntity<JsonNode> response = postMultipart(VALID, six);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(response.getBody().get("errors").findValuesAsText("field")).containsExactly("evidence");
        assertThat(response.getBody().get("errors").get(0).get("message").asText()).contains("samen te groot");
        assertThat(complaints.count()).isEqualTo(before);
    }

    @Test
    void aFileOfAnotherTypeIsRefusedEvenWhenNamedLikeAPdf() {
        byte[] executable = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
        ResponseEntity<JsonNode> response = postMultipart(VALID, Map.of("factuur.pdf", executable));
        assertThat(errorFields(response)).containsExactly("evidence[0]");
    }

    @Test
    void tooManyFilesAreRefused() {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            files.put("foto" + i + ".png", PNG);
        }
        assertThat(errorFields(postMultipart(VALID, files))).containsExactly("evidence");
    }

    @Test
    void anonymousCallersAndWrongPasswordsGet401() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> anonymous = rest.postForEntity("/api/complaints", new HttpEntity<>(VALID, headers), String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

        ResponseEntity<String> wrong = rest.withBasicAuth("onbekend", "fout")
                .postForEntity("/api/complaints", new HttpEntity<>(VALID, headers), String.class);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as("behandelaar").getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void onlyStaffMayBackdateReceiptAndReadTheCase() {
        String backdated = VALID.replace("\"role\"", "\"receivedAt\":\"2026-04-24T10:00:00+02:00\",\"role\"");
        assertThat(errorFields(postJson("platform", backdated))).containsExactly("receivedAt");

        // months back: a mistyped year is asked about, not registered as a case whose deadlines all passed
        assertThat(errorFields(postJson("behandelaar", backdated))).containsExactly("receivedAt");
        ResponseEntity<JsonNode> byHandler = postJson("behandelaar",
                backdated.replace("\"role\"", "\"receivedAtConfirmed\":true,\"role\""));
        assertThat(byHandler.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(byHandler.getBody().get("receivedAt").asText()).isEqualTo("2026-04-24T08:00:00Z");
        String reference = byHandler.getBody().get("reference").asText();
        runDueJobs(reference);
        assertThat(reference).startsWith("KL-2026-");

        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult();
        assertThat(assessment.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-05-04T21:59:59Z")));

        JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("channel").asText()).isEqualTo("STAFF");
        assertThat(as("platform").getForEntity("/api/complaints/" + reference, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("behandelaar").getForEntity("/api/complaints/KL-2000-999999", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
