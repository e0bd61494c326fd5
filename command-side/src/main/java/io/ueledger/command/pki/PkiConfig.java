package io.ueledger.command.pki;

import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.kernel.installation.InstallationSecrets;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The server's identities, loaded or generated once at start-up. */
@Configuration(proxyBeanMethods = false)
public class PkiConfig {

    @Bean
    public CertificateMaker certificateMaker(Clock clock) {
        return new CertificateMaker(clock);
    }

    @Bean
    public ServerPki serverPki(PkiProperties properties, CertificateMaker maker, OrganisationProperties organisation,
            InstallationSecrets installation) {
        return new ServerPkiLoader(properties, maker, organisation.name(), installation).load();
    }

    @Bean
    public DeviceTrustAnchors deviceTrustAnchors(DeviceTrustProperties properties, ServerPki pki) {
        return DeviceTrustAnchors.from(properties, pki);
    }
}
