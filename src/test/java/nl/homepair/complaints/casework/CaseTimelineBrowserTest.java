package nl.homepair.complaints.casework;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import nl.homepair.complaints.BrowserTest;
import nl.homepair.complaints.Chromium;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The case page's timeline in a real browser: a new line shows up by itself (the tests refresh every second), only the
 * list is replaced (what the handler is reading stays), a screen reader hears one short message, and the handler can
 * stop the refreshing (WCAG 2.2.2) and start it again.
 */
class CaseTimelineBrowserTest extends BrowserTest {

    @Autowired
    CaseTimeline timeline;
    @Autowired
    ComplaintRepository complaints;

    private void note(String reference, String text) {
        // the repository writes it in a transaction of its own, as a chat message or a mail would arrive
        timeline.record(complaints.findByReference(reference).orElseThrow(), TimelineEventType.NOTE, "behandelaar", text);
    }

    @Test
    void theTimelineShowsANewLineByItselfAndTheHandlerCanStopIt() throws Exception {
        String reference = submit(janJansen().name("Tijs Tijdlijn").email("tijs.tijdlijn@example.nl"));
        runDueJobs(reference);
        Chromium.logInToTasklist(browser, port, "behandelaar");
        browser.get(base() + "/zaken?zoek=" + reference);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-referentie='" + reference + "']")));
        fitsOnAPhone("zaken-320px");
        browser.get(base() + "/zaken/" + reference);
        WebElement heading = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tijdlijn h2")));
        WebElement pause = browser.findElement(By.id("tijdlijn-pauze"));
        assertThat(pause.getText()).isEqualTo("Niet meer verversen");
        fitsOnAPhone("zaak-320px");

        note(reference, "Telefoon: de klager belde over de planning.");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tijdlijn"), "de klager belde over de planning"));
        assertThat(browser.findElement(By.id("tijdlijn-status")).getAttribute("textContent")).isEqualTo("Eén nieuwe regel op de tijdlijn.");
        // the section and its heading stay: only the list was replaced
        assertThat(browser.findElement(By.cssSelector("#tijdlijn h2"))).isEqualTo(heading);
        Chromium.screenshot(browser, "zaak-tijdlijn-ververst");

        click(pause);
        assertThat(pause.getText()).isEqualTo("Weer verversen");
        assertThat(pause.getAttribute("aria-pressed")).isEqualTo("true");
        note(reference, "Telefoon: de klager belde nog eens.");
        Thread.sleep(Duration.ofSeconds(3).toMillis()); // three rounds of the tests' one-second refresh
        assertThat(browser.findElement(By.id("tijdlijn")).getText()).doesNotContain("de klager belde nog eens");

        click(pause);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tijdlijn"), "de klager belde nog eens"));
        assertThat(browser.findElements(By.id("sessie-verlopen"))).isEmpty();

        // the session ends while the page is open: the page says so before the handler types anything into it
        browser.manage().getCookies().stream().filter(cookie -> cookie.getName().startsWith("JSESSIONID"))
                .forEach(cookie -> browser.manage().deleteCookie(cookie));
        WebElement expired = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessie-verlopen")));
        assertThat(expired.getAttribute("role")).isEqualTo("alert");
        assertThat(expired.getText()).contains("niet meer aangemeld", "wordt niet verwerkt", "Opnieuw aanmelden");
        Chromium.screenshot(browser, "zaak-sessie-verlopen");
    }

    /**
     * The page at 320 CSS pixels wide (a phone, or 400 % zoom; WCAG 1.4.10): nothing makes the page scroll sideways
     * (a wide table scrolls on its own).
     */
    private void fitsOnAPhone(String screenshot) {
        org.openqa.selenium.Dimension before = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(320, 800));
            Object[] widths = ((java.util.List<?>) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")).toArray();
            assertThat(((Number) widths[1]).intValue()).as("the browser's window is a phone's").isLessThanOrEqualTo(340);
            assertThat(((Number) widths[0]).intValue()).as("the page's width").isLessThanOrEqualTo(((Number) widths[1]).intValue());
            Chromium.screenshot(browser, screenshot);
        } finally {
            browser.manage().window().setSize(before);
        }
    }
}
