package io.ueledger.command.scep;

import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.CertificateMaker.Kind;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.kernel.enrollment.IssueIdentityCertificate;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Issues a device's identity certificate from the device-identity CA, with the one certificate profile
 * every path uses (SCEP and ACME alike: {@link IdentitySubject}, client authentication, the configured
 * validity), and records {@code IssueIdentityCertificate} on the enrollment. Check-in knows a device by
 * that record, so it does not matter which protocol brought the certificate.
 */
@Component
public class DeviceIdentityIssuer {

    private final ServerPki pki;
    private final CertificateMaker maker;
    private final CommandGateway commands;
    private final OrganisationProperties organisation;
    private final ScepProperties properties;
    private final Clock clock;

    public DeviceIdentityIssuer(ServerPki pki, CertificateMaker maker, CommandGateway commands,
            OrganisationProperties organisation, ScepProperties properties, Clock clock) {
        this.pki = pki;
        this.maker = maker;
        this.commands = commands;
        this.organisation = organisation;
        this.properties = properties;
        this.clock = clock;
    }

    /** The subject the enrollment's identity certificate carries. */
    public IdentitySubject subjectFor(String enrollmentRef) {
        return new IdentitySubject(organisation.name(), enrollmentRef);
    }

    /**
     * @throws RuntimeException when the enrollment refuses the certificate (closed, no profile yet): the
     *                          caller's transaction must then roll back
     */
    public X509Certificate issue(String enrollmentRef, PublicKey deviceKey) {
        X509Certificate issued = maker.issue(pki.deviceIdentityCa(), subjectFor(enrollmentRef).asX500Name(), deviceKey,
                Kind.CLIENT_IDENTITY, properties.certificateValidity());
        commands.sendAndWait(new IssueIdentityCertificate(enrollmentRef, issued.getSerialNumber().toString(16),
                fingerprint(issued), issued.getSubjectX500Principal().getName(), issued.getNotAfter().toInstant(),
                clock.instant()));
        return issued;
    }

    /** The CA that issued the identity, for the chain a client downloads. */
    public X509Certificate issuerCertificate() {
        return pki.deviceIdentityCa().certificate();
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
