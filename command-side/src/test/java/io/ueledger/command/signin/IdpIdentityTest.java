package io.ueledger.command.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdpIdentityTest {

    @Test
    void the_email_claim_wins_and_is_lower_cased() {
        assertThat(new IdpIdentity("entra", "s", "Alice@Corp.Example", "a.upn@corp.example", null, "Alice")
                .accountAddress()).contains("alice@corp.example");
    }

    @Test
    void without_an_email_the_preferred_username_or_upn_is_used_when_it_is_an_address() {
        assertThat(new IdpIdentity("entra", "s", null, "bob@corp.example", null, null).accountAddress())
                .contains("bob@corp.example");
        assertThat(new IdpIdentity("keycloak", "s", null, "bob", "bob@corp.example", null).accountAddress())
                .contains("bob@corp.example");
    }

    @Test
    void an_identity_without_any_address_maps_to_no_account() {
        assertThat(new IdpIdentity("okta", "s", null, "bob", null, "Bob").accountAddress()).isEmpty();
    }
}
