package io.ueledger.command.enrollment.request;

import io.ueledger.command.pki.DeviceTrustAnchors;
import io.ueledger.kernel.enrollment.SignerCertificate;
import io.ueledger.kernel.enrollment.SignerEvidence;
import io.ueledger.kernel.enrollment.SignerVerdict;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * Judges the certificate that signed an enrollment request against the configured device trust
 * anchors, at the clock's time, without revocation (Apple publishes none for device identities), and
 * writes down what it found. It never throws for an untrusted chain: whether that refuses the
 * request is the caller's policy.
 */
final class SignerChainCheck {

    /** A chain longer than this in one request is not a device's; stop following issuers. */
    private static final int MAX_CHAIN = 8;

    private final DeviceTrustAnchors anchors;
    private final Clock clock;

    SignerChainCheck(DeviceTrustAnchors anchors, Clock clock) {
        this.anchors = anchors;
        this.clock = clock;
    }

    SignerEvidence judge(X509Certificate signer, List<X509Certificate> included, boolean gated) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors.asTrustAnchors(), target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(included)));
            PKIXCertPathBuilderResult result =
                    (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            List<SignerCertificate> chain = result.getCertPath().getCertificates().stream()
                    .map(c -> summary((X509Certificate) c)).toList();
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            String anchorName = anchor.getSubjectX500Principal().getName();
            return new SignerEvidence(SignerVerdict.TRUSTED, "chains to the configured anchor '" + anchorName
                    + "' (" + summary(anchor).sha256() + ")", chain, anchorName, gated);
        } catch (Exception e) {
            return new SignerEvidence(SignerVerdict.UNTRUSTED, "no path to a configured anchor valid at "
                    + clock.instant() + ": " + e.getMessage(), chainAsSent(signer, included), null, gated);
        }
    }

    /** The signer, then each issuer the request itself carries, by name: what the device presented. */
    private static List<SignerCertificate> chainAsSent(X509Certificate signer, List<X509Certificate> included) {
        List<SignerCertificate> chain = new ArrayList<>();
        X509Certificate current = signer;
        while (current != null && chain.size() < MAX_CHAIN) {
            chain.add(summary(current));
            if (current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
                break;
            }
            X509Certificate child = current;
            current = included.stream()
                    .filter(c -> c != child && c.getSubjectX500Principal().equals(child.getIssuerX500Principal()))
                    .findFirst().orElse(null);
        }
        return chain;
    }

    static SignerCertificate summary(X509Certificate certificate) {
        return new SignerCertificate(certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), fingerprint(certificate));
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("a parsed certificate could not be re-encoded", e);
        }
    }
}
