package io.ueledger.command.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import io.ueledger.command.plist.SafePlist;
import io.ueledger.command.plist.SafePlistParser;
import io.ueledger.command.plist.UnsafePlist;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Real messages captured from devices (test resources, see vectors/README.md) go through the same
 * hardened parser the check-in and command channel use, DOCTYPE line and all, and the ones a
 * user-enrolled device would never send are recognised as such.
 */
class DeviceMessageVectorsTest {

    private static NSDictionary vector(String name) throws IOException {
        try (InputStream in = DeviceMessageVectorsTest.class.getResourceAsStream("/vectors/" + name)) {
            return SafePlist.parseDictionary(in.readAllBytes(), CheckInController.MAX_CHECKIN_BYTES);
        }
    }

    @Test
    void a_device_enrollment_authenticate_parses_and_is_refused_for_its_udid() throws IOException {
        NSDictionary authenticate = vector("nanomdm/Authenticate.1.plist");
        assertThat(SafePlist.requireString(authenticate, "MessageType")).isEqualTo("Authenticate");
        assertThatThrownBy(() -> CheckInController.refuseDeviceIdentifiers(authenticate, "Authenticate"))
                .isInstanceOf(UnsafePlist.class)
                .hasMessageContaining("not a User Enrollment");
    }

    @Test
    void a_macos_authenticate_carries_the_mac_only_keys() throws IOException {
        NSDictionary authenticate = vector("nanomdm/Authenticate.2.plist");
        assertThat(authenticate.containsKey("DeviceName")).isTrue();
        assertThat(authenticate.containsKey("Model")).isTrue();
        assertThat(SafePlist.optionalString(authenticate, "Topic")).startsWith("com.apple.mgmt.");
    }

    @Test
    void token_updates_carry_the_push_token_as_data_and_the_push_magic_as_text() throws IOException {
        for (String name : new String[] {"nanomdm/TokenUpdate.1.plist", "nanomdm/TokenUpdate.2.plist"}) {
            NSDictionary update = vector(name);
            assertThat(SafePlist.requireString(update, "MessageType")).isEqualTo("TokenUpdate");
            assertThat(SafePlist.optionalData(update, "Token")).isNotEmpty();
            assertThat(SafePlist.requireString(update, "PushMagic")).isNotBlank();
        }
        assertThat(vector("nanomdm/TokenUpdate.1.plist").containsKey("UnlockToken"))
                .as("a device-enrollment iPhone sends an UnlockToken; a user-enrolled one never does").isTrue();
    }

    @Test
    void a_command_result_reports_its_status_and_command_uuid() throws IOException {
        NSDictionary result = vector("nanomdm/DeviceInformation.1.plist");
        assertThat(MdmCommandStatus.fromWire(SafePlist.requireString(result, "Status")))
                .isEqualTo(MdmCommandStatus.ACKNOWLEDGED);
        assertThat(SafePlist.requireString(result, "CommandUUID")).isEqualTo("76eda240-5488-4989-8339-f2ae160113c4");
        assertThat(result.containsKey("EnrollmentID"))
                .as("this capture is a device enrollment; the command channel requires EnrollmentID").isFalse();
    }

    @Test
    void an_install_profile_command_carries_its_payload_as_data() throws Exception {
        NSDictionary envelope = vector("micromdm/InstallProfile.command.plist");
        NSDictionary command = (NSDictionary) envelope.objectForKey("Command");
        assertThat(SafePlist.requireString(command, "RequestType")).isEqualTo("InstallProfile");
        assertThat(SafePlist.requireString(envelope, "CommandUUID")).isNotBlank();
        byte[] payload = ((NSData) command.objectForKey("Payload")).bytes();
        assertThat(new String(payload, java.nio.charset.StandardCharsets.US_ASCII))
                .as("micromdm's fixture carries a placeholder, not a profile").isEqualTo("foobarbaz");
        assertThatThrownBy(() -> SafePlistParser.parse(payload)).isInstanceOf(IllegalArgumentException.class);
    }
}
