package io.ueledger.kernel.mdm;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Queue an MDM command an admin asked for and the User Enrollment policy allowed (or narrowed),
 * after the checks only the enrollment itself can make: a RemoveProfile names a profile this MDM
 * installed, a RemoveApplication a managed app, and per-app networking binds managed apps only.
 * When one of those fails the enrollment records {@link MdmCommandRefused} instead of queuing, and
 * answers with {@link MdmCommandIssue#refused}.
 */
public record IssueMdmCommand(
        @TargetAggregateIdentifier String enrollmentRef,
        String commandUuid,
        String requestType,
        Channel channel,
        ManagedContent content,
        String payloadDigest,
        String requestedBy,
        String narrowing,
        Instant occurredAt) {
}
