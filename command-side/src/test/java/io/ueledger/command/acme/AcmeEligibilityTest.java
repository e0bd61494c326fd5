package io.ueledger.command.acme;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.device.Platform;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AcmeEligibilityTest {

    private static AcmeEligibility eligibility(boolean enabled) {
        return new AcmeEligibility(new AcmeProperties(enabled, "/acme", Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofHours(1), null, false, new AcmeProperties.Http01(false, null, false)));
    }

    @Test
    void iphones_from_ios_16_get_an_attested_hardware_key_older_ones_keep_scep() {
        assertThat(eligibility(true).forDevice(Platform.IOS, "17.4"))
                .contains(new AcmeEligibility.KeyPolicy(true, true));
        assertThat(eligibility(true).forDevice(Platform.IPADOS, "16.0"))
                .contains(new AcmeEligibility.KeyPolicy(true, true));
        assertThat(eligibility(true).forDevice(Platform.IOS, "15.7.1")).isEmpty();
    }

    @Test
    void macs_get_acme_from_13_1_with_a_hardware_key_and_attestation_from_14() {
        assertThat(eligibility(true).forDevice(Platform.MACOS, "13.0")).isEmpty();
        assertThat(eligibility(true).forDevice(Platform.MACOS, "13.1"))
                .contains(new AcmeEligibility.KeyPolicy(false, false));
        assertThat(eligibility(true).forDevice(Platform.MACOS, "14.2"))
                .contains(new AcmeEligibility.KeyPolicy(true, true));
        assertThat(eligibility(true).forDevice(Platform.VISIONOS, "1.1"))
                .contains(new AcmeEligibility.KeyPolicy(true, true));
    }

    @Test
    void switched_off_or_unknown_os_means_scep() {
        assertThat(eligibility(false).forDevice(Platform.IOS, "17.4")).isEmpty();
        assertThat(eligibility(true).forDevice(Platform.IOS, null)).isEmpty();
        assertThat(eligibility(true).forDevice(null, "17.4")).isEmpty();
        assertThat(eligibility(true).forDevice(Platform.IOS, "seventeen")).isEmpty();
    }
}
