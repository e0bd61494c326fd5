package io.ueledger.command.push;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code apns} component of {@code /actuator/health}: whether pushes are sent at all, to which
 * gateway and topic, and when the MDM push certificate expires. An expired certificate is DOWN:
 * no device can be woken until it is renewed.
 */
class ApnsHealthIndicator extends AbstractHealthIndicator {

    private final MdmPushSender sender;
    private final Clock clock;

    ApnsHealthIndicator(MdmPushSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetails(sender.describe());
        Instant now = clock.instant();
        sender.certificateExpires().filter(expiry -> expiry.isBefore(now)).ifPresentOrElse(
                expired -> builder.down().withDetail("problem", "the MDM push certificate expired on " + expired
                        + "; renew it at Apple's Push Certificates Portal"),
                builder::up);
    }
}
