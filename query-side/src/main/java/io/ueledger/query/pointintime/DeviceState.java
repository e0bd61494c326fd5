package io.ueledger.query.pointintime;

import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import io.ueledger.kernel.unenrollment.ClosureReason;
import java.time.Instant;
import java.util.List;

/**
 * What one enrollment looked like after a prefix of its events: the answer to "what did this
 * device look like on 3 March". Folded by {@link DeviceStateFold}, never read from a view.
 *
 * @param declarationsInForce the DDM declarations offered to the device at that moment, each with
 *                            the latest status the device had reported for it by then (null if none)
 * @param eventsApplied how many of the enrollment's events the state is made of
 * @param lastSequence  aggregate sequence number of the last of them
 */
public record DeviceState(
        String enrollmentRef,
        EnrollmentStage stage,
        Platform platform,
        String osVersion,
        String product,
        String managedAppleAccount,
        String enrollmentId,
        String enrollmentProfile,
        List<InstalledProfile> installedProfiles,
        List<String> managedApps,
        List<PerAppNetworkSetting> perAppNetworking,
        List<DataClass> dataSeparationKeysAlive,
        List<OutstandingCommand> outstandingCommands,
        List<DeclarationInForce> declarationsInForce,
        ClosureReason closureReason,
        int eventsApplied,
        long lastSequence,
        Instant lastEventAt) {

    /** A profile this MDM installed and the device confirmed, with the per-app network settings it carried. */
    public record InstalledProfile(String identifier, List<PerAppNetworkSetting> perAppNetworking,
                                   List<String> accounts) {
    }

    /** An MDM command the device has not finished: queued, delivered (sent) or deferred (NotNow). */
    public record OutstandingCommand(String commandUuid, String requestType, Channel channel, String state,
                                     int deliveries) {
    }

    /** A declaration in force, with what the device last reported about it (valid is null before any report). */
    public record DeclarationInForce(String identifier, String type, String category, String serverToken,
                                     String setId, Boolean active, String valid, List<String> reasons) {
    }
}
