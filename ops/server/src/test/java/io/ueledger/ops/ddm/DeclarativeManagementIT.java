package io.ueledger.ops.ddm;

import static io.ueledger.ops.ddm.TestDeclarations.ACTIVATION;
import static io.ueledger.ops.ddm.TestDeclarations.MAIL;
import static io.ueledger.ops.ddm.TestDeclarations.PASSCODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dd.plist.NSDictionary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.ops.admin.EnrolledTestDevice;
import io.ueledger.ops.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Declarative Device Management over HTTP with signed check-in messages: an admin saves and assigns
 * a set, the User Enrollment policy decides each declaration per device, the device syncs
 * (tokens, declaration-items, declaration/...), reports status, and bad input changes nothing.
 */
class DeclarativeManagementIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void an_iphone_syncs_a_set_and_reports_status_while_a_mac_is_refused_passcode_settings() throws Exception {
        EnrolledTestDevice iPhone = EnrolledTestDevice.iPhone(commands, http, "ddm-" + UUID.randomUUID() + "@corp.example");
        EnrolledTestDevice mac = EnrolledTestDevice.mac(commands, http, "ddm-" + UUID.randomUUID() + "@corp.example",
                "15.1");
        String setId = "byod-" + UUID.randomUUID();

        JsonNode saved = saveSet(setId, TestDeclarations.byodSet(6));
        assertThat(saved.path("declarations")).hasSize(8);

        JsonNode onPhone = assign(setId, iPhone.ref).get(0);
        assertThat(onPhone.path("refused")).isEmpty();
        assertThat(onPhone.path("offered")).hasSize(8);
        JsonNode onMac = assign(setId, mac.ref).get(0);
        assertThat(onMac.path("offered")).hasSize(7);
        JsonNode refusal = onMac.path("refused").get(0);
        assertThat(refusal.path("identifier").asText()).isEqualTo(PASSCODE);
        assertThat(refusal.path("rule").asText()).isEqualTo("ddm.type.not-for-user-enrollment");
        assertThat(refusal.path("source").asText()).contains("ue-ddm/declarations.tsv line")
                .contains("passcode.settings.yaml");
        assertThat(eventTypes(mac.ref)).contains("DeclarationRefused", "DeclarationsAssigned");
        assertThat(lastPayload(mac.ref, "DeclarationRefused")).contains("ddm.type.not-for-user-enrollment");

        // the DeclarativeManagement command carries the SyncTokens the device compares with
        NSDictionary command = iPhone.idle();
        NSDictionary body = (NSDictionary) command.objectForKey("Command");
        assertThat(body.objectForKey("RequestType").toJavaObject()).isEqualTo("DeclarativeManagement");
        JsonNode fromCommand = JSON.readTree((byte[]) body.objectForKey("Data").toJavaObject());
        String token = fromCommand.path("SyncTokens").path("DeclarationsToken").asText();
        assertThat(token).hasSize(64);
        assertThat(fromCommand.path("SyncTokens").path("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        JsonNode tokens = json(ddm(iPhone, "tokens", null));
        assertThat(fieldNames(tokens)).containsExactly("SyncTokens");
        assertThat(fieldNames(tokens.path("SyncTokens"))).containsExactlyInAnyOrder("DeclarationsToken", "Timestamp");
        assertThat(tokens.path("SyncTokens").path("DeclarationsToken").asText()).isEqualTo(token);

        JsonNode items = json(ddm(iPhone, "declaration-items", null));
        assertThat(fieldNames(items)).containsExactlyInAnyOrder("Declarations", "DeclarationsToken");
        assertThat(fieldNames(items.path("Declarations")))
                .containsExactlyInAnyOrder("Activations", "Configurations", "Assets", "Management");
        assertThat(items.path("DeclarationsToken").asText()).isEqualTo(token);
        assertThat(items.path("Declarations").path("Configurations")).hasSize(4);
        assertThat(items.path("Declarations").path("Assets")).hasSize(1);
        assertThat(items.path("Declarations").path("Management")).hasSize(2);
        assertThat(items.path("Declarations").path("Activations")).hasSize(1);

        Map<String, String> tokenOf = new LinkedHashMap<>();
        for (String key : List.of("Activations", "Configurations", "Assets", "Management")) {
            for (JsonNode item : items.path("Declarations").path(key)) {
                assertThat(fieldNames(item)).containsExactlyInAnyOrder("Identifier", "ServerToken");
                tokenOf.put(item.path("Identifier").asText(), item.path("ServerToken").asText());
                String category = switch (key) {
                    case "Activations" -> "activation";
                    case "Configurations" -> "configuration";
                    case "Assets" -> "asset";
                    default -> "management";
                };
                JsonNode declaration = json(ddm(iPhone, "declaration/" + category + "/" + item.path("Identifier").asText(),
                        null));
                assertThat(fieldNames(declaration)).containsExactlyInAnyOrder("Type", "Identifier", "ServerToken",
                        "Payload");
                assertThat(declaration.path("ServerToken").asText()).isEqualTo(item.path("ServerToken").asText());
                assertThat(declaration.path("Type").asText()).startsWith("com.apple." + category + ".");
            }
        }
        assertThat(eventTypes(iPhone.ref)).contains("DeclarationsSynced", "DeclarationDelivered");

        // the device reports: passcode compliant, the mail account could not be applied, and an item UE must not keep
        Map<String, Object> report = statusReport(tokenOf);
        assertThat(ddm(iPhone, "status", bytes(report)).getStatusCode()).isEqualTo(HttpStatus.OK);
        String reported = lastPayload(iPhone.ref, "DeclarationStatusReported");
        assertThat(reported).contains("Error.ConfigurationCannotBeApplied").contains("passcode.is-compliant")
                .contains("device.identifier.serial-number").doesNotContain("C02SERIAL123");

        // the views: latest status, report lines citing the events, device history, point-in-time state
        String statusEvent = lastEventId(iPhone.ref, "DeclarationStatusReported");
        JsonNode view = await().atMost(Duration.ofSeconds(60)).until(() -> asCompliance()
                .getForEntity("/api/ddm/enrollments/{ref}", JsonNode.class, iPhone.ref).getBody(),
                v -> v != null && statusEvent.equals(v.path("lastStatusEventId").asText()));
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        view.path("declarations").forEach(d -> declared.put(d.path("identifier").asText(), d));
        assertThat(declared).hasSize(8);
        assertThat(declared.get(MAIL).path("valid").asText()).isEqualTo("invalid");
        assertThat(declared.get(MAIL).path("reasons").asText()).contains("Error.ConfigurationCannotBeApplied");
        assertThat(declared.get(PASSCODE).path("active").asBoolean()).isTrue();
        assertThat(view.path("statusItems").toString()).contains("passcode.is-compliant")
                .doesNotContain("C02SERIAL123");
        assertThat(view.path("droppedItems").asText()).contains("device.identifier.serial-number");

        Map<String, JsonNode> phoneLines = reportLines(iPhone.ref, "ddm.passcode-compliance");
        assertThat(phoneLines.get("ddm.passcode-compliance").path("verdict").asText()).isEqualTo("REPORTED_OK");
        assertThat(phoneLines.get("ddm.passcode-compliance").path("eventIds").toString()).contains(statusEvent);
        assertThat(phoneLines.get("ddm.declarations-failed").path("verdict").asText()).isEqualTo("REPORTED_PROBLEM");
        assertThat(phoneLines.get("ddm.declarations-failed").path("evidence").asText())
                .contains(MAIL).contains("Error.ConfigurationCannotBeApplied");
        assertThat(phoneLines.get("ddm.declarations-failed").path("eventIds").toString()).contains(statusEvent);
        Map<String, JsonNode> macLines = reportLines(mac.ref, "ddm.declarations-refused");
        assertThat(macLines.get("ddm.declarations-refused").path("verdict").asText())
                .isEqualTo("ATTEMPTED_AND_REFUSED");
        assertThat(macLines.get("ddm.declarations-refused").path("eventIds").toString())
                .contains(lastEventId(mac.ref, "DeclarationRefused"));

        JsonNode history = await().atMost(Duration.ofSeconds(60)).until(() -> asCompliance().getForEntity(
                "/api/enrollments/{ref}/history?type=DeclarationStatusReported&type=DeclarationsSynced",
                JsonNode.class, iPhone.ref).getBody(), h -> h != null && h.path("items").size() >= 2);
        assertThat(history.toString()).contains("1 failed").contains("dropped unread");

        JsonNode state = asCompliance().getForEntity("/api/enrollments/{ref}/state", JsonNode.class, iPhone.ref)
                .getBody();
        assertThat(state.path("declarationsInForce")).hasSize(8);
        assertThat(state.path("declarationsInForce").toString()).contains("\"valid\":\"invalid\"");

        // editing one declaration changes its token and the DeclarationsToken, and nothing else
        saveSet(setId, TestDeclarations.byodSet(8));
        JsonNode after = json(ddm(iPhone, "declaration-items", null));
        assertThat(after.path("DeclarationsToken").asText()).isNotEqualTo(token);
        Map<String, String> tokenAfter = new LinkedHashMap<>();
        for (String key : List.of("Activations", "Configurations", "Assets", "Management")) {
            after.path("Declarations").path(key).forEach(i -> tokenAfter.put(i.path("Identifier").asText(),
                    i.path("ServerToken").asText()));
        }
        assertThat(tokenAfter.get(PASSCODE)).isNotEqualTo(tokenOf.get(PASSCODE));
        tokenAfter.remove(PASSCODE);
        tokenOf.remove(PASSCODE);
        assertThat(tokenAfter).isEqualTo(tokenOf);
        // saving the same content again keeps every token
        String stable = after.path("DeclarationsToken").asText();
        saveSet(setId, TestDeclarations.byodSet(8));
        assertThat(json(ddm(iPhone, "tokens", null)).path("SyncTokens").path("DeclarationsToken").asText())
                .isEqualTo(stable);
    }

    @Test
    void bad_ddm_input_gets_a_clear_4xx_and_records_nothing() throws Exception {
        EnrolledTestDevice iPhone = EnrolledTestDevice.iPhone(commands, http, "ddm-" + UUID.randomUUID() + "@corp.example");
        String setId = "bad-" + UUID.randomUUID();
        saveSet(setId, TestDeclarations.byodSet(6));
        assign(setId, iPhone.ref);
        int events = eventTypes(iPhone.ref).size();

        assertThat(ddm(iPhone, "no-such-endpoint", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ddm(iPhone, "declaration/profile/" + MAIL, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<byte[]> neverGiven = ddm(iPhone, "declaration/configuration/never-given", null);
        assertThat(neverGiven.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(new String(neverGiven.getBody(), StandardCharsets.UTF_8)).contains("never-given");
        assertThat(ddm(iPhone, "declaration/activation/" + MAIL, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ddm(iPhone, "status", "{not json".getBytes(StandardCharsets.UTF_8)).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ddm(iPhone, "status", bytes(Map.of("Errors", List.of()))).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ddm(iPhone, "status", new byte[40 * 1024]).getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        Map<String, Object> unknownDeclaration = Map.of("StatusItems", Map.of("management", Map.of("declarations",
                Map.of("configurations", List.of(Map.of("identifier", "never-given", "server-token", "x",
                        "active", true, "valid", "valid"))))), "Errors", List.of());
        assertThat(ddm(iPhone, "status", bytes(unknownDeclaration)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // a status report signed by this device but naming another enrollment
        Map<String, Object> otherEnrollment = new LinkedHashMap<>(Map.of("MessageType", "DeclarativeManagement",
                "Endpoint", "status", "EnrollmentID", UUID.randomUUID().toString().toUpperCase(),
                "Data", bytes(Map.of("StatusItems", Map.of(), "Errors", List.of()))));
        assertThat(iPhone.checkIn(otherEnrollment).getStatusCode().is4xxClientError()).isTrue();

        assertThat(eventTypes(iPhone.ref)).hasSize(events);

        // the admin side: a declaration the schema does not know, and a set that names a missing configuration
        ResponseEntity<String> unknownType = asAdmin().exchange("/api/admin/declaration-sets/{id}", HttpMethod.PUT,
                new HttpEntity<>(Map.of("name", "x", "declarations", List.of(TestDeclarations.declaration(
                        "com.apple.configuration.no-such-thing", "x", Map.of())))), String.class, "bad-type-" + UUID.randomUUID());
        assertThat(unknownType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknownType.getBody()).contains("not a declaration type");
        ResponseEntity<String> dangling = asAdmin().exchange("/api/admin/declaration-sets/{id}", HttpMethod.PUT,
                new HttpEntity<>(Map.of("name", "x", "declarations", List.of(TestDeclarations.declaration(
                        "com.apple.activation.simple", ACTIVATION, Map.of("StandardConfigurations", List.of("gone")))))),
                String.class, "dangling-" + UUID.randomUUID());
        assertThat(dangling.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(asAdmin().postForEntity("/api/admin/declaration-sets/{id}/assignments",
                Map.of("enrollmentRef", iPhone.ref), String.class, "no-such-set").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(eventTypes(iPhone.ref)).hasSize(events);
    }

    private static Map<String, Object> statusReport(Map<String, String> tokenOf) {
        List<Map<String, Object>> configurations = new ArrayList<>();
        configurations.add(Map.of("identifier", PASSCODE, "server-token", tokenOf.get(PASSCODE), "active", true,
                "valid", "valid"));
        configurations.add(Map.of("identifier", MAIL, "server-token", tokenOf.get(MAIL), "active", false,
                "valid", "invalid", "reasons", List.of(Map.of("code", "Error.ConfigurationCannotBeApplied",
                        "description", "The mail server could not be reached"))));
        return Map.of("StatusItems", Map.of(
                        "passcode", Map.of("is-compliant", true, "is-present", true),
                        "device", Map.of("operating-system", Map.of("version", "18.2"),
                                "identifier", Map.of("serial-number", "C02SERIAL123")),
                        "management", Map.of("declarations", Map.of("configurations", configurations,
                                "activations", List.of(Map.of("identifier", ACTIVATION, "server-token",
                                        tokenOf.get(ACTIVATION), "active", true, "valid", "valid")),
                                "assets", List.of(), "management", List.of()))),
                "Errors", List.of(), "FullReport", true);
    }

    private JsonNode saveSet(String setId, List<Map<String, Object>> declarations) throws Exception {
        ResponseEntity<String> response = asAdmin().exchange("/api/admin/declaration-sets/{id}", HttpMethod.PUT,
                new HttpEntity<>(Map.of("name", "BYOD basics", "declarations", declarations)), String.class, setId);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    private JsonNode assign(String setId, String enrollmentRef) throws Exception {
        ResponseEntity<String> response = asAdmin().postForEntity("/api/admin/declaration-sets/{id}/assignments",
                Map.of("enrollmentRef", enrollmentRef), String.class, setId);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    static ResponseEntity<byte[]> ddm(EnrolledTestDevice device, String endpoint, byte[] data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("MessageType", "DeclarativeManagement");
        message.put("Endpoint", endpoint);
        message.put("EnrollmentID", device.enrollmentId());
        if (data != null) {
            message.put("Data", data);
        }
        return device.checkIn(message);
    }

    private static JsonNode json(ResponseEntity<byte[]> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody() == null ? "" : new String(response.getBody(),
                StandardCharsets.UTF_8)).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    private static byte[] bytes(Object value) throws Exception {
        return JSON.writeValueAsBytes(value);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Map<String, JsonNode> reportLines(String ref, String awaitedLine) {
        JsonNode report = await().atMost(Duration.ofSeconds(60)).until(() -> asCompliance().getForEntity(
                "/api/compliance/enrollments/{ref}/report", JsonNode.class, ref).getBody(), r -> {
                    if (r == null) {
                        return false;
                    }
                    for (JsonNode line : r.path("lines")) {
                        if (line.path("lineId").asText().equals(awaitedLine)) {
                            return !line.path("eventIds").isEmpty();
                        }
                    }
                    return false;
                });
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        report.path("lines").forEach(l -> lines.put(l.path("lineId").asText(), l));
        return lines;
    }

    private String lastEventId(String ref, String eventType) {
        return jdbc.queryForObject("select eventidentifier from domainevententry where aggregateidentifier = ? and "
                + "payloadtype like ? order by sequencenumber desc limit 1", String.class, ref, "%." + eventType);
    }

    private List<String> eventTypes(String ref) {
        return jdbc.queryForList("select payloadtype from domainevententry where aggregateidentifier = ? "
                + "order by sequencenumber", String.class, ref).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    private String lastPayload(String ref, String eventType) {
        List<String> payloads = jdbc.queryForList("select convert_from(payload, 'UTF8') from domainevententry where "
                + "aggregateidentifier = ? and payloadtype like ? order by sequencenumber desc", String.class, ref,
                "%." + eventType);
        assertThat(payloads).as("a %s event", eventType).isNotEmpty();
        return payloads.get(0);
    }
}
