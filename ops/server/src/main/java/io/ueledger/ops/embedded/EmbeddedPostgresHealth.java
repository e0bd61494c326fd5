package io.ueledger.ops.embedded;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** DOWN at once when the embedded postmaster is not running, without waiting for a connection attempt. */
@Component("embeddedPostgresProcess")
@Conditional(NoDatasourceConfigured.class)
class EmbeddedPostgresHealth extends AbstractHealthIndicator {

    private final SupervisedPostgres postgres;

    EmbeddedPostgresHealth(SupervisedPostgres postgres) {
        this.postgres = postgres;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        (postgres.isRunning() ? builder.up() : builder.down())
                .withDetail("restarts", postgres.restarts());
    }
}
