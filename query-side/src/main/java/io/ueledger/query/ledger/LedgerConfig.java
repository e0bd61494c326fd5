package io.ueledger.query.ledger;

import io.ueledger.kernel.installation.InstallationSecrets;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the ledger: its signing key and the checkpoint schedule. Its one processor is wired with the
 * query side's others in {@code AxonQueryConfig}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(LedgerProperties.class)
public class LedgerConfig {

    @Bean
    LedgerSigning ledgerSigning(LedgerProperties properties, Environment environment,
            ObjectProvider<InstallationSecrets> installation) {
        String origin = properties.origin() != null && !properties.origin().isBlank()
                ? properties.origin()
                : "ue-ledger." + environment.getProperty("ueledger.organisation.domains[0]", "localhost") + "/ledger";
        return new LedgerSigning(origin, CheckpointSigningKey.load(properties, origin, installation.getIfAvailable()));
    }

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
