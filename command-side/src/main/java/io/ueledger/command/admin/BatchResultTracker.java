package io.ueledger.command.admin;

import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import io.ueledger.kernel.mdm.MdmCommandFailed;
import io.ueledger.kernel.processing.ProcessorNames;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Marks a batch's commands acknowledged or failed as devices answer. A streaming processor
 * (group {@value ProcessorNames#COMMAND_BATCH_PROGRESS}), so the device's command channel never
 * waits for this bookkeeping; an
 * answer to a command outside any batch updates no row, and a redelivered one sets the same value.
 */
@Component
@ProcessingGroup(ProcessorNames.COMMAND_BATCH_PROGRESS)
public class BatchResultTracker {


    private final JdbcTemplate jdbc;

    public BatchResultTracker(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MdmCommandAcknowledged e) {
        jdbc.update("update mdm_command_batch_item set result = 'ACKNOWLEDGED' where command_uuid = ?",
                e.commandUuid());
    }

    @EventHandler
    void on(MdmCommandFailed e) {
        jdbc.update("update mdm_command_batch_item set result = 'FAILED' where command_uuid = ?", e.commandUuid());
    }
}
