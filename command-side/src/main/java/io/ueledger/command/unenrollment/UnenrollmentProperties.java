package io.ueledger.command.unenrollment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param silencePeriod        how long a device with a pending unenrollment may stay silent before the
 *                             enrollment is closed without it (CheckOut is best effort and can be lost)
 * @param silenceCheckInterval how often the command side looks for such devices
 */
@ConfigurationProperties("ueledger.unenrollment")
public record UnenrollmentProperties(@DefaultValue("P14D") Duration silencePeriod,
                                     @DefaultValue("PT5M") Duration silenceCheckInterval) {
}
