package io.ueledger.query.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import io.ueledger.kernel.policy.CapabilityMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceLinesTest {

    private final EvidenceLines lines = new EvidenceLines(CapabilityMatrix.standard());

    @Test
    void a_command_mdm_cannot_send_is_of_its_cannot_line() {
        assertThat(lines.of("EraseDevice", Platform.IOS, ManagedContent.none())).containsExactly("cannot.remote-wipe");
        assertThat(lines.of("DeviceLocation", Platform.MACOS, ManagedContent.none()))
                .containsExactly("cannot.device-location");
    }

    @Test
    void the_app_list_is_a_personal_inventory_on_a_mac_and_a_managed_one_elsewhere() {
        assertThat(lines.of("InstalledApplicationList", Platform.MACOS, ManagedContent.none()))
                .contains("cannot.personal-app-inventory");
        assertThat(lines.of("InstalledApplicationList", Platform.IOS, ManagedContent.none()))
                .containsExactly("can.managed-app-inventory");
        assertThat(lines.limitedBy("InstalledApplicationList", Platform.IOS)).containsExactly("cannot.personal-app-inventory");
        assertThat(lines.limitedBy("InstalledApplicationList", Platform.MACOS)).isEmpty();
    }

    @Test
    void device_information_is_sent_only_without_the_keys_of_five_cannot_lines() {
        assertThat(lines.of("DeviceInformation", Platform.IOS, ManagedContent.none())).isEmpty();
        assertThat(lines.limitedBy("DeviceInformation", Platform.IOS)).containsExactlyInAnyOrder(
                "cannot.personal-information", "cannot.unique-identifiers", "cannot.roaming-status",
                "cannot.activation-lock", "cannot.lost-mode");
    }

    @Test
    void a_profile_is_of_the_lines_of_its_payload_types() {
        ManagedContent profile = ManagedContent.installsProfile("com.example.p",
                List.of(new PerAppNetworkSetting(PerAppNetworkSetting.Kind.VPN, "com.example.vpn", List.of("com.example.app"))),
                List.of("com.apple.eas.account"),
                List.of("com.apple.mobiledevice.passwordpolicy", "com.apple.system.logging"));

        assertThat(lines.of("InstallProfile", Platform.IOS, profile)).containsExactlyInAnyOrder(
                "can.require-passcode", "cannot.personal-information", "can.configure-accounts", "can.per-app-vpn");
        assertThat(lines.limitedBy("InstallProfile", Platform.IOS)).isEmpty();
    }

    @Test
    void a_refusal_is_of_the_line_its_rule_enforces_else_of_what_was_asked() {
        assertThat(lines.ofRefusal("ue.passcode.too-complex", "InstallProfile", Platform.IOS))
                .containsExactly("cannot.complex-passcode");
        assertThat(lines.ofRefusal("ue.os-floor", "EraseDevice", Platform.IOS)).containsExactly("cannot.remote-wipe");
        assertThat(lines.ofRefusal("ue.inventory.not-installed", "RemoveProfile", Platform.IOS))
                .containsExactly("can.remove-managed-data");
    }
}
