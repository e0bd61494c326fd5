package io.ueledger.command.signin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param linkTtl        how long the sign-in link in the 401 challenge stays valid; a person reads
 *                       a page and signs in, so minutes, not hours
 */
@ConfigurationProperties("ueledger.sign-in")
public record SignInProperties(@DefaultValue("PT15M") Duration linkTtl) {
}
