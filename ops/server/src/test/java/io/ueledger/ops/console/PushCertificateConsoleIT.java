package io.ueledger.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.ops.devices.RealDeviceSettings;
import io.ueledger.ops.devices.TestPushCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * An admin uploads the MDM push certificate in the console: the page shows the topic in force, a
 * certificate with another topic is refused with the reason on the page, and from 30 days before
 * expiry every console page carries the warning with a link to renew.
 */
class PushCertificateConsoleIT extends RealDeviceSettings {

    @TempDir
    Path dir;

    @BeforeAll
    static void browserInstalled() {
        Chromium.assumeInstalled();
    }

    @Test
    void an_admin_uploads_the_certificate_sees_a_topic_change_refused_and_the_expiry_warning() throws Exception {
        Path soon = dir.resolve("expiring.p12");
        Files.write(soon, TestPushCertificate.forTopic(PUSH_TOPIC, Duration.ofDays(20)).pkcs12("p12-pass"));
        Path other = dir.resolve("other-topic.p12");
        Files.write(other, TestPushCertificate.forTopic("com.apple.mgmt.External.99999999-aaaa-bbbb-cccc-dddddddddddd",
                Duration.ofDays(365)).pkcs12("p12-pass"));
        Path fresh = dir.resolve("renewed.p12");
        Files.write(fresh, TestPushCertificate.forTopic(PUSH_TOPIC, Duration.ofDays(365)).pkcs12("p12-pass"));

        try (Chromium browser = Chromium.signedIn(DEVICES_PORT, "admin@corp.example", "admin-demo")) {
            browser.open("/console/admin/push-certificate");
            upload(browser, soon);
            assertThat(browser.find("#push-uploaded").getText()).contains("in force");
            assertThat(browser.find("#push-topic").getText()).isEqualTo(PUSH_TOPIC);
            assertThat(browser.find("#push-certificate-warning").getText()).contains("expires in 19 days");

            upload(browser, other);
            assertThat(browser.find("#push-upload-problem").getText()).contains("differs from the topic in force")
                    .contains(PUSH_TOPIC);

            browser.open("/console");
            assertThat(browser.find("#push-certificate-warning").getText()).contains("Renew it");

            browser.open("/console/admin/push-certificate");
            upload(browser, fresh);
            assertThat(browser.find("#push-uploaded").getText()).contains("in force");
            assertThat(browser.find("#push-expires").getText()).contains("(364 days)");
            assertThat(browser.driver.findElements(By.id("push-certificate-warning"))).isEmpty();
        }
    }

    private static void upload(Chromium browser, Path pkcs12) {
        browser.find("#pkcs12").sendKeys(pkcs12.toString());
        browser.find("#password").sendKeys("p12-pass");
        browser.find("#push-upload-button").click();
    }
}
