package io.ueledger.ops.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes nothing. With an observation registry present it wraps every filter of every chain
 * in an observation of its own (before and after each filter) and times authentication and authorisation: per
 * device request a dozen observations that no dashboard panel or alert reads (the profile of the command
 * channel counted them in the HTTP layer, its largest part). What operators watch stays: the request timers
 * ({@code http.server.requests}, from the servlet observation filter, per URI and status) and the server's
 * own meters; a sign-in refused is a log line and, for a lock-out, an event.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    SecurityObservationSettings noSpringSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
