package io.ueledger.kernel.mdm;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The device reported the result of a command (Acknowledged, Error, CommandFormatError or NotNow). */
public record RecordMdmCommandResult(
        @TargetAggregateIdentifier String enrollmentRef,
        String enrollmentId,
        Channel channel,
        String commandUuid,
        MdmCommandStatus status,
        List<ErrorChainItem> errorChain,
        Instant occurredAt) {
}
