package nl.homepair.complaints.webform;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import nl.homepair.complaints.Chromium;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.Evidence;
import nl.homepair.complaints.complaint.IntakeChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/** A complainant uses the web form in a real browser, on a desktop and on a phone-sized screen. */
class WebFormBrowserTest extends IntegrationTest {

    private static final int PHONE_WIDTH = 375;
    private static final int DESKTOP_WIDTH = 1280;

    @LocalServerPort
    int port;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    SubmissionRateLimiter rateLimiter;
    @Autowired
    ComplaintsPerAddress perAddress;
    @Autowired
    TransactionTemplate transactions;
    @TempDir
    Path temp;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        rateLimiter.clear();
        perAddress.clear();
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void aComplainantFillsInTheFormUploadsAScreenshotAndReadsTheReferenceOfTheRegisteredComplaint() throws IOException {
        Path screenshot = smallPng("schermafbeelding-chat.png");
        browser.get("http://localhost:" + port + "/klacht");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name")));
        screenshots("webform-empty");
        assertThat(browser.findElement(By.id("evidence")).getDomAttribute("accept"))
                .contains("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf");

        fillInEverythingBut("");
        browser.findElement(By.id("evidence")).sendKeys(screenshot.toString());
        screenshots("webform-filled");
        click(browser.findElement(By.cssSelector("button[type='submit']")));

        wait.until(ExpectedConditions.urlMatches("/klacht/ontvangen$"));
        String reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reference"))).getText();
        assertThat(reference).matches("KL-\\d{4}-\\d{6}");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Je klacht is ontvangen", "ontvangstbevestiging");
        screenshots("webform-received");

        byte[] png = Files.readAllBytes(screenshot);
        transactions.executeWithoutResult(tx -> {
            Complaint complaint = complaints.findByReference(reference).orElseThrow();
            assertThat(complaint.getChannel()).isEqualTo(IntakeChannel.WEB_FORM);
            assertThat(complaint.getName()).isEqualTo("Anna de Vries-Çelik");
            assertThat(complaint.getEmail()).isEqualTo("anna@example.nl");
            assertThat(complaint.getRole()).isEqualTo(ComplainantRole.PROFESSIONAL);
            assertThat(complaint.getSubject()).isEqualTo(ComplaintSubject.CONDUCT);
            assertThat(complaint.getJobDate()).hasToString("2025-04-20");
            assertThat(complaint.getJobReference()).isEqualTo("OPD-4711");
            assertThat(complaint.getDescription()).isEqualTo("De opdrachtgever schold me uit in de chat: <b>echt</b> niet oké.");
            assertThat(complaint.getChatSummary()).isEqualTo("Ik vroeg om excuses; die kwamen niet.");
            assertThat(complaint.getEvidence()).hasSize(1);
            Evidence evidence = complaint.getEvidence().get(0);
            assertThat(evidence.getFileName()).isEqualTo("schermafbeelding-chat.png");
            assertThat(evidence.getContentType()).isEqualTo("image/png");
            assertThat(evidence.getContent()).isEqualTo(png);
        });

        browser.navigate().refresh();
        assertThat(browser.findElements(By.id("reference"))).isEmpty();
    }

    @Test
    void anEmptyNameIsReportedInDutchNextToTheFieldAndTheOtherValuesStay() {
        browser.get("http://localhost:" + port + "/klacht");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name")));
        assertThat(browser.findElement(By.id("name")).getDomAttribute("required")).isNotNull();
        fillInEverythingBut("name");
        // the browser itself stops an empty required field; check the server's answer as a
        // browser without constraint validation (or a name of only spaces) would get it
        ((JavascriptExecutor) browser).executeScript("document.querySelector('form').noValidate = true;");
        click(browser.findElement(By.cssSelector("button[type='submit']")));

        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name-error")));
        // "Fout: " is for screen readers only; Chromium puts the hidden text on a line of its own
        assertThat(message.getText().replaceAll("\\s+", " ")).isEqualTo("Fout: Vul je volledige naam in.");
        WebElement name = browser.findElement(By.id("name"));
        assertThat(name.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(name.getDomAttribute("aria-describedby")).isEqualTo("name-error");
        assertThat(message.findElement(By.xpath("..")).findElement(By.id("name"))).isEqualTo(name);
        assertThat(browser.getTitle()).startsWith("Fout:");
        WebElement summary = browser.findElement(By.id("error-summary"));
        assertThat(summary.getText()).contains("Er is een probleem", "Vul je volledige naam in.");
        assertThat(browser.switchTo().activeElement()).isEqualTo(summary); // focus on the summary
        assertThat(browser.findElement(By.id("email")).getDomProperty("value")).isEqualTo("anna@example.nl");
        assertThat(browser.findElement(By.id("role-PROFESSIONAL")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("description")).getDomProperty("value"))
                .isEqualTo("De opdrachtgever schold me uit in de chat: <b>echt</b> niet oké.");
        screenshots("webform-error");

        // reached by keyboard, the summary's link keeps an outline: the one thing a Windows contrast theme draws
        summary.sendKeys(Keys.TAB);
        WebElement link = browser.switchTo().activeElement();
        assertThat(link.getText()).isEqualTo("Vul je volledige naam in.");
        assertThat(link.getCssValue("outline-style")).isEqualTo("solid");

        click(summary.findElement(By.linkText("Vul je volledige naam in.")));
        assertThat(browser.getCurrentUrl()).endsWith("#name");
    }

    /** A question with radio buttons left open gets the red bar every other refused question has, not only red text. */
    @Test
    void anUnansweredQuestionWithChoicesIsMarkedLikeEveryOtherRefusedField() {
        browser.get("http://localhost:" + port + "/klacht");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name")));
        fillInEverythingBut("role");
        ((JavascriptExecutor) browser).executeScript("document.querySelector('form').noValidate = true;");
        click(browser.findElement(By.cssSelector("button[type='submit']")));

        WebElement question = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("role-error")))
                .findElement(By.xpath("ancestor::fieldset"));
        assertThat(question.getCssValue("border-left-style")).isEqualTo("solid");
        assertThat(question.getCssValue("border-left-width")).isEqualTo("5px");
        WebElement otherQuestion = browser.findElement(By.id("subject-CONDUCT")).findElement(By.xpath("ancestor::fieldset"));
        assertThat(otherQuestion.getCssValue("border-left-style")).isEqualTo("none");
    }

    @Test
    void aFormWhoseSessionIsGoneComesBackWithWhatWasTypedAndCanBeSentAgain() {
        browser.get("http://localhost:" + port + "/klacht");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name")));
        fillInEverythingBut("");
        long before = complaints.count();
        browser.manage().deleteAllCookies(); // as when the session expired while typing

        click(browser.findElement(By.cssSelector("button[type='submit']")));

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "er is niets opgeslagen"));
        screenshots("webform-expired");
        assertThat(complaints.count()).isEqualTo(before);
        String typed = browser.findElement(By.id("description")).getAttribute("value");
        assertThat(typed).isNotBlank();

        // what was typed is still there: sent again, it is registered
        click(browser.findElement(By.cssSelector("button[type='submit']")));
        wait.until(ExpectedConditions.urlContains("/klacht/ontvangen"));
        assertThat(complaints.count()).isEqualTo(before + 1);
    }

    /**
     * A complainant with a reference wants to object: the complaint form sends them to the form for a message about
     * their complaint; sent, it reaches a person with the case named, and the page says when it was received.
     */
    @Test
    void aComplainantWithAReferenceFindsTheMessageFormAndObjects() {
        String reference = submit(nl.homepair.complaints.TestComplaints.janJansen().email("bezwaar.browser@example.nl"));
        browser.get("http://localhost:" + port + "/klacht");
        click(wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("het formulier voor een bericht over je klacht"))));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reference")));
        assertThat(browser.getTitle()).startsWith("Bericht over je klacht");
        type("reference", reference);
        type("email", "bezwaar.browser@example.nl");
        type("message", "Ik maak bezwaar tegen jullie besluit: de schilder is nooit gekomen.");
        screenshots("webform-message-filled");
        click(browser.findElement(By.cssSelector("button[type='submit']")));

        wait.until(ExpectedConditions.urlMatches("/klacht/bericht/ontvangen$"));
        assertThat(browser.findElement(By.id("reference")).getText()).isEqualTo(reference);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Je bericht is ontvangen", "binnen 2 werkdagen");
        screenshots("webform-message-received");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(
                nl.homepair.complaints.mailbox.MailboxPoller.MANUAL_PROCESS_KEY)
                .variableValueEquals(nl.homepair.complaints.mailbox.MailboxPoller.VAR_MAIL_NAMED_CASE, reference).count()).isOne();
    }

    private void fillInEverythingBut(String skipped) {
        if (!skipped.equals("name")) {
            type("name", "Anna de Vries-Çelik");
        }
        type("email", "anna@example.nl");
        if (!skipped.equals("role")) {
            click(browser.findElement(By.cssSelector("label[for='role-PROFESSIONAL']")));
        }
        click(browser.findElement(By.cssSelector("label[for='subject-CONDUCT']")));
        // typing into a date field depends on the browser's locale; set it as the picker would
        ((JavascriptExecutor) browser).executeScript("document.getElementById('jobDate').value = '2025-04-20';");
        type("jobReference", "OPD-4711");
        type("description", "De opdrachtgever schold me uit in de chat: <b>echt</b> niet oké.");
        type("attemptedResolution", "Gevraagd om het rustig te bespreken.");
        type("chatSummary", "Ik vroeg om excuses; die kwamen niet.");
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
        field.sendKeys(text);
    }

    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /**
     * Saves the whole page at desktop and at phone width, for a person to look at, and
     * checks that nothing sticks out sideways on the phone.
     */
    private void screenshots(String name) {
        screenshot(name + "-desktop", DESKTOP_WIDTH, false);
        long width = screenshot(name + "-phone", PHONE_WIDTH, true);
        assertThat(width).as("page width on a %dpx phone", PHONE_WIDTH).isLessThanOrEqualTo(PHONE_WIDTH);
    }

    private long screenshot(String name, int width, boolean mobile) {
        HasCdp cdp = (HasCdp) browser;
        JavascriptExecutor js = (JavascriptExecutor) browser;
        cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", mobile));
        long height = (Long) js.executeScript("return Math.ceil(document.documentElement.scrollHeight);");
        long scrollWidth = (Long) js.executeScript("return Math.ceil(document.documentElement.scrollWidth);");
        cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        js.executeScript("window.scrollTo(0, 0);");
        Chromium.screenshot(browser, name);
        cdp.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        return scrollWidth;
    }

    /** A real, small PNG: the server recognises evidence by its content. */
    private Path smallPng(String fileName) throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x0b5f6b));
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.WHITE);
        g.fillRect(8, 8, 48, 8);
        g.dispose();
        Path file = temp.resolve(fileName);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
