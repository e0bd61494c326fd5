package io.ueledger.ops.simulator.load;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Queues commands as an admin would: {@code POST /api/admin/enrollments/{ref}/commands}, where the User
 * Enrollment policy decides and the body and the queued command are stored in one transaction. A plain
 * printer profile is one every policy allows.
 */
public class AdminApiCommandQueue implements MdmCommandQueue {

    private final ServerApi api;

    public AdminApiCommandQueue(ServerApi api) {
        this.api = api;
    }

    @Override
    public String installProfile(String enrollmentRef, String profileIdentifier) {
        String payload = Base64.getEncoder().encodeToString(profile(profileIdentifier));
        JsonNode accepted = api.post("/api/admin/enrollments/" + enrollmentRef + "/commands",
                Map.of("requestType", "InstallProfile", "payload", payload), 202);
        String uuid = accepted.path("commandUuid").asText("");
        if (uuid.isEmpty()) {
            throw new IllegalStateException("the admin API accepted the command but named no commandUuid");
        }
        return uuid;
    }

    /**
     * A configuration profile with one harmless payload an admin might push to a whole fleet: a
     * printer (AirPrint), which User Enrollment allows on every platform it supports.
     */
    static byte[] profile(String identifier) {
        NSDictionary printer = new NSDictionary();
        printer.put("IPAddress", "192.0.2.10");
        printer.put("ResourcePath", "/ipp/print");
        NSDictionary airPrint = new NSDictionary();
        airPrint.put("PayloadType", "com.apple.airprint");
        airPrint.put("PayloadIdentifier", identifier + ".airprint");
        airPrint.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
        airPrint.put("PayloadVersion", 1);
        airPrint.put("AirPrint", new NSArray(printer));
        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadIdentifier", identifier);
        profile.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
        profile.put("PayloadVersion", 1);
        profile.put("PayloadDisplayName", "Load test profile");
        profile.put("PayloadContent", new NSArray(airPrint));
        return profile.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }
}
