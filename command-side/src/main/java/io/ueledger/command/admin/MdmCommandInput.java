package io.ueledger.command.admin;

import java.util.List;
import java.util.Map;

/**
 * An MDM command as an admin asks for it over the API.
 *
 * @param requestType the MDM RequestType, e.g. {@code InstallProfile}, {@code DeviceInformation}
 * @param arguments   the other keys of the command dictionary (JSON strings, numbers, booleans, lists, objects)
 * @param payload     InstallProfile only: the .mobileconfig, signed or not, base64
 * @param boundApps   InstallProfile only: bundle ids of the apps the profile's per-app VPN, DNS proxy or content
 *                    filter will carry (the apps whose attributes name its VPNUUID); each must be a managed app
 */
public record MdmCommandInput(String requestType, Map<String, Object> arguments, String payload,
                              List<String> boundApps) {

    public MdmCommandInput {
        arguments = arguments == null ? Map.of() : arguments;
        boundApps = boundApps == null ? List.of() : List.copyOf(boundApps);
    }
}
