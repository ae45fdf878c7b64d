package org.distdata.it.console;

import org.distdata.it.support.IntegrationPaths;
import org.distdata.it.support.PayaraMicroProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real browser: headless Chromium (Debian's chromium + chromedriver) against
 * distdata.war on a real Payara Micro. Logs in as admin, creates a table, inserts and queries
 * a row through the SQL page, checks the grid shows it, and saves a screenshot to
 * {@code <build dir>/console-screenshot.png}.
 */
class ItConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration UI_WAIT = Duration.ofSeconds(90);

    private static PayaraMicroProcess server;
    private static ChromeDriverService driverService;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        server = PayaraMicroProcess.start(PayaraMicroProcess.options("console-it").adminPassword("adminpw1234"));

        Files.createDirectories(IntegrationPaths.workDir());
        Path profile = Files.createTempDirectory(IntegrationPaths.workDir(), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (driverService != null) {
                    driverService.stop();
                }
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    @Test
    void adminLogsInRunsSqlAndSeesTheRowsInTheGrid() throws IOException {
        browser.get(server.baseUri().resolve("console/").toString());
        WebDriverWait wait = new WebDriverWait(browser, UI_WAIT);

        // Not logged in: the console shows its login form.
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("vaadin-login-form input[name='username']")));
        username.sendKeys("admin");
        WebElement password = browser.findElement(By.cssSelector("vaadin-login-form input[name='password']"));
        password.sendKeys("adminpw1234", Keys.ENTER);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("console-user"), "admin"));

        run(wait, "CREATE TABLE console_it (id INT PRIMARY KEY, name VARCHAR(40))");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sql-status"), "Done"));
        run(wait, "INSERT INTO console_it VALUES (42, 'from the browser')");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sql-status"), "1 row affected"));
        run(wait, "SELECT id, name FROM console_it");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sql-status"), "1 row ·"));

        List<String> cells = wait.until(driver -> {
            List<String> texts = driver.findElements(By.cssSelector("#sql-results vaadin-grid-cell-content"))
                    .stream().map(WebElement::getText).filter(t -> !t.isBlank()).toList();
            return texts.contains("from the browser") ? texts : null;
        });
        assertThat(cells).contains("42", "from the browser");

        Path screenshot = IntegrationPaths.workDir().getParent().resolve("console-screenshot.png");
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private static void run(WebDriverWait wait, String sql) {
        WebElement editor = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#sql-editor textarea")));
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys(sql);
        browser.findElement(By.id("run")).click();
    }
}
