package io.ueledger.ops.devices;

import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.IdentityFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** An MDM push certificate shaped like Apple's (subject UID = topic), self-signed, in the forms admins upload. */
public record TestPushCertificate(X509Certificate certificate, KeyPair keys) {

    public static TestPushCertificate forTopic(String topic, Duration validity) {
        return issued("UID=" + topic + ",CN=APSP:" + topic.substring(topic.lastIndexOf('.') + 1) + ",C=US",
                Instant.now(), validity);
    }

    /** Any subject: e.g. a TLS certificate someone uploads by mistake. */
    public static TestPushCertificate issued(String subject, Instant from, Duration validity) {
        KeyPair keys = CertificateMaker.newRsaKeyPair();
        CertificateMaker maker = new CertificateMaker(Clock.fixed(from, ZoneOffset.UTC));
        return new TestPushCertificate(maker.selfSigned(keys, subject, validity), keys);
    }

    public byte[] pkcs12(String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("mdm-push", keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] certificatePem() {
        return IdentityFiles.toPem(certificate).getBytes(StandardCharsets.US_ASCII);
    }

    public byte[] privateKeyPem() {
        return IdentityFiles.toPem(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII);
    }
}
