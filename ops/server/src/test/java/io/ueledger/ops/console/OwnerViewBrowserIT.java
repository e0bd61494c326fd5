package io.ueledger.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ueledger.ops.admin.EnrolledTestDevice;
import io.ueledger.ops.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The device owners' own view in a real browser: owners sign in at the built-in identity provider
 * with their Managed Apple Account, see only their own devices, read a refused command explained,
 * see the page's own proof checks, download their signed bundle and have the offline verifier (a
 * separate JVM) accept it. A second owner and an admin get a 403 without data for the first
 * owner's enrollment; an ended enrollment stays readable with its erased fields marked. Every page
 * passes axe-core with no serious or critical violation.
 */
class OwnerViewBrowserIT extends IntegrationTest {

    private static final String ALICE = "alice@corp.example";
    private static final String BOB = "bob@corp.example";
    private static final String REMOTE_WIPE_RULE = "ue.cannot.remote-wipe";

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void browserInstalled() {
        Chromium.assumeInstalled();
    }

    @BeforeEach
    void ownersHaveActiveAccounts() {
        givenActiveAccount(ALICE, "Alice Example");
        givenActiveAccount(BOB, "Bob Example");
    }

    @Test
    void an_owner_sees_only_their_devices_reads_a_refusal_and_verifies_their_bundle_offline() throws Exception {
        EnrolledTestDevice alices = EnrolledTestDevice.iPhone(commands, http, ALICE);
        EnrolledTestDevice bobs = EnrolledTestDevice.iPhone(commands, http, BOB);
        assertThat(asAdmin().postForEntity("/api/admin/enrollments/{ref}/commands",
                Map.of("requestType", "EraseDevice", "arguments", Map.of()), Map.class, alices.ref).getStatusCode())
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(asAdmin().postForEntity("/api/admin/enrollments/{ref}/commands",
                Map.of("requestType", "ProfileList"), Map.class, alices.ref).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        awaitViewsAndSignedLedger(alices.ref, "MdmCommandQueued");
        awaitViewsAndSignedLedger(bobs.ref, "DeviceEnrolled");

        try (Chromium browser = Chromium.signedInAt(PORT, "/my", ALICE, "alice-demo")) {
            assertThat(browser.heading()).isEqualTo("Your enrolled devices");
            browser.find("#device-table tr[data-ref='" + alices.ref + "']");
            assertThat(browser.driver.findElements(By.cssSelector("tr[data-ref='" + bobs.ref + "']")))
                    .as("another owner's device is never listed").isEmpty();
            assertThat(browser.driver.getPageSource()).doesNotContain(bobs.ref);
            assertNoSeriousAccessibilityViolations(browser);

            browser.find("#device-table tr[data-ref='" + alices.ref + "'] a").click();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("device-heading"),
                    "iPhone17,2"));
            String refusal = browser.find("#refused .refused").getText();
            assertThat(refusal).contains("To erase the whole device, your own data included")
                    .contains("nothing was sent to your device").contains("Why:").contains(REMOTE_WIPE_RULE);
            assertThat(browser.find("#asked").getText()).contains("The list of settings profiles it installed");
            assertThat(browser.find("#ending").getText()).contains("Settings, then General, then VPN & Device Management");
            assertThat(browser.find("#separation").getText()).contains("tried, and refused by the rules");

            // the page's own checks: the checkpoint's signature and every listed event's inclusion
            assertThat(browser.find("#checkpoint-check").getAttribute("class")).isEqualTo("ok");
            int listed = browser.driver.findElements(By.cssSelector("#history li")).size();
            assertThat(listed).isEqualTo(storedEvents(alices.ref));
            assertThat(browser.driver.findElements(By.cssSelector("#history li[data-proof=verified]"))).hasSize(listed);
            assertThat(browser.find("#events-check").getText())
                    .contains(listed + " of the " + listed + " events below are proved");
            // the browser repeats the checks on its own, with WebCrypto and the published key only
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browser-check-result"),
                    "Your browser checked on its own"));
            assertThat(browser.find("#browser-check-result").getAttribute("class")).isEqualTo("ok");
            assertThat(browser.find("#browser-check-result").getText())
                    .contains(listed + " of the " + listed + " events it was given are in it").doesNotContain("FAILED");
            assertThat(browser.driver.findElements(By.cssSelector("#history li[data-browser-proof=verified]")))
                    .hasSize(listed);
            // times are rewritten in the browser's zone and language
            browser.find("#history time[data-localised=true]");
            assertNoSeriousAccessibilityViolations(browser);
            fullPageScreenshot(browser, "owner-enrollment");

            // and it can fail: one changed byte in an event, or in the signed checkpoint, and it says so
            ((JavascriptExecutor) browser.driver).executeScript("""
                    var holder = document.getElementById('browser-check');
                    var data = JSON.parse(holder.getAttribute('data-proof'));
                    var raw = atob(data.events[0].envelope);
                    data.events[0].envelope = btoa(raw.slice(0, -1) + String.fromCharCode(raw.charCodeAt(raw.length - 1) ^ 1));
                    holder.setAttribute('data-proof', JSON.stringify(data));
                    window.ueOwnerProof.run();""");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browser-check-result"),
                    "FAILED"));
            assertThat(browser.find("#browser-check-result").getText())
                    .contains("the audit path does not lead to the signed root");
            ((JavascriptExecutor) browser.driver).executeScript("""
                    var holder = document.getElementById('browser-check');
                    var data = JSON.parse(holder.getAttribute('data-proof'));
                    var lines = data.checkpoint.split('\\n');
                    lines[1] = String(Number(lines[1]) + 1);
                    data.checkpoint = lines.join('\\n');
                    holder.setAttribute('data-proof', JSON.stringify(data));
                    window.ueOwnerProof.run();""");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browser-check-result"),
                    "NOT valid"));

            String bundleHref = browser.find("#bundle-link").getAttribute("href");
            Download bundle = download(browser, bundleHref);
            assertThat(bundle.status()).isEqualTo(200);

            String others = fetchStatus(browser, "/my/enrollments/" + bobs.ref);
            assertThat(others).startsWith("403").doesNotContain(bobs.ref).doesNotContain("iPhone17,2");
            assertThat(download(browser, "/my/enrollments/" + bobs.ref + "/bundle").status()).isEqualTo(403);

            browser.open("/my/verifying");
            String publicKey = browser.find("#public-key").getText().strip();
            assertNoSeriousAccessibilityViolations(browser);
            Verifier verdict = verifyOffline(bundle.bytes(), publicKey);
            // a bundle on its own: every check held, consistency with an earlier checkpoint could not be asked
            assertThat(verdict.output()).contains("VERDICT: VERIFIED, consistency not checked");
            assertThat(verdict.exit()).isEqualTo(3);
        }

        try (Chromium bob = Chromium.signedInAt(PORT, "/my", BOB, "bob-demo")) {
            bob.find("#device-table tr[data-ref='" + bobs.ref + "']");
            assertThat(bob.driver.getPageSource()).doesNotContain(alices.ref);
            bob.open("/my/enrollments/" + alices.ref);
            assertThat(bob.find("#forbidden").getText()).contains("403");
            assertThat(bob.driver.getPageSource()).doesNotContain(alices.ref).doesNotContain("erase")
                    .doesNotContain("iPhone17,2");
            assertThat(fetchStatus(bob, "/my/enrollments/" + alices.ref)).startsWith("403");
            assertNoSeriousAccessibilityViolations(bob);
        }
    }

    @Test
    void a_staff_role_does_not_leak_into_the_owner_view() throws Exception {
        EnrolledTestDevice alices = EnrolledTestDevice.iPhone(commands, http, ALICE);
        awaitViewsAndSignedLedger(alices.ref, "DeviceEnrolled");
        try (Chromium admin = Chromium.signedInAt(PORT, "/my", "admin@corp.example", "admin-demo")) {
            assertThat(admin.heading()).isEqualTo("Your enrolled devices");
            assertThat(admin.find("#no-devices").getText()).contains("no enrolled devices");
            assertThat(admin.driver.getPageSource()).doesNotContain(alices.ref);
            assertThat(fetchStatus(admin, "/my/enrollments/" + alices.ref)).startsWith("403");
            assertThat(download(admin, "/my/enrollments/" + alices.ref + "/bundle").status()).isEqualTo(403);
            // nothing of the console's staff pages is offered here
            assertThat(admin.driver.findElements(By.cssSelector("a[href^='/console']"))).isEmpty();
        }
    }

    @Test
    void an_ended_enrollment_stays_readable_with_its_erased_fields_marked() throws Exception {
        EnrolledTestDevice ended = EnrolledTestDevice.iPhone(commands, http, ALICE);
        awaitViewsAndSignedLedger(ended.ref, "DeviceEnrolled");
        ended.checkOut();
        awaitViewsAndSignedLedger(ended.ref, "EnrollmentClosed");
        try (Chromium browser = Chromium.signedInAt(PORT, "/my/enrollments/" + ended.ref, ALICE, "alice-demo")) {
            assertThat(browser.find("#state").getText()).contains("Ended");
            assertThat(browser.find("#closed-how").getText()).contains("you removed the work account from the device");
            assertThat(browser.find("#ending").getText()).contains("destroyed its key");
            browser.find("#history li[data-event-type=UserAuthenticated] .shredded");
            assertThat(browser.find("#history li[data-event-type=UserAuthenticated]").getText())
                    .doesNotContain(ALICE).contains("erased");
            assertNoSeriousAccessibilityViolations(browser);
            fullPageScreenshot(browser, "owner-ended-enrollment");
        }
    }

    /** The whole page, not just the window: the docs show it (docs/screenshots/owner-enrollment.png). */
    private static void fullPageScreenshot(Chromium browser, String name) {
        Number height = (Number) ((JavascriptExecutor) browser.driver).executeScript(
                "return document.documentElement.scrollHeight;");
        browser.driver.manage().window().setSize(new Dimension(1280, Math.min(height.intValue() + 40, 8000)));
        browser.screenshot(name);
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /** The history view has the event, the owner index links the enrollment, and a signed checkpoint covers all its events. */
    private void awaitViewsAndSignedLedger(String ref, String eventType) {
        await().atMost(Duration.ofSeconds(120)).until(() -> count(
                "select count(*) from device_history where enrollment_ref = ? and event_type = ?", ref, eventType) > 0
                && count("select count(*) from owner_enrollment where enrollment_ref = ?", ref) == 1
                && count("select count(*) from enrollment_registry where enrollment_ref = ? and last_sequence + 1 = "
                        + "(select count(*) from domainevententry where aggregateidentifier = ?)", ref, ref) == 1
                && count("select count(*) from ledger_leaf l join domainevententry e on e.eventidentifier = l.event_id "
                        + "where e.aggregateidentifier = ?", ref) == storedEvents(ref));
        assertThat(asAdmin().postForEntity("/api/ledger/checkpoints", null, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    private int storedEvents(String ref) {
        return count("select count(*) from domainevententry where aggregateidentifier = ?", ref);
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    /** Status and body of a GET made by the page itself, with the browser's session. */
    private static String fetchStatus(Chromium browser, String href) {
        return (String) ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(function (r) { return r.text().then(function (t) {"
                        + " done(r.status + '\\n' + t); }); });", href);
    }

    private record Download(int status, byte[] bytes) {
    }

    /** A download as the browser gets it, with the owner's session (the bytes travel back as base64). */
    private static Download download(Chromium browser, String href) {
        String answer = (String) ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(function (r) { return r.blob().then(function (b) {"
                        + " var reader = new FileReader();"
                        + " reader.onload = function () { done(r.status + ' ' + reader.result); };"
                        + " reader.readAsDataURL(b); }); });", href);
        int space = answer.indexOf(' ');
        int status = Integer.parseInt(answer.substring(0, space));
        String dataUrl = answer.substring(space + 1);
        byte[] bytes = Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        return new Download(status, bytes);
    }

    private record Verifier(int exit, String output) {
    }

    /** The offline verifier in a JVM of its own: only the bundle and the key, no server, no database. */
    private static Verifier verifyOffline(byte[] bundle, String publicKey) throws IOException, InterruptedException {
        Path dir = io.ueledger.ops.support.TestFolders.fresh("owner-bundle-");
        Path zip = Files.write(dir.resolve("bundle.zip"), bundle);
        Path key = Files.writeString(dir.resolve("ledger.pub"), publicKey + "\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.ueledger.ops.verifier.VerifyBundle", zip.toString(), "--public-key", key.toString())
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the verifier finishes").isTrue();
        return new Verifier(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** axe-core, from its webjar, run inside the page: no serious or critical violation of WCAG rules. */
    private static void assertNoSeriousAccessibilityViolations(Chromium browser) throws IOException {
        String axe;
        try (InputStream in = OwnerViewBrowserIT.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            assertThat(in).as("the axe-core webjar is on the test classpath").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
        js.executeScript(axe);
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + " done(JSON.stringify(r.violations.filter(function (v) {"
                + "  return v.impact === 'serious' || v.impact === 'critical'; }).map(function (v) {"
                + "  return {id: v.id, impact: v.impact, help: v.help,"
                + "   nodes: v.nodes.map(function (n) { return n.target.join(' '); })}; })));"
                + "}).catch(function (e) { done('axe failed: ' + e); });");
        assertThat(result).as("axe-core on " + browser.driver.getCurrentUrl()).isEqualTo("[]");
    }
}
