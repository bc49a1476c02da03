package nl.homepair.complaints.intake;

import static nl.homepair.complaints.TestComplaints.PNG;
import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
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

    @Test
    void anAnswerWhoseFilesWouldPassTheCasesLimitIsRefusedAndNothingIsStored() {
        String reference = submit(janJansen().email("vol.api@example.nl"));
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            Complaint complaint = complaints.findByReference(reference).orElseThrow();
            for (int i = 0; i < 29; i++) {
                complaint.addEvidence("eerder-" + i + ".png", "image/png", PNG);
            }
        });
        HttpHeaders jsonPart = new HttpHeaders();
        jsonPart.setContentType(MediaType.APPLICATION_JSON);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("information", new HttpEntity<>("{\"message\":\"Twee foto's.\"}", jsonPart));
        parts.add("evidence", TestComplaints.file("a.png", PNG));
        parts.add("evidence", TestComplaints.file("b.png", PNG));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        ResponseEntity<String> answer = as("platform").postForEntity("/api/complaints/" + reference + "/information",
                new HttpEntity<>(parts, headers), String.class);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        assertThat(answer.getBody()).contains("Er kunnen nog 1 bestanden bij: een zaak heeft hoogstens 30 bewijsstukken.");
        assertThat(jdbc.queryForObject("select count(*) from evidence e join complaint c on c.id = e.complaint_id"
                + " where c.reference = ?", Integer.class, reference)).isEqualTo(29);
    }
}
