package io.ueledger.command.push;

import io.ueledger.kernel.enrollment.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The store of the APNs credentials each channel last sent in TokenUpdate. All access to the
 * {@code push_credential} table goes through this class, so that encrypting its columns with the
 * enrollment's data key later changes one place.
 */
@Component
public class PushCredentials {

    private static final String USER_PREFIX = "user:";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    PushCredentials(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores (or replaces) the credentials of one channel. Called by the TokenUpdate check-in before it
     * sends {@code UpdatePushToken} with {@link PushCredentialHashes}, so a push never finds a token
     * missing for an event that says it exists.
     *
     * @throws IllegalArgumentException when a value is missing or the topic is not an MDM topic
     */
    public void save(String enrollmentRef, Channel channel, byte[] deviceToken, String pushMagic, String topic) {
        requireText(enrollmentRef, "an enrollment reference");
        if (channel == null) {
            throw new IllegalArgumentException("push credentials need a channel (device or user)");
        }
        if (deviceToken == null || deviceToken.length == 0) {
            throw new IllegalArgumentException("push credentials need the device token (TokenUpdate Token)");
        }
        requireText(pushMagic, "the PushMagic");
        requireText(topic, "the APNs topic");
        if (!topic.startsWith("com.apple.mgmt.")) {
            throw new IllegalArgumentException("APNs topic '" + topic + "' is not an MDM topic (com.apple.mgmt.…)");
        }
        jdbc.update("""
                insert into push_credential (enrollment_ref, channel, device_token, push_magic, topic, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (enrollment_ref, channel) do update
                   set device_token = excluded.device_token, push_magic = excluded.push_magic,
                       topic = excluded.topic, updated_at = excluded.updated_at""",
                enrollmentRef, channel.toString(), deviceToken, pushMagic, topic, Timestamp.from(clock.instant()));
    }

    /** The credentials of one channel, or empty when that channel never sent a TokenUpdate. */
    public Optional<PushCredential> find(String enrollmentRef, Channel channel) {
        return jdbc.query("""
                select enrollment_ref, channel, device_token, push_magic, topic, updated_at
                  from push_credential where enrollment_ref = ? and channel = ?""",
                PushCredentials::read, enrollmentRef, channel.toString()).stream().findFirst();
    }

    /** Every channel of the enrollment that can be pushed (the device channel first). */
    public List<PushCredential> findAll(String enrollmentRef) {
        return jdbc.query("""
                select enrollment_ref, channel, device_token, push_magic, topic, updated_at
                  from push_credential where enrollment_ref = ? order by channel = 'device' desc, channel""",
                PushCredentials::read, enrollmentRef);
    }

    private static PushCredential read(ResultSet rs, int row) throws SQLException {
        return new PushCredential(rs.getString(1), channel(rs.getString(2)), rs.getBytes(3), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant());
    }

    private static Channel channel(String stored) {
        return stored.startsWith(USER_PREFIX) ? Channel.user(stored.substring(USER_PREFIX.length())) : Channel.DEVICE;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("push credentials need " + what);
        }
    }
}
