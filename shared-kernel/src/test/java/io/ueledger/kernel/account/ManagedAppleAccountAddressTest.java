package io.ueledger.kernel.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManagedAppleAccountAddressTest {

    @Test
    void addresses_are_trimmed_and_lower_cased() {
        assertThat(ManagedAppleAccountAddress.normalise("  Ada.Lovelace@Corp.Example ")).isEqualTo(
                "ada.lovelace@corp.example");
        assertThat(new ManagedAppleAccountAddress("Ada@Sub.Corp.Example").domain()).isEqualTo("sub.corp.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ada", "ada@", "@corp.example", "ada@corp", "ada@corp..example",
            "ada@-corp.example", "ada@10.0.0.1", "a da@corp.example", ".ada@corp.example", "ada..l@corp.example"})
    void what_a_device_would_refuse_is_refused_with_a_reason(String address) {
        assertThatThrownBy(() -> ManagedAppleAccountAddress.normalise(address))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(".*(empty|form user@domain|user part|fully qualified domain).*");
    }

    @Test
    void the_id_is_the_same_for_every_spelling_of_one_address_and_differs_between_addresses() {
        assertThat(ManagedAppleAccountId.forAddress("Ada@Corp.Example"))
                .isEqualTo(ManagedAppleAccountId.forAddress("ada@corp.example "))
                .isNotEqualTo(ManagedAppleAccountId.forAddress("bob@corp.example"))
                .hasSize(36);
    }
}
