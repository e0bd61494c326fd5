package io.ueledger.command.device;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
    /**
     * Found mappings only: a fingerprint names one certificate, issued for one enrollment, and its row never
     * changes or goes away, so a cached answer cannot go stale. Whether that enrollment is still open is the
     * aggregate's decision on every request. Saves one query per check-in and command-channel request.
     */
    private final Cache<String, String> found = Caffeine.newBuilder().maximumSize(100_000).build();

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
        String fingerprint = normalise(sha256Fingerprint);
        String cached = found.getIfPresent(fingerprint);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> ref = jdbc.queryForList("select enrollment_ref from device_identity where cert_fingerprint = ?",
                String.class, fingerprint).stream().findFirst();
        ref.ifPresent(r -> found.put(fingerprint, r));
        return ref;
    }

    static String normalise(String fingerprint) {
        String f = fingerprint.toLowerCase(Locale.ROOT);
        if (f.startsWith("sha256:")) {
            f = f.substring("sha256:".length());
        }
        return f.replace(":", "");
    }
}
