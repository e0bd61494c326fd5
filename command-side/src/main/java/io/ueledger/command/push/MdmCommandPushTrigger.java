package io.ueledger.command.push;

import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.processing.ProcessorNames;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Asks for a push whenever an MDM command is queued, on the channel it was queued for. It runs in
 * its own tracking processor, so it only ever sees committed events, and never during a replay:
 * rebuilding history must not wake every device that ever had a command.
 */
@Component
@ProcessingGroup(ProcessorNames.APNS_PUSH)
@DisallowReplay
class MdmCommandPushTrigger {


    private final PushCoalescer coalescer;

    MdmCommandPushTrigger(PushCoalescer coalescer) {
        this.coalescer = coalescer;
    }

    @EventHandler
    void on(MdmCommandQueued event) {
        coalescer.request(new PushTarget(event.enrollmentRef(), event.channel()));
    }
}
