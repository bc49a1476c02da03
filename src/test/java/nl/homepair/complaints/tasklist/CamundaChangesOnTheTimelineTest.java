package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEntry;
import nl.homepair.complaints.complaint.TimelineEventType;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * R14, who did what and when: a change a person makes to a case in Camunda itself (Tasklist, Cockpit, the engine's REST
 * API) is on the case's timeline, with who made it; the application's own steps and pages add no such line.
 */
class CamundaChangesOnTheTimelineTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    CaseTimeline timeline;

    @Test
    void claimsHandBacksAndVariableChangesInCamundaAreOnTheTimeline() {
        String reference = submit(janJansen());
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        assertThat(changesInCamunda(reference)).as("the intake over the application's API").isEmpty();

        assertThat(as("behandelaar").postForEntity("/engine-rest/task/" + task.getId() + "/claim",
                json("{\"userId\":\"behandelaar\"}"), String.class).getStatusCode().value()).isEqualTo(204);
        assertThat(as("behandelaar").postForEntity("/engine-rest/task/" + task.getId() + "/unclaim", json("{}"), String.class)
                .getStatusCode().value()).isEqualTo(204);
        assertThat(as("beheerder").exchange("/engine-rest/process-instance/" + task.getProcessInstanceId()
                        + "/variables/priority", HttpMethod.PUT, json("{\"value\":3,\"type\":\"Integer\"}"), String.class)
                .getStatusCode().value()).isEqualTo(204);

        assertThat(changesInCamunda(reference)).as(timeline.of(complaints.findByReference(reference).orElseThrow()).stream()
                .map(entry -> entry.getActor() + ": " + entry.getSummary()).toList().toString()).satisfiesExactly(
                claimed -> {
                    assertThat(claimed.getActor()).isEqualTo("behandelaar");
                    assertThat(claimed.getSummary()).isEqualTo("Taak \"Eerste beoordeling\" geclaimd door behandelaar (in de engine-API)");
                },
                handedBack -> assertThat(handedBack.getSummary())
                        .isEqualTo("Taak \"Eerste beoordeling\" teruggegeven aan de groep (was: behandelaar) (in de engine-API)"),
                variables -> {
                    assertThat(variables.getActor()).isEqualTo("beheerder");
                    assertThat(variables.getSummary()).startsWith("Procesgegevens van de zaak gewijzigd");
                });

        // completing the task in Camunda: its own line says so; the next step given to the case's handler by the model is
        // the procedure at work, no change of a person's
        as("behandelaar").postForEntity("/engine-rest/task/" + task.getId() + "/claim", json("{\"userId\":\"behandelaar\"}"),
                String.class);
        assertThat(as("behandelaar").postForEntity("/engine-rest/task/" + task.getId() + "/complete", json(
                "{\"variables\":{\"assessmentOutcome\":{\"value\":\"DIRECT_DECISION\"},\"assessmentNotes\":{\"value\":\"Direct.\"}}}"),
                String.class).getStatusCode().value()).isEqualTo(204);
        runDueJobs(reference);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(ComplaintProcess.TASK_DECIDE)
                .singleResult().getAssignee()).isEqualTo("behandelaar");
        assertThat(changesInCamunda(reference)).hasSize(4).last()
                .satisfies(claimed -> assertThat(claimed.getSummary()).contains("Eerste beoordeling", "geclaimd"));
    }

    /** A delegation changes the owner, the assignee and the delegation state: one line, not one per property. */
    @Test
    void anOperationThatChangesSeveralPropertiesIsOneLine() {
        String reference = submit(janJansen().name("Dirk Delegatie").email("dirk.delegatie@example.nl"));
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        as("behandelaar").postForEntity("/engine-rest/task/" + task.getId() + "/claim", json("{\"userId\":\"behandelaar\"}"),
                String.class);

        assertThat(as("behandelaar").postForEntity("/engine-rest/task/" + task.getId() + "/delegate",
                json("{\"userId\":\"teamleider\"}"), String.class).getStatusCode().value()).isEqualTo(204);

        assertThat(changesInCamunda(reference)).hasSize(2).last().satisfies(delegated -> {
            assertThat(delegated.getActor()).isEqualTo("behandelaar");
            assertThat(delegated.getSummary()).isEqualTo("Taak \"Eerste beoordeling\" gedelegeerd aan teamleider (in de engine-API)");
        });
        // staff-only: not in the complainant's copy of their data
        assertThat(changesInCamunda(reference)).allSatisfy(entry -> assertThat(entry.isAboutOthers()).isTrue());
    }

    private List<TimelineEntry> changesInCamunda(String reference) {
        return timeline.of(complaints.findByReference(reference).orElseThrow()).stream()
                .filter(entry -> entry.getType() == TimelineEventType.NOTE && entry.getSummary().contains("(in "))
                .toList();
    }
}
