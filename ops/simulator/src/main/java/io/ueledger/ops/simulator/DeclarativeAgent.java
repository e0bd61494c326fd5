package io.ueledger.ops.simulator;

import com.dd.plist.NSDictionary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The simulated device's Declarative Device Management client, as Apple describes the device side:
 * compare the server's DeclarationsToken with the one it holds, fetch the manifest when it differs,
 * fetch only new or changed declarations, drop vanished ones, apply what it understands, and report
 * status for the items it is subscribed to. With {@code failureRate} &gt; 0 it sometimes reports
 * a configuration it could not apply, as a real device does when a server is unreachable.
 */
public class DeclarativeAgent {

    /** Configuration types this simulator "applies"; anything else is reported invalid, as an unknown type is. */
    private static final Set<String> UNDERSTOOD = Set.of("com.apple.configuration.passcode.settings",
            "com.apple.configuration.account.mail", "com.apple.configuration.account.exchange",
            "com.apple.configuration.account.caldav", "com.apple.configuration.account.carddav",
            "com.apple.configuration.legacy", "com.apple.configuration.management.status-subscriptions",
            "com.apple.configuration.app.managed", "com.apple.configuration.security.certificate");
    private static final List<String> CATEGORIES = List.of("activation", "configuration", "asset", "management");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Held(String category, String type, String serverToken, JsonNode payload, boolean valid,
                        String failure) {
    }

    private final SimulatedDevice device;
    private final double failureRate;
    private final RandomGenerator random;
    private final Map<String, Held> held = new LinkedHashMap<>();
    private String declarationsToken;
    private int reports;

    DeclarativeAgent(SimulatedDevice device, double failureRate, RandomGenerator random) {
        this.device = device;
        this.failureRate = failureRate;
        this.random = random;
    }

    /** The outcome of one sync: whether anything changed, how many fetches, and whether a status report went out. */
    public record SyncResult(boolean changed, int fetched, int held, int failed) {
    }

    public String declarationsToken() {
        return declarationsToken;
    }

    public int statusReportsSent() {
        return reports;
    }

    /** Identifiers of the declarations the device holds and reports invalid. */
    public List<String> failedDeclarations() {
        return held.entrySet().stream().filter(e -> !e.getValue().valid()).map(Map.Entry::getKey).toList();
    }

    public SyncResult sync() {
        JsonNode tokens = json(exchange("tokens", null), "tokens");
        String serverToken = tokens.path("SyncTokens").path("DeclarationsToken").asText(null);
        if (serverToken == null) {
            throw new SimulationFailure("the tokens answer has no SyncTokens.DeclarationsToken: " + tokens);
        }
        if (serverToken.equals(declarationsToken)) {
            return new SyncResult(false, 0, held.size(), failedDeclarations().size());
        }
        JsonNode items = json(exchange("declaration-items", null), "declaration-items");
        Set<String> offered = new LinkedHashSet<>();
        int fetched = 0;
        for (String category : CATEGORIES) {
            String key = switch (category) {
                case "activation" -> "Activations";
                case "configuration" -> "Configurations";
                case "asset" -> "Assets";
                default -> "Management";
            };
            JsonNode list = items.path("Declarations").path(key);
            if (!list.isArray()) {
                throw new SimulationFailure("declaration-items has no " + key + " array: " + items);
            }
            for (JsonNode item : list) {
                String identifier = item.path("Identifier").asText();
                String token = item.path("ServerToken").asText();
                offered.add(identifier);
                Held current = held.get(identifier);
                if (current != null && current.serverToken().equals(token)) {
                    continue;
                }
                JsonNode declaration = json(exchange("declaration/" + category + "/" + identifier, null), identifier);
                fetched++;
                held.put(identifier, apply(category, declaration));
            }
        }
        held.keySet().retainAll(offered);
        declarationsToken = items.path("DeclarationsToken").asText(serverToken);
        report();
        return new SyncResult(true, fetched, held.size(), failedDeclarations().size());
    }

    private Held apply(String category, JsonNode declaration) {
        String type = declaration.path("Type").asText();
        String token = declaration.path("ServerToken").asText();
        JsonNode payload = declaration.path("Payload");
        if (category.equals("configuration")) {
            if (!UNDERSTOOD.contains(type)) {
                return new Held(category, type, token, payload, false, "Error.UnknownDeclarationType");
            }
            if (!type.endsWith("status-subscriptions") && random.nextDouble() < failureRate) {
                return new Held(category, type, token, payload, false, "Error.ConfigurationCannotBeApplied");
            }
        }
        return new Held(category, type, token, payload, true, null);
    }

    /** A full report of every declaration, and of the items a status-subscriptions declaration asks for. */
    private void report() {
        Map<String, Object> declarations = new LinkedHashMap<>();
        for (String category : CATEGORIES) {
            List<Map<String, Object>> entries = new ArrayList<>();
            held.forEach((identifier, d) -> {
                if (d.category().equals(category)) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("identifier", identifier);
                    entry.put("server-token", d.serverToken());
                    entry.put("active", d.valid());
                    entry.put("valid", d.valid() ? "valid" : "invalid");
                    if (!d.valid()) {
                        entry.put("reasons", List.of(Map.of("code", d.failure(), "description",
                                "The simulated device could not apply " + d.type())));
                    }
                    entries.add(entry);
                }
            });
            // the status item names its arrays in lower case, and "management" stays singular
            declarations.put(category.equals("management") ? "management" : category + "s", entries);
        }
        Map<String, Object> statusItems = new LinkedHashMap<>();
        for (String item : subscribedItems()) {
            Object value = value(item);
            if (item.equals("management.declarations")) {
                value = declarations;
            }
            if (value != null) {
                put(statusItems, item, value);
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("StatusItems", statusItems);
        report.put("Errors", List.of());
        report.put("FullReport", true);
        try {
            byte[] data = JSON.writeValueAsBytes(report);
            HttpResponse<byte[]> response = exchange("status", data);
            if (response.statusCode() != 200) {
                throw new SimulationFailure("the status report answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            reports++;
        } catch (IOException e) {
            throw new SimulationFailure("the status report cannot be written: " + e);
        }
    }

    private Set<String> subscribedItems() {
        Set<String> names = new LinkedHashSet<>();
        held.values().stream().filter(d -> d.type().endsWith("status-subscriptions") && d.valid())
                .forEach(d -> d.payload().path("StatusItems").forEach(i -> names.add(i.path("Name").asText())));
        return names;
    }

    private Object value(String item) {
        boolean passcodeDeclared = held.values().stream()
                .anyMatch(d -> d.type().equals("com.apple.configuration.passcode.settings"));
        boolean passcodeFailed = held.values().stream()
                .anyMatch(d -> d.type().equals("com.apple.configuration.passcode.settings") && !d.valid());
        return switch (item) {
            case "passcode.is-present" -> true;
            case "passcode.is-compliant" -> !passcodeDeclared || !passcodeFailed;
            case "device.operating-system.version" -> device.spec().osVersion();
            case "device.operating-system.build-version" -> device.spec().build();
            case "device.model.identifier" -> device.spec().product();
            case "device.model.family" -> device.spec().modelFamily();
            case "management.declarations" -> Map.of();
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }

    private HttpResponse<byte[]> exchange(String endpoint, byte[] data) {
        NSDictionary message = new NSDictionary();
        message.put("MessageType", "DeclarativeManagement");
        message.put("Endpoint", endpoint);
        message.put("EnrollmentID", device.enrollmentId());
        if (data != null) {
            message.put("Data", data);
        }
        return device.checkInMessage(message);
    }

    private static JsonNode json(HttpResponse<byte[]> response, String what) {
        if (response.statusCode() != 200) {
            throw new SimulationFailure("DDM " + what + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SimulationFailure("DDM " + what + " is not JSON: " + e.getMessage());
        }
    }
}
