package io.ueledger.ops.simulator.device;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import io.ueledger.command.plist.SafePlistParser;
import io.ueledger.command.pki.BouncyCastle;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Selector;

/**
 * What a device does with a received enrollment profile: check the CMS signature and that the
 * signer chains to the CA it trusts, then read the plist.
 */
public final class ProfileVerifier {

    private ProfileVerifier() {
    }

    /** @throws IllegalStateException when the signature or chain does not verify */
    public static NSDictionary verify(byte[] signedProfile, X509Certificate trustedCa) {
        BouncyCastle.provider();
        try {
            CMSSignedData signed = new CMSSignedData(signedProfile);
            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            Selector<X509CertificateHolder> sid = (Selector<X509CertificateHolder>) (Selector<?>) signer.getSID();
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            X509Certificate signerCertificate = converter.getCertificate(
                    signed.getCertificates().getMatches(sid).iterator().next());
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build(signerCertificate))) {
                throw new IllegalStateException("the profile's signature does not match its content");
            }
            List<X509Certificate> included = new ArrayList<>();
            for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
                included.add(converter.getCertificate(holder));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signerCertificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(Set.of(new TrustAnchor(trustedCa, null)),
                    target);
            parameters.setRevocationEnabled(false);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(included)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            NSObject plist = SafePlistParser.parse((byte[]) signed.getSignedContent().getContent());
            return (NSDictionary) plist;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the profile does not verify: " + e.getMessage(), e);
        }
    }
}
