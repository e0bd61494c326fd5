package io.ueledger.ops.simulator.load;

import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the ledger itself (JDBC, in the server's process) to count what a load run appended and to check it:
 * the event store, not the simulator's own bookkeeping, says whether a command was acknowledged once.
 */
public class LedgerProbe {

    private final JdbcTemplate jdbc;

    public LedgerProbe(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long eventCount() {
        Long count = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    /** The enrollment a device identity certificate belongs to, as the server looks it up on every check-in. */
    public Optional<String> enrollmentRef(X509Certificate identity) {
        try {
            String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.getEncoded()));
            return jdbc.queryForList("select enrollment_ref from device_identity where cert_fingerprint = ?",
                    String.class, fingerprint).stream().findFirst();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For each of these CommandUUIDs, how many MdmCommandAcknowledged events the store holds (absent: none). */
    public Map<String, Long> acknowledgements(Collection<String> commandUuids) {
        Set<String> wanted = Set.copyOf(commandUuids);
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select convert_from(payload, 'UTF8')::jsonb ->> 'commandUuid', count(*) from domainevententry"
                + " where payloadtype = ? group by 1", rs -> {
                    String uuid = rs.getString(1);
                    if (wanted.contains(uuid)) {
                        counts.put(uuid, rs.getLong(2));
                    }
                }, MdmCommandAcknowledged.class.getName());
        return counts;
    }

    public String postgresVersion() {
        return jdbc.queryForObject("show server_version", String.class);
    }
}
