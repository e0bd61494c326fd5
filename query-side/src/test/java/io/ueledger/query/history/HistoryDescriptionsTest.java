package io.ueledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.mdm.MdmCommandRefused;
import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.unenrollment.ClosureReason;
import io.ueledger.kernel.unenrollment.DeviceCheckedOut;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

class HistoryDescriptionsTest {

    private static final Instant AT = Instant.parse("2025-03-03T10:15:30Z");

    private final HistoryDescriptions descriptions = new HistoryDescriptions();

    @Test
    void every_enrollment_lifecycle_event_has_a_sentence_of_its_own() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        Set<String> events = List.of("io.ueledger.kernel.enrollment", "io.ueledger.kernel.mdm",
                        "io.ueledger.kernel.unenrollment", "io.ueledger.kernel.push", "io.ueledger.kernel.ddm",
                        "io.ueledger.kernel.identity").stream()
                .flatMap(pkg -> scanner.findCandidateComponents(pkg).stream())
                .map(bean -> bean.getBeanClassName())
                .collect(Collectors.toSet());
        Set<String> described = descriptions.describedTypes().stream().map(Class::getName).collect(Collectors.toSet());

        assertThat(events).isNotEmpty();
        assertThat(described).containsAll(events);
    }

    @Test
    void identity_renewal_reads_as_plain_steps_with_both_certificates() {
        var renewed = descriptions.describe(new io.ueledger.kernel.identity.IdentityCertificateRenewed("ref-1", "0a1b",
                "old", AT.plusSeconds(60), "0c2d", "new", "CN=ref-1", AT.plusSeconds(3600), AT));
        var retired = descriptions.describe(new io.ueledger.kernel.identity.IdentityCertificateRetired("ref-1", "0a1b",
                "old", io.ueledger.kernel.identity.IdentityRetirement.EXPIRED, AT));
        var gaveUp = descriptions.describe(new io.ueledger.kernel.identity.IdentityRenewalFailed("ref-1", "cmd-1", 5,
                "the device did not answer within PT24H", false, AT));

        assertThat(renewed.summary()).startsWith("Identity certificate renewed: 0c2d").contains("replaces 0a1b");
        assertThat(renewed.actor()).isEqualTo("device");
        assertThat(retired.summary()).isEqualTo("Old identity certificate 0a1b no longer accepted: it expired");
        assertThat(gaveUp.summary()).contains("attempt 5 failed").contains("gave up");
    }

    @Test
    void a_profile_install_names_the_profile_and_the_command_and_is_the_devices_doing() {
        var description = descriptions.describe(new ProfileInstalled("ref-1", "com.example.wifi",
                "1234abcd-5678-90ef-aaaa-bbbbccccdddd", List.of(), List.of(), AT));

        assertThat(description.summary()).isEqualTo("Profile com.example.wifi installed (command 1234abcd…)");
        assertThat(description.actor()).isEqualTo("device");
    }

    @Test
    void commands_and_refusals_are_attributed_to_whoever_asked() {
        var queued = descriptions.describe(new MdmCommandQueued("ref-1", "cmd-1", "InstallProfile", Channel.DEVICE,
                ManagedContent.none(), null, "alice", null, AT));
        var refused = descriptions.describe(new MdmCommandRefused("ref-1", "EraseDevice", "bob",
                "UE-NO-ERASE", "SEED-TABLE", "a user-enrolled device cannot be erased", AT));
        var unattributed = descriptions.describe(new MdmCommandQueued("ref-1", "cmd-2", "DeviceInformation",
                Channel.DEVICE, ManagedContent.none(), null, null, null, AT));

        assertThat(queued.actor()).isEqualTo("alice");
        assertThat(refused.actor()).isEqualTo("bob");
        assertThat(refused.summary()).isEqualTo(
                "MDM command EraseDevice refused: a user-enrolled device cannot be erased (rule UE-NO-ERASE)");
        assertThat(unattributed.actor()).isEqualTo("system");
    }

    @Test
    void the_end_of_an_enrollment_says_who_ended_it_and_why() {
        assertThat(descriptions.describe(new DeviceCheckedOut("ref-1", "enr-1", AT)).actor()).isEqualTo("user");
        assertThat(descriptions.describe(new EnrollmentClosed("ref-1", ClosureReason.CHECKED_OUT, AT)).summary())
                .isEqualTo("Enrollment closed: the user removed it on the device");
    }

    @Test
    void an_event_nobody_described_yet_still_gets_a_plain_line() {
        record SomethingNew(String enrollmentRef) {
        }

        var description = descriptions.describe(new SomethingNew("ref-1"));

        assertThat(description.summary()).isEqualTo("SomethingNew recorded");
        assertThat(description.actor()).isEqualTo("system");
    }
}
