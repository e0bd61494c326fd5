package io.ueledger.kernel.mdm;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import io.ueledger.kernel.privacy.PersonalData;

/** A configuration profile installed by this MDM is on the device (acknowledged InstallProfile). */
@Revision("1")
public record ProfileInstalled(
        String enrollmentRef,
        String profileIdentifier,
        String commandUuid,
        List<PerAppNetworkSetting> perAppNetworking,
        @PersonalData List<String> accounts,
        Instant occurredAt) {
}
