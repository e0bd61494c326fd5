package io.ueledger.kernel.policy;

/**
 * One thing the policy found in a request: a key it removed, a payload or key that made it
 * refuse. {@code subject} names it the way the admin wrote it (e.g. {@code Queries.UDID},
 * {@code payload 'Wi-Fi' (com.apple.wifi.managed) key ProxyServer}).
 *
 * @param lineId the "MDM can't" line it relates to, or null
 */
public record PolicyFinding(String ruleId, String subject, String reason, String source, String lineId) {
}
