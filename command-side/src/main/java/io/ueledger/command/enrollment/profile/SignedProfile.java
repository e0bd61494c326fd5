package io.ueledger.command.enrollment.profile;

/**
 * A signed enrollment profile ready to send as {@code application/x-apple-aspen-config}.
 *
 * @param bytes             DER CMS SignedData with the profile plist attached
 * @param profileIdentifier PayloadIdentifier, the handle for RemoveProfile; stable per enrollment
 * @param profileUuid       PayloadUUID of the outer Configuration
 * @param topic             the APNs topic written into the MDM payload
 * @param payloadDigest     SHA-256 (hex) of the unsigned profile plist; recorded instead of the
 *                          profile, which holds the one-time SCEP challenge
 */
public record SignedProfile(byte[] bytes, String profileIdentifier, String profileUuid, String topic,
        String payloadDigest) {
}
