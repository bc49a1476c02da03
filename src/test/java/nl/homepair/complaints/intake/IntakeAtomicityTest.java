package nl.homepair.complaints.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;

import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineRepository;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** The complaint and its process instance are stored together or not at all. */
class IntakeAtomicityTest extends IntegrationTest {

    @MockitoSpyBean
    RuntimeService runtimeService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TimelineRepository timeline;

    @Test
    void whenTheProcessCannotStartNoComplaintIsLeftBehind() {
        doThrow(new ProcessEngineException("database restarted"))
                .when(runtimeService).startProcessInstanceByKey(anyString(), anyString(), anyMap());
        long complaintsBefore = complaints.count();
        long entriesBefore = timeline.count();

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = as("platform").postForEntity("/api/complaints",
                new HttpEntity<>(ComplaintIntakeApiTest.VALID, headers), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBody()).contains("er is niets opgeslagen");
        assertThat(complaints.count()).isEqualTo(complaintsBefore);
        assertThat(timeline.count()).isEqualTo(entriesBefore);
    }
}
