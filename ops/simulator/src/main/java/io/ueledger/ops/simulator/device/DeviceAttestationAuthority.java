package io.ueledger.ops.simulator.device;

import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.Identity;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Plays Apple's attestation service for simulated devices: a test root that issues, for a device's key,
 * a certificate carrying the freshness code (OID 1.2.840.113635.100.8.11.1 = SHA-256 of the ACME token),
 * as Apple's Enterprise Attestation does for device-attest-01. A server configured with this root
 * verifies the chain; one without a root records the statement as unverified.
 */
public final class DeviceAttestationAuthority {

    public static final String FRESHNESS_OID = "1.2.840.113635.100.8.11.1";

    private final Identity root;

    private DeviceAttestationAuthority(Identity root) {
        this.root = root;
    }

    public static DeviceAttestationAuthority create(CertificateMaker maker) {
        return new DeviceAttestationAuthority(maker.selfSignedCa("CN=Simulated Enterprise Attestation Root CA,"
                + "O=ue-ledger simulator", Duration.ofDays(365)));
    }

    public X509Certificate rootCertificate() {
        return root.certificate();
    }

    /** The attestation leaf for a device key and one challenge token. */
    public X509Certificate attest(PublicKey deviceKey, String token, Instant now) {
        try {
            byte[] freshness = MessageDigest.getInstance("SHA-256").digest(token.getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=simulated attested key"), deviceKey);
            builder.addExtension(new ASN1ObjectIdentifier(FRESHNESS_OID), false, freshness);
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(root.privateKey())));
        } catch (Exception e) {
            throw new IllegalStateException("could not make a simulated attestation", e);
        }
    }
}
