package io.ueledger.command.scep;

import io.ueledger.command.pki.BouncyCastle;
import io.ueledger.command.pki.Identity;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.Selector;

/**
 * The CA side of SCEP's message format (RFC 8894 section 3): opens a signed, enveloped PKCSReq
 * with the CA key and writes signed CertRep replies, the issued certificate enveloped with AES to
 * the requester's key.
 */
public final class ScepMessageCodec {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ScepMessageCodec() {
    }

    public static ScepRequest decodePkcsReq(byte[] message, Identity ca) {
        BouncyCastle.provider();
        try {
            CMSSignedData signed = new CMSSignedData(message);
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw new ScepMessageRejected("a SCEP request has exactly one signer, not " + signers.size(), null);
            }
            SignerInformation signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Selector<X509CertificateHolder> sid = (Selector<X509CertificateHolder>) (Selector<?>) signer.getSID();
            Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(sid);
            if (matches.isEmpty()) {
                throw new ScepMessageRejected("the SCEP request does not include its signer's certificate", null);
            }
            X509Certificate requester = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build(requester))) {
                throw new ScepMessageRejected("the SCEP request's signature does not verify", null);
            }
            AttributeTable attributes = signer.getSignedAttributes();
            String type = ScepAttributes.text(attributes, ScepAttributes.MESSAGE_TYPE);
            if (!ScepAttributes.MESSAGE_TYPE_PKCS_REQ.equals(type)) {
                throw new ScepMessageRejected("only PKCSReq (messageType 19) is supported, not " + type, null);
            }
            String transactionId = ScepAttributes.text(attributes, ScepAttributes.TRANSACTION_ID);
            byte[] nonce = ScepAttributes.octets(attributes, ScepAttributes.SENDER_NONCE);
            if (transactionId == null || nonce == null) {
                throw new ScepMessageRejected("the SCEP request lacks its transactionID or senderNonce", null);
            }
            CMSEnvelopedData envelope = new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent());
            RecipientInformation recipient = envelope.getRecipientInfos()
                    .get(new JceKeyTransRecipientId(ca.certificate()));
            if (recipient == null) {
                throw new ScepMessageRejected("the SCEP request is not encrypted to this CA", null);
            }
            byte[] csr = recipient.getContent(new JceKeyTransEnvelopedRecipient(ca.privateKey())
                    .setProvider(BouncyCastle.PROVIDER));
            return new ScepRequest(transactionId, nonce, requester, new PKCS10CertificationRequest(csr));
        } catch (ScepMessageRejected e) {
            throw e;
        } catch (Exception e) {
            throw new ScepMessageRejected("not a readable SCEP PKCSReq: " + e.getMessage(), e);
        }
    }

    /** CertRep SUCCESS carrying the issued certificate, readable only with the requester's key. */
    public static byte[] success(ScepRequest request, X509Certificate issued, Identity ca) {
        try {
            CMSSignedDataGenerator certsOnly = new CMSSignedDataGenerator();
            certsOnly.addCertificates(new JcaCertStore(List.of(issued)));
            byte[] degenerate = certsOnly.generate(new CMSAbsentContent()).getEncoded(ASN1Encoding.DER);
            CMSEnvelopedDataGenerator enveloper = new CMSEnvelopedDataGenerator();
            enveloper.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(request.requesterCertificate())
                    .setProvider(BouncyCastle.PROVIDER));
            CMSEnvelopedData envelope = enveloper.generate(new CMSProcessableByteArray(degenerate),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(BouncyCastle.PROVIDER)
                            .build());
            return certRep(request, ca, ScepAttributes.STATUS_SUCCESS, null,
                    new CMSProcessableByteArray(envelope.toASN1Structure().getEncoded(ASN1Encoding.DER)));
        } catch (Exception e) {
            throw new IllegalStateException("could not write the SCEP reply", e);
        }
    }

    /** CertRep FAILURE with the reason code; no certificate. */
    public static byte[] failure(ScepRequest request, ScepAttributes.FailInfo failInfo, Identity ca) {
        return certRep(request, ca, ScepAttributes.STATUS_FAILURE, failInfo, new CMSAbsentContent());
    }

    private static byte[] certRep(ScepRequest request, Identity ca, String status, ScepAttributes.FailInfo failInfo,
            CMSTypedData content) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        var attributes = ScepAttributes.table(
                ScepAttributes.attribute(ScepAttributes.MESSAGE_TYPE,
                        new DERPrintableString(ScepAttributes.MESSAGE_TYPE_CERT_REP)),
                ScepAttributes.attribute(ScepAttributes.PKI_STATUS, new DERPrintableString(status)),
                ScepAttributes.attribute(ScepAttributes.TRANSACTION_ID,
                        new DERPrintableString(request.transactionId())),
                ScepAttributes.attribute(ScepAttributes.RECIPIENT_NONCE, new DEROctetString(request.senderNonce())),
                ScepAttributes.attribute(ScepAttributes.SENDER_NONCE, new DEROctetString(nonce)));
        if (failInfo != null) {
            attributes.put(ScepAttributes.FAIL_INFO,
                    ScepAttributes.attribute(ScepAttributes.FAIL_INFO, new DERPrintableString(failInfo.code)));
        }
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BouncyCastle.PROVIDER)
                            .build(ca.privateKey()), ca.certificate()));
            generator.addCertificates(new JcaCertStore(List.of(ca.certificate())));
            // DER: definite lengths and one primitive OCTET STRING for the content. BouncyCastle's default is
            // BER (indefinite lengths, a chunked OCTET STRING), which OpenSSL reads but Go's pkcs7 (scepclient)
            // and other SCEP stacks refuse ("message digest mismatch").
            return generator.generate(content, !(content instanceof CMSAbsentContent)).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException("could not sign the SCEP reply", e);
        }
    }

    /** The challengePassword attribute of a CSR, or null. */
    public static String challengePassword(PKCS10CertificationRequest csr) {
        for (var attribute : csr.getAttributes(
                org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_challengePassword)) {
            if (attribute.getAttrValues().size() == 1
                    && attribute.getAttrValues().getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1String s) {
                return s.getString();
            }
        }
        return null;
    }
}
