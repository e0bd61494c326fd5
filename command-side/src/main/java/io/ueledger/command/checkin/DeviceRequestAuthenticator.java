package io.ueledger.command.checkin;

import io.ueledger.command.device.DeviceIdentityDirectory;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Establishes which enrollment sent a check-in or command-channel request: from the
 * {@code Mdm-Signature} header (a base64 CMS detached signature over the body, sent because the
 * profile sets SignMessage) or, behind a TLS-terminating proxy, from the client certificate the
 * proxy forwards in a configured header. Either way the certificate must be one our CA issued for
 * an enrollment, matched by its SHA-256 fingerprint.
 */
@Component
public class DeviceRequestAuthenticator {

    private final DeviceIdentityDirectory identities;
    private final Clock clock;
    private final String clientCertificateHeader;

    public DeviceRequestAuthenticator(DeviceIdentityDirectory identities, Clock clock,
            @Value("${ueledger.mdm.client-certificate-header:}") String clientCertificateHeader) {
        this.identities = identities;
        this.clock = clock;
        this.clientCertificateHeader = clientCertificateHeader;
    }

    /** The header to read a proxy-forwarded client certificate from, or empty when none is trusted. */
    public String clientCertificateHeader() {
        return clientCertificateHeader;
    }

    public AuthenticatedDevice authenticate(byte[] body, String mdmSignature, String forwardedCertificate) {
        X509Certificate certificate;
        if (mdmSignature != null && !mdmSignature.isBlank()) {
            certificate = verifyDetachedSignature(body, mdmSignature);
        } else if (!clientCertificateHeader.isBlank() && forwardedCertificate != null && !forwardedCertificate.isBlank()) {
            certificate = parseForwarded(forwardedCertificate);
        } else {
            throw new DeviceAuthenticationFailure("the request carries no Mdm-Signature header and no client "
                    + "certificate; every device request must be signed with its identity certificate");
        }
        try {
            certificate.checkValidity(java.util.Date.from(clock.instant()));
        } catch (CertificateException e) {
            throw new DeviceAuthenticationFailure("the device identity certificate is expired or not yet valid");
        }
        String fingerprint = fingerprint(certificate);
        String enrollmentRef = identities.enrollmentOf(fingerprint).orElseThrow(() -> new UnknownDevice(
                "the device identity certificate " + fingerprint + " was not issued by this server"));
        return new AuthenticatedDevice(enrollmentRef, fingerprint);
    }

    private static X509Certificate verifyDetachedSignature(byte[] body, String mdmSignature) {
        try {
            byte[] signature = Base64.getMimeDecoder().decode(mdmSignature.trim());
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(body), signature);
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw new DeviceAuthenticationFailure("the Mdm-Signature must have exactly one signer");
            }
            SignerInformation signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                throw new DeviceAuthenticationFailure("the Mdm-Signature does not include the signer's certificate");
            }
            X509CertificateHolder holder = matches.iterator().next();
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder))) {
                throw new DeviceAuthenticationFailure("the Mdm-Signature does not match the request body");
            }
            return toX509(holder.getEncoded());
        } catch (IllegalArgumentException e) {
            throw new DeviceAuthenticationFailure("the Mdm-Signature header is not base64");
        } catch (CMSException | OperatorCreationException | CertificateException | java.io.IOException e) {
            throw new DeviceAuthenticationFailure("the Mdm-Signature is not a valid signature over the body: "
                    + e.getMessage());
        }
    }

    /**
     * URL-encoded PEM (nginx's {@code $ssl_client_escaped_cert}) or base64 DER (HAProxy's
     * {@code %[ssl_c_der,base64]}, see ops/haproxy).
     */
    private static X509Certificate parseForwarded(String header) {
        String value = header.strip();
        try {
            if (!value.contains("BEGIN") && !value.contains("%")) {
                return toX509(java.util.Base64.getDecoder().decode(value));
            }
            String pem = URLDecoder.decode(value, StandardCharsets.UTF_8);
            return toX509(pem.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notBase64) {
            throw new DeviceAuthenticationFailure("the forwarded client certificate cannot be read");
        } catch (CertificateException e) {
            throw new DeviceAuthenticationFailure("the forwarded client certificate cannot be read");
        }
    }

    private static X509Certificate toX509(byte[] encoded) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
