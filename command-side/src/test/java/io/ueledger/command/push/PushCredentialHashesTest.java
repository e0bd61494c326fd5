package io.ueledger.command.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PushCredentialHashesTest {

    @Test
    void hashes_are_lower_case_hex_sha256_of_the_raw_token_and_of_the_utf8_push_magic() {
        // SHA-256("abc"), the FIPS 180-2 test vector
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(PushCredentialHashes.ofToken(new byte[] {'a', 'b', 'c'})).isEqualTo(abc);
        assertThat(PushCredentialHashes.ofPushMagic("abc")).isEqualTo(abc);
    }

    @Test
    void a_credential_never_shows_its_token_or_push_magic_in_logs() {
        PushCredential credential = new PushCredential("enr-1", Channel.DEVICE, new byte[] {(byte) 0xAB, (byte) 0xCD},
                "SECRET-MAGIC", "com.apple.mgmt.External.x", Instant.EPOCH);

        assertThat(credential.toString()).doesNotContain("abcd").doesNotContain("SECRET-MAGIC")
                .contains(PushCredentialHashes.ofToken(new byte[] {(byte) 0xAB, (byte) 0xCD}));
        assertThat(credential.deviceTokenHex()).isEqualTo("abcd");
    }
}
