package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A step's task completes only with whom the next mail goes to: the other party's address for mediation, and whom a
 * measure hits with facts and ground (the statement of reasons). A manager may hide a field or make it optional; the
 * case then stood still in an incident of its mail step, the complainant's decision held behind it.
 */
class AddresseeCheckTest extends IntegrationTest {

    @Autowired
    TaskService taskService;

    private Task task(String reference, String key) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult();
        taskService.claim(task.getId(), "behandelaar");
        return task;
    }

    private ResponseEntity<String> complete(Task task, String variables) {
        return as("behandelaar").postForEntity("/engine-rest/task/" + task.getId() + "/complete",
                json("{\"variables\":{" + variables + "}}"), String.class);
    }

    @Test
    void mediationWithoutTheOtherPartysAddressIsRefused() {
        String reference = submit(janJansen());
        Task assess = task(reference, ComplaintProcess.TASK_ASSESS);

        ResponseEntity<String> refused = complete(assess, "\"assessmentOutcome\":{\"value\":\"MEDIATION\"},"
                + "\"assessmentNotes\":{\"value\":\"We bemiddelen.\"},\"otherPartyName\":{\"value\":\"Schilder Verf\"},"
                + "\"otherPartyEmail\":{\"value\":\"verf@\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains("geldig e-mailadres van de andere partij");
        assertThat(taskService.createTaskQuery().taskId(assess.getId()).count()).isOne();

        // the complainant's own address would send them the invitation meant for the other party
        ResponseEntity<String> ownAddress = complete(assess, "\"assessmentOutcome\":{\"value\":\"MEDIATION\"},"
                + "\"assessmentNotes\":{\"value\":\"We bemiddelen.\"},\"otherPartyName\":{\"value\":\"Schilder Verf\"},"
                + "\"otherPartyEmail\":{\"value\":\"Jan@Example.nl \"}");
        assertThat(ownAddress.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ownAddress.getBody()).contains("e-mailadres van de klager");

        assertThat(complete(assess, "\"assessmentOutcome\":{\"value\":\"MEDIATION\"},"
                + "\"assessmentNotes\":{\"value\":\"We bemiddelen.\"},\"otherPartyName\":{\"value\":\"Schilder Verf\"},"
                + "\"otherPartyEmail\":{\"value\":\"verf@example.nl\"}").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void aMeasureAgainstAUserWithoutWhomItHitsIsRefused() {
        String reference = submit(janJansen());
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        Task decide = task(reference, ComplaintProcess.TASK_DECIDE);
        String decision = "\"verdict\":{\"value\":\"WELL_FOUNDED\"},\"decisionMotivation\":{\"value\":\"Aangetoond.\"},"
                + "\"measureWarning\":{\"value\":true},\"affectedUserName\":{\"value\":\"Schilder Verf\"},";

        ResponseEntity<String> refused = complete(decide, decision + "\"measureFacts\":{\"value\":\"Twee keer niet gekomen.\"},"
                + "\"termsGround\":{\"value\":\"Artikel 7.\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains("e-mailadres in van de gebruiker tegen wie de maatregel is genomen");
        ResponseEntity<String> noGround = complete(decide, decision + "\"affectedUserEmail\":{\"value\":\"verf@example.nl\"},"
                + "\"measureFacts\":{\"value\":\"Twee keer niet gekomen.\"}");
        assertThat(noGround.getBody()).contains("grond in de voorwaarden");
        assertThat(taskService.createTaskQuery().taskId(decide.getId()).count()).isOne();

        // a measure ticked is a statement to send, whatever the verdict (the model routes on the measure), also as text
        assertThat(complete(decide, "\"verdict\":{\"value\":\"UNFOUNDED\"},\"decisionMotivation\":{\"value\":\"Niet aangetoond.\"},"
                + "\"measureWarning\":{\"value\":\"true\"}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // no measure against a user: nobody to write to
        assertThat(complete(decide, "\"verdict\":{\"value\":\"UNFOUNDED\"},\"decisionMotivation\":{\"value\":\"Niet aangetoond.\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        runDueJobs(reference);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).count()).isZero();
        String process = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(process).count()).isZero();
        assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(process).eventName("ObjectionReceived").count())
                .as("the decision went out; the objection window runs").isOne();
    }
}
