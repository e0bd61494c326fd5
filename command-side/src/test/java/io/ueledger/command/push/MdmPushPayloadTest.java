package io.ueledger.command.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MdmPushPayloadTest {

    @Test
    void the_payload_is_exactly_the_mdm_key_with_the_push_magic_and_no_aps() {
        assertThat(MdmPushPayload.of("5F3A-11")).isEqualTo("{\"mdm\":\"5F3A-11\"}");
    }

    @Test
    void a_push_magic_with_json_special_characters_stays_valid_json() {
        assertThat(MdmPushPayload.of("a\"b\\c")).isEqualTo("{\"mdm\":\"a\\\"b\\\\c\"}");
    }
}
