package io.ueledger.ops.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.policy.UserEnrollmentPolicy;
import org.junit.jupiter.api.Test;

class PolicyRecheckTest {

    private static final String KERNEL = "io.ueledger.kernel.";
    private final ObjectMapper json = new ObjectMapper();
    private final PolicyRecheck recheck = new PolicyRecheck(UserEnrollmentPolicy.standard());

    @Test
    void an_erase_delivered_to_a_user_enrolled_iphone_is_a_violation() {
        enrolledIPhone("enr-1");

        assertThat(recheck.accept(KERNEL + "mdm.MdmCommandDelivered", "enr-1", command("EraseDevice")))
                .hasValueSatisfying(p -> assertThat(p).startsWith("POLICY VIOLATION: MDM command EraseDevice was delivered"
                        + " to iOS 18.1"));
        assertThat(recheck.checked()).isEqualTo(1);
    }

    @Test
    void an_allowed_command_and_one_whose_refusal_would_depend_on_its_keys_are_not_violations() {
        enrolledIPhone("enr-2");

        assertThat(recheck.accept(KERNEL + "mdm.MdmCommandQueued", "enr-2", command("ProfileList"))).isEmpty();
        assertThat(recheck.accept(KERNEL + "mdm.MdmCommandDelivered", "enr-2", command("DeviceInformation"))).isEmpty();
        assertThat(recheck.checked()).isEqualTo(2);
    }

    @Test
    void the_os_version_that_counts_is_the_latest_the_device_reported_before_the_command() {
        enrolledIPhone("enr-3");
        recheck.accept(KERNEL + "enrollment.DeviceAuthenticated", "enr-3", tree("{\"platform\":\"MACOS\",\"osVersion\":\"14.5\"}"));

        assertThat(recheck.accept(KERNEL + "mdm.MdmCommandDelivered", "enr-3", command("EraseDevice")))
                .hasValueSatisfying(p -> assertThat(p).contains("macOS 14.5"));
    }

    @Test
    void a_command_of_an_enrollment_whose_device_the_bundle_does_not_describe_cannot_be_rechecked() {
        assertThat(recheck.accept(KERNEL + "mdm.MdmCommandDelivered", "enr-unknown", command("ProfileList")))
                .hasValueSatisfying(p -> assertThat(p).contains("cannot be re-checked"));
        assertThat(recheck.checked()).isZero();
    }

    private void enrolledIPhone(String ref) {
        recheck.accept(KERNEL + "enrollment.EnrollmentRequested", ref, tree("{\"platform\":\"IOS\",\"osVersion\":\"18.1\"}"));
    }

    private JsonNode command(String requestType) {
        return tree("{\"commandUuid\":\"c-" + requestType + "\",\"requestType\":\"" + requestType + "\"}");
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
