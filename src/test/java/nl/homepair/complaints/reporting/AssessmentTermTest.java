package nl.homepair.complaints.reporting;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A case that stops waiting for its first assessment after the five working days passed without it (R5, R16): the
 * handler asks the complainant for information on the eleventh day, and the case closes unanswered. It was counted as
 * missed only while it stayed open; it stays missed.
 */
class AssessmentTermTest extends IntegrationTest {

    @Autowired
    CaseFactsRepository facts;
    @Autowired
    ComplaintRepository complaints;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private CaseFacts factsOf(String reference) {
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        return facts.findById(complaint.getId()).orElseThrow();
    }

    private void askForInformation(String reference) {
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MORE_INFORMATION",
                "assessmentNotes", "Stuur ons de foto's van de lekkage."));
    }

    @Test
    void aQuestionToTheComplainantAfterTheTermKeepsTheTermMissed() {
        String asked = submit(janJansen().email("op.tijd.gevraagd@example.nl"));
        String late = submit(janJansen().email("te.laat.gevraagd@example.nl"));
        runDueJobs(asked);
        runDueJobs(late);
        askForInformation(asked);

        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(15))));
        askForInformation(late);

        assertThat(factsOf(asked).isAssessmentMissed()).as("asked on the first day: the clock stands still").isFalse();
        assertThat(factsOf(late).isAssessmentMissed()).as("asked after three weeks").isTrue();
        assertThat(factsOf(late).getFirstAssessmentDays()).isNull();
    }
}
