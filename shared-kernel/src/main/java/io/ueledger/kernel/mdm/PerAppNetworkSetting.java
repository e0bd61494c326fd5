package io.ueledger.kernel.mdm;

import java.util.List;

/**
 * A per-app network setting that came with a profile: a per-app VPN, DNS proxy or web content
 * filter, always bound to managed apps only.
 */
public record PerAppNetworkSetting(Kind kind, String payloadIdentifier, List<String> appBundleIds) {

    public enum Kind { VPN, DNS_PROXY, CONTENT_FILTER }

    public PerAppNetworkSetting {
        appBundleIds = appBundleIds == null ? List.of() : List.copyOf(appBundleIds);
    }
}
