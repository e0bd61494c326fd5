package io.ueledger.command.admin;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each enrollment's platform and OS version as the device last reported them, for the policy
 * decision of an admin command. A command-side lookup kept by a subscribing handler (processing
 * group {@value ProcessorNames#ENROLLMENT_DEVICE}) in the same transaction as the events, so it is
 * never behind the aggregate and no query-side view takes part in a decision.
 */
@Component
@ProcessingGroup(ProcessorNames.ENROLLMENT_DEVICE)
public class EnrollmentDevices {


    private final JdbcTemplate jdbc;

    public EnrollmentDevices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EnrollmentRequested e) {
        jdbc.update("""
                insert into enrollment_device (enrollment_ref, platform, os_version) values (?, ?, ?)
                on conflict (enrollment_ref) do nothing""",
                e.enrollmentRef(), e.platform() == null ? null : e.platform().name(), e.osVersion());
    }

    @EventHandler
    void on(DeviceAuthenticated e) {
        // Authenticate carries what the device runs now; MachineInfo at enrollment may be older.
        jdbc.update("update enrollment_device set platform = coalesce(?, platform), os_version = coalesce(?, os_version) "
                        + "where enrollment_ref = ?",
                e.platform() == null ? null : e.platform().name(), e.osVersion(), e.enrollmentRef());
    }

    @EventHandler
    void on(EnrollmentClosed e) {
        jdbc.update("update enrollment_device set closed = true where enrollment_ref = ?", e.enrollmentRef());
    }

    public Optional<EnrollmentDevice> find(String enrollmentRef) {
        return jdbc.query("select enrollment_ref, platform, os_version, closed from enrollment_device "
                        + "where enrollment_ref = ?",
                (rs, i) -> new EnrollmentDevice(rs.getString(1),
                        rs.getString(2) == null ? null : Platform.valueOf(rs.getString(2)),
                        rs.getString(3) == null ? null : OsVersion.parse(rs.getString(3)),
                        rs.getBoolean(4)),
                enrollmentRef).stream().findFirst();
    }
}
