package io.ueledger.ops.simulator;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import io.ueledger.command.plist.SafePlistParser;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.cms.CMSSignedData;

/**
 * What the MDM manages on a simulated device: its configuration profiles, managed apps and the
 * data-separated volume. Commands are carried out against it as a user-enrolled device would:
 * only managed things are listed, and removing the enrollment profile removes everything managed.
 */
public class ManagedState {

    final Map<String, String> profiles = new LinkedHashMap<>();
    final Map<String, String> managedApps = new LinkedHashMap<>();
    final Set<String> deferredOnce = new HashSet<>();
    NSDictionary scepPayload;
    boolean removedEnrollmentProfile;

    public Map<String, String> profiles() {
        return Map.copyOf(profiles);
    }

    public Map<String, String> managedApps() {
        return Map.copyOf(managedApps);
    }

    NSDictionary execute(String requestType, NSDictionary command, String enrollmentProfileIdentifier) {
        NSDictionary result = new NSDictionary();
        result.put("Status", "Acknowledged");
        result.put("RequestType", requestType);
        switch (requestType) {
            case "InstallProfile" -> {
                NSDictionary profile = profileOf(command.objectForKey("Payload"));
                if (profile == null) {
                    return error(result, 4001, "MCProfileErrorDomain", "The profile could not be read.");
                }
                profiles.put(SimulatedDevice.string(profile, "PayloadIdentifier"),
                        String.valueOf(SimulatedDevice.string(profile, "PayloadDisplayName")));
            }
            case "RemoveProfile" -> {
                String identifier = SimulatedDevice.string(command, "Identifier");
                if (identifier != null && identifier.equals(enrollmentProfileIdentifier)) {
                    removedEnrollmentProfile = true;
                } else if (profiles.remove(identifier) == null) {
                    return error(result, 4004, "MCProfileErrorDomain", "The profile is not installed.");
                }
            }
            case "InstallApplication" -> {
                String app = firstNonNull(SimulatedDevice.string(command, "Identifier"),
                        SimulatedDevice.string(command, "iTunesStoreID"));
                managedApps.put(app, "1.0");
            }
            case "RemoveApplication" -> managedApps.remove(SimulatedDevice.string(command, "Identifier"));
            case "ProfileList" -> {
                NSArray list = new NSArray(profiles.size());
                int i = 0;
                for (Map.Entry<String, String> p : profiles.entrySet()) {
                    NSDictionary item = new NSDictionary();
                    item.put("PayloadIdentifier", p.getKey());
                    item.put("PayloadDisplayName", p.getValue());
                    item.put("IsManaged", true);
                    list.setValue(i++, item);
                }
                result.put("ProfileList", list);
            }
            case "InstalledApplicationList", "ManagedApplicationList" -> {
                NSArray list = new NSArray(managedApps.size());
                int i = 0;
                for (Map.Entry<String, String> app : managedApps.entrySet()) {
                    NSDictionary item = new NSDictionary();
                    item.put("Identifier", app.getKey());
                    item.put("Version", app.getValue());
                    item.put("IsManaged", true);
                    list.setValue(i++, item);
                }
                result.put(requestType.equals("ManagedApplicationList") ? "ManagedApplicationList"
                        : "InstalledApplicationList", list);
            }
            case "DeviceInformation" -> {
                NSDictionary answers = new NSDictionary();
                NSObject queries = command.objectForKey("Queries");
                if (queries instanceof NSArray array) {
                    for (NSObject query : array.getArray()) {
                        String key = query.toJavaObject().toString();
                        if (List.of("OSVersion", "BuildVersion", "ProductName", "Model", "DeviceName").contains(key)) {
                            answers.put(key, "simulated");
                        }
                    }
                }
                result.put("QueryResponses", answers);
            }
            default -> {
                // settings, DeviceLock and other commands: acknowledged without changing what is listed
            }
        }
        return result;
    }

    static NSDictionary profileOf(NSObject payload) {
        if (!(payload instanceof NSData data)) {
            return null;
        }
        byte[] bytes = data.bytes();
        try {
            if (bytes.length > 0 && bytes[0] == 0x30) {
                bytes = (byte[]) new CMSSignedData(bytes).getSignedContent().getContent();
            }
            NSObject parsed = SafePlistParser.parse(bytes);
            return parsed instanceof NSDictionary dictionary ? dictionary : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static NSDictionary error(NSDictionary result, int code, String domain, String description) {
        result.put("Status", "Error");
        NSDictionary item = new NSDictionary();
        item.put("ErrorCode", code);
        item.put("ErrorDomain", domain);
        item.put("LocalizedDescription", description);
        item.put("USEnglishDescription", description);
        result.put("ErrorChain", new NSArray(item));
        return result;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    void clear() {
        profiles.clear();
        managedApps.clear();
    }
}
