package nl.homepair.complaints.reporting;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

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

    @Test
    void aCaseWithoutFactsGetsThemFromItsComplaint() {
        String reference = submit(janJansen().email("oud@example.nl"));
        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        taskService.complete(assessment.getId(), Map.of("assessmentOutcome", "INADMISSIBLE",
                "assessmentNotes", "Buiten de procedure."));
        runDueJobs(reference);
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
}
