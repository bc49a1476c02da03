package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.Chromium;
import nl.homepair.complaints.BrowserTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.engine.TasklistFilters;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A complaint from submission to the revised decision, as the people who handle it see it
 * in a real browser (R14, R15): the handler finds it in the overview and in a saved filter,
 * assesses, mediates and decides; the director judges the objection; the handler revises.
 * Every step saves a screenshot (target/screenshots/dag-*.png) and fails when a filter
 * loses the task, a label of Tasklist is English, or a form lacks one of its fields.
 */
class HandlersDayBrowserTest extends BrowserTest {

    /** English words of Camunda's own screens; none may be left around our Dutch forms. */
    private static final Pattern ENGLISH = Pattern.compile("\\b(Claim|Unclaim|Complete|Save|Start process|Create task|"
            + "Keyboard Shortcuts|Filter Tasks|Created|Due|Follow-up|History|Description|Add Comment|Set follow-up date|"
            + "Set due date|Log out|My profile|Assignee|Loading|Sort by|Candidate|Remove|Form|Tasks|Welcome|Name|"
            + "Priority|Process|Group|Groups|Select a task|No task)\\b");

    @Autowired
    TaskService taskService;

    private int step;

    @Test
    void aComplaintFromSubmissionToTheRevisedDecision() {
        String reference = submit(janJansen().name("Els Eindtoets").email("els.eindtoets@example.nl").file("foto.png", photo()));
        runDueJobs(reference);

        // the handler finds the case in the overview and opens its file
        Chromium.logInToTasklist(browser, port, "behandelaar");
        browser.get(base() + "/zaken?zoek=" + reference);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-referentie='" + reference + "']")));
        assertThat(browser.findElement(By.cssSelector("tr[data-referentie='" + reference + "']")).getText())
                .contains("Els Eindtoets", "Eerste beoordeling", "Op tijd");
        screenshot("zaakoverzicht");
        click(By.linkText(reference));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("img.voorbeeld")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Els Eindtoets", "foto.png", "Tijdlijn",
                "Verzonden e-mails", "Ontvangstbevestiging");
        screenshot("dossier");

        // ... and in Tasklist's "Groepstaken": first assessment, mediation chosen
        browser.get(base() + "/camunda/app/tasklist/default/");
        openFromFilter(TasklistFilters.GROUP_TASKS, "Eerste beoordeling", reference);
        assertTasklistIsDutch("groepstaken");
        click(By.cssSelector("[cam-tasklist-task-meta] .claim"));
        // a required field left empty: Camunda Forms says so in Dutch
        WebElement message = browser.findElement(By.id(label("Bericht aan de klager").getAttribute("for")));
        message.sendKeys("x");
        message.sendKeys(org.openqa.selenium.Keys.BACK_SPACE, org.openqa.selenium.Keys.TAB);
        wait.until(d -> d.findElement(By.cssSelector(".fjs-container")).getText().matches("(?s).*(Vul dit veld in\\.|Field is required).*"));
        screenshot("verplichte-velden");
        assertThat(browser.findElement(By.cssSelector(".fjs-container")).getText()).contains("Vul dit veld in.")
                .doesNotContain("Field is required");
        choose("Bemiddelen via de HomePair-chat");
        assertFields("Uitkomst van de beoordeling", "Bericht aan de klager", "Naam van de andere partij",
                "E-mailadres van de andere partij", "Referentie van het chatgesprek");
        typeInto("Bericht aan de klager", "We gaan bemiddelen via de HomePair-chat.");
        typeInto("Naam van de andere partij", "Schildersbedrijf Verf");
        typeInto("E-mailadres van de andere partij", "verf@example.nl");
        screenshot("eerste-beoordeling");
        complete(reference, ComplaintProcess.TASK_ASSESS);

        // the mediation is already the handler's: "Mijn taken"
        openFromFilter(TasklistFilters.MY_TASKS, "Bemiddelen via de HomePair-chat", reference);
        choose("Niet opgelost: er volgt een besluit (de klager en de andere partij krijgen daarover een e-mail)");
        assertFields("Uitkomst van de bemiddeling", "Notities van de bemiddelaar");
        typeInto("Notities van de bemiddelaar", "Partijen komen er samen niet uit.");
        assertTasklistIsDutch("bemiddeling");
        screenshot("bemiddeling");
        complete(reference, ComplaintProcess.TASK_MEDIATE);

        openFromFilter(TasklistFilters.MY_TASKS, "Besluit nemen en maatregelen bepalen", reference);
        choose("Gegrond");
        tick("Waarschuwing aan een gebruiker", true);
        // the other party of the mediation is already filled in as the user the measure concerns
        assertThat(browser.findElement(By.id(label("E-mailadres van de betrokken gebruiker").getAttribute("for")))
                .getAttribute("value")).isEqualTo("verf@example.nl");
        // and whoever decides says the measure was carried out on the platform (the statement says it applies from then)
        assertThat(label("Ik heb de maatregel op het platform uitgevoerd (of laten uitvoeren)").isDisplayed()).isTrue();
        tick("Waarschuwing aan een gebruiker", false);
        assertFields("Oordeel", "Motivering", "Waarschuwing aan een gebruiker", "Tijdelijke schorsing van een gebruiker",
                "Verwijdering van een gebruiker van het platform", "Advies over vergoeding", "Interne verbetering bij HomePair",
                "Advies over vervolgstappen");
        typeInto("Motivering", "De schilder is twee keer niet gekomen.");
        tick("Interne verbetering bij HomePair", true);
        screenshot("besluit");
        complete(reference, ComplaintProcess.TASK_DECIDE);

        // the complainant objects; the director judges it
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection", new HttpEntity<>(
                "{\"motivation\":\"Ik wil een vergoeding, niet alleen een verbetering.\",\"objector\":\"COMPLAINANT\"}", json),
                String.class).getStatusCode().is2xxSuccessful()).isTrue();
        runDueJobs(reference);

        switchUser("directeur");
        openFromFilter(TasklistFilters.OBJECTIONS, "Bezwaar beoordelen door directie", reference);
        assertTasklistIsDutch("bezwaren-directie");
        click(By.cssSelector("[cam-tasklist-task-meta] .claim"));
        choose("Bezwaar gegrond: het besluit wordt herzien");
        assertFields("Uitkomst van het bezwaar", "Motivering van de directie");
        typeInto("Motivering van de directie", "Een vergoeding ligt hier voor de hand.");
        screenshot("directie");
        complete(reference, ComplaintProcess.TASK_REVIEW_OBJECTION);

        // the handler revises: it is theirs again without claiming
        switchUser("behandelaar");
        openFromFilter(TasklistFilters.MY_TASKS, "Besluit herzien", reference);
        choose("Gegrond");
        assertFields("Oordeel", "Motivering van het besluit", "Advies over vergoeding");
        typeInto("Motivering van het besluit (komt in de mail aan de klager)", "Na het bezwaar: gegrond, met advies over vergoeding.");
        tick("Advies over vergoeding", true);
        typeInto("Advies over vergoeding (komt in de besluitmail)", "Wij adviseren de schilder 150 euro te vergoeden.");
        assertTasklistIsDutch("herzien");
        screenshot("herzien");
        complete(reference, ComplaintProcess.TASK_REVISE_DECISION);

        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(
                ComplaintProcess.TASK_REVISE_DECISION).count()).isZero();
        browser.get(base() + "/zaken/" + reference);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tijdlijn"), "Besluit herzien"));
        screenshot("dossier-na-herziening");
    }

    /** A real picture, so that the case page shows its preview. */
    private static byte[] photo() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(240, 160, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0xE8, 0xE0, 0xD0));
        g.fillRect(0, 0, 240, 160);
        g.setColor(new java.awt.Color(0x8B, 0x5A, 0x2B));
        g.fillRect(30, 40, 180, 90);
        g.setColor(java.awt.Color.WHITE);
        g.drawString("niet geschilderd", 70, 90);
        g.dispose();
        try {
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void switchUser(String user) {
        browser.manage().deleteAllCookies();
        Chromium.logInToTasklist(browser, port, user);
    }

    /** Opens the task from the saved filter; fails when the filter does not hold it. */
    private void openFromFilter(String filter, String step, String reference) {
        // as the link on /zaken opens it: earliest deadline first
        browser.get(base() + links.tasklist());
        try {
            click(By.xpath("//div[contains(@class,'task-filter')]/h4/a[normalize-space(text())='" + filter + "']"));
            By card = By.xpath("//ol[contains(@class,'tasks-list')]//li[contains(@class,'task')]//a[contains(., '" + step
                    + " " + reference + "')]");
            turnToPageWith(card);
            click(card);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"), reference));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container .fjs-form-field")));
        } catch (org.openqa.selenium.TimeoutException notThere) {
            screenshot("fout-" + filter.replace(' ', '-'));
            throw new AssertionError("'" + step + " " + reference + "' not found in the filter '" + filter + "'", notThere);
        }
    }

    /**
     * Turns the task list to the page that shows the element (15 tasks a page; other tests leave theirs). Each page is
     * looked at once it has loaded, not waited on: with a few hundred open tasks from earlier tests a wait per page
     * that does not hold the task took minutes.
     */
    private void turnToPageWith(By element) {
        By tasks = By.cssSelector("ol.tasks-list li.task");
        wait.until(ExpectedConditions.visibilityOfElementLocated(tasks));
        By next = By.xpath(
                "//ul[contains(@class,'pagination')]//li[contains(@class,'pagination-next') and not(contains(@class,'disabled'))]/a");
        for (int page = 1; page <= 60; page++) {
            if (shown(browser, element)) {
                wait.until(ExpectedConditions.elementToBeClickable(element));
                return;
            }
            if (browser.findElements(next).isEmpty()) {
                break;
            }
            String shown = browser.findElement(tasks).getText();
            click(next);
            wait.until(d -> shown(d, element) || !d.findElements(tasks).isEmpty() && !textOf(d, tasks).equals(shown));
        }
        throw new org.openqa.selenium.TimeoutException("not on any page of the list: " + element);
    }

    /**
     * Whether the element is on the page and displayed; Tasklist redraws its list while it loads (a card found a moment
     * ago is gone), so a card that went stale is looked for again, not taken for an error.
     */
    private static boolean shown(org.openqa.selenium.WebDriver driver, By element) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return driver.findElements(element).stream().anyMatch(WebElement::isDisplayed);
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                // the list was drawn again between finding and asking: look again
            }
        }
        return false;
    }

    /** The element's text, looked for again when the list was redrawn meanwhile; empty when it went. */
    private static String textOf(org.openqa.selenium.WebDriver driver, By element) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return driver.findElement(element).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException redrawn) {
                // drawn again: look again
            }
        }
        return "";
    }

    /** Sets a checkbox of the form as a person does, by its label, and waits until the form shows it so. */
    private void tick(String text, boolean on) {
        WebElement box = browser.findElement(By.id(label(text).getAttribute("for")));
        if (box.isSelected() != on) {
            click(box);
        }
        wait.until(d -> browser.findElement(By.id(label(text).getAttribute("for"))).isSelected() == on);
    }

    private void complete(String reference, String taskKey) {
        click(By.xpath("//button[normalize-space()='Voltooien']"));
        wait.until(d -> taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).count() == 0);
        runDueJobs(reference);
    }

    private WebElement label(String text) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-container')]//label[normalize-space(.)='" + text + "' or normalize-space(.)='" + text + "*']")));
    }

    private void choose(String option) {
        click(label(option));
    }

    private void typeInto(String fieldLabel, String text) {
        WebElement field = browser.findElement(By.id(label(fieldLabel).getAttribute("for")));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
        field.sendKeys(text);
    }

    /** Every field the step needs is in its form. */
    private void assertFields(String... labels) {
        List<String> missing = new ArrayList<>();
        for (String label : labels) {
            if (browser.findElements(By.xpath("//div[contains(@class,'fjs-container')]//label[starts-with(normalize-space(.), '"
                    + label + "')]")).isEmpty()) {
                missing.add(label);
            }
        }
        assertThat(missing).as("fields missing from the form").isEmpty();
    }

    /** No English word of Camunda's screens around the form (the form's own text is ours and Dutch). */
    private void assertTasklistIsDutch(String screen) {
        String text = (String) ((JavascriptExecutor) browser).executeScript(
                "var all = document.body.innerText;"
                        + "document.querySelectorAll('.fjs-container').forEach(function (f) { all = all.split(f.innerText).join(' '); });"
                        + "return all;");
        Matcher english = ENGLISH.matcher(text);
        List<String> found = new ArrayList<>();
        while (english.find()) {
            found.add(english.group());
        }
        assertThat(found).as("English on the Tasklist screen '" + screen + "'").isEmpty();
        assertThat(englishLabelsOn("tasklist")).as("Camunda's English labels on the Tasklist screen '" + screen + "'").isEmpty();
    }

    private void screenshot(String name) {
        Chromium.screenshot(browser, String.format("dag-%02d-%s", ++step, name));
    }
}
