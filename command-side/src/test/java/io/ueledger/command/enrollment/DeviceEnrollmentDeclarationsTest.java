package io.ueledger.command.enrollment;

import static io.ueledger.command.enrollment.EnrollmentStories.ENROLLMENT_ID;
import static io.ueledger.command.enrollment.EnrollmentStories.REF;
import static io.ueledger.command.enrollment.EnrollmentStories.at;
import static io.ueledger.command.enrollment.EnrollmentStories.enrolled;
import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.command.shredding.InMemoryDataKeyStore;
import io.ueledger.kernel.ddm.ApplyDeclarationSet;
import io.ueledger.kernel.ddm.DeclarationCategory;
import io.ueledger.kernel.ddm.DeclarationDelivered;
import io.ueledger.kernel.ddm.DeclarationManifest;
import io.ueledger.kernel.ddm.DeclarationRef;
import io.ueledger.kernel.ddm.DeclarationRefusal;
import io.ueledger.kernel.ddm.DeclarationRefused;
import io.ueledger.kernel.ddm.DeclarationStatus;
import io.ueledger.kernel.ddm.DeclarationStatusReported;
import io.ueledger.kernel.ddm.DeclarationsAssigned;
import io.ueledger.kernel.ddm.DeclarationsSynced;
import io.ueledger.kernel.ddm.DeclarationsToken;
import io.ueledger.kernel.ddm.DeliverDeclaration;
import io.ueledger.kernel.ddm.ReportDeclarationStatus;
import io.ueledger.kernel.ddm.SyncDeclarations;
import io.ueledger.kernel.ddm.SyncTokens;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Declarative Device Management on the enrollment: assigning, syncing, delivering and status, each with its rejections. */
class DeviceEnrollmentDeclarationsTest {

    private static final DeclarationRef LEGACY = new DeclarationRef("legacy", "com.apple.configuration.legacy",
            DeclarationCategory.CONFIGURATION, "a".repeat(64));
    private static final DeclarationRef ACTIVATION = new DeclarationRef("activation", "com.apple.activation.simple",
            DeclarationCategory.ACTIVATION, "b".repeat(64));
    private static final DeclarationRefusal PASSCODE_REFUSED = new DeclarationRefusal("passcode",
            "com.apple.configuration.passcode.settings", "ddm.type.not-for-user-enrollment", "row", "not for UE");

    private FixtureConfiguration<DeviceEnrollment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DeviceEnrollment.class);
        fixture.registerInjectableResource(new InMemoryDataKeyStore());
    }

    private static List<Object> withSet() {
        List<Object> events = new ArrayList<>(enrolled());
        events.add(new DeclarationsAssigned(REF, "set-1", List.of(LEGACY, ACTIVATION),
                DeclarationsToken.of(List.of(LEGACY, ACTIVATION)), "admin", at(30)));
        return events;
    }

    @Test
    void a_set_records_each_refusal_then_the_declarations_in_force_and_answers_the_new_tokens() {
        fixture.given(enrolled())
                .when(new ApplyDeclarationSet(REF, "set-1", List.of(LEGACY, ACTIVATION), List.of(PASSCODE_REFUSED),
                        "admin", at(30)))
                .expectEvents(new DeclarationRefused(REF, "set-1", "passcode", "com.apple.configuration.passcode.settings",
                                "admin", "ddm.type.not-for-user-enrollment", "row", "not for UE", at(30)),
                        new DeclarationsAssigned(REF, "set-1", List.of(LEGACY, ACTIVATION),
                                DeclarationsToken.of(List.of(LEGACY, ACTIVATION)), "admin", at(30)))
                .expectResultMessagePayload(new SyncTokens(DeclarationsToken.of(List.of(LEGACY, ACTIVATION)), at(30)));
    }

    @Test
    void an_identifier_another_set_put_on_the_device_is_refused_for_the_second_set() {
        fixture.given(withSet())
                .when(new ApplyDeclarationSet(REF, "set-2", List.of(LEGACY), List.of(), "admin", at(31)))
                .expectEvents(new DeclarationRefused(REF, "set-2", "legacy", LEGACY.type(), "admin",
                                DeviceEnrollment.DECLARATION_IDENTIFIER_IN_USE, "server rule",
                                "declaration set set-1 already put a declaration with identifier legacy on this device",
                                at(31)),
                        new DeclarationsAssigned(REF, "set-2", List.of(),
                                DeclarationsToken.of(List.of(LEGACY, ACTIVATION)), "admin", at(31)));
    }

    @Test
    void a_device_not_yet_enrolled_gets_no_declarations() {
        fixture.given(enrolled().subList(0, 3))
                .when(new ApplyDeclarationSet(REF, "set-1", List.of(LEGACY), List.of(), "admin", at(30)))
                .expectNoEvents()
                .expectException(EnrollmentRuleViolation.class);
    }

    @Test
    void a_sync_hands_out_the_manifest_and_is_recorded() {
        fixture.given(withSet())
                .when(new SyncDeclarations(REF, ENROLLMENT_ID, at(32)))
                .expectEvents(new DeclarationsSynced(REF, DeclarationsToken.of(List.of(LEGACY, ACTIVATION)), 2, at(32)))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.instanceOf(DeclarationManifest.class));
    }

    @Test
    void a_sync_naming_another_enrollment_id_is_refused_and_records_nothing() {
        fixture.given(withSet())
                .when(new SyncDeclarations(REF, "SOMEONE-ELSE", at(32)))
                .expectNoEvents()
                .expectException(EnrollmentRuleViolation.class);
    }

    @Test
    void a_declaration_is_delivered_only_under_its_own_category_and_identifier() {
        fixture.given(withSet())
                .when(new DeliverDeclaration(REF, ENROLLMENT_ID, DeclarationCategory.CONFIGURATION, "legacy", at(33)))
                .expectEvents(new DeclarationDelivered(REF, "legacy", LEGACY.type(), DeclarationCategory.CONFIGURATION,
                        LEGACY.serverToken(), at(33)));
        fixture.given(withSet())
                .when(new DeliverDeclaration(REF, ENROLLMENT_ID, DeclarationCategory.ASSET, "legacy", at(33)))
                .expectNoEvents()
                .expectException(UnknownDeclaration.class);
    }

    @Test
    void a_status_report_about_a_declaration_never_offered_is_refused() {
        DeclarationStatus stranger = new DeclarationStatus("stranger", DeclarationCategory.CONFIGURATION, "x", true,
                "valid", List.of(), false);
        fixture.given(withSet())
                .when(new ReportDeclarationStatus(REF, ENROLLMENT_ID, true, List.of(stranger), List.of(), List.of(),
                        List.of(), "d", at(34)))
                .expectNoEvents()
                .expectException(UnknownDeclaration.class);
    }

    @Test
    void a_withdrawn_declaration_may_still_be_reported_as_removed() {
        List<Object> withdrawn = withSet();
        withdrawn.add(new DeclarationsAssigned(REF, "set-1", List.of(), DeclarationsToken.of(List.of()), "admin",
                at(35)));
        DeclarationStatus removed = new DeclarationStatus("legacy", DeclarationCategory.CONFIGURATION,
                LEGACY.serverToken(), false, "unknown", List.of(), true);
        fixture.given(withdrawn)
                .when(new ReportDeclarationStatus(REF, ENROLLMENT_ID, false, List.of(removed), List.of(), List.of(),
                        List.of(), "d", at(36)))
                .expectEvents(new DeclarationStatusReported(REF, false, List.of(removed), List.of(), List.of(),
                        List.of(), "d", at(36)));
        assertThat(removed.failed()).isFalse();
    }
}
