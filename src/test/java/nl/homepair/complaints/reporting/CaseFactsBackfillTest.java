package nl.homepair.complaints.reporting;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A database from before the facts were kept: its cases get facts from their complaint rows at start-up. */
class CaseFactsBackfillTest extends IntegrationTest {

    @Autowired
    CaseFactsBackfill backfill;
    @Autowired
    CaseFactsRepository facts;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseFactsRecorder recorder;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;
    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void aCaseWithoutFactsGetsThemFromItsComplaint() {
        String reference = submit(janJansen().email("oud@example.nl"));
        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        taskService.complete(assessment.getId(), Map.of("assessmentOutcome", "INADMISSIBLE",
                "assessmentNotes", "Buiten de procedure."));
        runDueJobs(reference);
        endObjectionWindow(reference);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        CaseFacts kept = facts.findById(complaint.getId()).orElseThrow();
        facts.deleteById(complaint.getId());

        assertThat(backfill.backfill()).isEqualTo(1);

        CaseFacts made = facts.findById(complaint.getId()).orElseThrow();
        assertThat(made.getReference()).isEqualTo(reference);
        assertThat(made.getOutcome()).isEqualTo(CaseOutcome.INADMISSIBLE);
        assertThat(made.getAcknowledgementDays()).isEqualTo(kept.getAcknowledgementDays());
        assertThat(made.getClosingDays()).isEqualTo(kept.getClosingDays());
        assertThat(made.getRole()).isEqualTo(kept.getRole());
        // what only the steps knew is not in the complaint row
        assertThat(kept.getFirstAssessmentAt()).isNotNull();
        assertThat(made.getFirstAssessmentAt()).isNull();
        assertThat(backfill.backfill()).isZero();
    }

    /**
     * While the backfill reads a batch, a case's step (or another node's backfill) makes facts for one of its cases: those
     * are kept as they are, not overwritten with what the complaint row knows, and the backfill goes on.
     */
    @Test
    void factsMadeMeanwhileAreKeptAndTheBackfillGoesOn() {
        String meanwhile = submit(janJansen().email("intussen@example.nl"));
        String other = submit(janJansen().email("ander.oud@example.nl"));
        runDueJobs(meanwhile);
        runDueJobs(other);
        Complaint first = complaints.findByReference(meanwhile).orElseThrow();
        Complaint second = complaints.findByReference(other).orElseThrow();
        CaseFacts live = facts.findById(first.getId()).orElseThrow();
        assertThat(live.getFirstAssessmentAt()).as("not yet").isNull();
        facts.deleteById(first.getId());
        facts.deleteById(second.getId());

        org.springframework.transaction.support.TransactionTemplate alone = new org.springframework.transaction.support
                .TransactionTemplate(transactionManager);
        alone.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        CaseFactsBackfill racing = new CaseFactsBackfill(recorder, facts, transactionManager) {
            @Override
            java.util.List<Complaint> missing() {
                java.util.List<Complaint> batch = super.missing();
                if (once.compareAndSet(false, true)) {
                    // the live step commits its facts, with what only it knows, between the read and the write
                    alone.executeWithoutResult(status -> {
                        CaseFacts made = recorder.fromComplaint(first);
                        made.firstAssessment(java.time.Instant.parse("2026-03-02T10:00:00Z"), 3);
                        facts.save(made);
                    });
                }
                return batch;
            }
        };
        context.getAutowireCapableBeanFactory().autowireBean(racing);

        assertThat(racing.backfill()).as("the other case").isGreaterThanOrEqualTo(1);
        assertThat(facts.findById(first.getId()).orElseThrow().getFirstAssessmentDays()).as("kept as the step made it")
                .isEqualTo(3);
        assertThat(facts.findById(second.getId())).isPresent();
    }

    /** A decided case waits out its objection window as "Besluit genomen" in the open cases' figures. */
    @Test
    void aDecidedCaseWaitingForObjectionsIsDecidedInTheFigures() throws Exception {
        String reference = submit(janJansen().email("besloten@example.nl"));
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation",
                "Niet aangetoond."));
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(complaint.getClosedAt()).isNull();
        assertThat(facts.findById(complaint.getId()).orElseThrow().getStatus()).isEqualTo(ComplaintStatus.DECIDED);

        // facts kept before this was fixed said "Wacht op besluit"; migration 16 sets them right
        jdbc.update("update case_facts set status = 'AWAITING_DECISION' where complaint_id = ?", complaint.getId());
        jdbc.execute(Files.readString(Path.of("src/main/resources/db/migration/common/V16__decided_cases_in_the_figures.sql")));
        assertThat(facts.findById(complaint.getId()).orElseThrow().getStatus()).isEqualTo(ComplaintStatus.DECIDED);
    }

    /**
     * An open case past its first assessment (in mediation) whose facts came from its complaint row after an upgrade has
     * no assessment fact: it is not a missed assessment in the figures, while a case still waiting for its assessment is.
     */
    @Test
    void aBackfilledCasePastItsAssessmentIsNoMissedAssessment() {
        java.time.LocalDate today = java.time.LocalDate.now(nl.homepair.complaints.text.DutchDates.ZONE);
        String mediating = submit(janJansen().email("bemiddeling.oud@example.nl"));
        completeTask(mediating, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION",
                "assessmentNotes", "We bemiddelen.", "otherPartyEmail", "schilder.oud@example.org"));
        String waiting = submit(janJansen().email("wacht.oud@example.nl"));
        for (String reference : java.util.List.of(mediating, waiting)) {
            Complaint complaint = complaints.findByReference(reference).orElseThrow();
            facts.deleteById(complaint.getId());
            // received weeks ago: both are past the five working days
            jdbc.update("update complaint set received_at = ? where id = ?",
                    java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(30))), complaint.getId());
        }
        backfill.backfill();

        Report.Share both = reports.report(today.minusDays(40), today).assessedWithin5();
        facts.deleteById(complaints.findByReference(waiting).orElseThrow().getId());
        Report.Share mediatingOnly = reports.report(today.minusDays(40), today).assessedWithin5();
        facts.deleteById(complaints.findByReference(mediating).orElseThrow().getId());
        Report.Share neither = reports.report(today.minusDays(40), today).assessedWithin5();
        // the case in mediation counts not at all; the one still waiting for its assessment counts, as missed
        assertThat(mediatingOnly.measured()).isEqualTo(neither.measured());
        assertThat(both.measured() - mediatingOnly.measured()).isEqualTo(1);
        assertThat(both.within()).isEqualTo(neither.within());
        backfill.backfill();
    }

    @Autowired
    ReportService reports;
}
