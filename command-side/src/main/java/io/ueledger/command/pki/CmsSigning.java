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
        return sign(content, signer, true);
    }

    /** A detached signature, as a device sends in the Mdm-Signature header (base64 of these bytes). */
    public static byte[] signDetached(byte[] content, Identity signer) {
        return sign(content, signer, false);
    }

    private static byte[] sign(byte[] content, Identity signer, boolean attached) {
        BouncyCastle.provider();
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BouncyCastle.PROVIDER)
                            .build(signer.privateKey()), signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            return generator.generate(new CMSProcessableByteArray(content), attached).getEncoded();
        } catch (CertificateEncodingException | OperatorCreationException | CMSException e) {
            throw new IllegalStateException("could not sign with " + signer.certificate().getSubjectX500Principal(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
