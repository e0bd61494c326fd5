package io.ueledger.command.push;

import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import io.ueledger.command.installation.KeyEncryptionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The MDM push certificates in PostgreSQL ({@code mdm_push_certificate}); the newest row is current.
 * Private keys are sealed with the installation's {@link KeyEncryptionKey} under a name that
 * includes the certificate's SHA-256, so a key only opens beside its own certificate.
 */
@Repository
public class PushCertificateStore {

    private static final Logger log = LoggerFactory.getLogger(PushCertificateStore.class);

    private final JdbcTemplate jdbc;
    private final KeyEncryptionKey kek;

    PushCertificateStore(JdbcTemplate jdbc, KeyEncryptionKey kek) {
        this.jdbc = jdbc;
        this.kek = kek;
    }

    /** The version of the current certificate, 0 when none was ever stored: a cheap check for every node. */
    public long currentVersion() {
        Long version = jdbc.queryForObject("select coalesce(max(version), 0) from mdm_push_certificate", Long.class);
        return version == null ? 0 : version;
    }

    public Optional<Stored> current() {
        List<Stored> rows = jdbc.query("select version, certificate, private_key, private_key_nonce, source, "
                + "uploaded_by, uploaded_at from mdm_push_certificate order by version desc limit 1",
                (rs, i) -> new Stored(rs.getLong(1), certificate(rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
        return rows.stream().findFirst();
    }

    /**
     * Seals every private key still stored in clear (rows written before Flyway V220). Each row is
     * updated only while its nonce is still empty, so nodes starting together seal it once.
     *
     * @return how many keys this call sealed
     */
    public int sealClearKeys() {
        List<Object[]> clear = jdbc.query("select version, sha256, private_key from mdm_push_certificate "
                + "where private_key_nonce is null", (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2),
                rs.getBytes(3)});
        int sealed = 0;
        for (Object[] row : clear) {
            KeyEncryptionKey.Sealed s = kek.seal(keyName((String) row[1]), (byte[]) row[2]);
            sealed += jdbc.update("update mdm_push_certificate set private_key = ?, private_key_nonce = ? "
                    + "where version = ? and private_key_nonce is null", s.ciphertext(), s.nonce(), row[0]);
        }
        if (sealed > 0) {
            log.info("Sealed {} MDM push certificate private key(s) stored in clear before this version", sealed);
        }
        return sealed;
    }

    public long save(MdmPushCertificate certificate, String source, String uploadedBy, Instant at) {
        try {
            String sha256 = sha256(certificate.certificate());
            KeyEncryptionKey.Sealed key = kek.seal(keyName(sha256), certificate.privateKey().getEncoded());
            return jdbc.queryForObject("insert into mdm_push_certificate (topic, subject, not_after, sha256, "
                            + "certificate, private_key, private_key_nonce, source, uploaded_by, uploaded_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning version", Long.class, certificate.topic(),
                    certificate.certificate().getSubjectX500Principal().getName(),
                    Timestamp.from(certificate.notAfter()), sha256, certificate.certificate().getEncoded(),
                    key.ciphertext(), key.nonce(), source, uploadedBy, Timestamp.from(at));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new InvalidPushCertificate("the certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name a push key is sealed under: it ties the key to its certificate. */
    static String keyName(String certificateSha256) {
        return "mdm-push-certificate/" + certificateSha256;
    }

    private MdmPushCertificate certificate(byte[] der, byte[] storedKey, byte[] nonce) {
        X509Certificate certificate;
        byte[] pkcs8;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            // no nonce: a row from before V220 that this node has not sealed yet (start-up seals it)
            pkcs8 = nonce == null ? storedKey
                    : kek.open(keyName(sha256(certificate)), new KeyEncryptionKey.Sealed(nonce, storedKey));
        } catch (KeyEncryptionKey.WrongMasterSecret e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the stored MDM push certificate cannot be read back: " + e.getMessage(), e);
        }
        try {
            String algorithm = certificate.getPublicKey().getAlgorithm();
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new MdmPushCertificate(certificate, key, MdmPushCertificate.topicOf(certificate).orElseThrow());
        } catch (Exception e) {
            throw new IllegalStateException("the stored MDM push certificate cannot be read back: " + e.getMessage(), e);
        }
    }

    /** One stored certificate with where it came from. */
    public record Stored(long version, MdmPushCertificate certificate, String source, String uploadedBy,
                         Instant uploadedAt) {
    }
}
