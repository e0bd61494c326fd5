package io.ueledger.command.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The organisation's MDM push certificate and key, read from the PKCS#12 file Apple's Push
 * Certificates Portal flow produces. Its subject UID is the APNs topic ({@code com.apple.mgmt.…})
 * that every enrollment profile of this server names.
 */
public record MdmPushCertificate(X509Certificate certificate, PrivateKey privateKey, String topic) {

    private static final String MDM_TOPIC_PREFIX = "com.apple.mgmt.";

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /**
     * Reads the certificate, failing with a message that says what to fix: a missing file, a wrong
     * password, a file without a key, or a certificate that is not an MDM push certificate.
     */
    public static MdmPushCertificate load(Path file, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("The MDM push certificate file " + file
                    + " does not exist (ueledger.apns.certificate)", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The MDM push certificate " + file + " could not be read as PKCS#12 "
                    + "with the configured password (ueledger.apns.password): " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, secret);
                    String topic = topicOf(cert).orElseThrow(() -> new IllegalStateException(
                            "The certificate in " + file + " (" + cert.getSubjectX500Principal().getName()
                                    + ") is not an MDM push certificate: its subject has no UID starting with "
                                    + MDM_TOPIC_PREFIX));
                    return new MdmPushCertificate(cert, key, topic);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The private key in " + file + " could not be read: " + e.getMessage(), e);
        }
        throw new IllegalStateException("The file " + file + " holds no certificate with its private key; export the "
                + "MDM push certificate together with its key as PKCS#12");
    }

    /** The subject's UID attribute when it is an MDM topic. */
    static Optional<String> topicOf(X509Certificate cert) {
        try {
            LdapName name = new LdapName(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
            return name.getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("UID"))
                    .map(Rdn::getValue)
                    .map(String::valueOf)
                    .filter(uid -> uid.startsWith(MDM_TOPIC_PREFIX))
                    .findFirst();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
