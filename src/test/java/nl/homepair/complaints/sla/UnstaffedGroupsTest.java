package nl.homepair.complaints.sla;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.mail.MailProperties;
import nl.homepair.complaints.security.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The only director leaves in Camunda Admin while an objection waits for the board: the team leads hear it the next
 * working morning, not from the escalation days later; once a day; not while every group has members.
 */
class UnstaffedGroupsTest extends IntegrationTest {

    @Autowired
    UnstaffedGroups unstaffed;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    MailProperties mail;

    @Test
    void aGroupLeftWithoutMembersIsToldToTheTeamLeadsOnceADay() throws Exception {
        assertThat(unstaffed.unstaffed()).as("every group of the default run has members").isEmpty();
        Task review = taskService.newTask();
        review.setName("Bezwaar beoordelen door directie (lege groep)");
        taskService.saveTask(review);
        taskService.addCandidateGroup(review.getId(), Groups.DIRECTORS);
        List<String> directors = identityService.createUserQuery().memberOfGroup(Groups.DIRECTORS).list().stream()
                .map(org.camunda.bpm.engine.identity.User::getId).toList();
        directors.forEach(director -> identityService.deleteMembership(director, Groups.DIRECTORS));
        try {
            greenMail.purgeEmailFromAllMailboxes();
            assertThat(unstaffed.send()).isEqualTo(1);
            assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage told = greenMail.getReceivedMessages()[0];
            assertThat(told.getAllRecipients()[0].toString()).contains(mail.teamLeadAddress());
            assertThat(told.getSubject()).isEqualTo("Een groep in de klachtenprocedure heeft geen leden");
            long open = taskService.createTaskQuery().taskCandidateGroup(Groups.DIRECTORS).includeAssignedTasks().count();
            assertThat(text(told)).contains("Directie (directors): " + open + " open " + (open == 1 ? "taak" : "taken"),
                    "Camunda Admin", "wijst het nieuwe lid of een beheerder in Tasklist opnieuw toe").doesNotContain("Klachtbehandelaars", "/zaken");

            // another node, or a restart, the same day: not again
            greenMail.purgeEmailFromAllMailboxes();
            unstaffed.send();
            assertThat(greenMail.waitForIncomingEmail(1000, 1)).isFalse();
        } finally {
            directors.forEach(director -> identityService.createMembership(director, Groups.DIRECTORS));
            taskService.deleteTask(review.getId(), true);
        }
        assertThat(unstaffed.unstaffed()).isEmpty();
    }
}
