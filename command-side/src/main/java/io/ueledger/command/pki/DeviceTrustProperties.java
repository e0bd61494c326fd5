package io.ueledger.command.pki;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param deviceTrustAnchors PEM files of the CAs whose device identities may sign enrollment
 *                           requests. Production sets Apple's device CA here. Empty (the embedded
 *                           default) trusts the simulated device CA only.
 */
@ConfigurationProperties("ueledger.enrollment")
public record DeviceTrustProperties(@DefaultValue List<Path> deviceTrustAnchors) {
}
