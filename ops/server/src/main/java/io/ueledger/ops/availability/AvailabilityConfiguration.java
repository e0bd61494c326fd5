package io.ueledger.ops.availability;

import io.ueledger.ops.limits.RequestLimitsFilter;
import io.ueledger.ops.limits.RequestLimitsProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Filters that keep the server answering clearly while a dependency is down or a caller misbehaves. */
@Configuration(proxyBeanMethods = false)
public class AvailabilityConfiguration {

    /** First of all: a refused body or a full endpoint costs no authentication and no database work. */
    @Bean
    FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(RequestLimitsProperties properties) {
        FilterRegistrationBean<RequestLimitsFilter> registration =
                new FilterRegistrationBean<>(new RequestLimitsFilter(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter() {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                new FilterRegistrationBean<>(new DatabaseUnavailableFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    DatabaseUnavailableResolver databaseUnavailableResolver() {
        return new DatabaseUnavailableResolver();
    }

    @Bean
    ServerSideBrokenConnectionResolver serverSideBrokenConnectionResolver() {
        return new ServerSideBrokenConnectionResolver();
    }
}
