package io.ueledger.command.enrollment;

import static io.ueledger.command.enrollment.EnrollmentStories.ENROLLMENT_ID;
import static io.ueledger.command.enrollment.EnrollmentStories.IOS_18_CLASSES;
import static io.ueledger.command.enrollment.EnrollmentStories.PROFILE_ID;
import static io.ueledger.command.enrollment.EnrollmentStories.REF;
import static io.ueledger.command.enrollment.EnrollmentStories.at;
import static io.ueledger.command.enrollment.EnrollmentStories.delivered;
import static io.ueledger.command.enrollment.EnrollmentStories.enrolled;
import static io.ueledger.command.enrollment.EnrollmentStories.queued;

import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.ManagedAppInstalled;
import io.ueledger.kernel.mdm.ManagedAppInventoryReported;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandDecision;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.mdm.MdmCommandRefused;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.kernel.mdm.ReportManagedAppInventory;
import io.ueledger.kernel.mdm.ReportedApp;
import io.ueledger.kernel.policy.MdmCommandDecider;
import io.ueledger.kernel.unenrollment.ClosureReason;
import io.ueledger.kernel.unenrollment.DeviceCheckedOut;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import io.ueledger.kernel.unenrollment.ManagedDataKeysDestroyed;
import io.ueledger.kernel.unenrollment.ManagedDataRemoved;
import java.util.ArrayList;
import java.util.List;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.predicate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The enrollment completing the MDM command decision with its inventory ({@code MdmCommandDecider}):
 * admin commands the policy allowed, policy refusals recorded the same way, and managed app inventories.
 */
class DeviceEnrollmentAdminCommandTest {

    private static final String MAIL_APP = "com.corp.mail";
    private static final String WIFI_PROFILE = "com.corp.wifi";

    private FixtureConfiguration<DeviceEnrollment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DeviceEnrollment.class);
    }

    private static List<Object> withManagedAppAndProfile() {
        List<Object> events = new ArrayList<>(enrolled());
        events.add(queued("c-app", "InstallApplication", ManagedContent.installsApp(MAIL_APP)));
        events.add(new ManagedAppInstalled(REF, MAIL_APP, "c-app", at(12)));
        events.add(new ProfileInstalled(REF, WIFI_PROFILE, "c-wifi", List.of(), List.of(), at(12)));
        return events;
    }

    private static IssueMdmCommand issue(String uuid, String requestType, ManagedContent content) {
        return new IssueMdmCommand(REF, uuid, requestType, Channel.DEVICE, content, "sha256:b", "admin", null, at(15));
    }

    private static MdmCommandRefused refused(String requestType, String rule, String reason) {
        return new MdmCommandRefused(REF, requestType, "admin", rule, MdmCommandDecider.LEDGER_SOURCE, reason, at(15));
    }

    @Test
    void removing_a_profile_this_mdm_installed_is_queued() {
        fixture.given(withManagedAppAndProfile())
                .when(issue("c-rm", "RemoveProfile", ManagedContent.removesProfile(WIFI_PROFILE)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(MdmCommandDecision.allow())
                .expectEvents(new MdmCommandQueued(REF, "c-rm", "RemoveProfile", Channel.DEVICE,
                        ManagedContent.removesProfile(WIFI_PROFILE), "sha256:b", "admin", null, at(15)));
    }

    @Test
    void removing_a_profile_this_mdm_never_installed_is_refused_and_recorded() {
        fixture.given(withManagedAppAndProfile())
                .when(issue("c-rm", "RemoveProfile", ManagedContent.removesProfile(PROFILE_ID)))
                .expectResultMessagePayloadMatching(predicate(r -> r instanceof MdmCommandDecision d && d.refused()
                        && d.rule().equals("ue.profile.not-installed-by-mdm")))
                .expectEventsMatching(onlyRefusal("ue.profile.not-installed-by-mdm", PROFILE_ID));
    }

    @Test
    void removing_an_app_that_is_not_managed_is_refused_and_recorded() {
        fixture.given(withManagedAppAndProfile())
                .when(issue("c-rma", "RemoveApplication", ManagedContent.removesApp("com.personal.game")))
                .expectEvents(refused("RemoveApplication", "ue.app.not-managed", "App com.personal.game is not a"
                        + " managed app of this enrollment; User Enrollment never lets the MDM remove a personal app."));
    }

    @Test
    void per_app_vpn_bound_to_a_managed_app_is_queued() {
        PerAppNetworkSetting managed = new PerAppNetworkSetting(PerAppNetworkSetting.Kind.VPN, "com.corp.vpn",
                List.of(MAIL_APP));
        fixture.given(withManagedAppAndProfile())
                .when(issue("c-vpn", "InstallProfile", ManagedContent.installsProfile("com.corp.vpn", List.of(managed),
                        List.of())))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(predicate(e -> e instanceof MdmCommandQueued)),
                        andNoMore()));
    }

    @Test
    void per_app_vpn_bound_to_an_app_that_is_not_managed_is_refused_and_recorded() {
        PerAppNetworkSetting personal = new PerAppNetworkSetting(PerAppNetworkSetting.Kind.VPN, "com.corp.vpn",
                List.of(MAIL_APP, "com.personal.chat"));
        fixture.given(withManagedAppAndProfile())
                .when(issue("c-vpn", "InstallProfile", ManagedContent.installsProfile("com.corp.vpn", List.of(personal),
                        List.of())))
                .expectEventsMatching(onlyRefusal("ue.per-app-networking.unmanaged-app", "com.personal.chat"));
    }

    private static org.hamcrest.Matcher<List<org.axonframework.messaging.Message<?>>> onlyRefusal(
            String rule, String mentioned) {
        return exactSequenceOf(messageWithPayload(predicate(e -> e instanceof MdmCommandRefused r
                && r.rule().equals(rule) && r.reason().contains(mentioned) && "admin".equals(r.requestedBy()))),
                andNoMore());
    }

    @Test
    void a_policy_refusal_is_recorded_like_an_inventory_refusal_and_nothing_is_queued() {
        fixture.given(withManagedAppAndProfile())
                .when(IssueMdmCommand.refusedByPolicy(REF, "RemoveProfile", "admin", MdmCommandDecision.refuse(
                        "ue.os-floor", "ue-capabilities.tsv", "needs iOS 18"), at(15)))
                .expectResultMessagePayload(MdmCommandDecision.refuse("ue.os-floor", "ue-capabilities.tsv",
                        "needs iOS 18"))
                .expectEvents(new MdmCommandRefused(REF, "RemoveProfile", "admin", "ue.os-floor",
                        "ue-capabilities.tsv", "needs iOS 18", at(15)));
    }

    @Test
    void a_closed_enrollment_takes_no_command_and_records_nothing() {
        List<Object> closed = new ArrayList<>(enrolled());
        closed.add(new DeviceCheckedOut(REF, ENROLLMENT_ID, at(20)));
        closed.add(new ManagedDataKeysDestroyed(REF, IOS_18_CLASSES, "sha256:destroyed-key", at(20)));
        closed.add(new ManagedDataRemoved(REF, List.of(PROFILE_ID), List.of(), List.of(), List.of(), at(20)));
        closed.add(new EnrollmentClosed(REF, ClosureReason.CHECKED_OUT, at(20)));
        fixture.given(closed)
                .when(issue("c-x", "DeviceInformation", ManagedContent.none()))
                .expectException(ClosedEnrollment.class)
                .expectNoEvents();
    }

    @Test
    void an_app_inventory_keeps_only_the_managed_apps() {
        List<Object> history = withManagedAppAndProfile();
        history.add(queued("c-inv", "InstalledApplicationList", ManagedContent.none()));
        history.add(delivered("c-inv", "InstalledApplicationList"));
        ReportedApp mail = new ReportedApp(MAIL_APP, "42", "4.2", "Corp Mail");
        ReportedApp game = new ReportedApp("com.personal.game", "1", "1.0", "A personal game");
        fixture.given(history)
                .when(new ReportManagedAppInventory(REF, ENROLLMENT_ID, "c-inv", List.of(mail, game), at(16)))
                .expectEvents(new ManagedAppInventoryReported(REF, "c-inv", "InstalledApplicationList", List.of(mail),
                        at(16)));
    }

    @Test
    void an_inventory_for_a_command_never_sent_is_refused() {
        fixture.given(withManagedAppAndProfile())
                .when(new ReportManagedAppInventory(REF, ENROLLMENT_ID, "c-none", List.of(), at(16)))
                .expectException(EnrollmentRuleViolation.class)
                .expectNoEvents();
    }
}
