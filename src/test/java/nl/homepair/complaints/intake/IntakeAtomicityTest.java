package nl.homepair.complaints.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineRepository;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.util.AopTestUtils;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The complaint and its process instance are stored together or not at all. The engine is
 * made to fail inside the shared application context (a second context would start a
 * second engine under the same name, which the web applications would then find).
 */
class IntakeAtomicityTest extends IntegrationTest {

    @Autowired
    ComplaintIntakeService intakeService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TimelineRepository timeline;

    private ComplaintIntakeService target() {
        return AopTestUtils.getTargetObject(intakeService);
    }

    @AfterEach
    void restoreEngine() {
        ReflectionTestUtils.setField(target(), "runtimeService", runtimeService);
    }

    @Test
    void whenTheProcessCannotStartNoComplaintIsLeftBehind() {
        RuntimeService failing = spy(runtimeService);
        doThrow(new ProcessEngineException("database restarted")).when(failing).createProcessInstanceByKey(anyString());
        ReflectionTestUtils.setField(target(), "runtimeService", failing);
        long complaintsBefore = complaints.count();
        long entriesBefore = timeline.count();

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = as("platform").postForEntity("/api/complaints",
                new HttpEntity<>(VALID_COMPLAINT, headers), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBody()).contains("er is niets opgeslagen");
        assertThat(complaints.count()).isEqualTo(complaintsBefore);
        assertThat(timeline.count()).isEqualTo(entriesBefore);
    }
}
