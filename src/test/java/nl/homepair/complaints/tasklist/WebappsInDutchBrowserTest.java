package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import nl.homepair.complaints.BrowserTest;
import nl.homepair.complaints.Chromium;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.engine.TasklistFilters;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cockpit, Admin and Tasklist as a team lead, manager or administrator sees them (issue 13):
 * every screen they use reads Dutch, dates read dd-mm-jjjj in Amsterdam time even on a
 * computer set to another zone, English is one click away, and Tasklist's filters each show
 * their count over a list sorted by deadline. Screenshots: target/screenshots/webapps-*.png.
 */
class WebappsInDutchBrowserTest extends BrowserTest {

    private static final Pattern DUTCH_DATE_TIME = Pattern.compile("\\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}:\\d{2}");

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    HistoryService historyService;
    @Autowired
    FilterService filterService;
    @Autowired
    IdentityService identityService;

    @Test
    void cockpitAndAdminShowTheAdministratorDutchAndAmsterdamTimeOnAComputerInNewYork() {
        String reference = submit(janJansen().name("Cor Cockpit").email("cor.cockpit@example.nl"));
        runDueJobs(reference);
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).singleResult();
        browser.quit();
        browser = Chromium.start("America/New_York");
        wait = waitOn(browser);

        Chromium.logIn(browser, port, "cockpit", "beheerder", "default");
        String cockpit = base() + "/camunda/app/cockpit/default/#";
        open(cockpit + "/dashboard", "Lopende processen", "cockpit-dashboard");
        open(cockpit + "/processes", "Klachtenprocedure HomePair", "cockpit-processen");

        open(cockpit + "/process-definition/" + instance.getProcessDefinitionId() + "/runtime?tab=process-instances-table",
                reference, "cockpit-procesdefinitie");
        // the instance's start as Amsterdam reads it, not New York
        String start = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss")
                .format(instance.getStartTime().toInstant().atZone(ZoneId.of("Europe/Amsterdam")));
        WebElement row = browser.findElement(By.xpath("//tr[.//td[contains(., '" + reference + "')]]"));
        assertThat(row.findElement(By.cssSelector("td.start-time")).getText().strip()).isEqualTo(start);
        assertThat(visibleText()).contains("Datum en tijd in Nederlandse tijd: Europe/Amsterdam");
        for (String tab : new String[] {"Incidenten", "Aangeroepen procesdefinities", "Definities van achtergrondtaken"}) {
            openTab(tab, "cockpit-procesdefinitie-" + tab.replace(' ', '-'));
        }
        open(cockpit + "/process-instance/" + instance.getId() + "/runtime", reference, "cockpit-procesinstantie");
        for (String tab : new String[] {"Variabelen", "Incidenten", "Aangeroepen procesinstanties", "Gebruikerstaken", "Achtergrondtaken"}) {
            openTab(tab, "cockpit-procesinstantie-" + tab.replace(' ', '-'));
        }
        open(cockpit + "/decisions", "beslisdefinitie geïnstalleerd", "cockpit-beslissingen");
        open(cockpit + "/repository", "Tijdstip van installatie", "cockpit-installaties");
        assertThat(DUTCH_DATE_TIME.matcher(visibleText()).find()).as("a deployment time as dd-mm-jjjj").isTrue();
        open(cockpit + "/tasks", "Toewijzingen per soort", "cockpit-taken");

        String admin = base() + "/camunda/app/admin/default/#";
        open(admin + "/users", "Gebruiker toevoegen", "admin-gebruikers");
        assertThat(visibleText()).contains("behandelaar", "teamleider");
        open(admin + "/groups", "Nieuwe groep aanmaken", "admin-groepen");
        open(admin + "/authorization?resource=0", "Nieuwe autorisatie aanmaken", "admin-autorisaties");
        open(admin + "/tenants", "Nieuwe tenant aanmaken", "admin-tenants");
        open(admin + "/system?section=system-settings-general", "Algemene instellingen", "admin-systeem");
    }

    @Test
    void englishIsOneClickAwayInTheUserMenuAndDutchComesBack() {
        Chromium.logIn(browser, port, "cockpit", "manager", "default");
        String dashboard = base() + "/camunda/app/cockpit/default/#/dashboard";
        open(dashboard, "Lopende processen", "cockpit-dashboard-manager");
        // the page's language is the one it shows, for a screen reader's voice
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("nl");
        chooseLanguage("English");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Running Process Instances"));
        assertThat(visibleText()).doesNotContain("Lopende processen");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        Chromium.screenshot(browser, "webapps-cockpit-english");
        chooseLanguage("Nederlands");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Lopende processen"));
        assertThat(englishLabelsOn("cockpit")).isEmpty();
    }

    @Test
    void everyFilterShowsItsCountOverAListSortedByDeadlineThenCreationDate() {
        String reference = submit(janJansen().name("Fien Filter").email("fien.filter@example.nl"));
        runDueJobs(reference);

        Chromium.logInToTasklist(browser, port, "behandelaar");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("div.task-filter")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.sorting-choice")));
        // Tasklist's own default would be the newest task first
        assertThat(browser.getCurrentUrl()).contains("sorting=%5B%7B%22sortBy%22:%22dueDate%22,%22sortOrder%22:%22asc%22%7D,"
                + "%7B%22sortBy%22:%22created%22,%22sortOrder%22:%22asc%22%7D%5D");
        // then, among tasks with the same deadline, the oldest first: creation date is a sorting of its own
        assertThat(browser.findElements(By.cssSelector("li.sorting-choice")).stream().map(WebElement::getText)
                .map(String::strip).filter(text -> !text.isEmpty()).toList()).startsWith("Deadline").contains("Aanmaakdatum");

        for (String name : new String[] {TasklistFilters.MY_TASKS, TasklistFilters.GROUP_TASKS, TasklistFilters.UNASSIGNED,
                TasklistFilters.DUE_SOON, TasklistFilters.LATE}) {
            long count = FilterCounters.forHandler(filterService, identityService, name);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(FilterCounters.counter(name), String.valueOf(count)));
        }
        assertThat(browser.findElement(By.xpath("//div[contains(@class,'task-filter')]/h4/a[starts-with(normalize-space(.), '"
                + TasklistFilters.GROUP_TASKS + "')]")).getText()).matches(".*\\d+.*");
        Chromium.screenshot(browser, "webapps-tasklist-filters-met-aantallen");

        // a deadline in the list, as its tooltip shows it: dd-mm-jjjj
        click(By.xpath(
                "//div[contains(@class,'task-filter')]/h4/a[starts-with(normalize-space(.), '" + TasklistFilters.GROUP_TASKS + "')]"));
        // the list is drawn again when the filter's tasks arrive (and every 10 s): the pointer goes to the deadline
        // shown now, again until its tooltip shows (the filter's description may still show in a tooltip of its own)
        wait.until(d -> {
            new Actions(d).moveToElement(d.findElement(By.cssSelector("ol.tasks-list li.task .due-date [uib-tooltip]"))).perform();
            return d.findElements(By.cssSelector(".tooltip-inner")).stream()
                    .anyMatch(tooltip -> tooltip.getText().matches(".*\\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}.*"));
        });
        Chromium.screenshot(browser, "webapps-tasklist-deadline");
        assertThat(englishLabelsOn("tasklist")).isEmpty();
    }

    /** Opens the page, waits for a text that says it is loaded, fails on an English label, saves a screenshot. */
    private void open(String address, String loaded, String screenshot) {
        browser.get(address);
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), loaded));
            // the rest of the page's parts load on their own
            wait.until(d -> browser.findElements(By.cssSelector(".loader:not(.ng-hide), .loading-indicator:not(.ng-hide)")).isEmpty());
        } finally {
            Chromium.screenshot(browser, "webapps-" + screenshot);
        }
        String app = address.contains("/app/admin/") ? "admin" : address.contains("/app/tasklist/") ? "tasklist" : "cockpit";
        assertThat(englishLabelsOn(app)).as("English on %s", address).isEmpty();
    }

    /** Opens a tab of a Cockpit page by its Dutch name. */
    private void openTab(String name, String screenshot) {
        click(By.xpath(
                "//ul[contains(@class,'nav-tabs')]/li/a[normalize-space()='" + name + "']"));
        wait.until(ExpectedConditions.attributeContains(By.xpath(
                "//ul[contains(@class,'nav-tabs')]/li[a[normalize-space()='" + name + "']]"), "class", "active"));
        wait.until(d -> browser.findElements(By.cssSelector(".loader:not(.ng-hide), .loading-indicator:not(.ng-hide)")).isEmpty());
        Chromium.screenshot(browser, "webapps-" + screenshot);
        assertThat(englishLabelsOn("cockpit")).as("English on the tab %s", name).isEmpty();
    }

    private void chooseLanguage(String language) {
        click(By.cssSelector("li.account a.dropdown-toggle"));
        click(By.xpath("//li[contains(@class,'language-choice')]/a[normalize-space()='"
                + language + "']"));
    }
}
