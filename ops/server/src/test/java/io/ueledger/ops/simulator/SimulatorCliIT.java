package io.ueledger.ops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.ops.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** The simulator's {@code enroll} command line against the test server, and its one-line refusals. */
class SimulatorCliIT extends IntegrationTest {

    private static final String ALICE = "alice@corp.example";

    @Value("${ueledger.pki.dir}")
    String pkiDir;
    @Autowired
    JdbcTemplate jdbc;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void aliceIsActive() {
        givenActiveAccount(ALICE, "Alice");
    }

    @Test
    void enroll_prints_the_history_of_the_new_enrollment_with_every_stage_in_order() {
        int exit = cli("enroll", "--server", server(), "--platform", "iPadOS", "--os", "17.5", "--user", ALICE,
                "--password", "alice-demo", "--pki-dir", pkiDir, "--create-account");

        assertThat(exit).as(text(err)).isZero();
        String printed = text(out);
        assertThat(printed).contains("Enrolled iPadOS 17.5 as " + ALICE, "Command channel polled once: no commands");
        assertThat(printed).containsSubsequence("EnrollmentRequested", "EnrollmentChallenged", "UserAuthenticated",
                "SessionTokenIssued", "EnrollmentProfileDelivered", "IdentityCertificateIssued", "DeviceAuthenticated",
                "PushTokenUpdated", "DeviceEnrolled", "ManagedDataKeysCreated");
    }

    @Test
    void enroll_without_the_simulated_device_ca_says_where_it_looked_and_enrolls_nothing(@TempDir Path empty) {
        long before = enrollmentsRequested();

        int exit = cli("enroll", "--server", server(), "--pki-dir", empty.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(text(err).lines()).singleElement().asString().contains("no simulated device CA in",
                empty.toString(), "--pki-dir");
        assertThat(enrollmentsRequested()).isEqualTo(before);
    }

    @Test
    void enroll_against_a_server_that_is_not_running_exits_with_one_line_reason() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int exit = cli("enroll", "--server", "http://127.0.0.1:" + closedPort, "--pki-dir", pkiDir);

        assertThat(exit).isEqualTo(2);
        assertThat(text(err).lines()).singleElement().asString().contains("cannot reach the server");
    }

    @Test
    void enroll_with_a_deactivated_account_is_refused_before_any_device_traffic() {
        String carol = "carol-" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        asAdmin().postForEntity("/api/admin/accounts", Map.of("email", carol, "displayName", "Carol"), String.class);
        asAdmin().postForEntity("/api/admin/accounts/" + carol + "/deactivate", Map.of("reason", "left"), String.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode row = asAdmin().getForObject("/api/admin/accounts/" + carol, JsonNode.class);
            return row != null && !row.path("active").asBoolean(true);
        });
        long before = enrollmentsRequested();

        int exit = cli("enroll", "--server", server(), "--user", carol, "--pki-dir", pkiDir);

        assertThat(exit).isEqualTo(2);
        assertThat(text(err).lines()).singleElement().asString().contains(carol, "is not active");
        assertThat(enrollmentsRequested()).isEqualTo(before);
    }

    @Test
    void an_unknown_option_is_named() {
        int exit = cli("enroll", "--sever", server());

        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains("unknown option --sever").contains("--server");
    }

    private int cli(String... args) {
        return SimulatorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private long enrollmentsRequested() {
        return jdbc.queryForObject("select count(*) from domainevententry where payloadtype like '%.EnrollmentRequested'",
                Long.class);
    }

    private static String server() {
        return "http://127.0.0.1:" + PORT;
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
