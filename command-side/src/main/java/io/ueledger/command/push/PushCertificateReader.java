package io.ueledger.command.push;

import io.ueledger.command.pki.BouncyCastle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads an MDM push certificate as an administrator has it: the PKCS#12 exported from Keychain
 * Access (or openssl) with its password, or a PEM certificate (Apple's download, converted) with
 * the PEM private key of the CSR. Checks that it is an MDM push certificate (subject UID
 * {@code com.apple.mgmt.…}) and that the key belongs to it.
 */
public final class PushCertificateReader {

    /** Apple's push certificates are about 2 KiB; a PKCS#12 with a chain a few KiB. */
    public static final int MAX_BYTES = 64 * 1024;

    private PushCertificateReader() {
    }

    public static MdmPushCertificate fromPkcs12(byte[] pkcs12, String password) {
        requireSize(pkcs12, "PKCS#12 file");
        char[] secret = password == null ? new char[0] : password.toCharArray();
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pkcs12), secret);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidPushCertificate("the file could not be opened as PKCS#12 with the given password ("
                    + e.getMessage() + "); export the push certificate with its private key from Keychain Access "
                    + "as .p12, and give the password chosen there", e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                    return checked(cert, (PrivateKey) store.getKey(alias, secret));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidPushCertificate("the private key in the PKCS#12 file could not be read: "
                    + e.getMessage(), e);
        }
        throw new InvalidPushCertificate("the PKCS#12 file holds no certificate with its private key; export the MDM "
                + "push certificate together with its key");
    }

    public static MdmPushCertificate fromPem(String certificatePem, String privateKeyPem) {
        requireSize(certificatePem == null ? null : certificatePem.getBytes(StandardCharsets.UTF_8), "certificate");
        requireSize(privateKeyPem == null ? null : privateKeyPem.getBytes(StandardCharsets.UTF_8), "private key");
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(certificatePem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidPushCertificate("the certificate is not readable PEM: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new InvalidPushCertificate("no PEM certificate (-----BEGIN CERTIFICATE-----) was found; convert "
                    + "Apple's MDM_….pem download or the .cer with openssl x509 -inform der");
        }
        PrivateKey key;
        try (PEMParser parser = new PEMParser(new StringReader(privateKeyPem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.provider());
            if (object instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else if (object instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new InvalidPushCertificate("no unencrypted PEM private key was found (-----BEGIN PRIVATE KEY----- "
                        + "or -----BEGIN RSA PRIVATE KEY-----)");
            }
        } catch (IOException e) {
            throw new InvalidPushCertificate("the private key is not readable PEM: " + e.getMessage(), e);
        }
        return checked(certificates.get(0), key);
    }

    private static MdmPushCertificate checked(X509Certificate certificate, PrivateKey key) {
        String topic = MdmPushCertificate.topicOf(certificate).orElseThrow(() -> new InvalidPushCertificate(
                "the certificate " + certificate.getSubjectX500Principal().getName() + " is not an MDM push "
                        + "certificate: its subject has no UID starting with com.apple.mgmt."));
        if (!keyBelongsTo(key, certificate)) {
            throw new InvalidPushCertificate("the private key does not belong to the certificate "
                    + certificate.getSubjectX500Principal().getName() + "; use the key of the CSR you sent to Apple");
        }
        return new MdmPushCertificate(certificate, key, topic);
    }

    /** Signs a random challenge with the key and verifies it with the certificate: works for any key type. */
    static boolean keyBelongsTo(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void requireSize(byte[] bytes, String what) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidPushCertificate("the " + what + " is missing");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidPushCertificate("the " + what + " is " + bytes.length + " bytes; an MDM push certificate "
                    + "is a few KiB (at most " + MAX_BYTES + " bytes accepted)");
        }
    }
}
