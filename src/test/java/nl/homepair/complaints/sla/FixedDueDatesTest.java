package nl.homepair.complaints.sla;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Date;
import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A task's due date is the procedure's deadline: Tasklist cannot move it, a follow-up date it can set ({@link FixedDueDates}). */
class FixedDueDatesTest extends IntegrationTest {

    @Autowired
    TaskService tasks;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aHandlerCannotMoveTheDueDateOfACaseTaskButCanSetAFollowUpDate() throws Exception {
        Task assessment = assessmentTaskOf(janJansen().email("vaste-termijn@example.nl"));
        Date due = assessment.getDueDate();
        JsonNode read = as("behandelaar").getForObject("/engine-rest/task/" + assessment.getId(), JsonNode.class);
        // what Tasklist's date pickers send (camunda-bpm-sdk-js task.update): the task's own fields, as read
        ObjectNode task = json.createObjectNode();
        for (String field : new String[] {"name", "description", "priority", "assignee", "owner", "delegationState", "due",
                "followUp", "parentTaskId", "caseInstanceId", "tenantId"}) {
            task.set(field, read.get(field));
        }

        // Tasklist sends the whole task back: the same due date and a follow-up date of the handler's own
        ObjectNode followUp = task.deepCopy();
        followUp.put("followUp", "2026-12-01T09:00:00.000+0100");
        ResponseEntity<String> kept = put(assessment.getId(), followUp);
        assertThat(kept.getStatusCode().value()).as(kept.getBody() + " for " + followUp).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(assessment.getId()).singleResult().getFollowUpDate()).isNotNull();

        ObjectNode later = task.deepCopy();
        later.put("due", "2099-01-01T09:00:00.000+0100");
        ResponseEntity<String> refused = put(assessment.getId(), later);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("De vervaldatum volgt uit de termijn van de klachtenprocedure");
        assertThat(tasks.createTaskQuery().taskId(assessment.getId()).singleResult().getDueDate()).isEqualTo(due);

        ObjectNode none = task.deepCopy();
        none.putNull("due");
        assertThat(put(assessment.getId(), none).getStatusCode().value()).as("nor take it away").isEqualTo(400);
        assertThat(as("teamleider").exchange("/engine-rest/task/" + assessment.getId(), HttpMethod.PUT, body(later), String.class)
                .getStatusCode().value()).as("a team lead neither").isEqualTo(400);
        assertThat(tasks.createTaskQuery().taskId(assessment.getId()).singleResult().getDueDate()).isEqualTo(due);
    }

    private ResponseEntity<String> put(String taskId, ObjectNode task) throws Exception {
        return as("behandelaar").exchange("/engine-rest/task/" + taskId, HttpMethod.PUT, body(task), String.class);
    }

    private HttpEntity<String> body(ObjectNode task) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        try {
            return new HttpEntity<>(json.writeValueAsString(task), headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
