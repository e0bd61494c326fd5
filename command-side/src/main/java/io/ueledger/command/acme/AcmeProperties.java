package io.ueledger.command.acme;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ACME server that issues device identities (RFC 8555 with Apple's device-attest-01).
 *
 * @param enabled                  enrollment profiles carry a {@code com.apple.security.acme} payload
 *                                 instead of SCEP for devices whose OS supports it (iOS/iPadOS 16, macOS
 *                                 13.1, visionOS 1.0 and later); older ones keep SCEP
 * @param path                     where the ACME endpoints live under the public base URL
 * @param clientIdentifierTtl      how long a profile's one-time ClientIdentifier stays usable
 * @param nonceTtl                 how long a Replay-Nonce stays usable
 * @param orderTtl                 how long an order may take from creation to issuance
 * @param appleAttestationRoot     PEM file of the root that device attestations must chain to (Apple's
 *                                 Enterprise Attestation Root CA). Unset: attestations are checked for
 *                                 structure, freshness and key, and recorded as unverified evidence
 * @param requireAttestation       refuse device-attest-01 answers without an attestation (format none).
 *                                 Off by default: iPhones with an A10 chip or older, Intel Macs without T2 and
 *                                 macOS 13 send none, and the ClientIdentifier then stands alone, as in SCEP
 * @param http01                   the http-01 challenge, for tests and non-Apple clients only
 */
@ConfigurationProperties("ueledger.acme")
public record AcmeProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("/acme") String path,
        @DefaultValue("1h") Duration clientIdentifierTtl,
        @DefaultValue("1h") Duration nonceTtl,
        @DefaultValue("1h") Duration orderTtl,
        Path appleAttestationRoot,
        @DefaultValue("false") boolean requireAttestation,
        @DefaultValue Http01 http01) {

    /**
     * @param enabled           offer http-01 for {@code dns} identifiers (the ClientIdentifier as the name);
     *                          Apple devices never use it
     * @param validationAddress host:port the validator fetches the token from (the identifier is a token,
     *                          not a host name that resolves)
     * @param allowLoopback     let the validator reach loopback addresses: only for a test on one machine
     */
    public record Http01(@DefaultValue("false") boolean enabled, String validationAddress,
                         @DefaultValue("false") boolean allowLoopback) {
    }
}
