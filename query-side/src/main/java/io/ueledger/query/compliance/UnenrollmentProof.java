package io.ueledger.query.compliance;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ueledger.kernel.device.DataClass;
import java.time.Instant;
import java.util.List;

/**
 * What the ledger shows of one closed enrollment: when and why it ended, the data classes whose
 * keys were destroyed and the managed items listed as removed, with the events that say so.
 */
public record UnenrollmentProof(String enrollmentRef, Instant closedAt, String closureReason,
                                List<DataClass> keysCreated, List<DataClass> keysDestroyed,
                                List<String> removedProfiles, List<String> removedApps, List<String> removedAccounts,
                                int removedPerAppSettings, List<String> eventIds) {

    /** Keys destroyed for every class created at enrollment, and the removal of managed data recorded. */
    @JsonProperty("complete")
    public boolean complete() {
        return keysDestroyed != null && (keysCreated == null || keysDestroyed.containsAll(keysCreated))
                && removedProfiles != null;
    }
}
