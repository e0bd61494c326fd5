package io.ueledger.command.discovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tokenTtl how long the BaseURL handed out at discovery stays usable; the device POSTs to it
 *                 within seconds, so minutes are plenty and a leaked URL soon becomes useless
 */
@ConfigurationProperties("ueledger.discovery")
public record DiscoveryProperties(@DefaultValue("PT15M") Duration tokenTtl) {
}
