package io.ueledger.ops.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes nothing. With an observation registry present it wraps the filters of every chain
 * in observations (before and after each filter) and times authentication and authorisation, on every request,
 * the device protocol's included; no dashboard panel or alert reads them. What operators watch stays: the
 * request timers ({@code http.server.requests}, from the servlet observation filter, per URI and status) and
 * the server's own meters. Measured: no difference a pair of 2,000-device load runs could resolve
 * (docs/developers/performance.md, item 15); kept because it is work no one reads.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    SecurityObservationSettings noSpringSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
