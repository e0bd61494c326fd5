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
 * line, and are kept out of what their role does not allow.
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
        await().atMost(Duration.ofSeconds(20)).until(() -> refusals(ref, eventType) >= count);
    }

    private int refusals(String ref, String eventType) {
        Integer n = jdbc.queryForObject("select count(*) from device_history where enrollment_ref = ? and event_type = ?",
                Integer.class, ref, eventType);
        return n == null ? 0 : n;
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
            assertThat(browser.find("header.top .who").getText()).contains("compliance officer");
            assertThat(browser.find("#stage-table").getText()).contains("ENROLLED");
            assertThat(browser.find("#refusal-table").getAttribute("textContent")).contains(REMOTE_WIPE_RULE);
            // the chart is drawn by ECharts from the jar's webjar, not a CDN
            browser.find("#refusal-chart svg");
            assertThat(browser.fitsWidth()).as("no horizontal scrolling at 1280 px").isTrue();
            browser.screenshot("dashboard");

            browser.open("/console/devices?account=" + account);
            WebElement link = browser.find("#device-table a[href$='" + device.ref + "']");
            assertThat(browser.fitsWidth()).isTrue();
            browser.screenshot("devices");
            link.click();

            WebElement refusal = browser.find("#timeline li[data-event-type=MdmCommandRefused]");
            assertThat(refusal.getAttribute("class")).contains("refusal");
            assertThat(refusal.findElement(By.cssSelector(".refusal-why")).getText())
                    .contains("Refused by rule " + REMOTE_WIPE_RULE).contains("Source:");
            List<String> types = browser.driver.findElements(By.cssSelector("#timeline > li")).stream()
                    .map(li -> li.getAttribute("data-event-type")).toList();
            assertThat(types).startsWith("EnrollmentRequested").contains("DeviceEnrolled", "MdmCommandRefused");
            assertThat(browser.find("#stage").getText()).isEqualTo("ENROLLED");
            assertThat(browser.driver.findElements(By.id("send-command")))
                    .as("compliance officers do not get the command form").isEmpty();
            assertThat(browser.fitsWidth()).isTrue();
            browser.screenshot("device-timeline");

            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "select count(*) from account_registry where email = ?", Integer.class, account) == 1);
            browser.open("/console/accounts/" + account);
            assertThat(browser.find("#account-devices").getText()).contains("iPhone17,2");

            browser.open("/console/admin/accounts");
            assertThat(browser.find("#forbidden").getText()).contains("403");
            assertThat(browser.driver.findElements(By.id("account-table"))).isEmpty();
            browser.screenshot("forbidden");

            browser.open("/console/devices?stage=SOMEWHERE");
            assertThat(browser.find("#error-message").getText()).contains("unknown stage 'SOMEWHERE'");
        }
    }

    @Test
    void an_admin_sees_the_policy_refuse_a_wipe_before_sending_and_the_send_records_the_refusal() throws Exception {
        EnrolledTestDevice device = EnrolledTestDevice.iPhone(commands, http, "alice@corp.example");
        try (Chromium browser = Chromium.signedIn(PORT, "admin@corp.example", "admin-demo")) {
            browser.open("/console/devices/" + device.ref);
            int before = storedEvents(device.ref);

            new Select(browser.find("#requestType")).selectByValue("EraseDevice");
            WebElement verdict = browser.find("#verdict-result");
            assertThat(verdict.getAttribute("class")).contains("REFUSED");
            assertThat(verdict.getText()).contains("EraseDevice will be refused on iOS 18.2").contains(REMOTE_WIPE_RULE);
            browser.screenshot("command-check");
            assertThat(storedEvents(device.ref)).as("a check records nothing").isEqualTo(before);

            browser.driver.findElement(By.id("send-command")).click();
            WebElement refused = browser.find("#command-refused");
            assertThat(refused.getText()).contains("EraseDevice was refused").contains(REMOTE_WIPE_RULE);
            assertThat(storedEvents(device.ref)).as("the send records the refusal, as the API does")
                    .isEqualTo(before + 1);

            new Select(browser.find("#requestType")).selectByValue("DeviceInformation");
            browser.driver.findElement(By.id("arguments")).sendKeys("{\"Queries\": [\"OSVersion\", \"UDID\"]}");
            browser.driver.findElement(By.id("check-command")).click();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verdict-result"),
                    "narrowed"));

            browser.driver.findElement(By.id("arguments")).clear();
            browser.driver.findElement(By.id("arguments")).sendKeys("{not json");
            browser.driver.findElement(By.id("check-command")).click();
            assertThat(browser.find("#verdict-problem").getText()).contains("not a JSON object");
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
            browser.driver.findElement(By.id("import-button")).click();

            assertThat(browser.find("#import-refused").getText()).contains("Not imported");
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
            assertThat(browser.find("#forbidden").getText()).contains("403");
            assertThat(browser.driver.getPageSource()).contains("no role in this console");
            assertThat(browser.driver.findElements(By.cssSelector("nav[aria-label=Console]"))).isEmpty();
        }
    }
}
