package nl.homepair.complaints;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the tests that drive the application in headless Chromium ({@link Chromium}):
 * a fresh browser per test, closed after it, and the helpers every such test needs.
 */
public abstract class BrowserTest extends IntegrationTest {

    @LocalServerPort
    protected int port;

    protected WebDriver browser;
    protected WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    /** Clicks as a person would; a notice of the web application that stays over the element is clicked through. */
    protected void click(WebElement element) {
        script("arguments[0].scrollIntoView({block: 'center'});", element);
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .ignoring(ElementClickInterceptedException.class)
                    .until(d -> {
                        element.click();
                        return true;
                    });
        } catch (TimeoutException stillCovered) {
            script("arguments[0].click();", element);
        }
    }

    /** The text the page shows, as a person reads it. */
    protected String visibleText() {
        return (String) script("return document.body.innerText;");
    }

    protected Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }
}
