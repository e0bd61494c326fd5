package io.ueledger.command.renewal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the server renews device identity certificates (their lifetime is
 * {@code ueledger.scep.certificate-validity}).
 *
 * @param renewalWindow        how long before a certificate's notAfter its renewal starts
 * @param renewalRetryInterval how long an attempt waits for the device (its challenge lives as long), and
 *                             how long after a failed attempt the next one starts
 * @param renewalMaxAttempts   attempts per renewal before the server gives up (admins see it)
 * @param renewalCheckInterval how often one node of the fleet looks for due renewals
 */
@ConfigurationProperties("ueledger.identity")
public record IdentityRenewalProperties(
        @DefaultValue("30d") Duration renewalWindow,
        @DefaultValue("1d") Duration renewalRetryInterval,
        @DefaultValue("5") int renewalMaxAttempts,
        @DefaultValue("1h") Duration renewalCheckInterval) {

    public IdentityRenewalProperties {
        if (renewalMaxAttempts < 1) {
            throw new IllegalArgumentException("ueledger.identity.renewal-max-attempts must be at least 1");
        }
        if (renewalWindow.isNegative() || renewalWindow.isZero()) {
            throw new IllegalArgumentException("ueledger.identity.renewal-window must be positive");
        }
    }
}
