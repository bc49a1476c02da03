package nl.homepair.complaints.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import nl.homepair.complaints.Chromium;
import nl.homepair.complaints.BrowserTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.escalation.ObjectionService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.transaction.support.TransactionTemplate;

/** R9 in a real browser: a handler reads a mail that may be an objection and decides in Tasklist. */
class JudgeObjectionBrowserTest extends BrowserTest {

    @Autowired
    TaskService taskService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    ObjectionService objections;
    @Autowired
    TransactionTemplate transactions;


    @Test
    void aHandlerDecidesThatAMailIsAnObjectionAndTheBoardGetsIt() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String reference = as("platform").postForObject("/api/complaints", new HttpEntity<>("""
                {"name":"Wim Twijfel","email":"wim@example.nl","role":"CLIENT","subject":"JOB_HANDLING",
                 "description":"De tegelzetter liet de badkamer half af."}""", headers), JsonNode.class).get("reference").asText();
        runDueJobs(reference);
        for (String step : java.util.List.of(ComplaintProcess.TASK_ASSESS, ComplaintProcess.TASK_DECIDE)) {
            Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(step).singleResult();
            taskService.complete(task.getId(), Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct.",
                    "verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
            runDueJobs(reference);
        }
        Instant mailReceived = Instant.now().minusSeconds(3600);
        transactions.executeWithoutResult(status -> objections.possibleObjection(complaints.findByReference(reference).orElseThrow(), false,
                "Dit besluit vind ik onterecht, de badkamer is nog steeds niet af.", mailReceived, "e-mail"));
        Task judge = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();

        Chromium.logInToTasklist(browser, port, "behandelaar");
        openTaskInTasklist(judge.getId());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"), "Is dit een bezwaar?"));
        wait.until(d -> d.findElements(By.cssSelector(".fjs-container textarea")).stream()
                .anyMatch(t -> t.getAttribute("value") != null && t.getAttribute("value").contains("badkamer is nog steeds niet af")));
        // how and when it came, which is when an objection counts from
        assertThat(browser.findElement(By.cssSelector(".fjs-container")).getText())
                .contains("Ontvangen: e-mail van " + nl.homepair.complaints.text.DutchDates.moment(mailReceived));
        Chromium.screenshot(browser, "tasklist-judge-objection");

        click(By.cssSelector("[cam-tasklist-task-meta] .claim"));
        click(By.xpath("//div[contains(@class,'fjs-container')]//label[contains(., 'Ja, het is een bezwaar')]"));
        click(By.xpath("//button[normalize-space()='Voltooien']"));

        wait.until(d -> taskService.createTaskQuery().taskId(judge.getId()).count() == 0);
        runDueJobs(reference);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count()).isEqualTo(1);
        // the window counts from the mail, not from the handler's click
        assertThat(complaints.findByReference(reference).orElseThrow().getObjectionReceivedAt())
                .isEqualTo(mailReceived.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
}
