package io.ueledger.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.ueledger.ops.admin.EnrolledTestDevice;
import io.ueledger.ops.support.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * E-mail notifications of the owner view against a local SMTP server (GreenMail): an owner asks for
 * e-mails on their page, the organisation then sends a command and tries one the rules refuse, and
 * exactly those two e-mails arrive (not one for the refusal before they subscribed); a made-up choice
 * is refused with a 400 and changes nothing; stopping the e-mails deletes the stored address. A
 * server of its own (own port, own database), since mail is configured only here.
 */
@DirtiesContext
class OwnerNotificationsBrowserIT extends IntegrationTest {

    private static final String ALICE = "alice@corp.example";
    private static final int SMTP_PORT = freeLocalPort();
    private static final int MAIL_SERVER_PORT = freeLocalPort();
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    private static final EmbeddedPostgres POSTGRES = startPostgres();

    @DynamicPropertySource
    static void mailAndAServerOfItsOwn(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("server.port", () -> MAIL_SERVER_PORT);
        registry.add("ueledger.organisation.public-base-url", () -> "http://127.0.0.1:" + MAIL_SERVER_PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void smtpAndBrowser() {
        Chromium.assumeInstalled();
        SMTP.start();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    /** A database of its own: the shared test database belongs to the context on the common port. */
    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(io.ueledger.ops.support.TestFolders.fresh("owner-mail-").resolve("postgres"))
                    .setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void an_owner_subscribes_and_is_mailed_about_a_command_and_a_refusal_after_that_only() throws Exception {
        givenActiveAccount(ALICE, "Alice Example");
        EnrolledTestDevice device = EnrolledTestDevice.iPhone(commands, http, ALICE);
        assertThat(eraseDevice(device.ref)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        await().atMost(Duration.ofSeconds(120)).until(() -> count(
                "select count(*) from owner_enrollment where enrollment_ref = ?", device.ref) == 1);

        try (Chromium browser = Chromium.signedInAt(MAIL_SERVER_PORT, "/my", ALICE, "alice-demo")) {
            browser.find("#device-table tr[data-ref='" + device.ref + "']");
            assertThat(browser.find("#notifications-button").getText()).isEqualTo("E-mail me");

            // a made-up choice: 400, said plainly, nothing stored
            ((JavascriptExecutor) browser.driver).executeScript(
                    "document.querySelector('#notifications input[name=email]').value = 'sometimes';");
            browser.find("#notifications-button").click();
            assertThat(browser.find("#error-message").getText()).contains("'sometimes' is not a choice");
            assertThat(count("select count(*) from owner_subscription")).isZero();

            browser.open("/my");
            browser.find("#notifications-button").click();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notifications-state"),
                    "You get an e-mail at " + ALICE));

            assertThat(eraseDevice(device.ref)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(asAdmin().postForEntity("/api/admin/enrollments/{ref}/commands",
                    Map.of("requestType", "ProfileList"), Map.class, device.ref).getStatusCode())
                    .isEqualTo(HttpStatus.ACCEPTED);

            assertThat(SMTP.waitForIncomingEmail(120_000, 2)).as("two e-mails arrive").isTrue();
            MimeMessage[] received = SMTP.getReceivedMessages();
            assertThat(received).as("nothing about the refusal before subscribing").hasSize(2);
            List<String> subjects = Arrays.stream(received).map(OwnerNotificationsBrowserIT::subject).toList();
            assertThat(subjects).containsExactlyInAnyOrder(
                    "Example Corp tried something on your device that was refused",
                    "Example Corp sent a request to your device");
            for (MimeMessage message : received) {
                assertThat(message.getAllRecipients()[0].toString()).isEqualTo(ALICE);
                assertThat(GreenMailUtil.getBody(message))
                        .contains("http://127.0.0.1:" + MAIL_SERVER_PORT + "/my/enrollments/" + device.ref);
            }
            MimeMessage refusal = Arrays.stream(received).filter(m -> subject(m).contains("refused")).findFirst()
                    .orElseThrow();
            assertThat(GreenMailUtil.getBody(refusal)).contains("to erase the whole device")
                    .contains("nothing was sent to your device");

            browser.open("/my");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notifications-button"),
                    "Stop these e-mails"));
            browser.find("#notifications-button").click();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notifications-button"),
                    "E-mail me"));
            assertThat(count("select count(*) from owner_subscription")).as("the address is deleted").isZero();
        }
    }

    private HttpStatus eraseDevice(String ref) {
        return HttpStatus.valueOf(asAdmin().postForEntity("/api/admin/enrollments/{ref}/commands",
                Map.of("requestType", "EraseDevice", "arguments", Map.of()), Map.class, ref).getStatusCode().value());
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freeLocalPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
