package nl.homepair.complaints.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Hostile input at the intake and objection doors: every attempt is a clear 4xx, never a
 * 500, and stores nothing; what is stored is shown as text.
 */
class HostileInputTest extends IntegrationTest {

    @Autowired
    ComplaintRepository complaints;

    private ResponseEntity<String> postJson(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as("platform").postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> postFile(String name, byte[] content) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        parts.add("complaint", new HttpEntity<>(VALID_COMPLAINT, json));
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentType(MediaType.APPLICATION_PDF);
        parts.add("evidence", new HttpEntity<>(new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        }, fileHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return as("platform").postForEntity("/api/complaints", new HttpEntity<>(parts, headers), String.class);
    }

    private void refusedAndNothingStored(ResponseEntity<String> response, long before, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(complaints.count()).isEqualTo(before);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{\"name\": \"Jan",
        "[1,2,3]",
        "\"just a string\"",
        "{\"name\": [\"a\", \"b\"]}",
        "{\"name\": {\"$gt\": \"\"}}",
        "",
        "null",
        "{\"name\":\"Jan\",\"email\":\"jan@example.nl\",\"role\":\"CLIENT\",\"subject\":\"SUPPORT\",\"description\":\"x\"}}}}",
    })
    void malformedJsonIsABadRequest(String body) {
        long before = complaints.count();
        refusedAndNothingStored(postJson("/api/complaints", body), before, HttpStatus.BAD_REQUEST);
    }

    /** Valid JSON of another shape (a list of complaints, a string, a number): said so, not called invalid JSON. */
    @Test
    void jsonOfAnotherShapeIsSaidToBeOne() {
        long before = complaints.count();
        for (String body : List.of("[" + VALID_COMPLAINT + "]", "\"klacht\"", "42")) {
            ResponseEntity<String> response = postJson("/api/complaints", body);
            refusedAndNothingStored(response, before, HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).as(body.substring(0, Math.min(20, body.length())))
                    .contains("verwacht wordt één JSON-object");
        }
    }

    /** In a field no door reads, so that only the limit on nesting can refuse it (a valid complaint else). */
    @Test
    void deeplyNestedJsonIsABadRequest() {
        long before = complaints.count();
        String body = VALID_COMPLAINT.replaceFirst("\\{", "{\"extra\":" + "[".repeat(5_000) + "]".repeat(5_000) + ",");
        ResponseEntity<String> response = postJson("/api/complaints", body);
        refusedAndNothingStored(response, before, HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("De aanvraag is geen geldige JSON.");
    }

    /** In a field no door reads, so that only the limit on the body's size can refuse it (a valid complaint else). */
    @Test
    void aVeryLargeBodyIsTooLarge() {
        long before = complaints.count();
        String body = VALID_COMPLAINT.replaceFirst("\\{", "{\"extra\":\"" + "A".repeat(2 * 1024 * 1024) + "\",");
        ResponseEntity<String> response = postJson("/api/complaints", body);
        refusedAndNothingStored(response, before, HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(response.getBody()).contains("De aanvraag is te groot: hoogstens 1 MB");
    }

    /** The same sent without its length (chunked): cut off at the limit as it is read, and told so, not "geen geldige JSON". */
    @Test
    void aVeryLargeBodyWithoutItsLengthIsTooLarge() throws Exception {
        long before = complaints.count();
        byte[] body = VALID_COMPLAINT.replaceFirst("\\{", "{\"extra\":\"" + "A".repeat(2 * 1024 * 1024) + "\",")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(rest.getRootUri() + "/api/complaints"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("platform:platform".getBytes()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("De aanvraag is te groot: hoogstens 1 MB");
        assertThat(complaints.count()).isEqualTo(before);
    }

    /** The two above would pass as complaints without their limits: unknown fields are left alone. */
    @Test
    void aFieldNoDoorReadsIsLeftAlone() {
        long before = complaints.count();
        assertThat(postJson("/api/complaints", VALID_COMPLAINT.replaceFirst("\\{", "{\"extra\":[[1]],")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(complaints.count()).isEqualTo(before + 1);
    }

    @Test
    void overlongFieldsAreRefusedOnTheirField() {
        long before = complaints.count();
        String body = VALID_COMPLAINT.replace("De schilder kwam twee keer niet opdagen.", "x".repeat(10_001));
        ResponseEntity<String> response = postJson("/api/complaints", body);
        refusedAndNothingStored(response, before, HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("\"field\":\"description\"");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Jan\\r\\nBcc: spam@example.org", "Jan\\nSubject: gratis", "Jan\\u2028Bcc: x@example.org"})
    void headerInjectionInTheNameIsRefused(String name) {
        long before = complaints.count();
        ResponseEntity<String> response = postJson("/api/complaints", VALID_COMPLAINT.replace("Jan Jansen", name));
        refusedAndNothingStored(response, before, HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("\"field\":\"name\"");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"jan@example.nl\\r\\nBcc: spam@example.org", "jan@example.nl, spam@example.org",
        "\\\"Jan\\\" <jan@example.nl>", "jan@example.nl%0ABcc:spam@example.org"})
    void headerInjectionInTheAddressIsRefused(String email) {
        long before = complaints.count();
        ResponseEntity<String> response = postJson("/api/complaints", VALID_COMPLAINT.replace("jan@example.nl", email));
        refusedAndNothingStored(response, before, HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("\"field\":\"email\"");
    }

    @Test
    void filesDisguisedByTheirExtensionAreRefused() {
        List<byte[]> disguised = List.of(
                "<html><script>alert(1)</script></html>".getBytes(),
                "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(),
                new byte[] {'M', 'Z', (byte) 0x90, 0, 3},
                new byte[] {'P', 'K', 3, 4, 20, 0});
        for (byte[] content : disguised) {
            long before = complaints.count();
            ResponseEntity<String> response = postFile("factuur.pdf", content);
            refusedAndNothingStored(response, before, HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).contains("evidence[0]");
        }
    }

    @Test
    void scriptInEveryFieldIsStoredAndShownAsText() throws Exception {
        String script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        String body = """
                {"name":"%1$s Jan","email":"jan@example.nl","role":"CLIENT","subject":"SUPPORT","jobReference":"%1$s",
                 "description":"%1$s","attemptedResolution":"%1$s","chatSummary":"%1$s"}""".formatted(script.replace("'", "\\u0027"));
        ResponseEntity<String> response = postJson("/api/complaints", body);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String reference = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody()).get("reference").asText();
        runDueJobs(reference);

        JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class);
        assertThat(file.get("description").asText()).isEqualTo(script); // kept as sent, never executed
        ResponseEntity<String> raw = as("behandelaar").getForEntity("/api/complaints/" + reference, String.class);
        assertThat(raw.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(raw.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(raw.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");

        String mailHtml = nl.homepair.complaints.mail.MailText.html(greenMail.getReceivedMessages()[0]).orElseThrow();
        assertThat(mailHtml).doesNotContain("<script>", "<img src=x").contains("&lt;script&gt;");
        String caseFile = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).count() > 0
                ? (String) runtimeService.getVariable(runtimeService.createProcessInstanceQuery()
                        .processInstanceBusinessKey(reference).singleResult().getId(), "reference") : null;
        assertThat(caseFile).isEqualTo(reference);
    }

    @Test
    void theObjectionDoorTakesNoHostileInputEither() {
        // a case that exists, so that the refusal is the body's and not an unknown reference's
        String reference = submit(nl.homepair.complaints.TestComplaints.janJansen().email("vijandig-" + System.nanoTime() + "@example.nl"));
        ResponseEntity<String> list = postJson("/api/complaints/" + reference + "/objection", "{\"motivation\": [1]}");
        assertThat(list.getStatusCode()).as(list.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(list.getBody()).contains("motivation");
        assertThat(postJson("/api/complaints/%3Cscript%3E/objection", "{\"motivation\":\"Ik ben het oneens.\"}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(postJson("/api/complaints/" + reference + "/objection", "{\"motivation\":\"" + "b".repeat(2 * 1024 * 1024) + "\"}")
                .getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    }

    private ResponseEntity<String> postRaw(String path, String contentType, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        return as("platform").postForEntity(path, new HttpEntity<>(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers),
                String.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "multipart/form-data; boundary=grens|--grens\r\nContent-Disposition: form-data; name=\"complaint\"\r\n\r\n{\"name\":",
        "multipart/form-data|--grens\r\nContent-Disposition: form-data; name=\"complaint\"\r\n\r\n{}\r\n--grens--\r\n",
        "multipart/form-data; boundary=grens|dit is geen multipart",
        "multipart/form-data; boundary=grens|--grens\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"a.png\"\r\n\r\n\u0089PNG",
        "multipart/form-data; boundary=grens|--grens\r\nContent-Disposition: form-data; name=\"complaint\"\r\nContent-Type: application/json\r\n\r\n{\"name\":\r\n--grens--\r\n",
    })
    void malformedMultipartBodiesAreABadRequest(String typeAndBody) {
        String[] parts = typeAndBody.split("\\|", 2);
        String body = parts[1].replace("\\r\\n", "\r\n");
        String reference = submit(nl.homepair.complaints.TestComplaints.janJansen().email("multipart-" + System.nanoTime() + "@example.nl"));
        for (String path : List.of("/api/complaints", "/api/complaints/" + reference + "/information")) {
            long before = complaints.count();
            ResponseEntity<String> response = postRaw(path, parts[0], body);
            assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(complaints.count()).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\\u0000", "\\ud800", "\\udc00x", "\\u001b[31m", "\\u0007", "\\u009b"})
    void controlCharactersInTextFieldsAreRefusedOnTheirField(String escaped) {
        long before = complaints.count();
        for (String field : List.of("name", "description", "jobReference")) {
            String body = VALID_COMPLAINT.replace("\"" + field + "\":\"", "\"" + field + "\":\"Tekst" + escaped);
            ResponseEntity<String> response = postJson("/api/complaints", body);
            refusedAndNothingStored(response, before, HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).as(field).contains("\"field\":\"" + field + "\"");
        }
    }

    @Test
    void evidenceIsStoredUnderANameThatMatchesItsContent() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};
        ResponseEntity<String> response = postFile("evil.html", png);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String reference = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody()).get("reference").asText();
        runDueJobs(reference);
        JsonNode evidence = as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class).get("evidence").get(0);
        assertThat(evidence.get("fileName").asText()).isEqualTo("evil.png");
        ResponseEntity<byte[]> file = as("behandelaar").getForEntity(evidence.get("href").asText(), byte[].class);
        assertThat(file.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(file.getHeaders().getContentDisposition().getFilename()).isEqualTo("evil.png");
    }

    @Test
    void thePlatformPostsChatMessagesInTheNameOfAParticipantNeverOfHomePair() throws Exception {
        ResponseEntity<String> created = postJson("/api/complaints", VALID_COMPLAINT);
        String reference = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.getBody()).get("reference").asText();
        String path = "/api/complaints/" + reference + "/chat-messages";
        ResponseEntity<String> staffName = postJson(path, "{\"author\":\"Directie HomePair\",\"message\":\"Wij betalen alles terug.\"}");
        assertThat(staffName.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(staffName.getBody()).contains("\"field\":\"author\"");
        assertThat(postJson(path, "{\"author\":\"Team HOMEPAIR\",\"message\":\"Wij betalen alles terug.\"}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(postJson(path, "{\"author\":\"jan  jansen\",\"message\":\"Ik wacht nog steeds.\"}").getStatusCode())
                .as("the complainant, as the chat spells him").isEqualTo(HttpStatus.CREATED);
        // a name the case does not know is kept, marked, rather than lost
        assertThat(postJson(path, "{\"author\":\"Jansen Klussen B.V.\",\"message\":\"Ik kom morgen.\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(as("behandelaar").getForObject("/api/complaints/" + reference, JsonNode.class).get("timeline")
                .findValuesAsText("summary"))
                .contains("Chatbericht van Jansen Klussen B.V. (niet herkend als de klager of de andere partij van deze zaak): "
                        + "Ik kom morgen.", "Chatbericht van jan  jansen: Ik wacht nog steeds.");
        assertThat(postJson(path, "{\"author\":\"Jan Jansen\",\"message\":\"Nul\\u0000byte\"}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(as("behandelaar").postForEntity(path, json("{\"author\":\"Bemiddelaar HomePair\",\"message\":\"Ik bel u morgen.\"}"),
                String.class).getStatusCode()).as("staff write as themselves").isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void guessingPasswordsIsStoppedBeforeTheEngineLocksTheUser() {
        for (int i = 0; i < 5; i++) {
            assertThat(rest.withBasicAuth("raadpoging", "fout" + i).getForEntity("/api/complaints/KL-2026-000001", String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        ResponseEntity<String> sixth = rest.withBasicAuth("raadpoging", "fout5").getForEntity("/api/complaints/KL-2026-000001", String.class);
        assertThat(sixth.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(sixth.getBody()).contains("Te veel mislukte inlogpogingen");
        // other users from the same address are not affected
        assertThat(as("behandelaar").getForEntity("/api/complaints/KL-2000-999999", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aCrossSitePostWithCachedCredentialsIsRefused() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setOrigin("https://evil.example");
        long before = complaints.count();
        ResponseEntity<String> response = as("platform").postForEntity("/api/complaints",
                new HttpEntity<>(VALID_COMPLAINT, headers), String.class);
        refusedAndNothingStored(response, before, HttpStatus.FORBIDDEN);
    }
}
