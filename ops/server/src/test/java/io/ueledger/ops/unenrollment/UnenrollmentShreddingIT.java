package io.ueledger.ops.unenrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dd.plist.NSDictionary;
import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.command.enrollment.profile.EnrollmentProfileBuilder;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.command.unenrollment.SilentDeviceSweep;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import io.ueledger.ops.support.IntegrationTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Unenrollment end to end, by the admin (RemoveProfile acknowledged), by the user (CheckOut) and by
 * silence, and what is left afterwards: every column of every table is searched for the device's
 * personal values, and the history still lists every event with its type and time.
 */
class UnenrollmentShreddingIT extends IntegrationTest {

    private static final String ALICE = "alice@corp.example";
    private static final String SHREDDED = "[shredded]";

    @Autowired
    ServerPki pki;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SilentDeviceSweep sweep;
    @Autowired
    EnrollmentProfileBuilder profiles;

    @BeforeEach
    void aliceHasAnActiveManagedAppleAccount() {
        givenActiveAccount(ALICE, "Alice Example");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"IOS, 18.2", "MACOS, 15.1"})
    void an_admin_unenrollment_closes_on_the_acknowledged_remove_profile_and_shreds(Platform platform, String os) {
        Enrolled device = enroll(platform, os);

        var answer = unenroll(device.ref(), "left the company");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getBody().path("commandUuid").asText()).isNotBlank();
        await().atMost(Duration.ofSeconds(30)).until(() -> "UNENROLLMENT_PENDING".equals(registry(device.ref())
                .path("stage").asText()));

        assertThat(device.sim().poll()).containsExactly("RemoveProfile");

        List<String> types = historyUntilClosed(device.ref());
        assertThat(types).endsWith("UnenrollmentRequested", "MdmCommandQueued", "MdmCommandDelivered",
                "MdmCommandAcknowledged", "ManagedDataKeysDestroyed", "ManagedDataRemoved", "EnrollmentClosed");
        awaitRegistry(device.ref(), "closureReason", "UNENROLLED_BY_ADMIN");
        assertShredded(device);
        assertLaterRequestsAreTurnedAway(device);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"IOS, 18.2", "MACOS, 15.1"})
    void a_check_out_closes_the_enrollment_and_shreds(Platform platform, String os) {
        Enrolled device = enroll(platform, os);

        assertThat(device.sim().checkOut().statusCode()).isEqualTo(200);

        assertThat(historyUntilClosed(device.ref())).endsWith("DeviceCheckedOut", "ManagedDataKeysDestroyed",
                "ManagedDataRemoved", "EnrollmentClosed");
        awaitRegistry(device.ref(), "closureReason", "CHECKED_OUT");
        assertShredded(device);
        assertLaterRequestsAreTurnedAway(device);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"IOS, 18.2", "MACOS, 15.1"})
    void a_device_silent_for_the_whole_period_after_an_unenrollment_is_closed_for_silence(Platform platform,
                                                                                        String os) {
        Enrolled device = enroll(platform, os);
        assertThat(unenroll(device.ref(), "lost phone").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Instant requested = Instant.now();

        sweep.sweep(requested.plus(Duration.ofDays(13)));
        assertThat(closedCount(device.ref())).as("13 days of silence are not yet 14").isZero();

        sweep.sweep(requested.plus(Duration.ofDays(14)).plusSeconds(5));

        assertThat(historyUntilClosed(device.ref())).endsWith("UnenrollmentRequested", "MdmCommandQueued",
                "ManagedDataKeysDestroyed", "ManagedDataRemoved", "EnrollmentClosed");
        awaitRegistry(device.ref(), "closureReason", "SILENCE");
        assertShredded(device);
    }

    @Test
    void bad_unenrollment_requests_are_refused_clearly_and_change_nothing() {
        var unknown = unenroll("no-such-" + UUID.randomUUID(), "why not");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().path("detail").asText()).contains("No enrollment");

        Enrolled device = enroll(Platform.IOS, "18.2");
        long events = eventCount(device.ref());

        var noReason = asAdmin().exchange("/api/admin/enrollments/" + device.ref() + "/unenroll", HttpMethod.POST,
                json("{}"), JsonNode.class);
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody().path("detail").asText()).contains("reason");
        assertThat(eventCount(device.ref())).isEqualTo(events);

        var asCompliance = asCompliance().exchange("/api/admin/enrollments/" + device.ref() + "/unenroll",
                HttpMethod.POST, json("{\"reason\":\"x\"}"), String.class);
        assertThat(asCompliance.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        NSDictionary otherId = new NSDictionary();
        otherId.put("MessageType", "CheckOut");
        otherId.put("Topic", profiles.topic());
        otherId.put("EnrollmentID", UUID.randomUUID().toString().toUpperCase());
        assertThat(device.sim().checkInMessage(otherId).statusCode()).isBetween(400, 499);

        HttpHeaders forged = new HttpHeaders();
        forged.setContentType(MediaType.parseMediaType("application/x-apple-aspen-mdm-checkin"));
        forged.set("Mdm-Signature", java.util.Base64.getEncoder().encodeToString("not a signature".getBytes()));
        String checkOut = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><plist version=\"1.0\"><dict>"
                + "<key>MessageType</key><string>CheckOut</string><key>Topic</key><string>" + profiles.topic()
                + "</string><key>EnrollmentID</key><string>" + device.sim().enrollmentId() + "</string></dict></plist>";
        var forgedAnswer = http.exchange("/mdm/checkin", HttpMethod.PUT,
                new HttpEntity<>(checkOut.getBytes(StandardCharsets.UTF_8), forged), String.class);
        assertThat(forgedAnswer.getStatusCode().is4xxClientError()).isTrue();
        assertThat(eventCount(device.ref())).as("refused check-ins must not close the enrollment")
                .isLessThanOrEqualTo(events + 1);
        assertThat(closedCount(device.ref())).isZero();

        assertThat(unenroll(device.ref(), "first").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        var twice = unenroll(device.ref(), "second");
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(twice.getBody().path("detail").asText()).contains("already pending");

        device.sim().checkOut();
        await().atMost(Duration.ofSeconds(30)).until(() -> closedCount(device.ref()) == 1);
        long closedEvents = eventCount(device.ref());
        var closed = unenroll(device.ref(), "again");
        assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(closed.getBody().path("detail").asText()).contains("closed");
        assertThat(eventCount(device.ref())).isEqualTo(closedEvents);
    }

    // ---- what must be left after closure ----------------------------------------------------

    private void assertShredded(Enrolled device) {
        String ref = device.ref();
        assertThat(jdbc.queryForObject("select count(*) from enrollment_data_key where enrollment_ref = ?",
                Integer.class, ref)).isZero();
        assertThat(jdbc.queryForObject("select key_commitment from enrollment_data_key_tombstone "
                + "where enrollment_ref = ?", String.class, ref)).hasSize(64);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // Values only this device ever sent: nowhere in the database, in any column of any table.
            assertThat(tablesHolding(device.language().getBytes(StandardCharsets.UTF_8), null)).isEmpty();
            assertThat(tablesHolding(device.sim().lastPushToken(), null)).isEmpty();
            assertThat(tablesHolding(HexFormat.of().formatHex(device.sim().lastPushToken())
                    .getBytes(StandardCharsets.UTF_8), null)).isEmpty();
            assertThat(tablesHolding(device.sim().lastPushMagic().getBytes(StandardCharsets.UTF_8), null)).isEmpty();
            // The account outlives the enrollment (it is the organisation's record of Alice); no row
            // that belongs to this enrollment may still name it.
            assertThat(tablesHolding(ALICE.getBytes(StandardCharsets.UTF_8), ref)).isEmpty();
        });

        JsonNode history = asCompliance().getForEntity("/api/enrollments/" + ref + "/history?order=asc&size=100",
                JsonNode.class).getBody();
        List<String> accounts = new ArrayList<>();
        history.path("items").forEach(item -> {
            assertThat(item.path("eventType").asText()).isNotBlank();
            assertThat(item.path("occurredAt").asText()).isNotBlank();
            item.findValues("managedAppleAccount").forEach(v -> accounts.add(v.asText()));
            item.findValues("language").forEach(v -> accounts.add(v.asText()));
        });
        assertThat(accounts).isNotEmpty().containsOnly(SHREDDED);
        assertThat(history.toString()).doesNotContain(ALICE).doesNotContain(device.language());
        awaitRegistry(ref, "managedAppleAccount", SHREDDED);
    }

    private void assertLaterRequestsAreTurnedAway(Enrolled device) {
        NSDictionary idle = new NSDictionary();
        idle.put("MessageType", "TokenUpdate");
        idle.put("Topic", profiles.topic());
        idle.put("EnrollmentID", device.sim().enrollmentId());
        idle.put("Token", new byte[] {1, 2, 3});
        idle.put("PushMagic", "again");
        var answer = device.sim().checkInMessage(idle);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("com.apple.unrecognized.device");
    }

    /**
     * The tables (and columns) of schema public where {@code needle} occurs: as text in text, varchar
     * and jsonb columns, as raw bytes in bytea columns; with {@code rowOf}, only in rows that mention
     * that enrollment.
     */
    private List<String> tablesHolding(byte[] needle, String rowOf) {
        String text = new String(needle, StandardCharsets.UTF_8);
        List<String> hits = new ArrayList<>();
        jdbc.query("""
                select table_name, column_name, data_type from information_schema.columns
                 where table_schema = 'public'
                   and data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea')""",
                rs -> {
                    String table = rs.getString(1);
                    String column = rs.getString(2);
                    boolean bytes = "bytea".equals(rs.getString(3));
                    if (!bytes && text.indexOf('\u0000') >= 0) {
                        return; // binary needles (a push token) are looked for as bytes and, by the caller, as hex
                    }
                    String match = bytes ? "position(?::bytea in \"" + column + "\") > 0"
                            : "position(? in \"" + column + "\"::text) > 0";
                    String sql = "select count(*) from \"" + table + "\" t where " + match
                            + (rowOf == null ? "" : " and position(? in t::text) > 0");
                    Object[] args = rowOf == null ? new Object[] {bytes ? needle : text}
                            : new Object[] {bytes ? needle : text, rowOf};
                    Integer count = jdbc.queryForObject(sql, Integer.class, args);
                    if (count != null && count > 0) {
                        hits.add(table + "." + column);
                    }
                });
        return hits;
    }

    // ---- helpers ------------------------------------------------------------------------------

    record Enrolled(SimulatedDevice sim, String ref, String language) {
    }

    private Enrolled enroll(Platform platform, String os) {
        DeviceSpec standard = DeviceSpec.of(platform, os, ALICE, "alice-demo");
        String language = "x-shred-" + UUID.randomUUID().toString().substring(0, 8);
        DeviceSpec spec = new DeviceSpec(standard.platform(), standard.osVersion(), standard.product(),
                standard.build(), language, standard.userIdentifier(), standard.password(),
                standard.enrollmentUserId());
        SimulatedDevice device = SimulatedDevice.create(URI.create("http://127.0.0.1:" + PORT), spec,
                pki.simulatedDeviceCa());
        device.enroll();
        String ref = jdbc.queryForObject("select aggregateidentifier from domainevententry where payloadtype like "
                + "'%DeviceAuthenticated' and convert_from(payload, 'UTF8') like ?", String.class,
                "%" + device.enrollmentId() + "%");
        await().atMost(Duration.ofSeconds(30)).until(() -> "ENROLLED".equals(registry(ref).path("stage").asText()));
        // While the key lives, the views show the personal values; the ledger itself holds them sealed.
        assertThat(registry(ref).path("managedAppleAccount").asText()).isEqualTo(ALICE);
        assertThat(tablesHolding(language.getBytes(StandardCharsets.UTF_8), null))
                .as("the language is stored encrypted in the event store").doesNotContain("domainevententry.payload");
        return new Enrolled(device, ref, language);
    }

    private ResponseEntity<JsonNode> unenroll(String ref, String reason) {
        return asAdmin().exchange("/api/admin/enrollments/" + ref + "/unenroll", HttpMethod.POST,
                json("{\"reason\":\"" + reason + "\"}"), JsonNode.class);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /** The registry is a view of its own: the history having caught up says nothing about it. */
    private void awaitRegistry(String ref, String field, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(registry(ref).path(field).asText()).isEqualTo(expected));
    }

    private JsonNode registry(String ref) {
        return asCompliance().getForEntity("/api/enrollments/" + ref, JsonNode.class).getBody();
    }

    private long eventCount(String ref) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Long.class, ref);
    }

    private int closedCount(String ref) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ? "
                + "and payloadtype like '%EnrollmentClosed'", Integer.class, ref);
    }

    private List<String> historyUntilClosed(String ref) {
        List<String> types = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            types.clear();
            var response = asCompliance().getForEntity("/api/enrollments/" + ref + "/history?order=asc&size=100",
                    JsonNode.class);
            if (response.getStatusCode() != HttpStatus.OK) {
                return false;
            }
            response.getBody().path("items").forEach(item -> types.add(item.path("eventType").asText()));
            return types.contains("EnrollmentClosed");
        });
        return types;
    }
}
