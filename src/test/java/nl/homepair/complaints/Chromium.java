package nl.homepair.complaints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, with the driver and browser given
 * explicitly so that Selenium Manager never tries to download one (.ci/run installs
 * the packages chromium and chromium-driver).
 */
public final class Chromium {

    public static final String BROWSER = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    private Chromium() {
    }

    public static WebDriver start() {
        return start("Europe/Amsterdam");
    }

    /** A browser on a computer set to that time zone (the people who use the application are in the Netherlands). */
    public static WebDriver start(String zone) {
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1600", "--lang=nl-NL",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(DRIVER).toFile()).usingAnyFreePort()
                .withEnvironment(java.util.Map.of("TZ", zone)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }

    /**
     * Logs in to Tasklist as {@code user} (password = user id, the demo users). The first
     * login of a test run now and then hangs on the login page for over a minute while the
     * web application warms up (seen twice in full runs, cause not found); the login is
     * then tried again, at most three times, with a screenshot of each failed attempt.
     */
    public static void logInToTasklist(WebDriver browser, int port, String user) {
        logInToTasklist(browser, port, user, "default");
    }

    /** As {@link #logInToTasklist(WebDriver, int, String)}, to the engine of that name. */
    public static void logInToTasklist(WebDriver browser, int port, String user, String engine) {
        logIn(browser, port, "tasklist", user, engine);
    }

    /** As {@link #logInToTasklist(WebDriver, int, String)}, on the login page of that web application (cockpit, admin, ...). */
    public static void logIn(WebDriver browser, int port, String app, String user, String engine) {
        for (int attempt = 1; ; attempt++) {
            browser.get("http://localhost:" + port + "/camunda/app/" + app + "/" + engine + "/#/login");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']"))).sendKeys(user);
            browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(user);
            browser.findElement(By.cssSelector("button[type='submit']")).click();
            try {
                wait.until(d -> !d.getCurrentUrl().contains("/login"));
                return;
            } catch (TimeoutException stillOnLogin) {
                screenshot(browser, app + "-login-attempt-" + attempt);
                if (attempt == 3) {
                    throw stillOnLogin;
                }
            }
        }
    }

    /** Saves what the browser shows under target/screenshots, for a person to look at. */
    public static void screenshot(WebDriver driver, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
