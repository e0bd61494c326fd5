package io.ueledger.command.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enrollmentTtl how long a session token is accepted: long enough for the device to POST for
 *                      its profile, get its identity and send Authenticate; after that the device's
 *                      identity certificate authenticates it (see {@link SessionTokens})
 */
@ConfigurationProperties("ueledger.session-token")
public record SessionTokenProperties(@DefaultValue("PT1H") Duration enrollmentTtl) {
}
