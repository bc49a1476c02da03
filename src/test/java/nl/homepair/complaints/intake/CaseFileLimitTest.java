package nl.homepair.complaints.intake;

import static nl.homepair.complaints.TestComplaints.PNG;
import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import java.util.Map;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** A case holds at most {@code max-files-per-case} files (30): an answer over the API that would pass it is refused whole. */
class CaseFileLimitTest extends IntegrationTest {

    @Autowired
    ComplaintRepository complaints;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService taskService;

    /** A case that waits for the complainant's information and holds {@code files} files already. */
    private String waitingCaseWith(String email, int files) {
        String reference = submit(janJansen().email(email));
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            Complaint complaint = complaints.findByReference(reference).orElseThrow();
            for (int i = 0; i < files; i++) {
                complaint.addEvidence("eerder-" + i + ".png", "image/png", PNG);
            }
        });
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult().getId(),
                Map.of("assessmentOutcome", "MORE_INFORMATION", "assessmentNotes", "Stuur foto's."));
        runDueJobs(reference);
        return reference;
    }

    private ResponseEntity<String> answerWithTwoPhotos(String reference) {
        HttpHeaders jsonPart = new HttpHeaders();
        jsonPart.setContentType(MediaType.APPLICATION_JSON);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("information", new HttpEntity<>("{\"message\":\"Twee foto's.\"}", jsonPart));
        parts.add("evidence", TestComplaints.file("a.png", PNG));
        parts.add("evidence", TestComplaints.file("b.png", PNG));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return as("platform").postForEntity("/api/complaints/" + reference + "/information",
                new HttpEntity<>(parts, headers), String.class);
    }

    private int filesOn(String reference) {
        return jdbc.queryForObject("select count(*) from evidence e join complaint c on c.id = e.complaint_id"
                + " where c.reference = ?", Integer.class, reference);
    }

    @Test
    void anAnswerWhoseFilesWouldPassTheCasesLimitIsRefusedAndNothingIsStored() {
        String reference = waitingCaseWith("vol.api@example.nl", 29);

        ResponseEntity<String> answer = answerWithTwoPhotos(reference);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        assertThat(answer.getBody()).contains("Er kunnen nog 1 bestanden bij: een zaak heeft hoogstens 30 bewijsstukken.");
        assertThat(filesOn(reference)).isEqualTo(29);
    }

    @Test
    void anAnswerThatFilledTheCaseSentAgainIsAnsweredAsTheFirstNotRefusedForWantOfRoom() {
        String reference = waitingCaseWith("bijna.vol@example.nl", 28);
        assertThat(answerWithTwoPhotos(reference).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(filesOn(reference)).isEqualTo(30);

        // the platform's retry after a time-out: its own files, kept with the first, now fill the case
        ResponseEntity<String> again = answerWithTwoPhotos(reference);

        assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(filesOn(reference)).isEqualTo(30);
        assertThat(jdbc.queryForObject("select count(*) from timeline_entry t join complaint c on c.id = t.complaint_id"
                + " where c.reference = ? and t.type = 'INFORMATION_RECEIVED'", Integer.class, reference)).isEqualTo(1);
    }
}
