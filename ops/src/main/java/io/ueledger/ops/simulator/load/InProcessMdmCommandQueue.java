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

    /** A configuration profile with one harmless payload (a web clip), as an admin might push to a fleet. */
    static byte[] profile(String identifier) {
        NSDictionary webClip = new NSDictionary();
        webClip.put("PayloadType", "com.apple.webClip.managed");
        webClip.put("PayloadIdentifier", identifier + ".webclip");
        webClip.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
        webClip.put("PayloadVersion", 1);
        webClip.put("Label", "Intranet");
        webClip.put("URL", "https://intranet.corp.example/");
        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadIdentifier", identifier);
        profile.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
        profile.put("PayloadVersion", 1);
        profile.put("PayloadDisplayName", "Load test profile");
        profile.put("PayloadContent", new com.dd.plist.NSArray(webClip));
        return profile.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }
}
