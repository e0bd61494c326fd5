package io.ueledger.command.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the few kinds of certificate this server needs: self-signed CAs, the profile-signing
 * certificate and end-entity identities. All keys are RSA 2048: Apple devices encrypt SCEP
 * requests to the CA's key with RSA key transport, so the device-identity CA cannot be EC, and one
 * key type keeps the rest simple.
 */
public final class CertificateMaker {

    /** The kinds of certificate, each with the extensions a verifier expects of it. */
    public enum Kind {
        /** A CA: basicConstraints CA, keyCertSign + cRLSign; also keyEncipherment and
         *  digitalSignature because the device-identity CA decrypts and signs SCEP messages itself. */
        CERTIFICATE_AUTHORITY,
        /** Signs CMS (enrollment profiles, device requests): digitalSignature only. */
        SIGNING,
        /** A device's TLS / Mdm-Signature identity: digitalSignature + keyEncipherment, clientAuth. */
        CLIENT_IDENTITY
    }

    static final int RSA_BITS = 2048;
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    /** The time this maker stamps certificates with; a simulated device signs with it too. */
    public java.time.Instant now() {
        return clock.instant();
    }

    public CertificateMaker(Clock clock) {
        this.clock = clock;
        BouncyCastle.provider();
    }

    public static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** A new root CA with a fresh key. */
    public Identity selfSignedCa(String subject, Duration validity) {
        KeyPair keys = newRsaKeyPair();
        X500Name name = new X500Name(subject);
        X509Certificate certificate = build(name, keys.getPublic(), name, keys, null, Kind.CERTIFICATE_AUTHORITY,
                validity);
        return new Identity(keys.getPrivate(), List.of(certificate));
    }

    /** A new key and a certificate for it issued by {@code issuer}. */
    public Identity issueWithNewKey(Identity issuer, String subject, Kind kind, Duration validity) {
        KeyPair keys = newRsaKeyPair();
        X509Certificate certificate = issue(issuer, new X500Name(subject), keys.getPublic(), kind, validity);
        return new Identity(keys.getPrivate(), chainOf(certificate, issuer));
    }

    /** A certificate for somebody else's public key (a CSR's), issued by {@code issuer}. */
    public X509Certificate issue(Identity issuer, X500Name subject, PublicKey subjectKey, Kind kind,
            Duration validity) {
        X509Certificate issuerCertificate = issuer.certificate();
        return build(X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded()), subjectKey,
                subject, new KeyPair(issuerCertificate.getPublicKey(), issuer.privateKey()), issuerCertificate, kind,
                validity);
    }

    /** A throw-away self-signed certificate for a key, as a SCEP client signs its request with. */
    public X509Certificate selfSigned(KeyPair keys, String subject, Duration validity) {
        X500Name name = new X500Name(subject);
        return build(name, keys.getPublic(), name, keys, null, Kind.SIGNING, validity);
    }

    private static List<X509Certificate> chainOf(X509Certificate leaf, Identity issuer) {
        java.util.ArrayList<X509Certificate> chain = new java.util.ArrayList<>();
        chain.add(leaf);
        chain.addAll(issuer.chain());
        return chain;
    }

    private X509Certificate build(X500Name issuerName, PublicKey subjectKey, X500Name subject, KeyPair issuerKeys,
            X509Certificate issuerCertificate, Kind kind, Duration validity) {
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serialNumber(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, subjectKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuerCertificate == null
                    ? extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic())
                    : extensions.createAuthorityKeyIdentifier(issuerCertificate));
            addKindExtensions(builder, kind);
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("could not make a certificate for " + subject, e);
        }
    }

    private static void addKindExtensions(X509v3CertificateBuilder builder, Kind kind) throws CertIOException {
        switch (kind) {
            case CERTIFICATE_AUTHORITY -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
                        | KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            }
            case SIGNING -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            }
            case CLIENT_IDENTITY -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
    }

    /** 127 random bits, positive, as RFC 5280 recommends for unpredictable serial numbers. */
    private static BigInteger serialNumber() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
