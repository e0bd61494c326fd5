package io.ueledger.ops.simulator.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Saves one small BYOD declaration set through the admin API and assigns it per device, as an admin
 * would: the server's User Enrollment policy decides per device (passcode settings are refused on a
 * Mac, for instance) and queues the DeclarativeManagement command that makes the device sync.
 */
public class AdminApiDeclarationPublisher implements DeclarationPublisher {

    private final ServerApi api;
    private final String setId = "load-" + UUID.randomUUID();

    public AdminApiDeclarationPublisher(ServerApi api) {
        this.api = api;
        api.put("/api/admin/declaration-sets/" + setId, Map.of("name", "Load run BYOD set", "declarations", List.of(
                declaration("com.apple.configuration.passcode.settings", "load.passcode",
                        Map.of("RequirePasscode", true, "MinimumLength", 6)),
                declaration("com.apple.configuration.legacy", "load.legacy",
                        Map.of("ProfileURL", "https://mdm.corp.example/profiles/printer.mobileconfig")),
                declaration("com.apple.configuration.management.status-subscriptions", "load.status",
                        Map.of("StatusItems", List.of(Map.of("Name", "passcode.is-compliant"),
                                Map.of("Name", "device.operating-system.version"),
                                Map.of("Name", "management.declarations")))),
                declaration("com.apple.management.organization-info", "load.org", Map.of("Name", "Corp Example")),
                declaration("com.apple.activation.simple", "load.activation", Map.of("StandardConfigurations",
                        List.of("load.passcode", "load.legacy", "load.status"))))), 200);
    }

    @Override
    public void assign(String enrollmentRef) {
        Map<String, Object> target = new HashMap<>();
        target.put("enrollmentRef", enrollmentRef);
        api.post("/api/admin/declaration-sets/" + setId + "/assignments", target, 200);
    }

    private static Map<String, Object> declaration(String type, String identifier, Map<String, Object> payload) {
        return Map.of("Type", type, "Identifier", identifier, "Payload", payload);
    }
}
