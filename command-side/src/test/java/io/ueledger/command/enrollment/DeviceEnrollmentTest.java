package io.ueledger.command.enrollment;

import static io.ueledger.command.enrollment.EnrollmentStories.ACCOUNT;
import static io.ueledger.command.enrollment.EnrollmentStories.ENROLLMENT_ID;
import static io.ueledger.command.enrollment.EnrollmentStories.IOS_18_CLASSES;
import static io.ueledger.command.enrollment.EnrollmentStories.MAGIC_HASH;
import static io.ueledger.command.enrollment.EnrollmentStories.PROFILE_ID;
import static io.ueledger.command.enrollment.EnrollmentStories.PUSH_HASH;
import static io.ueledger.command.enrollment.EnrollmentStories.REF;
import static io.ueledger.command.enrollment.EnrollmentStories.T0;
import static io.ueledger.command.enrollment.EnrollmentStories.TOKEN_ID;
import static io.ueledger.command.enrollment.EnrollmentStories.TOPIC;
import static io.ueledger.command.enrollment.EnrollmentStories.at;
import static io.ueledger.command.enrollment.EnrollmentStories.authenticated;
import static io.ueledger.command.enrollment.EnrollmentStories.challenged;
import static io.ueledger.command.enrollment.EnrollmentStories.delivered;
import static io.ueledger.command.enrollment.EnrollmentStories.enrolled;
import static io.ueledger.command.enrollment.EnrollmentStories.identityIssued;
import static io.ueledger.command.enrollment.EnrollmentStories.profileDelivered;
import static io.ueledger.command.enrollment.EnrollmentStories.queued;
import static io.ueledger.command.enrollment.EnrollmentStories.requestEnrollment;
import static io.ueledger.command.enrollment.EnrollmentStories.tokenIssued;

import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.AuthenticateDevice;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.DeliverEnrollmentProfile;
import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.DeviceEnrolled;
import io.ueledger.kernel.enrollment.EnrollmentChallenged;
import io.ueledger.kernel.enrollment.EnrollmentProfileDelivered;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.IdentityCertificateIssued;
import io.ueledger.kernel.enrollment.IssueIdentityCertificate;
import io.ueledger.kernel.enrollment.IssueSessionToken;
import io.ueledger.kernel.enrollment.ManagedDataKeysCreated;
import io.ueledger.kernel.enrollment.PushTokenUpdated;
import io.ueledger.kernel.enrollment.RecordAuthenticationFailure;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import io.ueledger.kernel.enrollment.SessionTokenIssued;
import io.ueledger.kernel.enrollment.UpdatePushToken;
import io.ueledger.kernel.enrollment.UserAuthenticated;
import io.ueledger.kernel.enrollment.UserAuthenticationFailed;
import io.ueledger.kernel.mdm.DeliverNextMdmCommand;
import io.ueledger.kernel.mdm.ErrorChainItem;
import io.ueledger.kernel.mdm.ManagedAppInstalled;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import io.ueledger.kernel.mdm.MdmCommandDeferred;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.mdm.MdmCommandFailed;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.mdm.MdmCommandRefused;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.kernel.mdm.ProfileRemoved;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.MdmCommandDecision;
import io.ueledger.kernel.mdm.RecordMdmCommandResult;
import io.ueledger.kernel.mdm.ReportToCommandChannel;
import io.ueledger.kernel.unenrollment.CheckOutDevice;
import io.ueledger.kernel.unenrollment.ClosureReason;
import io.ueledger.kernel.unenrollment.DeviceCheckedOut;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import io.ueledger.kernel.unenrollment.ManagedDataKeysDestroyed;
import io.ueledger.kernel.unenrollment.ManagedDataRemoved;
import io.ueledger.kernel.unenrollment.RequestUnenrollment;
import io.ueledger.kernel.unenrollment.UnenrollmentRequested;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import io.ueledger.command.shredding.InMemoryDataKeyStore;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeviceEnrollmentTest {

    private FixtureConfiguration<DeviceEnrollment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DeviceEnrollment.class);
        fixture.registerInjectableResource(new InMemoryDataKeyStore());
    }

    private static List<Object> with(List<Object> history, Object... more) {
        List<Object> events = new ArrayList<>(history);
        events.addAll(List.of(more));
        return events;
    }

    private static List<Object> closedByCheckOut() {
        return with(enrolled(),
                new DeviceCheckedOut(REF, ENROLLMENT_ID, at(20)),
                new ManagedDataKeysDestroyed(REF, IOS_18_CLASSES, InMemoryDataKeyStore.commitment(REF), at(20)),
                new ManagedDataRemoved(REF, List.of(PROFILE_ID), List.of(), List.of(), List.of(), at(20)),
                new EnrollmentClosed(REF, ClosureReason.CHECKED_OUT, at(20)));
    }

    @Nested
    class Stage1_request_and_challenge {

        @Test
        void a_signed_request_gives_birth_to_the_enrollment_and_challenges_the_user() {
            fixture.givenNoPriorActivity()
                    .when(requestEnrollment())
                    .expectEvents(challenged().toArray());
        }

        @Test
        void a_device_below_the_account_driven_floor_is_refused() {
            RequestEnrollment ios14 = new RequestEnrollment(REF, "corp.example", "iPhone", Platform.IOS, "iPhone12,1",
                    "14.8", "18H17", "en-US", "CN=dev", "sha256:x", AuthMethod.APPLE_AS_WEB, T0);
            fixture.givenNoPriorActivity()
                    .when(ios14)
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("15.0 or later"));
        }

        @Test
        void a_request_without_a_platform_is_refused() {
            RequestEnrollment unknown = new RequestEnrollment(REF, "corp.example", "AppleTV", null, "AppleTV6,2",
                    null, "x", "en", "CN=dev", "sha256:x", AuthMethod.APPLE_AS_WEB, T0);
            fixture.givenNoPriorActivity().when(unknown)
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }
    }

    @Nested
    class Stage2_user_authentication {

        @Test
        void sign_in_is_recorded() {
            fixture.given(challenged())
                    .when(new RecordUserAuthentication(REF, "builtin", "sub-alice", ACCOUNT, at(1)))
                    .expectEvents(new UserAuthenticated(REF, "builtin", "sub-alice", ACCOUNT, at(1)));
        }

        @Test
        void sign_in_as_another_account_after_the_profile_was_issued_is_refused() {
            fixture.given(profileDelivered())
                    .when(new RecordUserAuthentication(REF, "builtin", "sub-bob", "bob@corp.example", at(3)))
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void failed_sign_in_is_recorded() {
            fixture.given(challenged())
                    .when(new RecordAuthenticationFailure(REF, "builtin", "cancelled by the user", at(1)))
                    .expectEvents(new UserAuthenticationFailed(REF, "builtin", "cancelled by the user", at(1)));
        }

        @Test
        void failed_sign_in_on_a_closed_enrollment_is_refused() {
            fixture.given(closedByCheckOut())
                    .when(new RecordAuthenticationFailure(REF, "builtin", "x", at(30)))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void sign_in_for_an_unknown_enrollment_is_not_found() {
            fixture.givenNoPriorActivity()
                    .when(new RecordUserAuthentication(REF, "builtin", "sub", ACCOUNT, at(1)))
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Stage3_session_token {

        @Test
        void a_token_is_issued_after_sign_in_with_its_hash_only() {
            fixture.given(with(challenged(), new UserAuthenticated(REF, "builtin", "sub-alice", ACCOUNT, at(1))))
                    .when(new IssueSessionToken(REF, TOKEN_ID, "sha256:tok", at(61), at(1)))
                    .expectEvents(new SessionTokenIssued(REF, TOKEN_ID, "sha256:tok", ACCOUNT, at(61), at(1)));
        }

        @Test
        void no_token_before_sign_in() {
            fixture.given(challenged())
                    .when(new IssueSessionToken(REF, TOKEN_ID, "sha256:tok", at(61), at(1)))
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("signed in"));
        }

        @Test
        void unknown_enrollment() {
            fixture.givenNoPriorActivity()
                    .when(new IssueSessionToken(REF, TOKEN_ID, "h", at(61), at(1)))
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Stage4_profile_and_identity {

        private DeliverEnrollmentProfile deliver(String tokenId) {
            return new DeliverEnrollmentProfile(REF, tokenId, PROFILE_ID, "uuid-profile", TOPIC, "sha256:profile",
                    at(2));
        }

        @Test
        void the_profile_is_delivered_for_the_latest_token() {
            fixture.given(tokenIssued())
                    .when(deliver(TOKEN_ID))
                    .expectEvents(new EnrollmentProfileDelivered(REF, PROFILE_ID, "uuid-profile", TOPIC, ACCOUNT,
                            "sha256:profile", at(2)));
        }

        @Test
        void no_profile_without_a_session_token() {
            fixture.given(challenged()).when(deliver(TOKEN_ID))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void no_profile_for_an_older_token() {
            fixture.given(tokenIssued()).when(deliver("tok-0"))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void no_profile_for_an_unknown_enrollment() {
            fixture.givenNoPriorActivity().when(deliver(TOKEN_ID))
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void the_identity_certificate_is_recorded_after_the_profile() {
            IdentityCertificateIssued issued = new IdentityCertificateIssued(REF, "0a1b", "sha256:cert",
                    "CN=enr-0001", at(400_000), at(3));
            fixture.given(profileDelivered())
                    .when(new IssueIdentityCertificate(REF, "0a1b", "sha256:cert", "CN=enr-0001", at(400_000), at(3)))
                    .expectEvents(issued);
        }

        @Test
        void an_acme_attestation_is_recorded_after_the_profile_and_refused_before_it() {
            fixture.given(profileDelivered())
                    .when(new io.ueledger.kernel.enrollment.RecordIdentityAttestation(REF, "apple", "verified",
                            "chains to the root", "ab12", at(3)))
                    .expectEvents(new io.ueledger.kernel.enrollment.IdentityAttestationRecorded(REF, "apple",
                            "verified", "chains to the root", "ab12", at(3)));
            fixture.given(tokenIssued())
                    .when(new io.ueledger.kernel.enrollment.RecordIdentityAttestation(REF, "none", "none", "none sent",
                            null, at(3)))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void no_identity_certificate_before_the_profile() {
            fixture.given(tokenIssued())
                    .when(new IssueIdentityCertificate(REF, "0a1b", "sha256:cert", "CN=x", at(9), at(3)))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void identity_certificate_for_unknown_enrollment() {
            fixture.givenNoPriorActivity()
                    .when(new IssueIdentityCertificate(REF, "0a1b", "sha256:cert", "CN=x", at(9), at(3)))
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Check_in {

        private AuthenticateDevice authenticate(String enrollmentId) {
            return new AuthenticateDevice(REF, enrollmentId, Channel.DEVICE, "iPhone17,2", "18.2", "22C161", at(4));
        }

        private UpdatePushToken tokenUpdate(String enrollmentId, Channel channel, String hash) {
            return new UpdatePushToken(REF, enrollmentId, channel, TOPIC, hash, MAGIC_HASH, at(5));
        }

        @Test
        void authenticate_attaches_the_enrollment_id() {
            fixture.given(identityIssued())
                    .when(authenticate(ENROLLMENT_ID))
                    .expectEvents(new DeviceAuthenticated(REF, ENROLLMENT_ID, Channel.DEVICE, Platform.IOS,
                            "iPhone17,2", "18.2", "22C161", at(4)));
        }

        @Test
        void check_in_before_the_profile_was_delivered_is_refused() {
            fixture.given(tokenIssued()).when(authenticate(ENROLLMENT_ID))
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("before the enrollment profile"));
        }

        @Test
        void authenticate_without_an_os_version_when_none_is_known_is_refused() {
            List<Object> iOS16Request = new ArrayList<>(identityIssued());
            iOS16Request.set(0, new EnrollmentRequested(REF, "corp.example", "iPhone", Platform.IOS, "iPhone14,2", null,
                    "20H19", "en-US", "CN=Simulated Device", "sha256:body", T0));
            fixture.given(iOS16Request)
                    .when(new AuthenticateDevice(REF, ENROLLMENT_ID, Channel.DEVICE, "iPhone14,2", null, "20H19", at(4)))
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("OSVersion"));
        }

        @Test
        void authenticate_with_another_enrollment_id_is_refused() {
            fixture.given(authenticated()).when(authenticate("OTHER-ID"))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void authenticate_for_an_unknown_enrollment() {
            fixture.givenNoPriorActivity().when(authenticate(ENROLLMENT_ID))
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void the_first_token_update_enrolls_the_device_and_creates_the_keys_ios_separates() {
            fixture.given(authenticated())
                    .when(tokenUpdate(ENROLLMENT_ID, Channel.DEVICE, PUSH_HASH))
                    .expectEvents(
                            new PushTokenUpdated(REF, ENROLLMENT_ID, Channel.DEVICE, TOPIC, PUSH_HASH, MAGIC_HASH, at(5)),
                            new DeviceEnrolled(REF, ENROLLMENT_ID, Platform.IOS, "18.2", ACCOUNT, at(5)),
                            new ManagedDataKeysCreated(REF, Platform.IOS, "18.2", IOS_18_CLASSES, at(5)));
        }

        @Test
        void an_ios_16_device_separates_only_app_containers_and_calendar() {
            List<Object> history = new ArrayList<>(identityIssued());
            history.add(new DeviceAuthenticated(REF, ENROLLMENT_ID, Channel.DEVICE, Platform.IOS, "iPhone14,2",
                    "16.7", "20H19", at(4)));
            fixture.given(history)
                    .when(tokenUpdate(ENROLLMENT_ID, Channel.DEVICE, PUSH_HASH))
                    .expectEvents(
                            new PushTokenUpdated(REF, ENROLLMENT_ID, Channel.DEVICE, TOPIC, PUSH_HASH, MAGIC_HASH, at(5)),
                            new DeviceEnrolled(REF, ENROLLMENT_ID, Platform.IOS, "16.7", ACCOUNT, at(5)),
                            new ManagedDataKeysCreated(REF, Platform.IOS, "16.7",
                                    List.of(DataClass.APP_DATA_CONTAINERS, DataClass.CALENDAR), at(5)));
        }

        @Test
        void a_repeated_identical_token_update_is_not_an_event() {
            fixture.given(enrolled())
                    .when(tokenUpdate(ENROLLMENT_ID, Channel.DEVICE, PUSH_HASH))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void a_token_update_for_another_enrollment_id_is_refused() {
            fixture.given(authenticated())
                    .when(tokenUpdate("SOMEONE-ELSE", Channel.DEVICE, PUSH_HASH))
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("SOMEONE-ELSE"));
        }

        @Test
        void a_token_update_before_authenticate_is_refused() {
            fixture.given(identityIssued())
                    .when(tokenUpdate(ENROLLMENT_ID, Channel.DEVICE, PUSH_HASH))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void the_macos_user_channel_is_its_own_channel_under_the_same_enrollment() {
            fixture.given(enrolled())
                    .when(tokenUpdate(ENROLLMENT_ID, Channel.user("user-501"), "sha256:user-token"))
                    .expectEvents(new PushTokenUpdated(REF, ENROLLMENT_ID, Channel.user("user-501"), TOPIC,
                            "sha256:user-token", MAGIC_HASH, at(5)));
        }

        @Test
        void token_update_for_an_unknown_enrollment() {
            fixture.givenNoPriorActivity().when(tokenUpdate(ENROLLMENT_ID, Channel.DEVICE, PUSH_HASH))
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Mdm_commands {

        private IssueMdmCommand queue(String uuid, ManagedContent content) {
            return new IssueMdmCommand(REF, uuid, "InstallProfile", Channel.DEVICE, content, "sha256:" + uuid,
                    "admin", null, at(10));
        }

        private RecordMdmCommandResult result(String uuid, MdmCommandStatus status) {
            return new RecordMdmCommandResult(REF, ENROLLMENT_ID, Channel.DEVICE, uuid, status, List.of(), at(12));
        }

        private final PerAppNetworkSetting vpn = new PerAppNetworkSetting(PerAppNetworkSetting.Kind.VPN,
                "com.corp.vpn", List.of("com.corp.mail"));
        private final ManagedContent wifiAndVpn = ManagedContent.installsProfile("com.corp.vpn-profile",
                List.of(vpn), List.of("com.apple.mail.managed"));

        @Test
        void a_command_is_queued_for_an_enrolled_device() {
            // the per-app VPN carries com.corp.mail, so the enrollment must manage it (the decider's inventory rule)
            fixture.given(with(enrolled(), queued("c0", "InstallApplication", ManagedContent.installsApp("com.corp.mail")),
                            new ManagedAppInstalled(REF, "com.corp.mail", "c0", at(9))))
                    .when(queue("c1", wifiAndVpn))
                    .expectEvents(queued("c1", "InstallProfile", wifiAndVpn));
        }

        @Test
        void a_command_before_enrollment_is_refused() {
            fixture.given(authenticated()).when(queue("c1", wifiAndVpn))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void a_command_to_a_closed_enrollment_is_refused() {
            fixture.given(closedByCheckOut()).when(queue("c1", wifiAndVpn))
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("closed"));
        }

        @Test
        void the_same_command_uuid_cannot_be_queued_twice() {
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn)))
                    .when(queue("c1", wifiAndVpn))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void a_command_for_an_unknown_enrollment() {
            fixture.givenNoPriorActivity().when(queue("c1", wifiAndVpn))
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void a_refusal_is_recorded_as_evidence() {
            fixture.given(enrolled())
                    .when(IssueMdmCommand.refusedByPolicy(REF, "EraseDevice", "admin", MdmCommandDecision.refuse(
                            "ue.no-remote-wipe", "ue-capabilities.tsv", "User Enrollment cannot wipe a personal device"),
                            at(10)))
                    .expectEvents(new MdmCommandRefused(REF, "EraseDevice", "admin", "ue.no-remote-wipe",
                            "ue-capabilities.tsv", "User Enrollment cannot wipe a personal device", at(10)));
        }

        @Test
        void a_refusal_for_a_closed_enrollment_is_not_recorded() {
            fixture.given(closedByCheckOut())
                    .when(IssueMdmCommand.refusedByPolicy(REF, "EraseDevice", "admin",
                            MdmCommandDecision.refuse("r", "s", "x"), at(30)))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void an_idle_poll_gets_the_oldest_outstanding_command() {
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn),
                            queued("c2", "ProfileList", ManagedContent.none())))
                    .when(new DeliverNextMdmCommand(REF, ENROLLMENT_ID, Channel.DEVICE, false, at(11)))
                    .expectEvents(delivered("c1", "InstallProfile"))
                    .expectResultMessagePayload(Optional.of("c1"));
        }

        @Test
        void an_idle_poll_with_nothing_outstanding_ends_the_session_without_an_event() {
            fixture.given(enrolled())
                    .when(new DeliverNextMdmCommand(REF, ENROLLMENT_ID, Channel.DEVICE, false, at(11)))
                    .expectNoEvents()
                    .expectResultMessagePayload(Optional.empty());
        }

        @Test
        void a_poll_from_another_enrollment_id_is_refused() {
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn)))
                    .when(new DeliverNextMdmCommand(REF, "OTHER", Channel.DEVICE, false, at(11)))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void a_poll_for_an_unknown_enrollment() {
            fixture.givenNoPriorActivity()
                    .when(new DeliverNextMdmCommand(REF, ENROLLMENT_ID, Channel.DEVICE, false, at(11)))
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void an_acknowledged_install_profile_records_what_is_now_installed() {
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn),
                            delivered("c1", "InstallProfile")))
                    .when(result("c1", MdmCommandStatus.ACKNOWLEDGED))
                    .expectEvents(new MdmCommandAcknowledged(REF, "c1", "InstallProfile", at(12)),
                            new ProfileInstalled(REF, "com.corp.vpn-profile", "c1", List.of(vpn),
                                    List.of("com.apple.mail.managed"), at(12)));
        }

        @Test
        void the_same_result_delivered_twice_changes_nothing() {
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn),
                            delivered("c1", "InstallProfile"),
                            new MdmCommandAcknowledged(REF, "c1", "InstallProfile", at(12))))
                    .when(result("c1", MdmCommandStatus.ACKNOWLEDGED))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void a_result_for_a_command_never_sent_is_refused() {
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn)))
                    .when(result("c1", MdmCommandStatus.ACKNOWLEDGED))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
            fixture.given(enrolled())
                    .when(result("never", MdmCommandStatus.ACKNOWLEDGED))
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("never sent"));
        }

        @Test
        void an_error_keeps_the_error_chain() {
            List<ErrorChainItem> chain = List.of(new ErrorChainItem(4001, "MCProfileErrorDomain",
                    "Profile is invalid", "Profile is invalid"));
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn),
                            delivered("c1", "InstallProfile")))
                    .when(new RecordMdmCommandResult(REF, ENROLLMENT_ID, Channel.DEVICE, "c1", MdmCommandStatus.ERROR,
                            chain, at(12)))
                    .expectEvents(new MdmCommandFailed(REF, "c1", "InstallProfile", MdmCommandStatus.ERROR, chain,
                            at(12)));
        }

        @Test
        void not_now_defers_the_command_and_it_comes_back_on_the_next_idle_but_not_in_the_same_session() {
            List<Object> deferred = with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn),
                    delivered("c1", "InstallProfile"), new MdmCommandDeferred(REF, "c1", "InstallProfile", at(12)));
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn),
                            delivered("c1", "InstallProfile")))
                    .when(result("c1", MdmCommandStatus.NOT_NOW))
                    .expectEvents(new MdmCommandDeferred(REF, "c1", "InstallProfile", at(12)));
            fixture.given(deferred)
                    .when(new DeliverNextMdmCommand(REF, ENROLLMENT_ID, Channel.DEVICE, true, at(12)))
                    .expectNoEvents()
                    .expectResultMessagePayload(Optional.empty());
            fixture.given(deferred)
                    .when(new DeliverNextMdmCommand(REF, ENROLLMENT_ID, Channel.DEVICE, false, at(13)))
                    .expectEvents(new MdmCommandDelivered(REF, "c1", "InstallProfile", Channel.DEVICE, 2, at(13)));
        }

        private ReportToCommandChannel report(String uuid, MdmCommandStatus status, java.time.Instant at) {
            return new ReportToCommandChannel(REF, ENROLLMENT_ID, Channel.DEVICE,
                    uuid == null ? null : new ReportToCommandChannel.Result(uuid, status, List.of()), at);
        }

        @Test
        void one_channel_request_records_the_result_and_delivers_the_next_command_in_one_step() {
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn),
                            queued("c2", "ProfileList", ManagedContent.none()), delivered("c1", "InstallProfile")))
                    .when(report("c1", MdmCommandStatus.ACKNOWLEDGED, at(12)))
                    .expectEvents(new MdmCommandAcknowledged(REF, "c1", "InstallProfile", at(12)),
                            new ProfileInstalled(REF, "com.corp.vpn-profile", "c1", List.of(vpn),
                                    List.of("com.apple.mail.managed"), at(12)),
                            new MdmCommandDelivered(REF, "c2", "ProfileList", Channel.DEVICE, 1, at(12)))
                    .expectResultMessagePayload(Optional.of("c2"));
        }

        @Test
        void an_idle_channel_request_delivers_the_oldest_and_a_last_result_ends_the_session() {
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn)))
                    .when(report(null, null, at(11)))
                    .expectEvents(delivered("c1", "InstallProfile"))
                    .expectResultMessagePayload(Optional.of("c1"));
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn), delivered("c1", "InstallProfile")))
                    .when(report("c1", MdmCommandStatus.ERROR, at(12)))
                    .expectEvents(new MdmCommandFailed(REF, "c1", "InstallProfile", MdmCommandStatus.ERROR, List.of(),
                            at(12)))
                    .expectResultMessagePayload(Optional.empty());
        }

        @Test
        void not_now_in_one_channel_request_defers_and_does_not_hand_the_command_back_in_the_same_session() {
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn), delivered("c1", "InstallProfile")))
                    .when(report("c1", MdmCommandStatus.NOT_NOW, at(12)))
                    .expectEvents(new MdmCommandDeferred(REF, "c1", "InstallProfile", at(12)))
                    .expectResultMessagePayload(Optional.empty());
        }

        @Test
        void a_channel_request_with_a_result_for_a_command_never_sent_records_nothing_and_delivers_nothing() {
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn)))
                    .when(report("c1", MdmCommandStatus.ACKNOWLEDGED, at(12)))
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class);
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn)))
                    .when(new ReportToCommandChannel(REF, "OTHER", Channel.DEVICE, null, at(11)))
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void an_acknowledged_install_application_records_the_managed_app() {
            ManagedContent app = ManagedContent.installsApp("com.corp.mail");
            fixture.given(with(enrolled(), queued("a1", "InstallApplication", app),
                            delivered("a1", "InstallApplication")))
                    .when(result("a1", MdmCommandStatus.ACKNOWLEDGED))
                    .expectEvents(new MdmCommandAcknowledged(REF, "a1", "InstallApplication", at(12)),
                            new ManagedAppInstalled(REF, "com.corp.mail", "a1", at(12)));
        }

        @Test
        void an_acknowledged_remove_profile_removes_an_installed_profile() {
            ManagedContent removal = ManagedContent.removesProfile("com.corp.vpn-profile");
            fixture.given(with(enrolled(), queued("c1", "InstallProfile", wifiAndVpn),
                            delivered("c1", "InstallProfile"),
                            new MdmCommandAcknowledged(REF, "c1", "InstallProfile", at(12)),
                            new ProfileInstalled(REF, "com.corp.vpn-profile", "c1", List.of(vpn), List.of(), at(12)),
                            queued("c2", "RemoveProfile", removal), delivered("c2", "RemoveProfile")))
                    .when(result("c2", MdmCommandStatus.ACKNOWLEDGED))
                    .expectEvents(new MdmCommandAcknowledged(REF, "c2", "RemoveProfile", at(12)),
                            new ProfileRemoved(REF, "com.corp.vpn-profile", "c2", at(12)));
        }
    }

    @Nested
    class Unenrollment {

        private final PerAppNetworkSetting vpn = new PerAppNetworkSetting(PerAppNetworkSetting.Kind.VPN,
                "com.corp.vpn", List.of("com.corp.mail"));

        private List<Object> enrolledWithContent() {
            ManagedContent profile = ManagedContent.installsProfile("com.corp.vpn-profile", List.of(vpn),
                    List.of("com.apple.mail.managed"));
            ManagedContent app = ManagedContent.installsApp("com.corp.mail");
            return with(enrolled(),
                    queued("c1", "InstallProfile", profile), delivered("c1", "InstallProfile"),
                    new MdmCommandAcknowledged(REF, "c1", "InstallProfile", at(12)),
                    new ProfileInstalled(REF, "com.corp.vpn-profile", "c1", List.of(vpn),
                            List.of("com.apple.mail.managed"), at(12)),
                    queued("a1", "InstallApplication", app), delivered("a1", "InstallApplication"),
                    new MdmCommandAcknowledged(REF, "a1", "InstallApplication", at(12)),
                    new ManagedAppInstalled(REF, "com.corp.mail", "a1", at(12)));
        }

        @Test
        void check_out_destroys_the_keys_lists_everything_removed_and_closes() {
            fixture.given(enrolledWithContent())
                    .when(new CheckOutDevice(REF, ENROLLMENT_ID, at(20)))
                    .expectEvents(
                            new DeviceCheckedOut(REF, ENROLLMENT_ID, at(20)),
                            new ManagedDataKeysDestroyed(REF, IOS_18_CLASSES, InMemoryDataKeyStore.commitment(REF), at(20)),
                            new ManagedDataRemoved(REF, List.of(PROFILE_ID, "com.corp.vpn-profile"),
                                    List.of("com.corp.mail"), List.of("com.apple.mail.managed"), List.of(vpn), at(20)),
                            new EnrollmentClosed(REF, ClosureReason.CHECKED_OUT, at(20)));
        }

        @Test
        void check_out_from_another_enrollment_id_is_refused() {
            fixture.given(enrolled()).when(new CheckOutDevice(REF, "OTHER", at(20)))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void check_out_of_a_closed_enrollment_is_refused() {
            fixture.given(closedByCheckOut()).when(new CheckOutDevice(REF, ENROLLMENT_ID, at(30)))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void check_out_for_an_unknown_enrollment() {
            fixture.givenNoPriorActivity().when(new CheckOutDevice(REF, ENROLLMENT_ID, at(30)))
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void an_admin_unenrollment_queues_remove_profile_of_the_enrollment_profile() {
            fixture.given(enrolled())
                    .when(new RequestUnenrollment(REF, "admin", "left the company", "u1", at(20)))
                    .expectEvents(
                            new UnenrollmentRequested(REF, "admin", "left the company", "u1", PROFILE_ID, at(20)),
                            new MdmCommandQueued(REF, "u1", "RemoveProfile", Channel.DEVICE,
                                    ManagedContent.removesProfile(PROFILE_ID), null, "admin", null, at(20)));
        }

        @Test
        void while_unenrollment_is_pending_only_the_remove_profile_is_delivered_and_its_ack_closes() {
            List<Object> pending = with(enrolledWithContent(),
                    queued("c9", "ProfileList", ManagedContent.none()),
                    new UnenrollmentRequested(REF, "admin", "lost", "u1", PROFILE_ID, at(20)),
                    new MdmCommandQueued(REF, "u1", "RemoveProfile", Channel.DEVICE,
                            ManagedContent.removesProfile(PROFILE_ID), null, "admin", null, at(20)));
            fixture.given(pending)
                    .when(new DeliverNextMdmCommand(REF, ENROLLMENT_ID, Channel.DEVICE, false, at(21)))
                    .expectEvents(new MdmCommandDelivered(REF, "u1", "RemoveProfile", Channel.DEVICE, 1, at(21)));
            fixture.given(with(pending, new MdmCommandDelivered(REF, "u1", "RemoveProfile", Channel.DEVICE, 1, at(21))))
                    .when(new RecordMdmCommandResult(REF, ENROLLMENT_ID, Channel.DEVICE, "u1",
                            MdmCommandStatus.ACKNOWLEDGED, List.of(), at(22)))
                    .expectEvents(
                            new MdmCommandAcknowledged(REF, "u1", "RemoveProfile", at(22)),
                            new ManagedDataKeysDestroyed(REF, IOS_18_CLASSES, InMemoryDataKeyStore.commitment(REF), at(22)),
                            new ManagedDataRemoved(REF, List.of(PROFILE_ID, "com.corp.vpn-profile"),
                                    List.of("com.corp.mail"), List.of("com.apple.mail.managed"), List.of(vpn), at(22)),
                            new EnrollmentClosed(REF, ClosureReason.UNENROLLED_BY_ADMIN, at(22)));
        }

        @Test
        void a_second_unenrollment_is_refused() {
            fixture.given(with(enrolled(), new UnenrollmentRequested(REF, "admin", "x", "u1", PROFILE_ID, at(20))))
                    .when(new RequestUnenrollment(REF, "admin", "again", "u2", at(21)))
                    .expectNoEvents()
                    .expectException(EnrollmentRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("already pending"));
        }

        @Test
        void unenrolling_a_closed_enrollment_is_refused() {
            fixture.given(closedByCheckOut())
                    .when(new RequestUnenrollment(REF, "admin", "x", "u1", at(30)))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void an_unenrollment_needs_a_reason() {
            fixture.given(enrolled())
                    .when(new RequestUnenrollment(REF, "admin", " ", "u1", at(30)))
                    .expectNoEvents().expectException(EnrollmentRuleViolation.class);
        }

        @Test
        void unenrolling_an_unknown_enrollment() {
            fixture.givenNoPriorActivity()
                    .when(new RequestUnenrollment(REF, "admin", "x", "u1", at(30)))
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void the_user_checking_out_while_an_admin_unenrollment_is_pending_closes_it_as_checked_out() {
            fixture.given(with(enrolled(), new UnenrollmentRequested(REF, "admin", "x", "u1", PROFILE_ID, at(20)),
                            new MdmCommandQueued(REF, "u1", "RemoveProfile", Channel.DEVICE,
                                    ManagedContent.removesProfile(PROFILE_ID), null, "admin", null, at(20))))
                    .when(new CheckOutDevice(REF, ENROLLMENT_ID, at(25)))
                    .expectEvents(
                            new DeviceCheckedOut(REF, ENROLLMENT_ID, at(25)),
                            new ManagedDataKeysDestroyed(REF, IOS_18_CLASSES, InMemoryDataKeyStore.commitment(REF), at(25)),
                            new ManagedDataRemoved(REF, List.of(PROFILE_ID), List.of(), List.of(), List.of(), at(25)),
                            new EnrollmentClosed(REF, ClosureReason.CHECKED_OUT, at(25)));
        }
    }
}
