package nl.homepair.complaints.complaint;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "Laat maar, het is opgelost": the complainant withdraws the complaint in the platform's app. The case ends as
 * withdrawn wherever it waits, the complainant gets a confirmation, and the figures count it as withdrawn (R16),
 * never as inadmissible.
 */
class WithdrawalTest extends IntegrationTest {

    @Autowired
    ComplaintRepository complaints;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TaskService taskService;

    @Autowired
    org.camunda.bpm.engine.RepositoryService repositoryService;

    private ResponseEntity<String> withdraw(String reference, String body) {
        return as("platform").postForEntity("/api/complaints/" + reference + "/withdrawal", json(body), String.class);
    }

    @org.springframework.beans.factory.annotation.Autowired
    TimelineRepository timeline;

    @Test
    void aWithdrawnComplaintEndsItsTasksIsConfirmedAndCountsAsWithdrawn() throws Exception {
        String reference = submit(janJansen().email("opgelost@example.nl"));
        runDueJobs(reference);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).count()).isOne();

        ResponseEntity<String> answer = withdraw(reference, "{\"reason\":\"Opgelost met de schilder.\"}");
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        // the platform's retry after a time-out, while the confirmation is on its way: the same answer, nothing twice
        assertThat(answer.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        ResponseEntity<String> retried = withdraw(reference, "{\"reason\":\"Opgelost met de schilder.\"}");
        assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(202);
        assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        runDueJobs(reference);
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaints.findByReference(reference).orElseThrow()
                .getId())).filteredOn(t -> t.getSummary().startsWith("Klacht ingetrokken door de klager")).hasSize(1);

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(complaint.getStatus()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(complaint.getOutcome()).isEqualTo(CaseOutcome.WITHDRAWN);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).count()).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
        assertThat(managementService.createJobQuery().processInstanceId(complaint.getProcessInstanceId()).count()).isZero();
        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(mailsTo("opgelost@example.nl")).extracting(MimeMessage::getSubject)
                .contains("Je klacht " + reference + " is ingetrokken");
        assertThat(jdbc.queryForObject("select outcome from case_facts where complaint_id = ?", String.class,
                complaint.getId())).isEqualTo("WITHDRAWN");

        // a retry that comes after the case closed (the platform lost both answers) is still told it stood, not 409
        ResponseEntity<String> again = withdraw(reference, "{\"reason\":\"Opgelost met de schilder.\"}");
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(202);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()))
                .filteredOn(t -> t.getSummary().startsWith("Klacht ingetrokken door de klager")).hasSize(1);
        assertThat(mailsTo("opgelost@example.nl")).extracting(MimeMessage::getSubject)
                .filteredOn(subject -> subject.endsWith("is ingetrokken")).hasSize(1);
    }

    /** The other party invited to the mediation hears of the withdrawal; the mail server took the invitation first. */
    @Test
    void theOtherPartyInvitedToTheMediationHearsOfTheWithdrawal() throws Exception {
        String reference = submit(janJansen().email("bemiddeld@example.nl"));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes",
                "We bemiddelen.", "otherPartyName", "Dakdekker Droog", "otherPartyEmail", "dakdekker.droog@example.org",
                "chatConversationReference", "CHAT-881"));
        assertThat(mailsTo("dakdekker.droog@example.org")).as("the invitation").hasSize(1);

        assertThat(withdraw(reference, "{\"reason\":\"Opgelost met de dakdekker.\"}").getStatusCode().value()).isEqualTo(202);
        runDueJobs(reference);
        runDueDeliveryJobs(complaints.findByReference(reference).orElseThrow());
        assertThat(mailsTo("dakdekker.droog@example.org")).extracting(MimeMessage::getSubject)
                .contains("De klacht " + reference + " is ingetrokken");
    }

    /**
     * Withdrawn while the invitation to the mediation waited for the mail server: the other party never heard of the
     * complaint, and does not first hear of it through "waarover we met jou bemiddelden".
     */
    @Test
    void anOtherPartyWhoseInvitationNeverLeftIsNotToldOfTheWithdrawal() throws Exception {
        String reference = submit(janJansen().email("nooit.uitgenodigd@example.nl"));
        runDueJobs(reference);
        greenMail.stop();
        try {
            completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes",
                    "We bemiddelen.", "otherPartyName", "Loodgieter Lek", "otherPartyEmail", "loodgieter.lek@example.org",
                    "chatConversationReference", "CHAT-882"));
            assertThat(withdraw(reference, "{\"reason\":\"Toch opgelost.\"}").getStatusCode().value()).isEqualTo(202);
            runDueJobs(reference);
        } finally {
            greenMail.start();
        }
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        managementService.createJobQuery().processInstanceId(complaint.getProcessInstanceId()).list()
                .forEach(job -> managementService.executeJob(job.getId())); // the confirmation's retry, now the server is back
        runDueDeliveryJobs(complaint); // what the withdrawal queued (before this change: the other party's notice too)
        assertThat(complaints.findByReference(reference).orElseThrow().getOutcome()).isEqualTo(CaseOutcome.WITHDRAWN);
        assertThat(mailsTo("nooit.uitgenodigd@example.nl")).extracting(MimeMessage::getSubject)
                .anyMatch(subject -> subject.endsWith("is ingetrokken"));
        assertThat(mailsTo("loodgieter.lek@example.org")).isEmpty();
    }

    /**
     * Right after the 201, before the case's first step ran, and while a step is stuck in an incident, the withdrawal
     * is taken; a case whose process was ended from outside is told that waiting will not help (not "probeer het over
     * een minuut opnieuw", which the platform would retry for ever).
     */
    @Test
    void aWithdrawalIsTakenBeforeTheFirstStepAndAnEndedProcessIsNotToldToTryAgain() {
        String early = post(janJansen().email("meteen@example.nl")).getBody().get("reference").asText();
        ResponseEntity<String> answer = withdraw(early, "{\"reason\":\"Opgelost met de schilder.\"}");
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        runDueJobs(early);
        assertThat(complaints.findByReference(early).orElseThrow().getOutcome()).isEqualTo(CaseOutcome.WITHDRAWN);

        String reference = submit(janJansen().email("beeindigd@example.nl"));
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        runtimeService.deleteProcessInstance(complaint.getProcessInstanceId(), "WithdrawalTest");
        ResponseEntity<String> ended = withdraw(reference, "{\"reason\":\"Opgelost met de schilder.\"}");
        assertThat(ended.getStatusCode().value()).isEqualTo(409);
        assertThat(ended.getBody()).contains("van buitenaf beëindigd").doesNotContain("over een minuut");
        assertThat(ended.getHeaders().getFirst("Retry-After")).isNull();
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()))
                .noneMatch(t -> t.getSummary().startsWith("Klacht ingetrokken"));
    }

    @Test
    void aWithdrawalWithoutReasonOrOfADecidedCaseChangesNothing() {
        String reference = submit(janJansen().email("besloten@example.nl"));
        runDueJobs(reference);

        ResponseEntity<String> empty = withdraw(reference, "{\"reason\":\"  \"}");
        assertThat(empty.getStatusCode().value()).isEqualTo(400);
        assertThat(empty.getBody()).contains("Geef aan waarom de klager de klacht intrekt");

        jdbc.update("update complaint set decided_at = current_timestamp where reference = ?", reference);
        ResponseEntity<String> decided = withdraw(reference, "{\"reason\":\"Toch maar niet.\"}");
        assertThat(decided.getStatusCode().value()).isEqualTo(409);
        assertThat(decided.getBody()).contains("het besluit blijft staan");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).count()).isOne();
        assertThat(complaints.findByReference(reference).orElseThrow().getStatus()).isNotEqualTo(ComplaintStatus.CLOSED);
    }

    /**
     * The withdrawal read the case before a handler's decision committed and correlated after it: the decided case was
     * withdrawn, its decision mail cancelled. It reads the case again, held, and refuses.
     */
    @Test
    void aWithdrawalThatReadTheCaseBeforeTheDecisionCommittedIsRefused(@Autowired CaseWithdrawal withdrawals) {
        String reference = submit(janJansen().email("besluit.tegelijk@example.nl"));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS,
                java.util.Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "We besluiten direct."));
        Complaint readBefore = complaints.findByReference(reference).orElseThrow();
        completeTask(reference, ComplaintProcess.TASK_DECIDE, java.util.Map.of("verdict", "UNFOUNDED",
                "decisionMotivation", "Niet aangetoond."));

        assertThat(readBefore.getDecidedAt()).as("the copy read before the decision").isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withdrawals.withdraw(readBefore, "Toch opgelost.", "platform"))
                .isInstanceOf(CaseRefused.class).hasMessageContaining("het besluit blijft staan");
        runDueJobs(reference);
        Complaint after = complaints.findByReference(reference).orElseThrow();
        assertThat(after.getOutcome()).isNotEqualTo(CaseOutcome.WITHDRAWN);
        assertThat(jdbc.queryForObject("select count(*) from sent_mail s join complaint c on c.id = s.complaint_id"
                + " where c.reference = ? and s.template = 'besluit'", Integer.class, reference)).isOne();
    }

    /**
     * The decision commits while the withdrawal runs (after it read the case, before it commits): the withdrawal's commit
     * fails on the case's version, its correlation rolls back with it, and asked again it is refused. The decision's rows
     * are written by a second connection that holds the process's row until the withdrawal waits for it.
     */
    @Test
    void aWithdrawalThatMeetsADecisionCommittingMeanwhileRollsBack(@Autowired CaseWithdrawal withdrawals,
                                                                    @Autowired javax.sql.DataSource dataSource) throws Exception {
        String reference = submit(janJansen().email("besluit.middenin@example.nl"));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS,
                java.util.Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "We besluiten direct."));
        Complaint open = complaints.findByReference(reference).orElseThrow();
        nl.homepair.complaints.HeldRows.Held<Boolean> held = nl.homepair.complaints.HeldRows.during(dataSource, decision -> {
            decision.update("update ACT_RU_EXECUTION set REV_ = REV_ where ID_ = ?", open.getProcessInstanceId());
            decision.update("update complaint set decided_at = current_timestamp, version = version + 1 where id = ?", open.getId());
        }, nl.homepair.complaints.HeldRows.blockedByTheHolder(), () -> withdrawals.withdraw(open, "Toch opgelost.", "platform"));
        assertThat(held.waited()).as("the withdrawal read the case and waits for the process's row").isTrue();
        java.util.concurrent.CompletableFuture<Boolean> withdrawal = held.answer();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withdrawal.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(org.hibernate.StaleObjectStateException.class);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_DECIDE).count()).as("the correlation rolled back").isOne();
        assertThat(complaints.findByReference(reference).orElseThrow().getOutcome()).isNotEqualTo(CaseOutcome.WITHDRAWN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withdrawals.withdraw(open, "Toch opgelost.", "platform"))
                .isInstanceOf(CaseRefused.class).hasMessageContaining("het besluit blijft staan");
        jdbc.update("update complaint set decided_at = null where reference = ?", reference); // a decision nobody took
    }

    /**
     * "Laat maar" while the decision is being taken (after mediation failed, or straight after the assessment): the task is
     * cancelled, and its end does not record a decision nobody took (the engine runs an interrupted task's end listeners).
     */
    @Test
    void aWithdrawalWhileTheDecisionIsOpenRecordsNoDecision() {
        String reference = submit(janJansen().email("besluit.open@example.nl"));
        runDueJobs(reference);
        completeTask(reference, nl.homepair.complaints.complaint.ComplaintProcess.TASK_ASSESS,
                java.util.Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "We besluiten direct."));
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_DECIDE).count()).isOne();

        ResponseEntity<String> answer = withdraw(reference, "{\"reason\":\"Toch opgelost met de schilder.\"}");
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        runDueJobs(reference);

        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(complaint.getOutcome()).isEqualTo(CaseOutcome.WITHDRAWN);
        assertThat(complaint.getDecidedAt()).isNull();
        assertThat(complaint.getObjectionDeadline()).isNull();
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()))
                .noneMatch(t -> t.getSummary().startsWith("Besluit"));
        assertThat(jdbc.queryForObject("select decided_at from case_facts where complaint_id = ?", java.sql.Timestamp.class,
                complaint.getId())).isNull();
    }

    /**
     * A case begun on a version of the model from before the withdrawal (2026-12-04) can never take it: it is told so,
     * with what to do, not "probeer het over een minuut opnieuw", which the platform would retry for ever.
     */
    @Test
    void aCaseOnAModelWithoutTheWithdrawalIsToldWhatToDoNotToTryAgain() {
        String reference = submit(janJansen().email("oudmodel@example.nl"));
        runDueJobs(reference);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        String deployment = repositoryService.createDeployment().name("WithdrawalTest").addModelInstance("before-withdrawal.bpmn",
                        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("procedureBeforeWithdrawal")
                                .camundaHistoryTimeToLive(30).startEvent().intermediateCatchEvent().message("InformationReceived")
                                .endEvent().done())
                .deploy().getId();
        try {
            String old = runtimeService.startProcessInstanceByKey("procedureBeforeWithdrawal", reference).getId();
            jdbc.update("update complaint set process_instance_id = ? where id = ?", old, complaint.getId());

            ResponseEntity<String> answer = withdraw(reference, "{\"reason\":\"Opgelost met de schilder.\"}");
            assertThat(answer.getStatusCode().value()).isEqualTo(409);
            assertThat(answer.getBody()).contains("van voor het intrekken van een klacht", "Lopende zaken overzetten")
                    .doesNotContain("over een minuut");
            assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()))
                    .noneMatch(t -> t.getSummary().startsWith("Klacht ingetrokken"));
        } finally {
            jdbc.update("update complaint set process_instance_id = ? where id = ?", complaint.getProcessInstanceId(),
                    complaint.getId());
            repositoryService.deleteDeployment(deployment, true);
        }
        // on its own model, the case takes the withdrawal
        assertThat(withdraw(reference, "{\"reason\":\"Opgelost met de schilder.\"}").getStatusCode().value()).isEqualTo(202);
        runDueJobs(reference);
    }
}
