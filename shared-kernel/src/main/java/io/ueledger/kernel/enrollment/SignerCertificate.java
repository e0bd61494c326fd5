package io.ueledger.kernel.enrollment;

import java.time.Instant;

/**
 * One certificate of the chain that signed an enrollment request, as evidence: enough to recognise
 * it again (fingerprint) and to judge it later (issuer, validity), never the key.
 *
 * @param sha256 SHA-256 of the DER certificate, lowercase hex
 */
public record SignerCertificate(
        String subject,
        String issuer,
        String serialNumber,
        Instant notBefore,
        Instant notAfter,
        String sha256) {
}
