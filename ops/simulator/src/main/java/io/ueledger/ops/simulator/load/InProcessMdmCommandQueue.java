package io.ueledger.ops.simulator.load;

import com.dd.plist.NSDictionary;
import io.ueledger.command.admin.MdmCommandInput;
import io.ueledger.command.admin.MdmCommandIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;


/**
 * Queues commands inside the server's own process through the same path as the admin API: the
 * User Enrollment policy decides, then the body and the queued command are stored in one
 * transaction. A plain web-clip profile is one every policy allows.
 */
public class InProcessMdmCommandQueue implements MdmCommandQueue {

    private final MdmCommandIssuer issuer;

    public InProcessMdmCommandQueue(MdmCommandIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public String installProfile(String enrollmentRef, String profileIdentifier) {
        String payload = Base64.getEncoder().encodeToString(profile(profileIdentifier));
        return issuer.issue(enrollmentRef, new MdmCommandInput("InstallProfile", Map.of(), payload, List.of()),
                "load-simulator").commandUuid();
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
        airPrint.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
        airPrint.put("PayloadVersion", 1);
        airPrint.put("AirPrint", new com.dd.plist.NSArray(printer));
        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadIdentifier", identifier);
        profile.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
        profile.put("PayloadVersion", 1);
        profile.put("PayloadDisplayName", "Load test profile");
        profile.put("PayloadContent", new com.dd.plist.NSArray(airPrint));
        return profile.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }
}
