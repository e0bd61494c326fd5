package io.ueledger.command.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class ApnsHealthIndicatorTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void without_a_certificate_push_is_up_and_says_it_is_disabled() {
        var health = new ApnsHealthIndicator(new DisabledMdmPushSender(), CLOCK, java.time.Duration.ofDays(30)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("mode", "disabled (no MDM push certificate configured)");
    }

    @Test
    void an_expired_push_certificate_is_down_with_what_to_do() {
        var health = new ApnsHealthIndicator(senderExpiring(NOW.minusSeconds(60)), CLOCK, java.time.Duration.ofDays(30)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(health.getDetails().get("problem"))).contains("expired").contains("renew");
    }

    @Test
    void a_valid_push_certificate_is_up() {
        var health = new ApnsHealthIndicator(senderExpiring(NOW.plusSeconds(86_400)), CLOCK, java.time.Duration.ofDays(30)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("mode", "production");
    }

    @Test
    void a_push_certificate_expiring_within_thirty_days_is_up_with_a_warning() {
        var health = new ApnsHealthIndicator(senderExpiring(NOW.plus(java.time.Duration.ofDays(20))), CLOCK,
                java.time.Duration.ofDays(30)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("certificateExpiresInDays", 20L);
        assertThat(String.valueOf(health.getDetails().get("warning"))).contains("expires in 20 days");
    }

    private static MdmPushSender senderExpiring(Instant expiry) {
        return new MdmPushSender() {
            @Override
            public CompletableFuture<PushResult> send(PushCredential target) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Object> describe() {
                return Map.of("mode", "production", "certificateExpires", expiry.toString());
            }

            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<Instant> certificateExpires() {
                return Optional.of(expiry);
            }
        };
    }
}
