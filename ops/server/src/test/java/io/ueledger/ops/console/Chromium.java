package io.ueledger.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver, one fresh profile per browser
 * (so no two staff members ever share cookies), with the console's sign-in and screenshots.
 *
 * <p>Pages change under a test's feet: a click starts a navigation that has not happened yet, and
 * htmx replaces parts of a page. So the readers here find their element afresh on every poll and
 * wait for a condition on what a person would read (a text, a heading), never holding an element
 * across a swap; an element that went stale in between is simply looked up again.
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
        this.profile = io.ueledger.ops.support.TestFolders.fresh("chromium-");
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
        // a condition that met a replaced element is polled again, finding the new one
        this.wait.ignoring(StaleElementReferenceException.class);
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
        // past the IdP's pages and the sign-in callback: a console page of its own (even a 403 one)
        browser.wait.until(d -> {
            String url = d.getCurrentUrl();
            return url.startsWith(browser.base + "/console") && !url.contains("/console/login/oauth2/")
                    && !d.findElements(By.tagName("h1")).isEmpty();
        });
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

    /** The page's heading, read afresh. */
    String heading() {
        return text("h1");
    }

    /** Waits until the heading starts with this (a click's navigation has arrived), then returns it. */
    String awaitHeading(String prefix) {
        return awaitRead("a heading starting with '" + prefix + "'", d -> {
            String heading = d.findElement(By.tagName("h1")).getText();
            return heading.startsWith(prefix) ? heading : null;
        }, () -> textNow("h1"));
    }

    /** The visible text of the element this selector finds, found afresh once it is there. */
    String text(String css) {
        return wait.until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** An attribute (or DOM property such as textContent) of the element found afresh; "" when absent. */
    String attribute(String css, String name) {
        return wait.until(d -> {
            String value = d.findElement(By.cssSelector(css)).getAttribute(name);
            return value == null ? "" : value;
        });
    }

    /** Waits until the element found afresh shows this text (e.g. once htmx has swapped it in); returns all of it. */
    String awaitText(String css, String part) {
        return awaitRead("'" + part + "' in " + css, d -> {
            String text = d.findElement(By.cssSelector(css)).getText();
            return text.contains(part) ? text : null;
        }, () -> textNow(css));
    }

    /** Waits until htmx has no request in flight (it marks the element that sent one with htmx-request). */
    void awaitHtmxSettled() {
        wait.until(d -> d.findElements(By.cssSelector(".htmx-request")).isEmpty());
    }

    /** Clicks the element once it can be clicked, looking it up again if it was replaced meanwhile. */
    void click(String css) {
        wait.until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** What the page shows right now, without waiting: for a failure message. */
    private String textNow(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "(no " + css + " on " + driver.getCurrentUrl() + ")" : found.get(0).getText();
    }

    private String awaitRead(String what, Function<WebDriver, String> condition, Supplier<String> now) {
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            String seen;
            try {
                seen = now.get();
            } catch (RuntimeException stillMissing) {
                seen = "(nothing: " + stillMissing.getClass().getSimpleName() + ")";
            }
            throw new AssertionError("waited for " + what + " on " + driver.getCurrentUrl() + "; saw: " + seen, e);
        }
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
