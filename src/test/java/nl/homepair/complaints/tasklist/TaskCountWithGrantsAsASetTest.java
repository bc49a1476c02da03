package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;

import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Tasklist's counts ask the user's grants as a set, on H2 here and on PostgreSQL in
 * PostgresProfileTest: every kind of grant counts exactly what the engine's own list shows.
 */
@ExtendWith(OutputCaptureExtension.class)
class TaskCountWithGrantsAsASetTest extends IntegrationTest {

    @Autowired
    ProcessEngine processEngine;

    @Test
    void aTaskCountAgreesWithTheEnginesListForEveryKindOfGrant(CapturedOutput output) {
        GrantedTaskCounts.check(processEngine, submit(janJansen().email("jan.grants@example.nl")), output);
    }
}
