package io.ueledger.kernel.policy;

import io.ueledger.kernel.mdm.PerAppNetworkSetting;

/**
 * A payload of an allowed profile that may only be bound to managed apps (per-app VPN, DNS proxy,
 * web content filter). The policy cannot see the device's managed apps; the caller must check the
 * binding before queuing and refuse with {@link #RULE_ID} otherwise.
 */
public record ManagedAppBinding(String payloadType, String payloadIdentifier, String payloadUuid,
                                PerAppNetworkSetting.Kind kind, String source) {

    public static final String RULE_ID = "ue.per-app-networking.unmanaged-app";
}
