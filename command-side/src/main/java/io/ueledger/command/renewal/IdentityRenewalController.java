package io.ueledger.command.renewal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins see every device whose identity certificate is inside the renewal window or whose renewal
 * is waiting for the device, failed (and will be retried) or was given up.
 */
@RestController
@RequestMapping("/api/admin/identity-renewals")
class IdentityRenewalController {

    private final IdentityRenewalDirectory directory;
    private final IdentityRenewalProperties properties;
    private final Clock clock;

    IdentityRenewalController(IdentityRenewalDirectory directory, IdentityRenewalProperties properties, Clock clock) {
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    Map<String, Object> list() {
        List<IdentityRenewalDirectory.Row> rows = directory.attention(clock.instant().plus(properties.renewalWindow()));
        return Map.of("renewalWindow", properties.renewalWindow().toString(),
                "retryInterval", properties.renewalRetryInterval().toString(),
                "maxAttempts", properties.renewalMaxAttempts(),
                "enrollments", rows);
    }
}
