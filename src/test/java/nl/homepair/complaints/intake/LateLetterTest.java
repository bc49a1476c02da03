package nl.homepair.complaints.intake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** R5, R6, R11: a letter typed in weeks after it arrived, with the real mail server. */
class LateLetterTest extends IntegrationTest {

    @Autowired
    ComplaintIntakeService intake;
    @Autowired
    TaskService taskService;
    @Autowired
    nl.homepair.complaints.complaint.CaseTimeline timeline;

    @Test
    void aLateLetterIsAcknowledgedWithADateAheadAndEscalatedWithoutAReminderOrAFalseAlert() throws Exception {
        // registered on a Wednesday in office hours: the escalation is due at once (at night it would wait for 09:00)
        Instant now = ZonedDateTime.of(2026, 6, 10, 10, 0, 0, 0, DutchDates.ZONE).toInstant();
        ClockUtil.setCurrentTime(Date.from(now));
        Instant letter = now.minus(21, ChronoUnit.DAYS);
        Complaint complaint = intake.submit(new ComplaintSubmission("Bram Brief", "bram@example.nl", "CLIENT", "SUPPORT", null, null,
                "Per brief: de helpdesk antwoordt al weken niet.", null, null, letter.toString()),
                List.of(), IntakeChannel.STAFF, "behandelaar", null);

        runDueJobs(complaint.getReference());
        // the case file says when the letter came, not only when it was typed in (R14)
        assertThat(timeline.of(complaint)).filteredOn(entry -> entry.getType() == nl.homepair.complaints.complaint.TimelineEventType.RECEIVED)
                .singleElement().satisfies(entry -> {
                    assertThat(entry.getSummary()).contains("ontvangen op " + DutchDates.moment(letter));
                    assertThat(entry.getActor()).isEqualTo("behandelaar");
                });

        MimeMessage ack = mailsTo("bram@example.nl").get(0);
        String text = text(ack);
        assertThat(text).contains("We bevestigen je klacht later dan we willen", "(bijna) verstreken");
        String promised = text.replaceAll("(?s).*Uiterlijk (\\w+ \\d+ \\w+ \\d{4}).*", "$1");
        LocalDate promisedDay = LocalDate.parse(promised.substring(promised.indexOf(' ') + 1),
                DateTimeFormatter.ofPattern("d MMMM yyyy", new Locale("nl")));
        assertThat(promisedDay).isAfterOrEqualTo(now.atZone(DutchDates.ZONE).toLocalDate());
        // the escalation goes out; the reminder would come after it and does not; the acknowledgement did not fail
        assertThat(mailsTo("teamleiders@homepair.nl")).hasSize(1);
        assertThat(mailsTo("klachtenteam@homepair.nl")).isEmpty();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT).count()).isZero();
    }

    /**
     * A letter received on Tuesday 2 June 2026 at 10:00 and typed in a week later at 16:30: its five working days end
     * that same evening. Promising "uiterlijk dinsdag" at 16:30 and apologising the next morning is no promise; the
     * acknowledgement says the term is (almost) over and promises two working days, and no delay mail follows at 09:00.
     */
    @Test
    void aLetterWhoseTermEndsTodayIsPromisedTwoWorkingDaysNotToday() throws Exception {
        Instant now = ZonedDateTime.of(2026, 6, 9, 16, 30, 0, 0, DutchDates.ZONE).toInstant();
        ClockUtil.setCurrentTime(Date.from(now));
        Instant letter = ZonedDateTime.of(2026, 6, 2, 10, 0, 0, 0, DutchDates.ZONE).toInstant();
        Complaint complaint = intake.submit(new ComplaintSubmission("Wies Week", "wies@example.nl", "CLIENT", "SUPPORT", null,
                null, "Per brief: de monteur kwam niet opdagen.", null, null, letter.toString()),
                List.of(), IntakeChannel.STAFF, "behandelaar", null);
        runDueJobs(complaint.getReference());

        String text = text(mailsTo("wies@example.nl").get(0));
        assertThat(text).contains("(bijna) verstreken", "dinsdag 9 juni 2026", "Uiterlijk donderdag 11 juni 2026");

        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 6, 10, 9, 5, 0, 0, DutchDates.ZONE).toInstant()));
        runDueJobs(complaint.getReference());
        assertThat(mailsTo("wies@example.nl")).as("no apology the morning after the promise").hasSize(1);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }
}
