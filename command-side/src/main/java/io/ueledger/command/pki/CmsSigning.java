package io.ueledger.command.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * CMS SignedData with the content attached, signed SHA-256 with RSA, carrying the signer's whole
 * chain so a verifier needs only its trust anchor. Used for enrollment profiles and, by the
 * simulator, for device enrollment requests.
 */
public final class CmsSigning {

    private CmsSigning() {
    }

    public static byte[] signAttached(byte[] content, Identity signer) {
        return sign(content, signer, true, null);
    }

    /** With the signer's own idea of the time as signingTime (a simulated device on a test clock). */
    public static byte[] signAttached(byte[] content, Identity signer, java.time.Instant signingTime) {
        return sign(content, signer, true, signingTime);
    }

    /** A detached signature, as a device sends in the Mdm-Signature header (base64 of these bytes). */
    public static byte[] signDetached(byte[] content, Identity signer) {
        return sign(content, signer, false, null);
    }

    public static byte[] signDetached(byte[] content, Identity signer, java.time.Instant signingTime) {
        return sign(content, signer, false, signingTime);
    }

    /** A signingTime attribute at the given time, for a signed-attribute generator. */
    public static org.bouncycastle.asn1.cms.Attribute signingTime(java.time.Instant at) {
        return new org.bouncycastle.asn1.cms.Attribute(org.bouncycastle.asn1.cms.CMSAttributes.signingTime,
                new org.bouncycastle.asn1.DERSet(new org.bouncycastle.asn1.cms.Time(java.util.Date.from(at))));
    }

    private static byte[] sign(byte[] content, Identity signer, boolean attached, java.time.Instant signingTime) {
        BouncyCastle.provider();
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build());
            if (signingTime != null) {
                builder.setSignedAttributeGenerator(new org.bouncycastle.cms.DefaultSignedAttributeTableGenerator(
                        new org.bouncycastle.asn1.cms.AttributeTable(signingTime(signingTime))));
            }
            generator.addSignerInfoGenerator(builder
                    .build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).setProvider(BouncyCastle.PROVIDER)
                            .build(signer.privateKey()), signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            return generator.generate(new CMSProcessableByteArray(content), attached).getEncoded();
        } catch (CertificateEncodingException | OperatorCreationException | CMSException e) {
            throw new IllegalStateException("could not sign with " + signer.certificate().getSubjectX500Principal(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 with the signer's key type: RSA for the server's keys, ECDSA for a device's ACME identity. */
    private static String signatureAlgorithm(Identity signer) {
        return "EC".equals(signer.privateKey().getAlgorithm()) || "ECDSA".equals(signer.privateKey().getAlgorithm())
                ? "SHA256withECDSA" : "SHA256withRSA";
    }
}
