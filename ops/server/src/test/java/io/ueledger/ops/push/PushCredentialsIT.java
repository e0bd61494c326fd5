package io.ueledger.ops.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ueledger.command.push.PushCredential;
import io.ueledger.command.push.PushCredentials;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.ops.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class PushCredentialsIT extends IntegrationTest {

    private static final String TOPIC = "com.apple.mgmt.External.credentials-test";

    @Autowired
    PushCredentials credentials;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_new_token_update_replaces_the_stored_credentials_of_that_channel_only() {
        String ref = "enr-" + UUID.randomUUID();
        credentials.save(ref, Channel.DEVICE, new byte[] {1, 2, 3}, "magic-1", TOPIC);
        credentials.save(ref, Channel.user("user-A"), new byte[] {7}, "magic-user", TOPIC);

        credentials.save(ref, Channel.DEVICE, new byte[] {4, 5, 6}, "magic-2", TOPIC);

        PushCredential device = credentials.find(ref, Channel.DEVICE).orElseThrow();
        assertThat(device.deviceToken()).containsExactly(4, 5, 6);
        assertThat(device.pushMagic()).isEqualTo("magic-2");
        assertThat(device.deviceTokenHex()).isEqualTo("040506");
        assertThat(credentials.find(ref, Channel.user("user-A")).orElseThrow().pushMagic()).isEqualTo("magic-user");
        assertThat(credentials.findAll(ref)).extracting(PushCredential::channel)
                .containsExactly(Channel.DEVICE, Channel.user("user-A"));
        assertThat(jdbc.queryForList("select channel from push_credential where enrollment_ref = ? order by channel",
                String.class, ref)).containsExactly("device", "user:user-A");
    }

    @Test
    void a_channel_that_never_sent_a_token_has_no_credentials() {
        assertThat(credentials.find("enr-" + UUID.randomUUID(), Channel.DEVICE)).isEmpty();
    }

    @Test
    void credentials_with_a_non_mdm_topic_or_without_a_token_are_refused_and_nothing_is_stored() {
        String ref = "enr-" + UUID.randomUUID();

        assertThatThrownBy(() -> credentials.save(ref, Channel.DEVICE, new byte[] {1}, "magic", "com.example.app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an MDM topic");
        assertThatThrownBy(() -> credentials.save(ref, Channel.DEVICE, new byte[0], "magic", TOPIC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device token");
        assertThat(credentials.find(ref, Channel.DEVICE)).isEmpty();
    }
}
