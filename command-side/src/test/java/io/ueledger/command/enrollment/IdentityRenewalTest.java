package io.ueledger.command.enrollment;

import static io.ueledger.command.enrollment.EnrollmentStories.ENROLLMENT_ID;
import static io.ueledger.command.enrollment.EnrollmentStories.PROFILE_ID;
import static io.ueledger.command.enrollment.EnrollmentStories.REF;
import static io.ueledger.command.enrollment.EnrollmentStories.at;
import static io.ueledger.command.enrollment.EnrollmentStories.enrolled;

import io.ueledger.command.shredding.InMemoryDataKeyStore;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.IssueIdentityCertificate;
import io.ueledger.kernel.identity.IdentityCertificateRenewed;
import io.ueledger.kernel.identity.IdentityCertificateRetired;
import io.ueledger.kernel.identity.IdentityRenewalFailed;
import io.ueledger.kernel.identity.IdentityRenewalStarted;
import io.ueledger.kernel.identity.IdentityRetirement;
import io.ueledger.kernel.identity.RenewIdentity;
import io.ueledger.kernel.identity.RetireIdentityCertificate;
import io.ueledger.kernel.mdm.ErrorChainItem;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.mdm.MdmCommandFailed;
import io.ueledger.kernel.mdm.MdmCommandDecision;
import io.ueledger.kernel.policy.MdmCommandDecider;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.mdm.MdmCommandRefused;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.mdm.RecordMdmCommandResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The enrollment's side of identity renewal: when it is due, what the device's answers record, retirement. */
class IdentityRenewalTest {

    /** The certificate of {@link EnrollmentStories#identityIssued()}. */
    private static final Instant OLD_NOT_AFTER = at(400_000);
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Duration RETRY = Duration.ofDays(1);
    private static final Instant IN_WINDOW = OLD_NOT_AFTER.minus(Duration.ofDays(20));
    private static final Instant NEW_NOT_AFTER = OLD_NOT_AFTER.plus(Duration.ofDays(365));
    private static final ManagedContent PROFILE = ManagedContent.installsProfile(PROFILE_ID, List.of(),
            List.of(), List.of("com.apple.security.scep", "com.apple.mdm"));

    private FixtureConfiguration<DeviceEnrollment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DeviceEnrollment.class);
        fixture.registerInjectableResource(new InMemoryDataKeyStore());
    }

    private static RenewIdentity renew(String uuid, Instant at, int maxAttempts) {
        return new RenewIdentity(REF, uuid, PROFILE, "sha256:" + uuid, "ue-ledger identity renewal", WINDOW, RETRY,
                maxAttempts, at);
    }

    private static MdmCommandQueued queued(String uuid, Instant at) {
        return new MdmCommandQueued(REF, uuid, "InstallProfile", Channel.DEVICE, PROFILE, "sha256:" + uuid,
                "ue-ledger identity renewal", null, at);
    }

    private static List<Object> started(String uuid, int attempt, Instant at) {
        List<Object> events = new ArrayList<>(enrolled());
        events.add(queued(uuid, at));
        events.add(new IdentityRenewalStarted(REF, uuid, "0a1b", OLD_NOT_AFTER, attempt, 3, at));
        return events;
    }

    private static List<Object> with(List<Object> history, Object... more) {
        List<Object> events = new ArrayList<>(history);
        events.addAll(List.of(more));
        return events;
    }

    private static final IdentityCertificateRenewed RENEWED = new IdentityCertificateRenewed(REF, "0a1b",
            "sha256:cert", OLD_NOT_AFTER, "0c2d", "sha256:new", "CN=enr-0001", NEW_NOT_AFTER, IN_WINDOW.plusSeconds(60));

    @Test
    void before_the_window_nothing_is_queued() {
        fixture.given(enrolled())
                .when(renew("r1", OLD_NOT_AFTER.minus(Duration.ofDays(31)), 3))
                .expectNoEvents()
                .expectResultMessagePayload(MdmCommandDecision.refuse("ue.identity.renewal-not-due", "server rule",
                        "the identity certificate is not inside the renewal window yet"));
    }

    @Test
    void inside_the_window_the_enrollment_profile_is_queued_and_the_renewal_starts() {
        fixture.given(enrolled())
                .when(renew("r1", IN_WINDOW, 3))
                .expectEvents(queued("r1", IN_WINDOW),
                        new IdentityRenewalStarted(REF, "r1", "0a1b", OLD_NOT_AFTER, 1, 3, IN_WINDOW))
                .expectResultMessagePayload(MdmCommandDecision.allow());
    }

    @Test
    void a_renewal_that_does_not_reinstall_the_enrollment_profile_is_refused() {
        ManagedContent other = ManagedContent.installsProfile("com.corp.other", List.of(), List.of());
        fixture.given(enrolled())
                .when(new RenewIdentity(REF, "r1", other, "sha256:r1", "x", WINDOW, RETRY, 3, IN_WINDOW))
                .expectNoEvents().expectException(EnrollmentRuleViolation.class);
    }

    @Test
    void scep_during_the_renewal_records_the_renewed_certificate_with_the_old_one() {
        fixture.given(with(started("r1", 1, IN_WINDOW), new MdmCommandDelivered(REF, "r1", "InstallProfile",
                        Channel.DEVICE, 1, IN_WINDOW.plusSeconds(30))))
                .when(new IssueIdentityCertificate(REF, "0c2d", "sha256:new", "CN=enr-0001", NEW_NOT_AFTER,
                        IN_WINDOW.plusSeconds(60)))
                .expectEvents(RENEWED);
    }

    @Test
    void scep_after_enrollment_without_a_renewal_is_refused() {
        fixture.given(enrolled())
                .when(new IssueIdentityCertificate(REF, "0c2d", "sha256:new", "CN=enr-0001", NEW_NOT_AFTER, IN_WINDOW))
                .expectNoEvents().expectException(EnrollmentRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("no identity renewal is in progress"));
    }

    @Test
    void the_old_certificate_is_retired_once_and_only_the_replaced_one() {
        List<Object> renewed = with(started("r1", 1, IN_WINDOW), RENEWED);
        fixture.given(renewed)
                .when(new RetireIdentityCertificate(REF, "sha256:cert", IdentityRetirement.NEW_CERTIFICATE_USED,
                        IN_WINDOW.plusSeconds(90)))
                .expectEvents(new IdentityCertificateRetired(REF, "0a1b", "sha256:cert",
                        IdentityRetirement.NEW_CERTIFICATE_USED, IN_WINDOW.plusSeconds(90)));
        fixture.given(with(renewed, new IdentityCertificateRetired(REF, "0a1b", "sha256:cert",
                        IdentityRetirement.NEW_CERTIFICATE_USED, IN_WINDOW.plusSeconds(90))))
                .when(new RetireIdentityCertificate(REF, "sha256:cert", IdentityRetirement.EXPIRED, OLD_NOT_AFTER))
                .expectNoEvents();
        fixture.given(renewed)
                .when(new RetireIdentityCertificate(REF, "sha256:new", IdentityRetirement.EXPIRED, NEW_NOT_AFTER))
                .expectNoEvents();
    }

    @Test
    void a_device_error_fails_the_attempt_and_says_it_will_be_retried() {
        List<ErrorChainItem> chain = List.of(new ErrorChainItem(4001, "MCProfileErrorDomain", "SCEP failed",
                "SCEP failed"));
        fixture.given(with(started("r1", 1, IN_WINDOW), new MdmCommandDelivered(REF, "r1", "InstallProfile",
                        Channel.DEVICE, 1, IN_WINDOW.plusSeconds(30))))
                .when(new RecordMdmCommandResult(REF, ENROLLMENT_ID, Channel.DEVICE, "r1", MdmCommandStatus.ERROR,
                        chain, IN_WINDOW.plusSeconds(60)))
                .expectEvents(new MdmCommandFailed(REF, "r1", "InstallProfile", MdmCommandStatus.ERROR, chain,
                                IN_WINDOW.plusSeconds(60)),
                        new IdentityRenewalFailed(REF, "r1", 1, "the device could not install the renewal profile: "
                                + "SCEP failed", true, IN_WINDOW.plusSeconds(60)));
    }

    @Test
    void an_unanswered_attempt_is_failed_and_retried_after_the_interval_but_not_before() {
        fixture.given(started("r1", 1, IN_WINDOW))
                .when(renew("r2", IN_WINDOW.plus(Duration.ofHours(23)), 3))
                .expectNoEvents();
        Instant later = IN_WINDOW.plus(RETRY);
        fixture.given(started("r1", 1, IN_WINDOW))
                .when(renew("r2", later, 3))
                .expectEvents(new IdentityRenewalFailed(REF, "r1", 1, "the device did not answer within PT24H", true,
                                later), queued("r2", later),
                        new IdentityRenewalStarted(REF, "r2", "0a1b", OLD_NOT_AFTER, 2, 3, later));
    }

    @Test
    void after_the_last_attempt_the_server_gives_up_and_queues_nothing_more() {
        Instant later = IN_WINDOW.plus(RETRY);
        fixture.given(started("r3", 3, IN_WINDOW))
                .when(renew("r4", later, 3))
                .expectEvents(new IdentityRenewalFailed(REF, "r3", 3, "the device did not answer within PT24H", false,
                        later));
        fixture.given(with(started("r3", 3, IN_WINDOW), new IdentityRenewalFailed(REF, "r3", 3, "x", false, later)))
                .when(renew("r4", later.plus(RETRY), 3))
                .expectNoEvents();
    }

    @Test
    void the_acknowledged_renewal_is_not_recorded_as_a_profile_the_mdm_installed() {
        fixture.given(with(started("r1", 1, IN_WINDOW), new MdmCommandDelivered(REF, "r1", "InstallProfile",
                        Channel.DEVICE, 1, IN_WINDOW.plusSeconds(30)), RENEWED))
                .when(new RecordMdmCommandResult(REF, ENROLLMENT_ID, Channel.DEVICE, "r1",
                        MdmCommandStatus.ACKNOWLEDGED, List.of(), IN_WINDOW.plusSeconds(90)))
                .expectEvents(new MdmCommandAcknowledged(REF, "r1", "InstallProfile", IN_WINDOW.plusSeconds(90)));
    }

    @Test
    void an_admin_cannot_send_the_enrollment_profile() {
        fixture.given(enrolled())
                .when(new IssueMdmCommand(REF, "a1", "InstallProfile", Channel.DEVICE, PROFILE, "sha256:a1", "admin",
                        null, MdmCommandDecision.allow(), IN_WINDOW))
                .expectEvents(new MdmCommandRefused(REF, "InstallProfile", "admin",
                        MdmCommandDecider.ENROLLMENT_PROFILE_BY_RENEWAL_ONLY, MdmCommandDecider.LEDGER_SOURCE,
                        "Profile " + PROFILE_ID + " is this device's enrollment profile; only the server's identity "
                                + "renewal re-sends it (with a fresh identity challenge), an admin cannot replace it.",
                        IN_WINDOW));
    }
}
