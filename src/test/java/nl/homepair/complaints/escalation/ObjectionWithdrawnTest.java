package nl.homepair.complaints.escalation;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.BoardDecision;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.TimelineRepository;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "Laat maar, het is opgelost" while the board reviews the objection (R9): the wish reaches the director on the
 * timeline, and the director records the withdrawal instead of declaring the objection unfounded, which told the
 * complainant their objection had been judged and counted it among the board's rejections.
 */
class ObjectionWithdrawnTest extends IntegrationTest {

    @Autowired
    TaskService taskService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    ComplaintRepository complaints;

    /** The board's review in the process that this case's procedure called. */
    private Task reviewUnder(ProcessInstance procedure) {
        ProcessInstance board = runtimeService.createProcessInstanceQuery().superProcessInstanceId(procedure.getId()).singleResult();
        return taskService.createTaskQuery().processInstanceId(board.getId()).singleResult();
    }

    @Autowired
    TimelineRepository timeline;

    @Autowired
    JdbcTemplate jdbc;

    /** A complaint of this address decided (unfounded) and objected to over the platform: the board reviews it. */
    private String objectedTo(String email) {
        String reference = submit(janJansen().email(email));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "We besluiten direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED",
                "decisionMotivation", "De schilder kwam op de afgesproken dag."));
        runDueJobs(reference);
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"De schilder kwam niet, ik heb foto's.\"}"), String.class).getStatusCode().value())
                .isEqualTo(202);
        runDueJobs(reference);
        return reference;
    }

    @Test
    void theDirectorRecordsAWithdrawnObjectionAndTheComplainantHearsTheDecisionStands() throws Exception {
        String email = "bezwaar.ingetrokken@example.nl";
        String reference = objectedTo(email);
        // the complainant's "laat maar" through the platform: the decision cannot be withdrawn, the wish reaches the board
        ResponseEntity<String> wish = as("platform").postForEntity("/api/complaints/" + reference + "/withdrawal",
                json("{\"reason\":\"Toch opgelost met de schilder.\"}"), String.class);
        assertThat(wish.getStatusCode().value()).isEqualTo(409);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()))
                .anyMatch(line -> line.getSummary().equals("De klager wil het bezwaar intrekken: Toch opgelost met de schilder."));
        String review = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult().getId();
        int mailsBefore = mailsTo(email).size();

        ResponseEntity<String> slip = submitTaskForm("directeur", review, Map.of("boardDecision", "WITHDRAWN",
                "objectionWithdrawalConfirmed", false, "boardMotivation", "Ingetrokken via het platform."));
        assertThat(slip.getStatusCode().value()).as(slip.getBody()).isEqualTo(400);
        assertThat(slip.getBody()).contains("Vink aan dat je hebt gecontroleerd dat de klager zelf heeft laten weten het bezwaar");
        assertThat(taskService.createTaskQuery().taskId(review).count()).isOne();

        ResponseEntity<String> withdrawn = submitTaskForm("directeur", review, Map.of("boardDecision", "WITHDRAWN",
                "objectionWithdrawalConfirmed", true, "boardMotivation",
                "Je liet via het platform weten dat het met de schilder is opgelost."));
        assertThat(withdrawn.getStatusCode().value()).as(withdrawn.getBody()).isEqualTo(204);
        runDueJobs(reference);

        List<MimeMessage> after = mailsTo(email).stream().skip(mailsBefore).toList();
        assertThat(after).hasSize(1);
        assertThat(after.get(0).getSubject()).isEqualTo("Je bezwaar over klacht " + reference + " is ingetrokken");
        assertThat(text(after.get(0))).contains("De directie heeft het bezwaar daarom niet meer beoordeeld",
                "Ons eerdere besluit blijft van kracht", "dat het met de schilder is opgelost", "De Geschillencommissie")
                .doesNotContain("ongegrond");
        complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(complaint.getBoardDecision()).isEqualTo(BoardDecision.WITHDRAWN);
        assertThat(complaint.getStatus()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(complaint.getOutcome()).isEqualTo(CaseOutcome.DECIDED_AFTER_OBJECTION);
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()))
                .anyMatch(line -> line.getSummary().equals("Directie: bezwaar ingetrokken door de klager, besluit blijft"));
        // the figures count it apart from the board's rejections (R16)
        assertThat(jdbc.queryForObject("select board_decision from case_facts where complaint_id = ?", String.class,
                complaint.getId())).isEqualTo("WITHDRAWN");
    }

    /**
     * A director whose form was opened before the complainant's wish to withdraw came judges the objection over it: refused,
     * naming the wish; the form, opened again, shows it with the tick for a wish the complainant took back.
     */
    @Test
    void aJudgementOverAWithdrawalWishIsRefusedUntilTheDirectorSawIt() throws Exception {
        String email = "bezwaar.wens." + System.nanoTime() + "@example.nl";
        String reference = objectedTo(email);
        Task review = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVIEW_OBJECTION).singleResult();
        // the director's form, opened before the wish: no wish on it
        assertThat(formVariables("directeur", review).has("caseObjectionWithdrawalWish")).isFalse();
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/withdrawal",
                json("{\"reason\":\"Toch opgelost met de schilder.\"}"), String.class).getStatusCode().value()).isEqualTo(409);

        ResponseEntity<String> over = submitTaskForm("directeur", review.getId(), Map.of("boardDecision", "REJECTED",
                "boardMotivation", "Het besluit blijft, de foto's tonen niets nieuws."));
        assertThat(over.getStatusCode().value()).as(over.getBody()).isEqualTo(400);
        assertThat(over.getBody()).contains("De klager wil het bezwaar intrekken", "Toch opgelost met de schilder",
                "Bezwaar ingetrokken door de klager");
        assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).isOne();
        // opened again, the form shows the wish
        assertThat(formVariables("directeur", review).path("caseObjectionWithdrawalWish").path("value").asText())
                .contains("Toch opgelost met de schilder");

        // the complainant took it back by phone: the director judges, ticking so
        ResponseEntity<String> judged = submitTaskForm("directeur", review.getId(), Map.of("boardDecision", "REJECTED",
                "withdrawalWishTakenBack", true, "boardMotivation",
                "Je liet ons op 3 december weten dat je het bezwaar toch beoordeeld wilt zien. Het besluit blijft."));
        assertThat(judged.getStatusCode().value()).as(judged.getBody()).isEqualTo(204);
        runDueJobs(reference);
        assertThat(complaints.findByReference(reference).orElseThrow().getBoardDecision()).isEqualTo(BoardDecision.REJECTED);
    }

    /**
     * The board's form is the newest for every open review, while a case keeps the version of the models it began on: a
     * version whose gateway (or whose calling model's gateway) has no way for "Ingetrokken" refuses it with what to do,
     * instead of failing in the engine or in an incident one step later; what that version knows goes on as before.
     */
    @Test
    void aCaseOnModelsWithoutTheWithdrawnWayIsToldToChooseAnotherOrToMoveTheCase() {
        String child = "boardBeforeWithdrawnWay";
        BpmnModelInstance board = Bpmn.createExecutableProcess(child).name("Bezwaar bij de directie (oud)")
                .camundaHistoryTimeToLive(30).startEvent()
                .userTask(ComplaintProcess.TASK_REVIEW_OBJECTION).exclusiveGateway("Gateway_Old")
                .condition("gegrond", "${boardDecision == 'UPHELD'}").endEvent()
                .moveToNode("Gateway_Old").condition("ongegrond", "${boardDecision == 'REJECTED'}").endEvent()
                .done();
        BpmnModelInstance newBoard = Bpmn.createExecutableProcess("boardWithWithdrawnWay").camundaHistoryTimeToLive(30)
                .startEvent().userTask(ComplaintProcess.TASK_REVIEW_OBJECTION).exclusiveGateway("Gateway_New")
                .condition("gegrond", "${boardDecision == 'UPHELD'}").endEvent()
                .moveToNode("Gateway_New").condition("anders", "${boardDecision == 'REJECTED' || boardDecision == 'WITHDRAWN'}")
                .endEvent().done();
        // the gateway after the board as complaintProcedure had it before 2026-12-07
        BpmnModelInstance oldCaller = Bpmn.createExecutableProcess("procedureBeforeWithdrawnWay").name("Klachtenprocedure (oud)")
                .camundaHistoryTimeToLive(30).startEvent().callActivity("CallActivity_BoardEscalation")
                .calledElement("boardWithWithdrawnWay").camundaOut("boardDecision", "boardDecision")
                .exclusiveGateway("Gateway_BoardOutcome")
                .condition("Nee", "${execution.getVariable('assessmentOutcome') != 'INADMISSIBLE' || boardDecision == 'UPHELD'}")
                .endEvent()
                .moveToNode("Gateway_BoardOutcome")
                .condition("Ja", "${execution.getVariable('assessmentOutcome') == 'INADMISSIBLE' && boardDecision == 'REJECTED'}")
                .endEvent()
                .done();
        String deployment = deployedBeforeTheCheck(repositoryService.createDeployment().name("ObjectionWithdrawnTest")
                .addModelInstance("board-old.bpmn", board).addModelInstance("board-new.bpmn", newBoard)
                .addModelInstance("caller-old.bpmn", oldCaller));
        try {
            ProcessInstance onOldBoard = runtimeService.startProcessInstanceByKey(child, "KL-OUD-000001");
            Task review = taskService.createTaskQuery().processInstanceId(onOldBoard.getId()).singleResult();
            Map<String, Object> withdrawal = Map.of("boardDecision", "WITHDRAWN", "objectionWithdrawalConfirmed", true,
                    "boardMotivation", "Ingetrokken per telefoon.");
            assertThatThrownBy(() -> taskService.complete(review.getId(), withdrawal))
                    .isInstanceOf(FormFieldValidationException.class)
                    .hasMessageContaining("versie 1 van 'Bezwaar bij de directie (oud)', die de keuze \"bezwaar ingetrokken")
                    .hasMessageContaining("POST /api/procedure/migration?process=" + child + "&reference=KL-OUD-000001, dan"
                            + " hetzelfde met &dryRun=false")
                    .hasMessageContaining("Lopende zaken overzetten");
            assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).isOne();
            taskService.complete(review.getId(), Map.of("boardDecision", "REJECTED", "boardMotivation", "Het besluit staat."));
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(onOldBoard.getId()).count()).isZero();

            // the board's own model has the way; the old procedure that called it has one after a decision on the merits
            ProcessInstance decided = runtimeService.startProcessInstanceByKey("procedureBeforeWithdrawnWay", "KL-OUD-000002",
                    Map.of("assessmentOutcome", "DIRECT_DECISION"));
            taskService.complete(reviewUnder(decided).getId(), withdrawal);
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(decided.getId()).count()).isZero();

            // ... but none after a declaration of inadmissibility: refused there, before the old gateway fails
            ProcessInstance inadmissible = runtimeService.startProcessInstanceByKey("procedureBeforeWithdrawnWay",
                    "KL-OUD-000003", Map.of("assessmentOutcome", "INADMISSIBLE"));
            Task called = reviewUnder(inadmissible);
            assertThatThrownBy(() -> taskService.complete(called.getId(), withdrawal))
                    .isInstanceOf(FormFieldValidationException.class)
                    .hasMessageContaining("'Klachtenprocedure (oud)'");
            taskService.complete(called.getId(), Map.of("boardDecision", "REJECTED", "boardMotivation", "Het besluit staat."));
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(inadmissible.getId()).count()).isZero();
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
    }
}
