package io.ueledger.query.compliance;

import io.ueledger.kernel.device.Platform;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The platform of each enrollment as far as the processor batch being handled knows it: reported by the
 * enrollment's events in the batch, or read from {@code compliance_enrollment} once. A queued command takes
 * its platform from here instead of flushing the batch's pending rows and reading the table back for each
 * command: in a rebuild an enrollment's stream usually arrives in one batch, and in bulk queueing one device's
 * commands often do. Only platforms that were named are kept, matching the view's {@code coalesce(?, platform)}
 * (a report without one leaves the table as it was). Nothing outlives the batch (its root unit of work), so
 * another node or a replay never reads a platform from here that the table does not hold.
 */
final class KnownPlatforms {

    private static final String RESOURCE = KnownPlatforms.class.getName();

    /** From here on in this batch the enrollment's platform is this one (null: unchanged). */
    void learn(String enrollmentRef, Platform platform) {
        if (platform != null && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().<Map<String, Platform>>getOrComputeResource(RESOURCE, key -> new HashMap<>())
                    .put(enrollmentRef, platform);
        }
    }

    /** The enrollment's platform if this batch knows it. */
    Optional<Platform> known(String enrollmentRef) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        Map<String, Platform> known = CurrentUnitOfWork.get().root().getResource(RESOURCE);
        return known == null ? Optional.empty() : Optional.ofNullable(known.get(enrollmentRef));
    }
}
