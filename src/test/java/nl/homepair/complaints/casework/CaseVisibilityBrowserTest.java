package nl.homepair.complaints.casework;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.Chromium;
import nl.homepair.complaints.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * R12 in a real browser: a director sees a case in the overview only once there is an
 * objection, and the platform's API user sees no case at all, neither in the list nor
 * by typing its address.
 */
class CaseVisibilityBrowserTest extends BrowserTest {



    @Test
    void aDirectorBeforeAnObjectionAndThePlatformUserSeeNeitherTheCaseNorItsFile() {
        String reference = submit(janJansen().name("Vera Vertrouwelijk").email("vera.vertrouwelijk@example.nl"));
        runDueJobs(reference);

        Chromium.logInToTasklist(browser, port, "directeur");
        browser.get("http://localhost:" + port + "/zaken?zoek=" + reference);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        Chromium.screenshot(browser, "zaken-directeur-voor-bezwaar");
        assertThat(browser.findElements(By.cssSelector("tr[data-referentie='" + reference + "']"))).isEmpty();
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Geen zaken gevonden.")
                .doesNotContain("Vera Vertrouwelijk");
        browser.get("http://localhost:" + port + "/zaken/" + reference);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        Chromium.screenshot(browser, "zaak-directeur-voor-bezwaar");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dit kun je niet inzien");
        assertThat(browser.getPageSource()).doesNotContain("Vera Vertrouwelijk").doesNotContain("vera.vertrouwelijk@example.nl");

        // the platform's user cannot log in to Tasklist, and its login to the welcome page opens no case either
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/camunda/app/welcome/default/#/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']"))).sendKeys("platform");
        browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("platform");
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        for (String page : new String[] {"/zaken", "/zaken?zoek=" + reference, "/zaken/" + reference}) {
            browser.get("http://localhost:" + port + page);
            wait.until(d -> d.getCurrentUrl().contains("/login") || !d.findElements(By.tagName("h1")).isEmpty());
            assertThat(browser.getPageSource()).as(page).doesNotContain("Vera Vertrouwelijk")
                    .doesNotContain("vera.vertrouwelijk@example.nl").doesNotContain("data-referentie");
        }
        Chromium.screenshot(browser, "zaak-platform");
    }
}
