package io.ueledger.ops.simulator.load;

import io.ueledger.command.ddm.AssignmentInput;
import io.ueledger.command.ddm.DeclarationAssigner;
import io.ueledger.command.ddm.DeclarationSetInput;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Saves one small BYOD declaration set inside the server's process and assigns it through the
 * same service as the admin API, so the User Enrollment policy decides per device (passcode
 * settings are refused on a Mac, for instance).
 */
public class InProcessDeclarationPublisher implements DeclarationPublisher {

    private final DeclarationAssigner assigner;
    private final String setId = "load-" + UUID.randomUUID();

    public InProcessDeclarationPublisher(DeclarationAssigner assigner) {
        this.assigner = assigner;
        assigner.save(setId, new DeclarationSetInput("Load run BYOD set", List.of(
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
                        List.of("load.passcode", "load.legacy", "load.status"))))), "load-simulator");
    }

    @Override
    public void assign(String enrollmentRef) {
        assigner.assign(setId, new AssignmentInput(enrollmentRef, null, null, null), "load-simulator");
    }

    private static Map<String, Object> declaration(String type, String identifier, Map<String, Object> payload) {
        return Map.of("Type", type, "Identifier", identifier, "Payload", payload);
    }
}
