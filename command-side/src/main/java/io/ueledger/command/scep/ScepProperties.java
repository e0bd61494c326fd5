package io.ueledger.command.scep;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param challengeTtl        how long a profile's SCEP challenge stays usable; the device runs SCEP
 *                            right after the user signs in to the Managed Apple Account with Apple
 * @param certificateValidity validity of the device identity certificates the CA issues
 */
@ConfigurationProperties("ueledger.scep")
public record ScepProperties(
        @DefaultValue("1h") Duration challengeTtl,
        @DefaultValue("365d") Duration certificateValidity) {
}
