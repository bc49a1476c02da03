package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.security.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The handler who works a case gets its next step without claiming it again (R15). */
class CaseHandlerTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;

    @AfterEach
    void removeTheTemporaryHandlers() {
        List.of("tweede", "vertrekker").forEach(identityService::deleteUser);
    }

    private void newHandler(String id) {
        User user = identityService.newUser(id);
        user.setPassword("Sterk-Wachtwoord-2026!");
        identityService.saveUser(user);
        identityService.createMembership(id, Groups.HANDLERS);
    }

    @Test
    void theHandlerWhoAssessedGetsTheMediationAndAfterAReassignmentTheNewHandlerTheDecision() {
        newHandler("tweede");
        String reference = assessedForMediationBy("behandelaar", "zelfde@example.nl");

        Task mediate = task(reference, ComplaintProcess.TASK_MEDIATE);
        assertThat(mediate.getAssignee()).isEqualTo("behandelaar");

        // the team lead gives the case to another handler
        taskService.setAssignee(mediate.getId(), "tweede");
        taskService.complete(mediate.getId(), Map.of("mediationOutcome", "NOT_RESOLVED", "mediationNotes", "Geen akkoord."));
        runDueJobs(reference);

        assertThat(task(reference, ComplaintProcess.TASK_DECIDE).getAssignee()).isEqualTo("tweede");
        // the decide form starts with the other party of the mediation as the affected user
        Task decide = task(reference, ComplaintProcess.TASK_DECIDE);
        assertThat(taskService.getVariable(decide.getId(), "affectedUserName")).isEqualTo("Verf BV");
        assertThat(taskService.getVariable(decide.getId(), "affectedUserEmail")).isEqualTo("verf@example.nl");
    }

    /**
     * A handler falls ill: the team lead gives their open task to a colleague, who is the case's handler from then on (its
     * next step, e.g. after the complainant's answer, goes to them, not to the one who is away); a task handed back to
     * the group takes the case from its handler.
     */
    @Test
    void aTaskGivenToAColleagueMakesThemTheCasesHandlerAtOnceAndOneHandedBackLeavesTheCaseToTheGroup() {
        newHandler("tweede");
        String reference = assessedForMediationBy("behandelaar", "ziek@example.nl");
        Task mediate = task(reference, ComplaintProcess.TASK_MEDIATE);
        String process = mediate.getProcessInstanceId();
        assertThat(runtimeService.getVariable(process, CaseHandler.VAR_CASE_HANDLER)).isEqualTo("behandelaar");

        taskService.setAssignee(mediate.getId(), "tweede");
        assertThat(runtimeService.getVariable(process, CaseHandler.VAR_CASE_HANDLER)).isEqualTo("tweede");

        taskService.setAssignee(mediate.getId(), null);
        assertThat(runtimeService.getVariable(process, CaseHandler.VAR_CASE_HANDLER)).isNull();
        taskService.claim(mediate.getId(), "behandelaar");
        taskService.complete(mediate.getId(), Map.of("mediationOutcome", "NOT_RESOLVED", "mediationNotes", "Geen akkoord."));
        runDueJobs(reference);
        assertThat(task(reference, ComplaintProcess.TASK_DECIDE).getAssignee()).isEqualTo("behandelaar");
    }

    @Test
    void aHandlerWhoLeftTheTeamGetsNoNewStepOfTheCaseItGoesToTheQueue() {
        newHandler("vertrekker");
        String reference = assessedForMediationBy("vertrekker", "vertrek@example.nl");
        Task mediate = task(reference, ComplaintProcess.TASK_MEDIATE);
        assertThat(mediate.getAssignee()).isEqualTo("vertrekker");

        // the handler leaves the team; a colleague finishes the step in their name
        identityService.deleteMembership("vertrekker", Groups.HANDLERS);
        taskService.complete(mediate.getId(), Map.of("mediationOutcome", "NOT_RESOLVED", "mediationNotes", "Geen akkoord."));
        runDueJobs(reference);

        assertThat(task(reference, ComplaintProcess.TASK_DECIDE).getAssignee()).isNull();
    }

    /** A new case whose assessment, unassigned until then, this handler claims and completes with mediation. */
    private String assessedForMediationBy(String handler, String complainant) {
        String reference = submit(janJansen().email(complainant));
        runDueJobs(reference);
        Task assess = task(reference, ComplaintProcess.TASK_ASSESS);
        assertThat(assess.getAssignee()).isNull();
        taskService.claim(assess.getId(), handler);
        taskService.complete(assess.getId(), Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes", "Bemiddelen.",
                "otherPartyName", "Verf BV", "otherPartyEmail", "verf@example.nl"));
        runDueJobs(reference);
        return reference;
    }

    private Task task(String reference, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult();
    }
}
