package nl.homepair.complaints.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.Chromium;
import nl.homepair.complaints.BrowserTest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A team lead logged in to Tasklist opens the figures in the same browser, without a second
 * login, and sees the charts; a handler is refused. Screenshots land in target/screenshots.
 * Shares its application and history with {@link ReportFiguresTest} (see {@link SeededHistory#CONTEXT}).
 */
@TestPropertySource(properties = SeededHistory.CONTEXT)
class ReportPageBrowserTest extends BrowserTest {

    @Autowired
    TaskService taskService;
    @Autowired
    ApplicationContext application;

    @BeforeEach
    void seedHistory() {
        SeededHistory.in(application, rest, taskService, this::runDueJobs);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aTeamLeadLoggedInToTasklistSeesTheChartsOfApril() {
        Chromium.logInToTasklist(browser, port, "teamleider", SeededHistory.ENGINE);
        SeededHistory.at(14, 5);
        browser.get("http://localhost:" + port + "/rapportage?from=2029-04-01&to=2029-04-30");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chart-open-cases")));
        for (String chart : new String[] {"chart-cases-per-week", "chart-terms-per-week", "chart-outcomes", "chart-open-cases"}) {
            WebElement svg = browser.findElement(By.id(chart));
            assertThat(svg.isDisplayed()).as(chart).isTrue();
            assertThat(svg.getSize().getWidth()).as(chart).isGreaterThan(400);
            assertThat(svg.findElements(By.tagName("rect"))).as(chart).isNotEmpty();
        }
        assertThat(browser.findElement(By.id("figure-acknowledged")).getText()).isEqualTo("80,0%");
        // the page is styled by its own stylesheet (the Content-Security-Policy allows nothing else)
        assertThat(browser.findElement(By.cssSelector(".site-header")).getCssValue("background-color"))
                .isEqualTo("rgba(11, 95, 107, 1)");
        Chromium.screenshot(browser, "rapportage-april-2029");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('chart-outcomes').scrollIntoView()");
        Chromium.screenshot(browser, "rapportage-april-2029-uitkomsten");

        browser.get("http://localhost:" + port + "/rapportage/transparantie?jaar=2029");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("summary-outcomes")));
        assertThat(browser.findElement(By.id("summary-count")).getText()).contains("Klachten ingediend 2 5");
        Chromium.screenshot(browser, "transparantieverslag-2029");
    }

    @Test
    void aHandlerLoggedInToTasklistIsRefused() {
        Chromium.logInToTasklist(browser, port, "behandelaar", SeededHistory.ENGINE);
        browser.get("http://localhost:" + port + "/rapportage");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Geen toegang");
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).isEmpty();
        Chromium.screenshot(browser, "rapportage-geweigerd");
    }
}
