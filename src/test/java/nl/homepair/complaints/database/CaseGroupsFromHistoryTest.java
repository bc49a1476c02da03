package nl.homepair.complaints.database;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.CaseGroups;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.security.Groups;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The groups of a case are recorded when the engine gives its tasks to them; migration 20 finds the same
 * groups for the cases of before in the engine's identity links (open tasks, and the history of finished ones).
 */
class CaseGroupsFromHistoryTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseGroups caseGroups;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TaskService taskService;

    @Test
    void theGroupsOfACaseOfBeforeComeFromTheEngine() throws Exception {
        String reference = submit(janJansen().email("groepen.van.toen@example.nl"));
        runDueJobs(reference);
        long id = complaints.findByReference(reference).orElseThrow().getId();
        assertThat(caseGroups.of(id)).as("recorded when the assessment was made").containsExactly(Groups.HANDLERS);
        // a group given the assessment by hand, which is done then (its task only in the history); a team lead adds
        // their own group to the decision
        taskService.addCandidateGroup(taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult().getId(),
                "alleen-beoordeling");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "Direct."));
        runDueJobs(reference);
        String open = taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult().getId();
        taskService.addCandidateGroup(open, Groups.TEAM_LEADS);
        assertThat(caseGroups.of(id)).containsExactly("alleen-beoordeling", Groups.HANDLERS, Groups.TEAM_LEADS);

        jdbc.update("delete from case_group where complaint_id = ?", id);
        try (Connection connection = dataSource.getConnection()) {
            new CaseGroupsFromHistory().migrate(MigrationContexts.on(connection));
        }

        assertThat(caseGroups.of(id)).containsExactly("alleen-beoordeling", Groups.HANDLERS, Groups.TEAM_LEADS);
    }
}
