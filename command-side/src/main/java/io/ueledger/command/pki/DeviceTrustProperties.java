package io.ueledger.command.pki;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param deviceTrustAnchors   PEM files of the CAs an enrollment request's signer is checked
 *                             against. Empty (the embedded default) means the simulated device CA.
 *                             Apple does not document the CA that signs account-driven enrollment
 *                             requests, so this is evidence first (see docs/operators).
 * @param requireTrustedSigner when true, a request whose signer does not chain to an anchor is
 *                             refused (403). When false (the default) it is accepted and the verdict
 *                             is recorded in EnrollmentRequested. A broken signature is always refused.
 */
@ConfigurationProperties("ueledger.enrollment")
public record DeviceTrustProperties(@DefaultValue List<Path> deviceTrustAnchors,
                                    @DefaultValue("false") boolean requireTrustedSigner) {
}
