package io.ueledger.query.compliance;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the compliance views; their processor's error handling is in {@code AxonQueryConfig}. */
@Configuration(proxyBeanMethods = false)
public class ComplianceConfig {

    /** Reports stamp when they were read; the command side usually provides the clock already. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
