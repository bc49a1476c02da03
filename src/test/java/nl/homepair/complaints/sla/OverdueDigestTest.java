package nl.homepair.complaints.sla;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.mail.MailProperties;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A task that lies still after its escalation is named again every working day (the director who never acts), to
 * the team leads and, for the board's own tasks, to the board; a task escalated only this morning is not yet.
 */
class OverdueDigestTest extends IntegrationTest {

    @Autowired
    OverdueDigest digest;
    @Autowired
    TaskService taskService;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    MailProperties mail;

    private final List<String> made = new java.util.ArrayList<>();

    @AfterEach
    void removeTasks() {
        made.forEach(id -> taskService.deleteTask(id, true));
        ClockUtil.reset();
    }

    /**
     * In office hours on a working day, as the morning round runs: a task made after 17:00 is escalated the next
     * morning, so the test ran at 17:05 would wrongly see the late letter's task in today's list.
     */
    @org.junit.jupiter.api.BeforeEach
    void duringOfficeHours() {
        LocalDate day = ClockUtil.getCurrentTime().toInstant().atZone(DutchDates.ZONE).toLocalDate();
        while (!calendar.isWorkingDay(day)) {
            day = day.minusDays(1);
        }
        ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(DutchDates.ZONE).toInstant()));
    }

    private void task(String name, LocalDate dueDay) {
        Task task = taskService.newTask();
        task.setName(name);
        task.setDueDate(Date.from(dueDay.atTime(WorkingDayCalendar.END_OF_DAY).atZone(DutchDates.ZONE).toInstant()));
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), Groups.DIRECTORS);
        made.add(task.getId());
    }

    @Test
    void tasksLateSinceBeforeTodaysEscalationsAreListedToTheTeamLeadsAndTheBoard() throws Exception {
        LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(DutchDates.ZONE).toLocalDate();
        LocalDate previous = today.minusDays(1);
        while (!calendar.isWorkingDay(previous)) {
            previous = previous.minusDays(1);
        }
        // long ago, so that it heads the list whatever else the shared database holds
        LocalDate longAgo = LocalDate.of(2015, 6, 1);
        task("Bezwaar beoordelen door directie (digesttest)", longAgo);
        task("Escalatie van vanochtend (digesttest)", previous);
        // held by a director who left the board, and by one deleted in Admin: the lists say so
        task("Bezwaar van een vertrokken directeur (digesttest)", longAgo);
        taskService.setAssignee(made.get(made.size() - 1), "behandelaar");
        task("Bezwaar van een verwijderde directeur (digesttest)", longAgo);
        taskService.setAssignee(made.get(made.size() - 1), "digest-weg");
        // a team lead who took one on is no one who left
        task("Bezwaar dat een teamleider oppakte (digesttest)", longAgo);
        taskService.setAssignee(made.get(made.size() - 1), "teamleider");
        // a case's task, under the headline Tasklist shows with the complainant's name
        String reference = submit(TestComplaints.janJansen().with("name", "Digest Dijkstra").with("email", "digest@example.nl"));
        Task assessment = taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult();
        assessment.setName(assessment.getName() + " - Digest Dijkstra");
        assessment.setDueDate(Date.from(longAgo.plusDays(1).atTime(WorkingDayCalendar.END_OF_DAY).atZone(DutchDates.ZONE).toInstant()));
        taskService.saveTask(assessment);
        // a letter registered a week late: its task made today already late, escalated this morning at once
        String late = submit(TestComplaints.janJansen().with("name", "Laat Geregistreerd").with("email", "laat.digest@example.nl"));
        Task lateTask = taskService.createTaskQuery().processInstanceBusinessKey(late).singleResult();
        Date lateDue = Date.from(longAgo.plusDays(2).atTime(WorkingDayCalendar.END_OF_DAY).atZone(DutchDates.ZONE).toInstant());
        lateTask.setDueDate(lateDue);
        taskService.saveTask(lateTask);
        runtimeService.setVariable(lateTask.getProcessInstanceId(), nl.homepair.complaints.complaint.ComplaintProcess
                .ESCALATION_SENT_FOR + lateTask.getTaskDefinitionKey(), lateDue);
        greenMail.purgeEmailFromAllMailboxes();

        assertThat(digest.send()).isPositive();

        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage toTeamLeads = to(mail.teamLeadAddress());
        MimeMessage toBoard = to(mail.directorsAddress());
        for (MimeMessage digestMail : List.of(toTeamLeads, toBoard)) {
            assertThat(digestMail.getSubject()).startsWith("Te laat: ").contains("na de escalatie nog open");
            assertThat(text(digestMail)).contains("Bezwaar beoordelen door directie (digesttest)", "door niemand opgepakt")
                    .doesNotContain("Escalatie van vanochtend");
            assertThat(text(digestMail)).contains("bij behandelaar (geen lid meer van de groep van de taak)",
                    "bij digest-weg (bestaat niet meer)", "bij teamleider").doesNotContain("bij teamleider (");
        }
        // the step as the model names it, and the case; never the complainant (the digest is no case mail erasure reaches)
        assertThat(text(toTeamLeads)).contains("Eerste beoordeling, klacht " + reference).doesNotContain("Dijkstra")
                .as("escalated this morning: tomorrow's list").doesNotContain(late);
        assertThat(text(toBoard)).doesNotContain(reference);
        int daysLate = calendar.workingDaysBetween(longAgo, today);
        assertThat(text(toBoard)).contains(daysLate + " werkdag(en) te laat");
        // each is asked what it can do: the board decides, the team leads share out the work and tell who waits
        assertThat(text(toBoard)).contains("Beslis over elk bezwaar").doesNotContain("Spreek af wie elke taak");
        assertThat(text(toTeamLeads)).contains("Spreek af wie elke taak vandaag oppakt").doesNotContain("Beslis over elk bezwaar");

        // a second run the same day (another node, a restart) sends nothing again
        greenMail.purgeEmailFromAllMailboxes();
        digest.send();
        assertThat(greenMail.waitForIncomingEmail(1000, 1)).isFalse();
        runtimeService.deleteProcessInstance(assessment.getProcessInstanceId(), "test done: not late in other tests' lists");
        runtimeService.deleteProcessInstance(lateTask.getProcessInstanceId(), "test done: not late in other tests' lists");
    }

    private MimeMessage to(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).map(Address::toString).anyMatch(address::contains);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no digest to " + address));
    }
}
