package io.ueledger.kernel.policy;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An MDM command an admin wants to send to a user-enrolled device, as plain Java: the command's
 * keys as a plist-like tree (maps, lists, strings, numbers, booleans, byte[]), and for
 * {@code InstallProfile} the profile already parsed into its top-level keys and payload
 * dictionaries (the caller parses the plist; this kernel has no plist parser).
 *
 * @param arguments        the keys of the {@code Command} dictionary other than {@code RequestType}
 * @param profileTopLevel  InstallProfile only: the profile's own keys (PayloadRemovalDisallowed, …), without PayloadContent
 * @param profilePayloads  InstallProfile only: each dictionary of the profile's PayloadContent
 */
public record MdmCommandRequest(
        String requestType,
        Platform platform,
        OsVersion osVersion,
        Map<String, Object> arguments,
        Map<String, Object> profileTopLevel,
        List<Map<String, Object>> profilePayloads) {

    public MdmCommandRequest {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(osVersion, "osVersion");
        requestType = requestType == null ? "" : requestType.trim();
        arguments = frozen(arguments);
        profileTopLevel = frozen(profileTopLevel);
        profilePayloads = profilePayloads == null ? List.of()
                : profilePayloads.stream().map(MdmCommandRequest::frozen).toList();
    }

    public static MdmCommandRequest of(String requestType, Platform platform, OsVersion osVersion) {
        return new MdmCommandRequest(requestType, platform, osVersion, Map.of(), Map.of(), List.of());
    }

    public static MdmCommandRequest of(String requestType, Platform platform, OsVersion osVersion,
                                       Map<String, Object> arguments) {
        return new MdmCommandRequest(requestType, platform, osVersion, arguments, Map.of(), List.of());
    }

    public static MdmCommandRequest installProfile(Platform platform, OsVersion osVersion,
                                                   List<Map<String, Object>> payloads) {
        return new MdmCommandRequest("InstallProfile", platform, osVersion, Map.of(), Map.of(), payloads);
    }

    public static MdmCommandRequest installProfile(Platform platform, OsVersion osVersion,
                                                   Map<String, Object> topLevel, List<Map<String, Object>> payloads) {
        return new MdmCommandRequest("InstallProfile", platform, osVersion, Map.of(), topLevel, payloads);
    }

    /** The same request with other command keys; how narrowing is expressed. */
    public MdmCommandRequest withArguments(Map<String, Object> newArguments) {
        return new MdmCommandRequest(requestType, platform, osVersion, newArguments, profileTopLevel, profilePayloads);
    }

    /** "iOS 17.4" */
    public String device() {
        return platform.displayName() + " " + osVersion;
    }

    private static Map<String, Object> frozen(Map<String, Object> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
