package io.ueledger.command.admin;

import java.util.List;
import java.util.Map;

/**
 * A configuration profile an admin uploaded, read for the policy.
 *
 * @param bytes      the file exactly as uploaded (signed or not): what the device is sent
 * @param topLevel   the profile's own keys, without PayloadContent
 * @param payloads   each dictionary of PayloadContent
 * @param signed     whether it came wrapped in a CMS signature
 */
public record ProfileDocument(byte[] bytes, Map<String, Object> topLevel, List<Map<String, Object>> payloads,
                              boolean signed) {

    public String identifier() {
        return topLevel.get("PayloadIdentifier") instanceof String s ? s : null;
    }
}
