package io.aside.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A real browser for tests: Debian's {@code chromium}, headless, driven through its
 * {@code chromedriver} by Selenium. The binaries are found on the machine, never downloaded (Selenium
 * Manager is not asked); when one is missing the test fails with one line naming the packages.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final String PACKAGES = "chromium chromium-driver";

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    public static HeadlessChromium start() {
        Path browser = require("chromium");
        Path driverBinary = require("chromedriver");
        ChromeOptions options = new ChromeOptions()
                .setBinary(browser.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1400,1800", "--disable-extensions", "--no-first-run");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
        return new HeadlessChromium(driver);
    }

    private static Path require(String binary) {
        return Binaries.find(binary).orElseThrow(() -> new IllegalStateException(
                "'" + binary + "' not found: the browser tests need Debian's " + PACKAGES + " (apt-get install " + PACKAGES + ")"));
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Runs {@code script} in the page (it should {@code return} something) and returns what it gave. */
    @SuppressWarnings("unchecked")
    public <T> T evaluate(String script) {
        return (T) ((JavascriptExecutor) driver).executeScript(script);
    }

    /** The console's errors and the page's failures (uncaught exceptions, failed loads) since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves what the window shows as a PNG at {@code file}, creating its folder. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
