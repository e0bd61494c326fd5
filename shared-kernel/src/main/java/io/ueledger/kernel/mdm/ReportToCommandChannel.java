package io.ueledger.kernel.mdm;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One command-channel request of a device, as one command: the result it reports (absent when it reports
 * Idle) and the request for the next outstanding command, recorded and decided in one step and one
 * transaction. After a NotNow the deferred commands are skipped, as the device will poll again by itself.
 * The answer is the CommandUUID delivered next, or empty when the session ends.
 */
public record ReportToCommandChannel(
        @TargetAggregateIdentifier String enrollmentRef,
        String enrollmentId,
        Channel channel,
        Result result,
        Instant occurredAt) {

    /** The result of the previous command (Acknowledged, Error, CommandFormatError or NotNow). */
    public record Result(String commandUuid, MdmCommandStatus status, List<ErrorChainItem> errorChain) {
    }
}
