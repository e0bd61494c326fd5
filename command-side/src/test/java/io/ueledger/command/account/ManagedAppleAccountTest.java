package io.ueledger.command.account;

import io.ueledger.kernel.account.AccountOrigin;
import io.ueledger.kernel.account.CreateManagedAppleAccount;
import io.ueledger.kernel.account.DeactivateManagedAppleAccount;
import io.ueledger.kernel.account.ManagedAppleAccountCreated;
import io.ueledger.kernel.account.ManagedAppleAccountDeactivated;
import io.ueledger.kernel.account.ManagedAppleAccountId;
import io.ueledger.kernel.account.ManagedAppleAccountReactivated;
import io.ueledger.kernel.account.ReactivateManagedAppleAccount;
import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagedAppleAccountTest {

    static final String EMAIL = "ada.lovelace@corp.example";
    static final String ID = ManagedAppleAccountId.forAddress(EMAIL);
    static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    static final Instant T1 = Instant.parse("2025-03-04T09:00:00Z");

    static final ManagedAppleAccountCreated CREATED = new ManagedAppleAccountCreated(ID, EMAIL, "Ada Lovelace",
            AccountOrigin.MANUAL, "admin", null, T0);
    static final ManagedAppleAccountDeactivated DEACTIVATED = new ManagedAppleAccountDeactivated(ID, EMAIL, "admin",
            "left the company", T1);

    FixtureConfiguration<ManagedAppleAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ManagedAppleAccount.class);
    }

    // ---- create --------------------------------------------------------------------------------

    @Test
    void an_admin_creates_an_account_and_the_address_is_stored_lower_case() {
        fixture.givenNoPriorActivity()
                .when(CreateManagedAppleAccount.of(" Ada.Lovelace@Corp.Example", " Ada Lovelace ", AccountOrigin.MANUAL,
                        "admin", null, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED);
    }

    @Test
    void a_federated_account_records_its_origin_and_only_a_hash_of_the_subject() {
        fixture.givenNoPriorActivity()
                .when(CreateManagedAppleAccount.of(EMAIL, "Ada Lovelace", AccountOrigin.FEDERATED, "idp:demo",
                        "idp-subject-sha256:ab12", T0))
                .expectEvents(new ManagedAppleAccountCreated(ID, EMAIL, "Ada Lovelace", AccountOrigin.FEDERATED,
                        "idp:demo", "idp-subject-sha256:ab12", T0));
    }

    @Test
    void creating_an_existing_account_is_refused_even_with_another_spelling() {
        fixture.given(CREATED)
                .when(CreateManagedAppleAccount.of("ADA.LOVELACE@corp.example", "Someone Else", AccountOrigin.CSV_IMPORT,
                        "admin", null, T1))
                .expectException(AccountAlreadyExists.class)
                .expectExceptionMessage("a Managed Apple Account 'ada.lovelace@corp.example' already exists")
                .expectNoEvents();
    }

    @Test
    void an_account_id_that_does_not_belong_to_the_address_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateManagedAppleAccount(ManagedAppleAccountId.forAddress("bob@corp.example"), EMAIL, "Ada",
                        AccountOrigin.MANUAL, "admin", null, T0))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void an_invalid_address_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateManagedAppleAccount("some-id", "ada@localhost", "Ada", AccountOrigin.MANUAL, "admin",
                        null, T0))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("'ada@localhost' has no fully qualified domain ('localhost')")
                .expectNoEvents();
    }

    @Test
    void an_account_without_a_display_name_is_refused() {
        fixture.givenNoPriorActivity()
                .when(CreateManagedAppleAccount.of(EMAIL, "  ", AccountOrigin.MANUAL, "admin", null, T0))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("a display name is required")
                .expectNoEvents();
    }

    // ---- deactivate ----------------------------------------------------------------------------

    @Test
    void an_admin_deactivates_an_active_account_with_a_reason() {
        fixture.given(CREATED)
                .when(new DeactivateManagedAppleAccount(ID, "admin", " left the company ", T1))
                .expectEvents(DEACTIVATED);
    }

    @Test
    void deactivating_twice_is_refused() {
        fixture.given(CREATED, DEACTIVATED)
                .when(new DeactivateManagedAppleAccount(ID, "admin", "again", T1))
                .expectException(AccountRuleViolation.class)
                .expectExceptionMessage("the Managed Apple Account 'ada.lovelace@corp.example' is already deactivated")
                .expectNoEvents();
    }

    @Test
    void deactivating_without_a_reason_is_refused() {
        fixture.given(CREATED)
                .when(new DeactivateManagedAppleAccount(ID, "admin", "", T1))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void deactivating_an_unknown_account_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new DeactivateManagedAppleAccount(ID, "admin", "left", T1))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    // ---- reactivate ----------------------------------------------------------------------------

    @Test
    void an_admin_reactivates_a_deactivated_account() {
        fixture.given(CREATED, DEACTIVATED)
                .when(new ReactivateManagedAppleAccount(ID, "admin", "came back", T1))
                .expectEvents(new ManagedAppleAccountReactivated(ID, EMAIL, "admin", "came back", T1));
    }

    @Test
    void reactivating_an_active_account_is_refused() {
        fixture.given(CREATED)
                .when(new ReactivateManagedAppleAccount(ID, "admin", "why not", T1))
                .expectException(AccountRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void reactivating_an_unknown_account_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new ReactivateManagedAppleAccount(ID, "admin", "came back", T1))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }
}
