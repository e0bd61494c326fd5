package io.ueledger.command.enrollment.request;

import io.ueledger.command.plist.SafePlistParser;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import io.ueledger.command.pki.BouncyCastle;
import io.ueledger.command.pki.DeviceTrustAnchors;
import io.ueledger.command.pki.DeviceTrustProperties;
import io.ueledger.kernel.enrollment.SignerEvidence;
import io.ueledger.kernel.enrollment.SignerVerdict;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Selector;
import org.springframework.stereotype.Component;

/**
 * Reads the body of an enrollment POST (SPEC section 3): a CMS SignedData whose attached content
 * is the device's MachineInfo plist, signed by the device's built-in identity.
 *
 * <p>Checks, in order: size (at most {@link #MAX_BODY_BYTES}), DER CMS shape, exactly one signer
 * whose signature verifies, a safely parsed plist dictionary, no hardware identifier, a PRODUCT.
 * The signer's chain is judged against the configured device trust anchors at the clock's time by
 * {@link SignerChainCheck}: recorded as evidence by default, a gate with
 * {@code ueledger.enrollment.require-trusted-signer=true}. The Content-Type is ignored (devices send
 * several); a base64- or PEM-wrapped body is refused, as no device sends one.
 */
@Component
public class EnrollmentRequestReader {

    /** A MachineInfo with its signature and certificates is 3-6 KiB; 64 KiB leaves room without inviting abuse. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** Keys Apple forbids under User Enrollment: a body with one comes from a device enrollment. */
    static final List<String> HARDWARE_IDENTIFIERS = List.of("UDID", "SERIAL", "IMEI", "MEID");

    private final SignerChainCheck chainCheck;
    private final boolean requireTrustedSigner;

    @Autowired
    public EnrollmentRequestReader(DeviceTrustAnchors trustAnchors, DeviceTrustProperties properties, Clock clock) {
        this(trustAnchors, properties.requireTrustedSigner(), clock);
    }

    public EnrollmentRequestReader(DeviceTrustAnchors trustAnchors, boolean requireTrustedSigner, Clock clock) {
        this.chainCheck = new SignerChainCheck(trustAnchors, clock);
        this.requireTrustedSigner = requireTrustedSigner;
        BouncyCastle.provider();
    }

    public EnrollmentRequest read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new EnrollmentRequestRefused.Malformed("the enrollment request has no body; a device sends its "
                    + "signed MachineInfo");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new EnrollmentRequestRefused.TooLarge("the enrollment request is " + body.length
                    + " bytes; at most " + MAX_BODY_BYTES + " are accepted");
        }
        CMSSignedData signed = parseCms(body);
        X509Certificate signer = verifySignature(signed);
        SignerEvidence evidence = chainCheck.judge(signer, certificatesOf(signed), requireTrustedSigner);
        if (requireTrustedSigner && evidence.verdict() != SignerVerdict.TRUSTED) {
            throw new EnrollmentRequestRefused.Untrusted("the device certificate '"
                    + signer.getSubjectX500Principal().getName() + "' is not issued by a trusted device CA (or "
                    + "was not valid now): " + evidence.reason(), null);
        }
        MachineInfo machineInfo = machineInfo(signedContent(signed));
        return new EnrollmentRequest(machineInfo, signer.getSubjectX500Principal().getName(), sha256Hex(body),
                evidence);
    }

    private static CMSSignedData parseCms(byte[] body) {
        if (body[0] != 0x30) {
            String start = new String(body, 0, Math.min(body.length, 16), StandardCharsets.US_ASCII);
            throw new EnrollmentRequestRefused.Malformed(start.startsWith("-----BEGIN") || start.startsWith("MI")
                    ? "the enrollment request is base64/PEM text; devices send the signed MachineInfo as binary "
                            + "(DER) CMS, which is the only form accepted"
                    : "the enrollment request is not a CMS signed message (DER); a device signs its MachineInfo");
        }
        try {
            CMSSignedData signed = new CMSSignedData(body);
            if (signed.getSignedContent() == null) {
                throw new EnrollmentRequestRefused.Malformed("the signed enrollment request carries no content; "
                        + "the MachineInfo must be attached");
            }
            return signed;
        } catch (EnrollmentRequestRefused e) {
            throw e;
        } catch (Exception e) {
            throw new EnrollmentRequestRefused.Malformed("the enrollment request is not a readable CMS signed "
                    + "message: " + e.getMessage(), e);
        }
    }

    private static X509Certificate verifySignature(CMSSignedData signed) {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new EnrollmentRequestRefused.Untrusted("the enrollment request has " + signers.size()
                    + " signers; exactly one (the device) is expected", null);
        }
        SignerInformation signerInfo = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Selector<X509CertificateHolder> selector = (Selector<X509CertificateHolder>) (Selector<?>) signerInfo.getSID();
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(selector);
        if (matches.isEmpty()) {
            throw new EnrollmentRequestRefused.Untrusted("the enrollment request does not include the certificate "
                    + "of its signer", null);
        }
        try {
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            boolean valid = signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(BouncyCastle.PROVIDER).build(certificate));
            if (!valid) {
                throw new EnrollmentRequestRefused.Untrusted("the signature of the enrollment request does not match "
                        + "its content", null);
            }
            return certificate;
        } catch (EnrollmentRequestRefused e) {
            throw e;
        } catch (Exception e) {
            throw new EnrollmentRequestRefused.Untrusted("the signature of the enrollment request could not be "
                    + "verified: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificatesOf(CMSSignedData signed) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (Exception e) {
                throw new EnrollmentRequestRefused.Malformed("a certificate in the enrollment request is not "
                        + "valid X.509", e);
            }
        }
        return certificates;
    }

    private static byte[] signedContent(CMSSignedData signed) {
        return (byte[]) signed.getSignedContent().getContent();
    }

    private static MachineInfo machineInfo(byte[] content) {
        NSObject parsed;
        try {
            parsed = SafePlistParser.parse(content);
        } catch (IllegalArgumentException e) {
            throw new EnrollmentRequestRefused.Malformed("the signed MachineInfo was refused: " + e.getMessage(), e);
        }
        if (!(parsed instanceof NSDictionary dictionary)) {
            throw new EnrollmentRequestRefused.Malformed("the signed MachineInfo is not a property-list dictionary");
        }
        List<String> hardware = HARDWARE_IDENTIFIERS.stream().filter(dictionary::containsKey).toList();
        if (!hardware.isEmpty()) {
            throw new EnrollmentRequestRefused.DeviceEnrollment("the request carries " + String.join(", ", hardware)
                    + ": this is a device enrollment, not a User Enrollment; this server only accepts personal "
                    + "devices enrolling with a Managed Apple Account");
        }
        String product = text(dictionary, "PRODUCT");
        if (product == null || product.isBlank()) {
            throw new EnrollmentRequestRefused.Malformed("the MachineInfo has no PRODUCT (e.g. iPhone17,2)");
        }
        return new MachineInfo(text(dictionary, "LANGUAGE"), product, text(dictionary, "VERSION"),
                text(dictionary, "OS_VERSION"), text(dictionary, "SUPPLEMENTAL_BUILD_VERSION"),
                text(dictionary, "SUPPLEMENTAL_OS_VERSION_EXTRA"));
    }

    private static String text(NSDictionary dictionary, String key) {
        NSObject value = dictionary.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof com.dd.plist.NSString string)) {
            throw new EnrollmentRequestRefused.Malformed("MachineInfo " + key + " must be a string");
        }
        String s = string.getContent();
        if (s.length() > 256) {
            throw new EnrollmentRequestRefused.Malformed("MachineInfo " + key + " is longer than 256 characters");
        }
        return s;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
