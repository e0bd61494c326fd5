package io.ueledger.kernel.unenrollment;

import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import io.ueledger.kernel.privacy.PersonalData;

/** Everything managed that came with the enrollment is gone: profiles, managed apps, accounts and per-app network settings. */
@Revision("1")
public record ManagedDataRemoved(
        String enrollmentRef,
        List<String> profiles,
        List<String> managedApps,
        @PersonalData List<String> accounts,
        List<PerAppNetworkSetting> perAppNetworking,
        Instant occurredAt) {
}
