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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The MDM push certificates in PostgreSQL ({@code mdm_push_certificate}); the newest row is current. */
@Repository
public class PushCertificateStore {

    private final JdbcTemplate jdbc;

    PushCertificateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The version of the current certificate, 0 when none was ever stored: a cheap check for every node. */
    public long currentVersion() {
        Long version = jdbc.queryForObject("select coalesce(max(version), 0) from mdm_push_certificate", Long.class);
        return version == null ? 0 : version;
    }

    public Optional<Stored> current() {
        List<Stored> rows = jdbc.query("select version, certificate, private_key, source, uploaded_by, uploaded_at "
                + "from mdm_push_certificate order by version desc limit 1", (rs, i) -> new Stored(rs.getLong(1),
                certificate(rs.getBytes(2), rs.getBytes(3)), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant()));
        return rows.stream().findFirst();
    }

    public long save(MdmPushCertificate certificate, String source, String uploadedBy, Instant at) {
        try {
            return jdbc.queryForObject("insert into mdm_push_certificate (topic, subject, not_after, sha256, "
                            + "certificate, private_key, source, uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "returning version", Long.class, certificate.topic(),
                    certificate.certificate().getSubjectX500Principal().getName(),
                    Timestamp.from(certificate.notAfter()), sha256(certificate.certificate()),
                    certificate.certificate().getEncoded(), certificate.privateKey().getEncoded(), source, uploadedBy,
                    Timestamp.from(at));
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

    private static MdmPushCertificate certificate(byte[] der, byte[] pkcs8) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
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
