package io.ueledger.command.mdm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The exact bytes each MDM command is sent as. Written in the same transaction as the command that
 * queues it, read when the aggregate hands the command to the device.
 */
@Component
public class MdmCommandBodies {

    private final JdbcTemplate jdbc;

    public MdmCommandBodies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void store(String commandUuid, String enrollmentRef, String requestType, byte[] body, Instant at) {
        jdbc.update("insert into mdm_command_body (command_uuid, enrollment_ref, request_type, body, created_at) "
                + "values (?, ?, ?, ?, ?)", commandUuid, enrollmentRef, requestType, body, Timestamp.from(at));
    }

    public Optional<byte[]> body(String commandUuid) {
        return jdbc.query("select body from mdm_command_body where command_uuid = ?",
                (rs, i) -> rs.getBytes(1), commandUuid).stream().findFirst();
    }
}
