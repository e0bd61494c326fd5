package io.ueledger.ops.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A device identity for tests that reach the check-in protocol without going through SCEP: a key
 * pair and certificate whose fingerprint the test records with IssueIdentityCertificate, and
 * Mdm-Signature headers (CMS detached signatures over the body) made with them.
 */
public final class TestDeviceIdentity {

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private TestDeviceIdentity(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    public static TestDeviceIdentity generate(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keyPair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + commonName);
            var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(365, ChronoUnit.DAYS)), subject,
                    keyPair.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            return new TestDeviceIdentity(keyPair, certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String serialNumber() {
        return certificate.getSerialNumber().toString(16);
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    /** The value of an Mdm-Signature header over this body. */
    public String sign(byte[] body) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()), certificate));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            byte[] signed = generator.generate(new CMSProcessableByteArray(body), false).getEncoded();
            return Base64.getEncoder().encodeToString(signed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
