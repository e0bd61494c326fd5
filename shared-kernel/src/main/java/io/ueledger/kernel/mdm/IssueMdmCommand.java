package io.ueledger.kernel.mdm;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue an MDM command an admin (or the DDM sync) asked for, with what the User Enrollment policy
 * decided for the device's platform and OS version. The enrollment completes the decision with the
 * same {@code MdmCommandDecider}: a policy refusal, or a command that needs something the
 * enrollment does not have (a RemoveProfile of a profile this MDM did not install, a
 * RemoveApplication of an app that is not managed, per-app networking bound to an unmanaged app),
 * is recorded as {@link MdmCommandRefused}; anything else is queued as {@link MdmCommandQueued}.
 * The enrollment answers with the {@link MdmCommandDecision}.
 *
 * @param policy what the User Enrollment policy decided (allowed, possibly narrowed, or refused)
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
        MdmCommandDecision policy,
        Instant occurredAt) {

    public IssueMdmCommand {
        if (policy == null) {
            throw new IllegalArgumentException("an MDM command is issued with the policy's decision");
        }
        if (content == null) {
            content = ManagedContent.none();
        }
    }

    /** A command the User Enrollment policy allowed (possibly narrowed: {@code narrowing} says how). */
    public IssueMdmCommand(String enrollmentRef, String commandUuid, String requestType, Channel channel,
                           ManagedContent content, String payloadDigest, String requestedBy, String narrowing,
                           Instant occurredAt) {
        this(enrollmentRef, commandUuid, requestType, channel, content, payloadDigest, requestedBy, narrowing,
                MdmCommandDecision.allow(), occurredAt);
    }

    /** A command the User Enrollment policy refused: nothing is queued, the refusal is recorded. */
    public static IssueMdmCommand refusedByPolicy(String enrollmentRef, String requestType, String requestedBy,
                                                  MdmCommandDecision refusal, Instant occurredAt) {
        if (refusal.allowed()) {
            throw new IllegalArgumentException("refusedByPolicy needs a refusal");
        }
        return new IssueMdmCommand(enrollmentRef, null, requestType, Channel.DEVICE, ManagedContent.none(), null,
                requestedBy, null, refusal, occurredAt);
    }
}
