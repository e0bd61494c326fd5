package io.ueledger.command.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Reads and writes identities and certificates as files: PKCS#12 key stores (with the password in
 * a file beside it, readable by the owner only) and PEM.
 */
public final class IdentityFiles {

    static final String ALIAS = "identity";
    private static final SecureRandom RANDOM = new SecureRandom();

    private IdentityFiles() {
    }

    /** Writes {@code name}.p12 and {@code name}.password (0600) into {@code dir}. */
    public static void writePkcs12(Identity identity, Path dir, String name) {
        Path store = dir.resolve(name + ".p12");
        Path passwordFile = dir.resolve(name + ".password");
        char[] password = newPassword();
        try {
            Files.createDirectories(dir);
            writeOwnerOnly(passwordFile, new String(password).getBytes(StandardCharsets.UTF_8));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(ALIAS, identity.privateKey(), password,
                    identity.chain().toArray(Certificate[]::new));
            byte[] encoded;
            try (var bytes = new java.io.ByteArrayOutputStream()) {
                keyStore.store(bytes, password);
                encoded = bytes.toByteArray();
            }
            writeOwnerOnly(store, encoded);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the key store " + store, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not write the key store " + store, e);
        }
    }

    /** The identity as a PKCS#12 store in memory, under an empty password (its keeper encrypts it). */
    public static byte[] toPkcs12(Identity identity) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(ALIAS, identity.privateKey(), new char[0], identity.chain().toArray(Certificate[]::new));
            var bytes = new java.io.ByteArrayOutputStream();
            keyStore.store(bytes, new char[0]);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encode the identity as PKCS#12", e);
        }
    }

    /** Reverses {@link #toPkcs12(Identity)}. */
    public static Identity fromPkcs12(byte[] pkcs12) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(new java.io.ByteArrayInputStream(pkcs12), new char[0]);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : keyStore.getCertificateChain(ALIAS)) {
                chain.add((X509Certificate) c);
            }
            return new Identity((PrivateKey) keyStore.getKey(ALIAS, new char[0]), chain);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored identity is not PKCS#12", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored identity cannot be read", e);
        }
    }

    /** Reads a PKCS#12 store: the given alias, or the first key entry when {@code alias} is null. */
    public static Identity readPkcs12(Path store, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            String chosen = alias != null ? alias : Collections.list(keyStore.aliases()).stream()
                    .filter(a -> isKeyEntry(keyStore, a)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the key store " + store + " holds no private key"));
            Key key = keyStore.getKey(chosen, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new IllegalStateException("the key store " + store + " has no private key under alias '"
                        + chosen + "'");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : keyStore.getCertificateChain(chosen)) {
                chain.add((X509Certificate) c);
            }
            return new Identity(privateKey, chain);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the key store " + store
                    + " (wrong password or not PKCS#12?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not read the key store " + store, e);
        }
    }

    /** The password written beside a store by {@link #writePkcs12}. */
    public static char[] readPassword(Path passwordFile) {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the key store password " + passwordFile, e);
        }
    }

    /** An identity from a PEM certificate file (leaf first, then its chain) and a PEM private key file. */
    public static Identity readPem(Path certificateFile, Path privateKeyFile) {
        List<X509Certificate> chain = readPemCertificates(certificateFile);
        try (Reader reader = Files.newBufferedReader(privateKeyFile); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.provider());
            PrivateKey key;
            if (object instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else if (object instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new IllegalStateException(privateKeyFile + " holds no unencrypted PEM private key");
            }
            return new Identity(key, chain);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the private key " + privateKeyFile, e);
        }
    }

    /** Every certificate in a PEM file, in file order. */
    public static List<X509Certificate> readPemCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read certificates from " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a certificate in " + file + " is not valid X.509", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException(file + " holds no PEM certificate");
        }
        return certificates;
    }

    public static String toPem(Object certificateOrKey) {
        var out = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificateOrKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static boolean isKeyEntry(KeyStore keyStore, String alias) {
        try {
            return keyStore.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static char[] newPassword() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    /** Creates the file owner-readable only from the start, so the secret is never briefly world-readable. */
    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            Files.createFile(file, ownerOnly);
        } else {
            Files.createFile(file);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(content);
        }
    }
}
