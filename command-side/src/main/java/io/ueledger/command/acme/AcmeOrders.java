package io.ueledger.command.acme;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Orders, their one authorization and its challenges, in PostgreSQL ({@code acme_order}, {@code acme_challenge}). */
@Component
public class AcmeOrders {

    /** An order and its authorization (same id). */
    public record Order(String id, String accountId, String enrollmentRef, String identifierType,
                        String identifierValue, String status, String authzStatus, Instant expiresAt,
                        byte[] attestedKey, String attestation, String attestationNote, String certificateChain,
                        String serialNumber) {
    }

    /** One challenge of an order's authorization. */
    public record Challenge(String orderId, String type, String token, String status, String errorJson,
                            Instant validatedAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    public AcmeOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static String randomId(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public Order create(String accountId, String enrollmentRef, String identifierType, String identifierValue,
                        List<String> challengeTypes, Instant now, Instant expiresAt) {
        String id = randomId(16);
        jdbc.update("insert into acme_order (order_id, account_id, enrollment_ref, identifier_type, identifier_value, "
                + "status, authz_status, expires_at, created_at) values (?, ?, ?, ?, ?, 'pending', 'pending', ?, ?)",
                id, accountId, enrollmentRef, identifierType, identifierValue, Timestamp.from(expiresAt),
                Timestamp.from(now));
        for (String type : challengeTypes) {
            jdbc.update("insert into acme_challenge (order_id, type, token, status) values (?, ?, ?, 'pending')",
                    id, type, randomId(32));
        }
        return find(id).orElseThrow();
    }

    public Optional<Order> find(String id) {
        return jdbc.query("select order_id, account_id, enrollment_ref, identifier_type, identifier_value, status, "
                + "authz_status, expires_at, attested_key, attestation, attestation_note, certificate_chain, "
                + "serial_number from acme_order where order_id = ?", AcmeOrders::order, id).stream().findFirst();
    }

    /** The order locked for this transaction, so two nodes cannot validate or finalize it at once. */
    public Optional<Order> lock(String id) {
        return jdbc.query("select order_id, account_id, enrollment_ref, identifier_type, identifier_value, status, "
                + "authz_status, expires_at, attested_key, attestation, attestation_note, certificate_chain, "
                + "serial_number from acme_order where order_id = ? for update", AcmeOrders::order, id)
                .stream().findFirst();
    }

    public List<Challenge> challenges(String orderId) {
        return jdbc.query("select order_id, type, token, status, error::text, validated_at from acme_challenge "
                + "where order_id = ? order by type", (rs, i) -> new Challenge(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()), orderId);
    }

    public void challengeValid(String orderId, String type, Instant at, byte[] attestedKey, String attestation,
                               String attestationNote) {
        jdbc.update("update acme_challenge set status = 'valid', validated_at = ? where order_id = ? and type = ?",
                Timestamp.from(at), orderId, type);
        jdbc.update("update acme_order set authz_status = 'valid', status = 'ready', attested_key = ?, attestation = ?, "
                + "attestation_note = ? where order_id = ?", attestedKey, attestation, attestationNote, orderId);
    }

    public void issued(String orderId, String certificateChain, String serialNumber) {
        jdbc.update("update acme_order set status = 'valid', certificate_chain = ?, serial_number = ? "
                + "where order_id = ?", certificateChain, serialNumber, orderId);
    }

    private static Order order(ResultSet rs, int i) throws SQLException {
        return new Order(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getBytes(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13));
    }
}
