package io.ueledger.command.installation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyEncryptionKeyTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN = "a private key".getBytes(StandardCharsets.UTF_8);

    @Test
    void another_node_with_the_same_master_secret_opens_what_one_node_sealed() {
        KeyEncryptionKey.Sealed sealed = new KeyEncryptionKey(SECRET).seal("pki/device-ca", PLAIN);

        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("a private key");
        assertThat(new KeyEncryptionKey(SECRET.clone()).open("pki/device-ca", sealed)).isEqualTo(PLAIN);
    }

    @Test
    void a_node_with_another_master_secret_is_told_which_setting_to_fix() {
        KeyEncryptionKey.Sealed sealed = new KeyEncryptionKey(SECRET).seal("pki/device-ca", PLAIN);
        byte[] other = SECRET.clone();
        other[0] ^= 1;

        assertThatThrownBy(() -> new KeyEncryptionKey(other).open("pki/device-ca", sealed))
                .isInstanceOf(KeyEncryptionKey.WrongMasterSecret.class)
                .hasMessageContaining("UELEDGER_SIGNING_SECRET");
    }

    @Test
    void a_value_moved_to_another_name_does_not_open() {
        KeyEncryptionKey kek = new KeyEncryptionKey(SECRET);
        KeyEncryptionKey.Sealed sealed = kek.seal("pki/profile-signer", PLAIN);

        assertThatThrownBy(() -> kek.open("pki/device-ca", sealed))
                .isInstanceOf(KeyEncryptionKey.WrongMasterSecret.class);
    }
}
