package io.ueledger.command.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserIdentifierTest {

    @Test
    void the_identifier_is_split_at_the_last_at_sign_like_the_device_does() {
        UserIdentifier id = UserIdentifier.parse("\"odd@name\"@Corp.Example");

        assertThat(id.localPart()).isEqualTo("\"odd@name\"");
        assertThat(id.domain()).isEqualTo("corp.example");
    }

    @Test
    void the_address_is_lower_cased_as_the_directory_keys_it() {
        assertThat(UserIdentifier.parse("Alice@CORP.example").address()).isEqualTo("alice@corp.example");
    }

    @Test
    void empty_parts_and_non_fqdn_domains_are_refused_with_a_readable_reason() {
        assertThatThrownBy(() -> UserIdentifier.parse(null)).hasMessage("the user-identifier parameter is missing");
        assertThatThrownBy(() -> UserIdentifier.parse("alice@")).hasMessageContaining("not of the form name@domain");
        assertThatThrownBy(() -> UserIdentifier.parse("@corp.example")).hasMessageContaining("name@domain");
        assertThatThrownBy(() -> UserIdentifier.parse("alice@localhost"))
                .hasMessage("the domain 'localhost' of the user-identifier is not a fully qualified domain name");
        assertThatThrownBy(() -> UserIdentifier.parse("alice@corp..example")).hasMessageContaining("fully qualified");
    }
}
