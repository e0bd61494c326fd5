package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Evidence from the ACME device-attest-01 challenge, before the identity certificate is issued.
 *
 * @param format            the attestation format the device sent: {@code apple} or {@code none}
 * @param verdict           {@code verified} (chains to the configured attestation root), {@code unverified}
 *                          (no root configured: structure, freshness and key checked only) or {@code none}
 * @param note              what was checked, in words
 * @param attestedKeySha256 SHA-256 (hex) of the attested key's SubjectPublicKeyInfo, or null without attestation
 */
@Revision("1")
public record IdentityAttestationRecorded(
        String enrollmentRef,
        String format,
        String verdict,
        String note,
        String attestedKeySha256,
        Instant occurredAt) {
}
