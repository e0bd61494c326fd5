package io.ueledger.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver, one fresh profile per browser
 * (so no two staff members ever share cookies), with the console's sign-in and screenshots.
 */
final class Chromium implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final String base;
    private final Path profile;

    private Chromium(String base) throws IOException {
        this.base = base;
        this.profile = Files.createTempDirectory("ue-ledger-chromium-");
        ChromeOptions options = new ChromeOptions();
        Path chromium = Path.of("/usr/bin/chromium");
        if (Files.exists(chromium)) {
            options.setBinary(chromium.toString());
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(90));
    }

    /** Skips the calling test, saying why, when this machine has no chromedriver. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "browser tests skipped: " + CHROMEDRIVER
                + " is missing (apt-get install -y chromium chromium-driver)");
    }

    /** A browser signed in to the console through the built-in provider's real login form. */
    static Chromium signedIn(int port, String email, String password) throws IOException {
        Chromium browser = new Chromium("http://127.0.0.1:" + port);
        browser.open("/console");
        try {
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no IdP login form at " + browser.driver.getCurrentUrl() + ":\n"
                    + browser.driver.getPageSource(), e);
        }
        assertThat(browser.driver.getCurrentUrl()).as("unsigned visitors are sent to the IdP").contains("/idp/login");
        browser.driver.findElement(By.id("username")).clear();
        browser.driver.findElement(By.id("username")).sendKeys(email);
        browser.driver.findElement(By.id("password")).sendKeys(password);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.urlContains("/console"));
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        return browser;
    }

    /** A browser signed in at the built-in provider's real login form, starting from any protected page. */
    static Chromium signedInAt(int port, String path, String email, String password) throws IOException {
        Chromium browser = new Chromium("http://127.0.0.1:" + port);
        browser.open(path);
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.driver.findElement(By.id("username")).clear();
        browser.driver.findElement(By.id("username")).sendKeys(email);
        browser.driver.findElement(By.id("password")).sendKeys(password);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.urlContains(path));
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        return browser;
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    String heading() {
        return find("h1").getText();
    }

    /** The page fits the 1280 px window: nothing to scroll sideways. */
    boolean fitsWidth() {
        Object fits = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;");
        return Boolean.TRUE.equals(fits);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }
}
