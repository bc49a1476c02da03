package nl.homepair.complaints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
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

    private static final String WEBAPPS = "META-INF/resources/webjars/camunda/app/";

    @LocalServerPort
    protected int port;

    @org.springframework.beans.factory.annotation.Autowired
    protected nl.homepair.complaints.casework.CaseworkLinks links;

    protected WebDriver browser;
    protected WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
        wait = waitOn(browser);
    }

    /**
     * Waits up to a minute. The web applications redraw what they show while they refresh it (Tasklist
     * its lists, a tooltip that goes), so an element read in a condition may be gone: the condition is
     * then asked again, as a person would look again.
     */
    protected static WebDriverWait waitOn(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * What the browser showed when the test failed, under target/screenshots ({@code fout-Class-method.png} and the
     * page's text and address in a {@code .txt} beside it): taken before the browser closes.
     */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestExecutionExceptionHandler shownOnFailure = (context, thrown) -> {
        if (browser != null) {
            String name = "fout-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
            try {
                Chromium.screenshot(browser, name);
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "screenshots", name + ".txt"),
                        browser.getCurrentUrl() + "\n\n" + browser.findElement(By.tagName("body")).getText());
            } catch (RuntimeException | IOException notShown) {
                thrown.addSuppressed(notShown);
            }
        }
        throw thrown;
    };

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

    /**
     * Clicks what the locator finds. Tasklist redraws its lists while it refreshes them, so an element found a
     * moment ago can be gone; it is then looked up again, as a person would look again, until the wait ends.
     */
    protected void click(By locator) {
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .ignoring(ElementNotInteractableException.class)
                .until(d -> {
                    WebElement element = d.findElement(locator);
                    if (!element.isDisplayed() || !element.isEnabled()) {
                        return false;
                    }
                    click(element);
                    return true;
                });
    }

    /**
     * Opens the task in Tasklist by its address, as a link in a mail or a colleague's message does. Right after the
     * login Tasklist now and then settles on its list and shows no task ("Kies een taak in de lijst", seen in a full
     * run); a person then reloads the page, and so does this, at most twice.
     */
    protected void openTaskInTasklist(String taskId) {
        // the address the application's own links give (with the list's order), as a person follows one
        browser.get(base() + links.task(taskId));
        for (int attempt = 1; ; attempt++) {
            try {
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(d -> !d.findElements(By.cssSelector("[cam-tasklist-task-meta]")).isEmpty());
                return;
            } catch (TimeoutException notShown) {
                Chromium.screenshot(browser, "tasklist-task-not-shown-" + attempt);
                if (attempt == 3) {
                    throw notShown;
                }
                browser.navigate().refresh();
            }
        }
    }

    /** The text the page shows, as a person reads it. */
    protected String visibleText() {
        return (String) script("return document.body.innerText;");
    }

    /** The pieces of text on the page that are one of Camunda's English labels of that app and not Dutch as well. */
    protected List<String> englishLabelsOn(String app) {
        Set<String> english = labels(WEBAPPS + app + "/locales/en.json");
        english.removeAll(labels(WEBAPPS + app + "/locales/nl.json"));
        // data, not labels: the engine's names of variable types, and an absent id that Cockpit prints as it is
        english.removeAll(Set.of("String", "Date", "Boolean", "Integer", "Long", "Double", "Short", "Json", "Xml", "Object",
                "Bytes", "File", "Null", "null"));
        List<String> found = new ArrayList<>();
        for (String piece : visibleText().split("[\\n\\t]")) {
            String text = piece.strip();
            if (!text.isEmpty() && (english.contains(text) || english.contains(text.replaceAll("[:*]$", "")))) {
                found.add(text);
            }
        }
        return found;
    }

    private static Set<String> labels(String resource) {
        try (InputStream in = BrowserTest.class.getClassLoader().getResourceAsStream(resource)) {
            JsonNode json = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\uFEFF", ""));
            Set<String> texts = new HashSet<>();
            json.path("labels").forEach(label -> texts.add(label.asText().strip()));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }
}
