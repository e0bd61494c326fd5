package io.ueledger.command.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code apns} component of {@code /actuator/health}: whether pushes are sent at all, to which
 * gateway and topic, when the MDM push certificate expires, and a warning {@code warnAhead} (30 days
 * by default) before. An expired certificate is DOWN: no device can be woken until it is renewed.
 */
class ApnsHealthIndicator extends AbstractHealthIndicator {

    private final MdmPushSender sender;
    private final Clock clock;
    private final Duration warnAhead;

    ApnsHealthIndicator(MdmPushSender sender, Clock clock, Duration warnAhead) {
        this.sender = sender;
        this.clock = clock;
        this.warnAhead = warnAhead;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetails(sender.describe());
        Instant now = clock.instant();
        builder.up();
        sender.certificateExpires().ifPresent(expiry -> {
            Duration left = Duration.between(now, expiry);
            builder.withDetail("certificateExpiresInDays", left.toDays());
            if (left.isNegative() || left.isZero()) {
                builder.down().withDetail("problem", "the MDM push certificate expired on " + expiry
                        + "; renew it at Apple's Push Certificates Portal and upload it");
            } else if (left.compareTo(warnAhead) <= 0) {
                builder.withDetail("warning", "the MDM push certificate expires in " + left.toDays() + " days ("
                        + expiry + "); renew it at Apple's Push Certificates Portal (Renew, same topic) and upload it");
            }
        });
    }
}
