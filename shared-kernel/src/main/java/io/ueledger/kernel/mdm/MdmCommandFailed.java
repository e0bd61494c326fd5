package io.ueledger.kernel.mdm;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The device answered Error (with its ErrorChain) or CommandFormatError; the command is done and failed. */
@Revision("1")
public record MdmCommandFailed(
        String enrollmentRef,
        String commandUuid,
        String requestType,
        MdmCommandStatus status,
        List<ErrorChainItem> errorChain,
        Instant occurredAt) {
}
