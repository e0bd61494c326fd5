package io.ueledger.command.device;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ueledger.kernel.enrollment.IdentityCertificateIssued;
import io.ueledger.kernel.identity.IdentityCertificateRenewed;
import io.ueledger.kernel.identity.IdentityCertificateRetired;
import io.ueledger.kernel.processing.ProcessorNames;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which enrollment each identity certificate our CA issued belongs to, and whether it is still
 * accepted. A subscribing handler (processing group {@value ProcessorNames#DEVICE_IDENTITY}) writes
 * it in the same transaction as the event, so a device can sign its first check-in right after SCEP.
 * A renewed certificate names the one it replaced; the replaced one is accepted until it is retired.
 */
@Component
@ProcessingGroup(ProcessorNames.DEVICE_IDENTITY)
public class DeviceIdentityDirectory {

    /**
     * How long another node may keep accepting a certificate retired here: its cached answer lives
     * this long (this node forgets it at once). Retirement happens once per renewal, a check-in per
     * device every few minutes: the cache still saves nearly every lookup.
     */
    public static final Duration CACHE_LIFETIME = Duration.ofSeconds(30);

    /** A known certificate: its enrollment, whether it was retired, and the replaced one still accepted (if any). */
    public record Identity(String enrollmentRef, boolean retired, String replacedStillAccepted) {

        /** Nothing about this certificate can change but its retirement, which the cache lifetime bounds. */
        boolean settled() {
            return !retired && replacedStillAccepted == null;
        }
    }

    private final JdbcTemplate jdbc;
    private final Cache<String, Identity> found = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(CACHE_LIFETIME).build();

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

    @EventHandler
    void on(IdentityCertificateRenewed e) {
        jdbc.update("""
                insert into device_identity (cert_fingerprint, enrollment_ref, serial_number, not_after,
                                             replaces_fingerprint)
                values (?, ?, ?, ?, ?) on conflict (cert_fingerprint) do nothing""",
                normalise(e.sha256Fingerprint()), e.enrollmentRef(), e.serialNumber(), Timestamp.from(e.notAfter()),
                normalise(e.oldSha256Fingerprint()));
        found.invalidate(normalise(e.oldSha256Fingerprint()));
    }

    @EventHandler
    void on(IdentityCertificateRetired e) {
        String fingerprint = normalise(e.sha256Fingerprint());
        jdbc.update("update device_identity set retired_at = ? where cert_fingerprint = ? and retired_at is null",
                Timestamp.from(e.occurredAt()), fingerprint);
        found.invalidate(fingerprint); // only settled answers are cached, so nothing else names it
    }

    /** @param sha256Fingerprint hex, any case, with or without colons or a "sha256:" prefix */
    public Optional<String> enrollmentOf(String sha256Fingerprint) {
        return identityOf(sha256Fingerprint).map(Identity::enrollmentRef);
    }

    /** @param sha256Fingerprint hex, any case, with or without colons or a "sha256:" prefix */
    public Optional<Identity> identityOf(String sha256Fingerprint) {
        String fingerprint = normalise(sha256Fingerprint);
        Identity cached = found.getIfPresent(fingerprint);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Identity> identity = jdbc.query("""
                select d.enrollment_ref, d.retired_at is not null, old.cert_fingerprint
                  from device_identity d
                  left join device_identity old
                    on old.cert_fingerprint = d.replaces_fingerprint and old.retired_at is null
                 where d.cert_fingerprint = ?""",
                (rs, i) -> new Identity(rs.getString(1), rs.getBoolean(2), rs.getString(3)), fingerprint)
                .stream().findFirst();
        identity.filter(Identity::settled).ifPresent(found -> this.found.put(fingerprint, found));
        return identity;
    }

    /** Forgets what this node cached about a certificate (after this node retired the one it replaced). */
    public void forget(String sha256Fingerprint) {
        found.invalidate(normalise(sha256Fingerprint));
    }

    static String normalise(String fingerprint) {
        String f = fingerprint.toLowerCase(Locale.ROOT);
        if (f.startsWith("sha256:")) {
            f = f.substring("sha256:".length());
        }
        return f.replace(":", "");
    }
}
