package io.ueledger.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ueledger.ops.admin.EnrolledTestDevice;
import io.ueledger.ops.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The web console in a real browser against the whole server: staff sign in through the built-in
 * OpenID Connect provider's login form, read the fleet and a device's timeline, see a refusal
 * explained, check a command against the policy before sending it, import accounts with a bad
 * line, unenroll a device after a confirm step, verify the ledger's checkpoint and an inclusion
 * proof, read the data-separation report, and are kept out of what their role does not allow.
 */
class ConsoleBrowserIT extends IntegrationTest {

    private static final String REMOTE_WIPE_RULE = "ue.cannot.remote-wipe";

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void browserInstalled() {
        Chromium.assumeInstalled();
    }

    /** An enrolled iPhone with a refused EraseDevice in its history, queued through the admin API. */
    private EnrolledTestDevice deviceWithRefusedWipe(String account) {
        assertThat(asAdmin().postForEntity("/api/admin/accounts", Map.of("email", account, "displayName", "Console Person"),
                Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        EnrolledTestDevice device = EnrolledTestDevice.iPhone(commands, http, account);
        assertThat(asAdmin().postForEntity("/api/admin/enrollments/{ref}/commands",
                Map.of("requestType", "EraseDevice", "arguments", Map.of()), Map.class, device.ref).getStatusCode())
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        awaitHistory(device.ref, "MdmCommandRefused", 1);
        return device;
    }

    private void awaitHistory(String ref, String eventType, int count) {
        await().atMost(Duration.ofSeconds(90)).until(() -> refusals(ref, eventType) >= count);
    }

    private int refusals(String ref, String eventType) {
        Integer n = jdbc.queryForObject("select count(*) from device_history where enrollment_ref = ? and event_type = ?",
                Integer.class, ref, eventType);
        return n == null ? 0 : n;
    }

    private String stage(String ref) {
        return jdbc.queryForList("select stage from enrollment_registry where enrollment_ref = ?", String.class, ref)
                .stream().findFirst().orElse(null);
    }

    private String refusalEventId(String ref) {
        return jdbc.queryForObject("select event_id from device_history where enrollment_ref = ? and event_type = ?",
                String.class, ref, "MdmCommandRefused");
    }

    /** Status, content type and body of a GET made by the page itself, with the console session's cookie. */
    private static String fetchInPage(Chromium browser, String href) {
        return (String) ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(function (r) { return r.text().then(function (t) {"
                        + " done(r.status + '\\n' + r.headers.get('content-type') + '\\n' + t); }); });", href);
    }

    private int storedEvents(String ref) {
        Integer n = jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Integer.class, ref);
        return n == null ? 0 : n;
    }

    @Test
    void a_compliance_officer_reads_the_fleet_and_a_device_timeline_with_the_refusal_explained() throws Exception {
        String account = "console-" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        EnrolledTestDevice device = deviceWithRefusedWipe(account);
        try (Chromium browser = Chromium.signedIn(PORT, "compliance@corp.example", "compliance-demo")) {
            assertThat(browser.heading()).isEqualTo("Fleet");
            assertThat(browser.text("header.top .who")).contains("compliance officer");
            assertThat(browser.text("#stage-table")).contains("ENROLLED");
            assertThat(browser.attribute("#refusal-table", "textContent")).contains(REMOTE_WIPE_RULE);
            // the chart is drawn by ECharts from the jar's webjar, not a CDN
            browser.find("#refusal-chart svg");
            assertThat(browser.fitsWidth()).as("no horizontal scrolling at 1280 px").isTrue();
            browser.screenshot("dashboard");

            browser.open("/console/devices?account=" + account);
            String deviceLink = "#device-table a[href$='" + device.ref + "']";
            browser.find(deviceLink);
            assertThat(browser.fitsWidth()).isTrue();
            browser.screenshot("devices");
            browser.click(deviceLink);

            String refusal = "#timeline li[data-event-type=MdmCommandRefused]";
            assertThat(browser.attribute(refusal, "class")).contains("refusal");
            assertThat(browser.text(refusal + " .refusal-why"))
                    .contains("Refused by rule " + REMOTE_WIPE_RULE).contains("Source:");
            List<String> types = browser.driver.findElements(By.cssSelector("#timeline > li")).stream()
                    .map(li -> li.getAttribute("data-event-type")).toList();
            assertThat(types).startsWith("EnrollmentRequested").contains("DeviceEnrolled", "MdmCommandRefused");
            assertThat(browser.text("#stage")).isEqualTo("ENROLLED");
            assertThat(browser.driver.findElements(By.id("send-command")))
                    .as("compliance officers do not get the command form").isEmpty();
            assertThat(browser.fitsWidth()).isTrue();
            browser.screenshot("device-timeline");

            await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject(
                    "select count(*) from account_registry where email = ?", Integer.class, account) == 1);
            browser.open("/console/accounts/" + account);
            assertThat(browser.text("#account-devices")).contains("iPhone17,2");

            browser.open("/console/admin/accounts");
            assertThat(browser.text("#forbidden")).contains("403");
            assertThat(browser.driver.findElements(By.id("account-table"))).isEmpty();
            browser.screenshot("forbidden");

            browser.open("/console/devices?stage=SOMEWHERE");
            assertThat(browser.text("#error-message")).contains("unknown stage 'SOMEWHERE'");
        }
    }

    @Test
    void an_admin_sees_the_policy_refuse_a_wipe_before_sending_and_the_send_records_the_refusal() throws Exception {
        EnrolledTestDevice device = EnrolledTestDevice.iPhone(commands, http, "alice@corp.example");
        try (Chromium browser = Chromium.signedIn(PORT, "admin@corp.example", "admin-demo")) {
            browser.open("/console/devices/" + device.ref);
            int before = storedEvents(device.ref);

            // htmx swaps the verdict in: wait for its text, then read the swapped-in element afresh
            new Select(browser.find("#requestType")).selectByValue("EraseDevice");
            assertThat(browser.awaitText("#verdict-result", "EraseDevice will be refused on iOS 18.2"))
                    .contains(REMOTE_WIPE_RULE);
            assertThat(browser.attribute("#verdict-result", "class")).contains("REFUSED");
            browser.awaitHtmxSettled();
            browser.screenshot("command-check");
            assertThat(storedEvents(device.ref)).as("a check records nothing").isEqualTo(before);

            browser.click("#send-command");
            assertThat(browser.awaitText("#command-refused", "EraseDevice was refused")).contains(REMOTE_WIPE_RULE);
            assertThat(storedEvents(device.ref)).as("the send records the refusal, as the API does")
                    .isEqualTo(before + 1);

            new Select(browser.find("#requestType")).selectByValue("DeviceInformation");
            // the fresh page's placeholder gives way to the verdict on DeviceInformation without arguments
            browser.wait.until(d -> !d.findElement(By.id("verdict")).getText().contains("appears here before you send"));
            browser.awaitHtmxSettled();
            browser.find("#arguments").sendKeys("{\"Queries\": [\"OSVersion\", \"UDID\"]}");
            browser.click("#check-command");
            assertThat(browser.awaitText("#verdict-result", "Removed 1 of 2 queries")).contains("narrowed");
            browser.awaitHtmxSettled();

            browser.find("#arguments").clear();
            browser.find("#arguments").sendKeys("{not json");
            browser.click("#check-command");
            browser.awaitText("#verdict-problem", "not a JSON object");
            assertThat(storedEvents(device.ref)).isEqualTo(before + 1);
        }
    }

    @Test
    void an_admin_imports_accounts_and_sees_each_bad_line_in_a_table() throws Exception {
        String good = "csv-" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        Path file = Files.createTempFile("accounts-", ".csv");
        Files.writeString(file, "email,display_name\n" + good + ",Good Person\nnot-an-address,Someone\n",
                StandardCharsets.UTF_8);
        try (Chromium browser = Chromium.signedIn(PORT, "admin@corp.example", "admin-demo")) {
            browser.open("/console/admin/accounts");
            browser.find("#file").sendKeys(file.toAbsolutePath().toString());
            browser.click("#import-button");

            assertThat(browser.text("#import-refused")).contains("Not imported");
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#line-problems tbody tr"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).findElement(By.cssSelector("td")).getText()).isEqualTo("3");
            assertThat(browser.fitsWidth()).isTrue();
            browser.screenshot("account-import");
            assertThat(jdbc.queryForObject("select count(*) from account_directory where email = ?",
                    Integer.class, good)).as("a file with a bad line imports nothing").isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void a_device_owner_signing_in_to_the_console_is_refused() throws Exception {
        try (Chromium browser = Chromium.signedIn(PORT, "alice@corp.example", "alice-demo")) {
            assertThat(browser.text("#forbidden")).contains("403");
            assertThat(browser.driver.getPageSource()).contains("no role in this console");
            assertThat(browser.driver.findElements(By.cssSelector("nav[aria-label=Console]"))).isEmpty();
        }
    }

    @Test
    void an_admin_unenrolls_a_device_with_a_reason_after_confirming_and_sees_it_pending() throws Exception {
        String account = "leaver-" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        EnrolledTestDevice device = EnrolledTestDevice.iPhone(commands, http, account);
        await().atMost(Duration.ofSeconds(90)).until(() -> "ENROLLED".equals(stage(device.ref)));
        String reason = "Left the company on " + UUID.randomUUID().toString().substring(0, 6);
        try (Chromium browser = Chromium.signedIn(PORT, "admin@corp.example", "admin-demo")) {
            browser.open("/console/devices/" + device.ref);
            int before = storedEvents(device.ref);

            // a reason is required: past the browser's own check, the server refuses and records nothing
            ((JavascriptExecutor) browser.driver).executeScript(
                    "document.getElementById('reason').removeAttribute('required')");
            browser.click("#unenroll-button");
            assertThat(browser.text("#error-message")).contains("give a reason for the unenrollment");
            assertThat(storedEvents(device.ref)).isEqualTo(before);

            browser.open("/console/devices/" + device.ref);
            browser.find("#reason").sendKeys(reason);
            browser.click("#unenroll-button");
            // the device page has a heading too: wait for the confirm page's, never read the old one
            browser.awaitHeading("Unenroll iPhone17,2");
            assertThat(browser.text("#confirm-reason")).isEqualTo(reason);
            assertThat(storedEvents(device.ref)).as("the confirm page sends nothing").isEqualTo(before);
            browser.screenshot("unenroll-confirm");

            browser.click("#confirm-unenroll");
            assertThat(browser.awaitText("#unenroll-requested", "Unenrollment pending")).contains("RemoveProfile");
            assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?"
                    + " and payloadtype like '%.UnenrollmentRequested'", Integer.class, device.ref))
                    .as("one UnenrollmentRequested recorded").isEqualTo(1);

            await().atMost(Duration.ofSeconds(90)).until(() -> "UNENROLLMENT_PENDING".equals(stage(device.ref)));
            // the timeline is another projection than the stage: wait for it too before looking
            await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject("select count(*) from "
                    + "device_history where enrollment_ref = ? and event_type = 'UnenrollmentRequested'",
                    Integer.class, device.ref) > 0);
            browser.open("/console/devices/" + device.ref);
            assertThat(browser.text("#stage")).isEqualTo("UNENROLLMENT_PENDING");
            assertThat(browser.text("#unenroll-pending")).contains("Pending since");
            assertThat(browser.driver.findElements(By.id("unenroll-button"))).as("no second unenrollment").isEmpty();
            assertThat(browser.attribute("#timeline li[data-event-type=UnenrollmentRequested]", "textContent"))
                    .contains(reason);
            assertThat(browser.fitsWidth()).isTrue();
        }
    }

    @Test
    void a_compliance_officer_sees_the_checkpoint_verified_and_verifies_an_inclusion_proof_of_a_timeline_event()
            throws Exception {
        String account = "audited-" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        EnrolledTestDevice device = deviceWithRefusedWipe(account);
        String eventId = refusalEventId(device.ref);
        Long leafIndex = await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForList(
                "select leaf_index from ledger_leaf where event_id = ?", Long.class, eventId).stream().findFirst()
                .orElse(null), java.util.Objects::nonNull);
        assertThat(asAdmin().postForEntity("/api/ledger/checkpoints", null, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        try (Chromium browser = Chromium.signedIn(PORT, "compliance@corp.example", "compliance-demo")) {
            browser.open("/console/ledger");
            assertThat(browser.text("#checkpoint-verdict")).startsWith("verified");
            assertThat(browser.text("#checkpoint-origin")).isEqualTo("ue-ledger.corp.example/ledger");
            assertThat(Long.parseLong(browser.text("#checkpoint-size"))).isGreaterThan(leafIndex);
            assertThat(browser.text("#checkpoint dd code.block")).startsWith("\u2014 ue-ledger.corp.example/ledger ");
            assertThat(browser.text("#public-key")).startsWith("ue-ledger.corp.example/ledger+");
            assertThat(browser.driver.findElements(By.id("sign-checkpoint"))).as("signing is for admins").isEmpty();

            // from the device's timeline to the proof of its refusal
            browser.open("/console/devices/" + device.ref);
            browser.click("#event-" + eventId + " a.proof-link");
            assertThat(browser.awaitText("#proof-verdict", "event " + eventId)).startsWith("Verified: event " + eventId
                    + " is leaf " + leafIndex + " of the signed checkpoint of tree size");
            assertThat(browser.text("#leaf-index")).isEqualTo(String.valueOf(leafIndex));
            assertThat(browser.text("#envelope")).contains(device.ref).contains("MdmCommandRefused");
            assertThat(browser.fitsWidth()).as("no horizontal scrolling at 1280 px").isTrue();
            browser.screenshot("ledger");

            browser.find("#event").clear();
            browser.find("#event").sendKeys("no-such-event");
            browser.click("#verify-proof");
            assertThat(browser.awaitText("#proof-problem", "No proof for 'no-such-event'"))
                    .contains("has no leaf in the ledger");
            assertThat(browser.driver.findElements(By.id("proof-result"))).isEmpty();
        }
    }

    @Test
    void a_compliance_officer_reads_a_device_data_separation_report_with_the_refused_wipe_explained()
            throws Exception {
        String account = "report-" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        EnrolledTestDevice device = deviceWithRefusedWipe(account);
        String eventId = refusalEventId(device.ref);
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject(
                "select count(*) from compliance_evidence where enrollment_ref = ? and kind = 'REFUSED'",
                Integer.class, device.ref) == 1);

        try (Chromium browser = Chromium.signedIn(PORT, "compliance@corp.example", "compliance-demo")) {
            browser.open("/console/devices/" + device.ref);
            String wipe = "#report-lines li[data-verdict=ATTEMPTED_AND_REFUSED]";
            assertThat(browser.text(wipe)).contains("Remotely wipe the entire device: attempted and refused")
                    .contains("1 attempt refused").contains(REMOTE_WIPE_RULE);
            assertThat(browser.driver.findElements(By.cssSelector("#report-lines li[data-verdict=VIOLATED]")))
                    .isEmpty();
            assertThat(browser.driver.findElements(By.cssSelector("#report-lines li[data-verdict=HELD]")))
                    .isNotEmpty();
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", browser.find(wipe));
            assertThat(browser.fitsWidth()).isTrue();
            browser.screenshot("device-report");

            String csv = fetchInPage(browser, browser.attribute("#report-csv", "href"));
            assertThat(csv).startsWith("200\ntext/csv").contains("line_id,kind,text,verdict")
                    .contains("cannot.remote-wipe,cannot,remotely wipe the entire device,ATTEMPTED_AND_REFUSED");

            // the cited event opens at its place in the timeline
            browser.click(wipe + " a.event-link");
            browser.wait.until(ExpectedConditions.urlContains("#event-" + eventId));
            assertThat(browser.attribute("#event-" + eventId, "data-event-type")).isEqualTo("MdmCommandRefused");

            await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject(
                    "select count(*) from account_registry where email = ?", Integer.class, account) == 1);
            browser.open("/console/accounts/" + account);
            assertThat(browser.text(wipe)).contains("Remotely wipe the entire device: attempted and refused");

            browser.open("/console/compliance");
            assertThat(browser.text("#report-lines")).contains("Remotely wipe the entire device");
            assertThat(browser.fitsWidth()).isTrue();
            browser.screenshot("fleet-report");

            browser.open("/console/compliance/enrollments/no-such-enrollment/report.csv");
            assertThat(browser.text("#error-message")).contains("'no-such-enrollment'");
        }
    }
}
