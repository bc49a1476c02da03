package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.Chromium;
import nl.homepair.complaints.BrowserTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.engine.TasklistFilters;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;

/** A handler works a complaint in Camunda Tasklist, in a real browser. */
class TasklistBrowserTest extends BrowserTest {

    @Autowired
    TaskService taskService;


    private String submit() {
        return submit(janJansen().description("De schilder kwam <b>twee keer</b> niet opdagen."));
    }

    private void logIn(String user) {
        try {
            Chromium.logInToTasklist(browser, port, user);
        } finally {
            Chromium.screenshot(browser, "tasklist-after-login");
        }
    }

    private void type(WebElement element, String text) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.sendKeys(text);
    }

    @Test
    void aHandlerRegistersAComplaintReceivedByPhoneWithTheStartFormInDutchTimeEvenOnAComputerSetToAnotherZone() {
        // the handler types the time of the call as the Netherlands reads it, whatever the computer is set to
        browser.quit();
        browser = Chromium.start("America/New_York");
        wait = waitOn(browser);
        logIn("behandelaar");
        click(By.xpath("//a[contains(., 'Registreren')]"));
        click(By.xpath("//a[contains(., 'Klacht registreren (brief of telefoon)')]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container input[type='text']")));
        java.util.List<WebElement> texts = browser.findElements(By.cssSelector(".fjs-container input[type='text']"));
        type(texts.get(0), "Tineke Telefoon");
        type(texts.get(1), "tineke@example.nl");
        click(By.xpath("//div[contains(@class,'fjs-container')]//label[contains(., 'Opdrachtgever')]"));
        click(By.xpath("//div[contains(@class,'fjs-container')]//label[contains(., 'Communicatie of ondersteuning')]"));
        type(browser.findElements(By.cssSelector(".fjs-container textarea")).get(0), "Belde: al drie weken geen antwoord van de helpdesk.");
        // the date-time field: a date and a time input
        WebElement date = browser.findElement(By.cssSelector("input[id$='Datetime_ReceivedAt-date']"));
        WebElement time = browser.findElement(By.cssSelector("input[id$='Datetime_ReceivedAt-time']"));
        type(date, "04/24/2026");
        date.sendKeys(org.openqa.selenium.Keys.ENTER);
        // the time's own label says what it is, also to a screen reader (not just "om")
        assertThat(browser.findElement(By.xpath("//label[@for=//input[contains(@id,'Datetime_ReceivedAt-time')]/@id]"))
                .getText()).contains("Tijdstip van ontvangst");
        type(time, "10:00");
        time.sendKeys(org.openqa.selenium.Keys.TAB);
        Chromium.screenshot(browser, "tasklist-start-complaint");
        click(By.xpath("//button[normalize-space()='Starten']"));
        // a call months ago: Tasklist shows why it is not taken (a mistyped year?) and keeps what was typed
        wait.until(d -> d.getPageSource().contains("klopt het jaartal"));
        assertThat(complaints()).isEmpty();
        click(By.xpath("//div[contains(@class,'fjs-container')]//label[contains(., 'De ontvangstdatum klopt')]"));
        click(By.xpath("//button[normalize-space()='Starten']"));

        wait.until(d -> !complaints().isEmpty());
        nl.homepair.complaints.complaint.Complaint complaint = complaints().get(0);
        assertThat(complaint.getChannel()).isEqualTo(nl.homepair.complaints.complaint.IntakeChannel.STAFF);
        assertThat(complaint.getRegisteredBy()).isEqualTo("behandelaar");
        assertThat(complaint.getReceivedAt().atZone(java.time.ZoneId.of("Europe/Amsterdam")).toLocalDateTime())
                .isEqualTo(java.time.LocalDateTime.of(2026, 4, 24, 10, 0));
    }

    @Autowired
    nl.homepair.complaints.complaint.ComplaintRepository complaintRepository;

    private java.util.List<nl.homepair.complaints.complaint.Complaint> complaints() {
        return complaintRepository.findByEmailIgnoreCaseOrderByReceivedAt("tineke@example.nl");
    }

    @Test
    void aHandlerRegistersAnObjectionReceivedByLetterWithTheStartForm() {
        String reference = submit();
        runDueJobs(reference);
        for (String step : java.util.List.of(ComplaintProcess.TASK_ASSESS, ComplaintProcess.TASK_DECIDE)) {
            Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(step).singleResult();
            taskService.complete(task.getId(), java.util.Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct.",
                    "verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
            runDueJobs(reference);
        }

        logIn("behandelaar");
        click(By.xpath("//a[contains(., 'Registreren')]"));
        click(By.xpath("//a[contains(., 'Bezwaar registreren (brief of telefoon)')]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container input[type='text']")));
        Chromium.screenshot(browser, "tasklist-start-objection");
        java.util.List<WebElement> texts = browser.findElements(By.cssSelector(".fjs-container input[type='text']"));
        type(texts.get(0), reference);
        // the sender's name as the letter is signed: checked against the complainant of the case named
        assertThat(browser.findElement(By.xpath("//label[@for=//input[contains(@id,'Textfield_LetterSenderName')]/@id]")).getText())
                .contains("Naam van de afzender");
        type(texts.get(1), "J. Jansen");
        type(browser.findElement(By.cssSelector(".fjs-container textarea")), "Per brief: de schilder heeft wel degelijk afgezegd.");
        // who objects is chosen, not preset: a letter of the user a measure hit filed as the complainant's would use up the
        // complainant's one objection
        assertThat(browser.findElements(By.cssSelector(".fjs-container input[type='radio']"))).isNotEmpty()
                .noneMatch(WebElement::isSelected);
        click(By.xpath("//div[contains(@class,'fjs-container')]//label[normalize-space(.)='De klager, tegen het besluit']"));
        // the letter arrived today, earlier than it is typed in
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));
        WebElement letterDate = browser.findElement(By.cssSelector("input[id$='Datetime_LetterReceivedAt-date']"));
        WebElement letterTime = browser.findElement(By.cssSelector("input[id$='Datetime_LetterReceivedAt-time']"));
        type(letterDate, today.format(java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy")));
        letterDate.sendKeys(org.openqa.selenium.Keys.ENTER);
        type(letterTime, "00:00");
        letterTime.sendKeys(org.openqa.selenium.Keys.TAB);
        click(By.xpath("//button[normalize-space()='Starten']"));

        wait.until(d -> runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count() == 1);
        Chromium.screenshot(browser, "tasklist-start-objection-done");
        assertThat(complaintRepository.findByReference(reference).orElseThrow().getObjectionReceivedAt())
                .isEqualTo(today.atStartOfDay(java.time.ZoneId.of("Europe/Amsterdam")).toInstant());
    }

    @Test
    void aHandlerSeesTheCaseInTheFormClaimsTheTaskAndCompletesTheAssessment() {
        String reference = submit();
        Task task = openAssessmentAsHandler(reference);
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"), reference));
        Chromium.screenshot(browser, "tasklist-assessment-unclaimed");

        assertThat(browser.findElements(By.cssSelector(".ce-eol-banner"))).as("Camunda's end-of-life banner, hidden")
                .isNotEmpty().allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
        assertThat(form.getText()).contains("Jan Jansen", "OPD-4711",
                "De schilder kwam <b>twee keer</b> niet opdagen.", "Opdrachtgever");
        assertThat(browser.findElements(By.cssSelector(".fjs-container b"))).isEmpty(); // shown as text, not HTML
        assertThat(form.getText()).as("a complaint about a job").doesNotContain("Deze klacht gaat over HomePair zelf");

        click(By.cssSelector("[cam-tasklist-task-meta] .claim"));
        click(By.xpath("//div[contains(@class,'fjs-container')]//label[contains(., 'Bemiddelen via de HomePair-chat')]"));
        type(browser.findElement(By.cssSelector(".fjs-container textarea")), "We gaan bemiddelen via de HomePair-chat.");
        Chromium.screenshot(browser, "tasklist-assessment-filled");
        // the other party is asked for only when mediating
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[contains(., 'E-mailadres van de andere partij')]")));
        java.util.List<WebElement> fields = browser.findElements(By.cssSelector(".fjs-container input[type='text']"));
        type(fields.get(0), "Schildersbedrijf Verf");
        type(fields.get(1), "verf@example.nl");
        click(By.xpath("//button[normalize-space()='Voltooien']"));

        wait.until(d -> taskService.createTaskQuery().taskId(task.getId()).count() == 0);
        Chromium.screenshot(browser, "tasklist-after-complete");
        assertThat(runtimeService.getVariable(task.getProcessInstanceId(), "assessmentOutcome")).isEqualTo("MEDIATION");
        assertThat(runtimeService.getVariable(task.getProcessInstanceId(), "otherPartyEmail")).isEqualTo("verf@example.nl");
    }

    /**
     * A complaint about HomePair's own support has no other user to mediate with: the assessment says so before the
     * handler chooses (a note, not a refusal: a subject chosen wrongly by the complainant is not corrected on the case).
     */
    @Test
    void theAssessmentOfAComplaintAboutHomePairItselfSaysThereIsNoOtherUser() {
        String reference = submit(janJansen().with("subject", "SUPPORT").description("De klantenservice belde nooit terug."));
        openAssessmentAsHandler(reference);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"), reference));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"),
                "Deze klacht gaat over HomePair zelf"));
        Chromium.screenshot(browser, "tasklist-assessment-support");
        assertThat(browser.findElement(By.cssSelector(".fjs-container")).getText())
                .contains("er is dan meestal geen andere gebruiker om mee te bemiddelen", "De klantenservice belde nooit terug.");
    }

    @Autowired
    javax.sql.DataSource dataSource;

    /**
     * Something else changed the case as the handler pressed "Voltooien": the engine refused the first write, and
     * the completion is done again at once (engine.UserCommandRetry), so the handler sees no error and the task is done.
     */
    @Test
    void aHandlerWhoseCompletionCollidesWithAnotherChangeHasItDoneAllTheSame() throws Exception {
        String reference = submit();
        Task task = openAssessmentAsHandler(reference);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"), reference));
        click(By.cssSelector("[cam-tasklist-task-meta] .claim"));
        click(By.xpath("//div[contains(@class,'fjs-container')]//label[contains(., 'Direct besluiten')]"));
        type(browser.findElement(By.cssSelector(".fjs-container textarea")), "Wij besluiten direct.");

        nl.homepair.complaints.ConcurrentTaskChange.during(dataSource, task.getId(), () -> {
            click(By.xpath("//button[normalize-space()='Voltooien']"));
            return wait.until(d -> taskService.createTaskQuery().taskId(task.getId()).count() == 0);
        });
        Chromium.screenshot(browser, "tasklist-concurrent-change");

        assertThat(browser.findElements(By.cssSelector(".notifications .alert-danger"))).as("no error shown").isEmpty();
        assertThat(runtimeService.getVariable(task.getProcessInstanceId(), "assessmentOutcome")).isEqualTo("DIRECT_DECISION");
    }

    @Autowired
    FilterService filterService;

    @Autowired
    IdentityService identityService;

    @Test
    void theSideBarCountsEveryFilterOnceAMinuteButAtOnceAfterTheHandlersOwnClaim() {
        String reference = submit();
        Task task = openAssessmentAsHandler(reference);
        // keeps every request of this page in view (the browser keeps 250 by default)
        script("performance.setResourceTimingBufferSize(100000);");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"), reference));
        long mine = filterCount(TasklistFilters.MY_TASKS);
        long unassigned = filterCount(TasklistFilters.UNASSIGNED);
        waitForCounter(wait, TasklistFilters.MY_TASKS, mine);
        waitForCounter(wait, TasklistFilters.UNASSIGNED, unassigned);
        long countings = requests("itemCount=true");
        long listings = requests("/list");
        assertThat(countings).isPositive();

        // Tasklist reloads the chosen filter's list every 10 s; counting every filter again each time is what
        // kept the database busy with 100,000 open cases
        new WebDriverWait(browser, Duration.ofSeconds(45)).until(d -> requests("/list") >= listings + 2);
        assertThat(requests("itemCount=true")).as("counts fetched while Tasklist refreshed its list").isEqualTo(countings);

        // the handler's own claim changes the counts of other filters: they follow at once
        click(By.cssSelector("[cam-tasklist-task-meta] .claim"));
        wait.until(d -> taskService.createTaskQuery().taskId(task.getId()).taskAssignee("behandelaar").count() == 1);
        // well within the minute after which the counts would be fetched again anyway
        WebDriverWait atOnce = new WebDriverWait(browser, Duration.ofSeconds(15));
        waitForCounter(atOnce, TasklistFilters.MY_TASKS, mine + 1);
        waitForCounter(atOnce, TasklistFilters.UNASSIGNED, unassigned - 1);
        assertThat(requests("itemCount=true")).isGreaterThan(countings);
    }

    @Test
    void aTasklistOutOfViewDoesNotReloadItsListUntilItIsBackInView() {
        String reference = submit();
        openAssessmentAsHandler(reference);
        script("performance.setResourceTimingBufferSize(100000);");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"), reference));
        long before = requests("/list");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> requests("/list") > before);

        // another tab in front: the browser says the page is hidden
        visible(false);
        long hidden = requests("/list");
        sleepSeconds(15); // a reload and a half of Tasklist's 10 s
        assertThat(requests("/list")).as("list reloads while out of view").isEqualTo(hidden);

        visible(true);
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> requests("/list") > hidden);
    }

    private void visible(boolean visible) {
        script("Object.defineProperty(document, 'hidden', {value: !arguments[0], configurable: true});"
                + "Object.defineProperty(document, 'visibilityState', {value: arguments[0] ? 'visible' : 'hidden', configurable: true});"
                + "document.dispatchEvent(new Event('visibilitychange'));", visible);
    }

    private static void sleepSeconds(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The case's first assessment, opened in Tasklist by a handler who has not claimed it. */
    private Task openAssessmentAsHandler(String reference) {
        runDueJobs(reference);
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        logIn("behandelaar");
        openTaskInTasklist(task.getId());
        return task;
    }

    private long filterCount(String name) {
        return FilterCounters.forHandler(filterService, identityService, name);
    }

    private static void waitForCounter(WebDriverWait wait, String filter, long count) {
        wait.until(ExpectedConditions.textToBe(FilterCounters.counter(filter), String.valueOf(count)));
    }

    /** Requests this page made so far whose address contains the text. */
    private long requests(String addressPart) {
        return ((Number) script("var part = arguments[0]; return performance.getEntriesByType('resource')"
                + ".filter(function (e) { return e.name.indexOf(part) >= 0; }).length;", addressPart)).longValue();
    }
}
