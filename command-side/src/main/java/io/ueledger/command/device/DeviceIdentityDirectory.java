package io.ueledger.command.device;

import io.ueledger.kernel.enrollment.IdentityCertificateIssued;
import io.ueledger.kernel.processing.ProcessorNames;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which enrollment each identity certificate our CA issued belongs to. A subscribing handler
 * (processing group {@value ProcessorNames#DEVICE_IDENTITY}) writes it in the same transaction as
 * the event, so a device can sign its first check-in right after SCEP.
 */
@Component
@ProcessingGroup(ProcessorNames.DEVICE_IDENTITY)
public class DeviceIdentityDirectory {


    private final JdbcTemplate jdbc;

    public DeviceIdentityDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IdentityCertificateIssued e) {
        jdbc.update("""
                insert into device_identity (cert_fingerprint, enrollment_ref, serial_number, not_after)
                values (?, ?, ?, ?) on conflict (cert_fingerprint) do nothing""",
                normalise(e.sha256Fingerprint()), e.enrollmentRef(), e.serialNumber(), Timestamp.from(e.notAfter()));
    }

    /** @param sha256Fingerprint hex, any case, with or without colons or a "sha256:" prefix */
    public Optional<String> enrollmentOf(String sha256Fingerprint) {
        return jdbc.queryForList("select enrollment_ref from device_identity where cert_fingerprint = ?",
                String.class, normalise(sha256Fingerprint)).stream().findFirst();
    }

    static String normalise(String fingerprint) {
        String f = fingerprint.toLowerCase(Locale.ROOT);
        if (f.startsWith("sha256:")) {
            f = f.substring("sha256:".length());
        }
        return f.replace(":", "");
    }
}
