package io.ueledger.ops.simulator.device;

import io.ueledger.command.pki.BouncyCastle;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.scep.ScepAttributes;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.Selector;

/**
 * The device side of SCEP (RFC 8894), as an iPhone does it after installing the profile: a PKCSReq
 * with the profile's subject and challenge, encrypted (AES) to the CA and signed with a throw-away
 * self-signed certificate; then the CertRep read back with the device's key.
 */
public final class ScepClientMessages {

    /** A request ready to send, and what is needed to read its reply. */
    public record Request(byte[] message, String transactionId, byte[] senderNonce, KeyPair keys,
            X509Certificate selfSigned) {
    }

    /** The reply: SUCCESS with the certificate, or FAILURE with its failInfo code. */
    public record Reply(String pkiStatus, String failInfo, X509Certificate certificate) {

        public boolean isSuccess() {
            return ScepAttributes.STATUS_SUCCESS.equals(pkiStatus);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private ScepClientMessages() {
    }

    public static Request pkcsReq(KeyPair keys, X500Name subject, String challenge, X509Certificate ca,
            CertificateMaker maker) {
        BouncyCastle.provider();
        try {
            X509Certificate selfSigned = maker.selfSigned(keys, "CN=SCEP client", Duration.ofDays(1));
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(challenge))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));

            CMSEnvelopedDataGenerator enveloper = new CMSEnvelopedDataGenerator();
            enveloper.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(ca)
                    .setProvider(BouncyCastle.PROVIDER));
            CMSEnvelopedData envelope = enveloper.generate(new CMSProcessableByteArray(csr.getEncoded()),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(BouncyCastle.PROVIDER)
                            .build());

            String transactionId = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            var attributes = ScepAttributes.table(
                    ScepAttributes.attribute(ScepAttributes.MESSAGE_TYPE,
                            new DERPrintableString(ScepAttributes.MESSAGE_TYPE_PKCS_REQ)),
                    ScepAttributes.attribute(ScepAttributes.TRANSACTION_ID, new DERPrintableString(transactionId)),
                    ScepAttributes.attribute(ScepAttributes.SENDER_NONCE, new DEROctetString(nonce)),
                    io.ueledger.command.pki.CmsSigning.signingTime(maker.now()));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BouncyCastle.PROVIDER)
                            .build(keys.getPrivate()), selfSigned));
            generator.addCertificates(new JcaCertStore(List.of(selfSigned)));
            byte[] message = generator.generate(new CMSProcessableByteArray(envelope.getEncoded()), true).getEncoded();
            return new Request(message, transactionId, nonce, keys, selfSigned);
        } catch (Exception e) {
            throw new IllegalStateException("could not build the SCEP request", e);
        }
    }

    /** Verifies the CA's signature and the echoed transaction and nonce, then opens the certificate. */
    public static Reply readCertRep(byte[] certRep, Request request, X509Certificate ca) {
        try {
            CMSSignedData signed = new CMSSignedData(certRep);
            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER).build(ca))) {
                throw new IllegalStateException("the CertRep is not signed by the CA");
            }
            AttributeTable attributes = signer.getSignedAttributes();
            if (!ScepAttributes.MESSAGE_TYPE_CERT_REP.equals(ScepAttributes.text(attributes,
                    ScepAttributes.MESSAGE_TYPE))) {
                throw new IllegalStateException("the reply is not a CertRep");
            }
            if (!request.transactionId().equals(ScepAttributes.text(attributes, ScepAttributes.TRANSACTION_ID))
                    || !java.util.Arrays.equals(request.senderNonce(),
                            ScepAttributes.octets(attributes, ScepAttributes.RECIPIENT_NONCE))) {
                throw new IllegalStateException("the CertRep does not answer this request (transaction or nonce)");
            }
            String status = ScepAttributes.text(attributes, ScepAttributes.PKI_STATUS);
            if (!ScepAttributes.STATUS_SUCCESS.equals(status)) {
                return new Reply(status, ScepAttributes.text(attributes, ScepAttributes.FAIL_INFO), null);
            }
            CMSEnvelopedData envelope = new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent());
            Collection<RecipientInformation> recipients = envelope.getRecipientInfos().getRecipients();
            byte[] degenerate = recipients.iterator().next().getContent(
                    new JceKeyTransEnvelopedRecipient(request.keys().getPrivate()).setProvider(BouncyCastle.PROVIDER));
            Collection<X509CertificateHolder> certificates = new CMSSignedData(degenerate).getCertificates()
                    .getMatches((Selector<X509CertificateHolder>) null);
            return new Reply(status, null,
                    new JcaX509CertificateConverter().getCertificate(certificates.iterator().next()));
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the CertRep: " + e.getMessage(), e);
        }
    }
}
