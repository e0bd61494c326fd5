package io.ueledger.command.renewal;

import io.ueledger.kernel.enrollment.DeviceEnrolled;
import io.ueledger.kernel.identity.IdentityCertificateRenewed;
import io.ueledger.kernel.identity.IdentityRenewalFailed;
import io.ueledger.kernel.identity.IdentityRenewalStarted;
import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each enrolled device's identity renewal stands ({@code identity_renewal}): candidates for
 * the renewal job and the admins' list. Written by a subscribing handler in the events' transaction
 * (processing group {@value ProcessorNames#DEVICE_IDENTITY}).
 */
@Component
@ProcessingGroup(ProcessorNames.DEVICE_IDENTITY)
public class IdentityRenewalDirectory {

    /** One enrollment's renewal state as admins read it. */
    public record Row(String enrollmentRef, String serialNumber, Instant certificateNotAfter, String state,
                      int attempts, String commandUuid, String lastReason, Instant updatedAt) {
    }

    private final JdbcTemplate jdbc;

    IdentityRenewalDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DeviceEnrolled e) {
        // the certificate the device enrolled with: the latest our CA issued for this enrollment
        jdbc.update("""
                insert into identity_renewal (enrollment_ref, serial_number, cert_not_after, state, updated_at)
                select enrollment_ref, serial_number, not_after, 'CURRENT', ? from device_identity
                 where enrollment_ref = ? order by not_after desc limit 1
                on conflict (enrollment_ref) do nothing""", Timestamp.from(e.occurredAt()), e.enrollmentRef());
    }

    @EventHandler
    void on(IdentityRenewalStarted e) {
        jdbc.update("update identity_renewal set state = 'WAITING_FOR_DEVICE', attempts = ?, command_uuid = ?, "
                + "updated_at = ? where enrollment_ref = ?", e.attempt(), e.commandUuid(),
                Timestamp.from(e.occurredAt()), e.enrollmentRef());
    }

    @EventHandler
    void on(IdentityRenewalFailed e) {
        jdbc.update("update identity_renewal set state = ?, last_reason = ?, updated_at = ? where enrollment_ref = ?",
                e.willRetry() ? "FAILED" : "GAVE_UP", e.reason(), Timestamp.from(e.occurredAt()), e.enrollmentRef());
    }

    @EventHandler
    void on(IdentityCertificateRenewed e) {
        jdbc.update("update identity_renewal set state = 'RENEWED', serial_number = ?, cert_not_after = ?, "
                + "attempts = 0, last_reason = null, updated_at = ? where enrollment_ref = ?", e.serialNumber(),
                Timestamp.from(e.notAfter()), Timestamp.from(e.occurredAt()), e.enrollmentRef());
    }

    @EventHandler
    void on(EnrollmentClosed e) {
        jdbc.update("delete from identity_renewal where enrollment_ref = ?", e.enrollmentRef());
    }

    /**
     * Enrollments whose certificate is inside the window and whose renewal has not been given up,
     * leaving out attempts younger than the retry interval (waiting for the device, or failed
     * recently), so that they cannot crowd out devices that are due.
     */
    List<String> candidates(Instant windowEnd, Instant lastChangeBefore, int limit) {
        return jdbc.queryForList("""
                select enrollment_ref from identity_renewal
                 where cert_not_after <= ? and state <> 'GAVE_UP'
                   and (state not in ('WAITING_FOR_DEVICE', 'FAILED') or updated_at <= ?)
                 order by cert_not_after limit ?""", String.class, Timestamp.from(windowEnd),
                Timestamp.from(lastChangeBefore), limit);
    }

    /** Replaced certificates that expired before the device used the new one, with their enrollment. */
    List<String[]> expiredReplacedCertificates(Instant now, int limit) {
        return jdbc.query("""
                select old.enrollment_ref, old.cert_fingerprint from device_identity old
                  join device_identity renewed on renewed.replaces_fingerprint = old.cert_fingerprint
                 where old.retired_at is null and old.not_after <= ?
                 order by old.not_after limit ?""", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)},
                Timestamp.from(now), limit);
    }

    /** Every enrollment whose certificate is inside the window, or whose renewal is under way, failed or given up. */
    public List<Row> attention(Instant windowEnd) {
        return jdbc.query("""
                select enrollment_ref, serial_number, cert_not_after, state, attempts, command_uuid, last_reason,
                       updated_at
                  from identity_renewal
                 where cert_not_after <= ? or state in ('WAITING_FOR_DEVICE', 'FAILED', 'GAVE_UP')
                 order by cert_not_after""", (rs, i) -> new Row(rs.getString(1), rs.getString(2),
                rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                rs.getTimestamp(8).toInstant()), Timestamp.from(windowEnd));
    }
}
