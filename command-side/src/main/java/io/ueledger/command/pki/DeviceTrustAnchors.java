package io.ueledger.command.pki;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The CAs an enrollment request's signer must chain to. */
public record DeviceTrustAnchors(List<X509Certificate> certificates) {

    public DeviceTrustAnchors {
        if (certificates == null || certificates.isEmpty()) {
            throw new IllegalArgumentException("at least one device trust anchor is needed");
        }
        certificates = List.copyOf(certificates);
    }

    public static DeviceTrustAnchors from(DeviceTrustProperties properties, ServerPki pki) {
        if (properties.deviceTrustAnchors().isEmpty()) {
            return new DeviceTrustAnchors(List.of(pki.simulatedDeviceCa().certificate()));
        }
        return new DeviceTrustAnchors(properties.deviceTrustAnchors().stream()
                .flatMap(path -> IdentityFiles.readPemCertificates(path).stream()).toList());
    }

    public Set<TrustAnchor> asTrustAnchors() {
        return certificates.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
    }
}
