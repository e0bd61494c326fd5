package io.ueledger.query.pointintime;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.DeviceEnrolled;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.enrollment.ManagedDataKeysCreated;
import io.ueledger.kernel.enrollment.UserAuthenticated;
import io.ueledger.kernel.mdm.ManagedAppInstalled;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import io.ueledger.kernel.mdm.MdmCommandDeferred;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.mdm.MdmCommandRefused;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.kernel.unenrollment.ClosureReason;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import io.ueledger.kernel.unenrollment.ManagedDataKeysDestroyed;
import io.ueledger.kernel.unenrollment.ManagedDataRemoved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceStateFoldTest {

    private static final String REF = "ref-1";
    private static final Instant T = Instant.parse("2025-03-03T09:00:00Z");
    private static final PerAppNetworkSetting VPN = new PerAppNetworkSetting(PerAppNetworkSetting.Kind.VPN, "vpn",
            List.of("com.example.mail"));

    private final List<Object> history = List.of(
            new EnrollmentRequested(REF, "corp.example", "iPhone", Platform.IOS, "iPhone16,1", "17.5", "21F79", "en",
                    "CN=device", "sha256:body", T),
            new UserAuthenticated(REF, "idp", "subject", "alice@corp.example", T),
            new DeviceAuthenticated(REF, "enr-1", Channel.DEVICE, Platform.IOS, "iPhone16,1", "18.1", "22B83", T),
            new DeviceEnrolled(REF, "enr-1", Platform.IOS, "18.1", "alice@corp.example", T),
            new ManagedDataKeysCreated(REF, Platform.IOS, "18.1", List.of(DataClass.values()[0]), T),
            new MdmCommandQueued(REF, "c1", "InstallProfile", Channel.DEVICE,
                    ManagedContent.installsProfile("com.example.vpn", List.of(VPN), List.of()), null, "admin", null, T),
            new MdmCommandQueued(REF, "c2", "InstallApplication", Channel.DEVICE,
                    ManagedContent.installsApp("com.example.mail"), null, "admin", null, T),
            new MdmCommandDelivered(REF, "c1", "InstallProfile", Channel.DEVICE, 1, T),
            new MdmCommandDelivered(REF, "c2", "InstallApplication", Channel.DEVICE, 1, T),
            new MdmCommandDeferred(REF, "c2", "InstallApplication", T),
            new MdmCommandRefused(REF, "EraseDevice", "admin", "rule", "source", "personal device", T),
            new MdmCommandAcknowledged(REF, "c1", "InstallProfile", T),
            new ProfileInstalled(REF, "com.example.vpn", "c1", List.of(VPN), List.of(), T),
            new ManagedAppInstalled(REF, "com.example.mail", "c2", T),
            new ManagedDataKeysDestroyed(REF, List.of(DataClass.values()[0]), "sha256:key", T),
            new ManagedDataRemoved(REF, List.of("com.example.vpn"), List.of("com.example.mail"), List.of(), List.of(VPN),
                    T),
            new EnrollmentClosed(REF, ClosureReason.CHECKED_OUT, T));

    @Test
    void an_enrolled_device_with_a_profile_a_deferred_app_and_keys_alive() {
        DeviceState state = DeviceStateFold.of(history.subList(0, 14));

        assertThat(state.stage()).isEqualTo(EnrollmentStage.ENROLLED);
        assertThat(state.osVersion()).as("Authenticate reports the OS the device runs now").isEqualTo("18.1");
        assertThat(state.managedAppleAccount()).isEqualTo("alice@corp.example");
        assertThat(state.installedProfiles()).extracting(DeviceState.InstalledProfile::identifier)
                .containsExactly("com.example.vpn");
        assertThat(state.perAppNetworking()).containsExactly(VPN);
        assertThat(state.managedApps()).containsExactly("com.example.mail");
        assertThat(state.dataSeparationKeysAlive()).containsExactly(DataClass.values()[0]);
        assertThat(state.outstandingCommands()).singleElement().satisfies(c -> {
            assertThat(c.commandUuid()).isEqualTo("c2");
            assertThat(c.state()).isEqualTo("DEFERRED");
            assertThat(c.deliveries()).isEqualTo(1);
        });
        assertThat(state.eventsApplied()).isEqualTo(14);
        assertThat(state.lastSequence()).isEqualTo(13);
    }

    @Test
    void a_closed_enrollment_keeps_nothing_alive() {
        DeviceState state = DeviceStateFold.of(history);

        assertThat(state.stage()).isEqualTo(EnrollmentStage.CLOSED);
        assertThat(state.closureReason()).isEqualTo(ClosureReason.CHECKED_OUT);
        assertThat(state.installedProfiles()).isEmpty();
        assertThat(state.managedApps()).isEmpty();
        assertThat(state.perAppNetworking()).isEmpty();
        assertThat(state.dataSeparationKeysAlive()).isEmpty();
        assertThat(state.outstandingCommands()).isEmpty();
    }

    @Test
    void folding_step_by_step_gives_the_same_state_as_folding_at_once() {
        DeviceStateFold fold = new DeviceStateFold();
        List<DeviceState> steps = new ArrayList<>();
        history.forEach(e -> steps.add(fold.apply(e).state()));

        for (int i = 0; i < history.size(); i++) {
            assertThat(steps.get(i)).isEqualTo(DeviceStateFold.of(history.subList(0, i + 1)));
        }
    }

    @Test
    void a_later_sign_in_does_not_move_an_enrolled_device_back() {
        List<Object> events = new ArrayList<>(history.subList(0, 5));
        events.add(new UserAuthenticated(REF, "idp", "subject", "alice@corp.example", T));

        assertThat(DeviceStateFold.of(events).stage()).isEqualTo(EnrollmentStage.ENROLLED);
    }
}
