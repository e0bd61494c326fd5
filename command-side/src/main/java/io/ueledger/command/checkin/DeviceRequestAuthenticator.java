package io.ueledger.command.checkin;

import io.ueledger.command.device.DeviceIdentityDirectory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import io.ueledger.kernel.identity.IdentityRetirement;
import io.ueledger.kernel.identity.RetireIdentityCertificate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Establishes which enrollment sent a check-in or command-channel request: from the
 * {@code Mdm-Signature} header (a base64 CMS detached signature over the body, sent because the
 * profile sets SignMessage) or, behind a TLS-terminating proxy, from the client certificate the
 * proxy forwards in a configured header. Either way the certificate must be one our CA issued for
 * an enrollment, matched by its SHA-256 fingerprint, and not one a renewal replaced and retired.
 * The first request signed with a renewed certificate retires the one it replaced.
 */
@Component
public class DeviceRequestAuthenticator {

    private final DeviceIdentityDirectory identities;
    private final CommandGateway commands;
    private final Clock clock;
    private final String clientCertificateHeader;
    private final DeviceCertificates certificates = new DeviceCertificates();

    public DeviceRequestAuthenticator(DeviceIdentityDirectory identities, CommandGateway commands, Clock clock,
            @Value("${ueledger.mdm.client-certificate-header:}") String clientCertificateHeader) {
        this.identities = identities;
        this.commands = commands;
        this.clock = clock;
        this.clientCertificateHeader = clientCertificateHeader;
    }

    /** The header to read a proxy-forwarded client certificate from, or empty when none is trusted. */
    public String clientCertificateHeader() {
        return clientCertificateHeader;
    }

    public AuthenticatedDevice authenticate(byte[] body, String mdmSignature, String forwardedCertificate) {
        DeviceCertificates.Known signer;
        if (mdmSignature != null && !mdmSignature.isBlank()) {
            signer = verifyDetachedSignature(body, mdmSignature);
        } else if (!clientCertificateHeader.isBlank() && forwardedCertificate != null && !forwardedCertificate.isBlank()) {
            signer = parseForwarded(forwardedCertificate);
        } else {
            throw new DeviceAuthenticationFailure("the request carries no Mdm-Signature header and no client "
                    + "certificate; every device request must be signed with its identity certificate");
        }
        // checked on every request, cached certificate or not: the clock moves, the certificate's validity does not
        try {
            signer.certificate().checkValidity(java.util.Date.from(clock.instant()));
        } catch (CertificateException e) {
            throw new DeviceAuthenticationFailure("the device identity certificate is expired or not yet valid");
        }
        String fingerprint = signer.fingerprint();
        DeviceIdentityDirectory.Identity identity = identities.identityOf(fingerprint).orElseThrow(() ->
                new UnknownDevice("the device identity certificate " + fingerprint
                        + " was not issued by this server"));
        if (identity.retired()) {
            throw new DeviceAuthenticationFailure("the device identity certificate " + fingerprint
                    + " was replaced by a renewed one and is no longer accepted");
        }
        if (identity.replacedStillAccepted() != null) {
            // the first request signed with a renewed certificate: the device has switched, the old one stops
            commands.sendAndWait(new RetireIdentityCertificate(identity.enrollmentRef(),
                    identity.replacedStillAccepted(), IdentityRetirement.NEW_CERTIFICATE_USED, clock.instant()));
            identities.forget(fingerprint);
        }
        certificates.remember(signer);
        return new AuthenticatedDevice(identity.enrollmentRef(), fingerprint);
    }

    private DeviceCertificates.Known verifyDetachedSignature(byte[] body, String mdmSignature) {
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
            DeviceCertificates.Known certificate = certificates.of(matches.iterator().next().getEncoded());
            // the body's digest and the signature are checked per request; only the verifier is reused
            if (!signer.verify(certificate.signerVerifier())) {
                throw new DeviceAuthenticationFailure("the Mdm-Signature does not match the request body");
            }
            return certificate;
        } catch (IllegalArgumentException e) {
            throw new DeviceAuthenticationFailure("the Mdm-Signature header is not base64");
        } catch (CMSException | CertificateException | java.io.IOException e) {
            throw new DeviceAuthenticationFailure("the Mdm-Signature is not a valid signature over the body: "
                    + e.getMessage());
        }
    }

    /**
     * URL-encoded PEM (nginx's {@code $ssl_client_escaped_cert}) or base64 DER (HAProxy's
     * {@code %[ssl_c_der,base64]}, see ops/haproxy).
     */
    private DeviceCertificates.Known parseForwarded(String header) {
        String value = header.strip();
        try {
            if (!value.contains("BEGIN") && !value.contains("%")) {
                return certificates.of(java.util.Base64.getDecoder().decode(value));
            }
            String pem = URLDecoder.decode(value, StandardCharsets.UTF_8);
            return certificates.of(pem.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notBase64) {
            throw new DeviceAuthenticationFailure("the forwarded client certificate cannot be read");
        } catch (CertificateException e) {
            throw new DeviceAuthenticationFailure("the forwarded client certificate cannot be read");
        }
    }
}
