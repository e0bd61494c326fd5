package io.ueledger.command.fleet;

import io.ueledger.kernel.fleet.FleetTurns;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Commands on a fleet of nodes sharing one PostgreSQL: every command is serialised per aggregate
 * across nodes ({@link AggregateWriterLock}) and a lost append race is retried a bounded number of
 * times ({@link ConcurrentAppendRetry}). Both apply to every aggregate, whoever sends the command.
 */
@Configuration(proxyBeanMethods = false)
public class FleetCommandConfig {

    @Bean
    public AggregateWriterLock aggregateWriterLock(JdbcTemplate jdbc, List<Cache> aggregateCaches, CommandBus commandBus) {
        AggregateWriterLock lock = new AggregateWriterLock(jdbc, AnnotationCommandTargetResolver.builder().build(),
                aggregateCaches);
        commandBus.registerHandlerInterceptor(lock);
        return lock;
    }

    /** Work one node of the fleet does per interval (used by both sides of the assembly). */
    @Bean
    public FleetTurns fleetTurns(javax.sql.DataSource dataSource) {
        return new PostgresFleetTurns(dataSource);
    }

    @Bean
    public ConcurrentAppendRetry concurrentAppendRetry(
            @Value("${ueledger.commands.append-retries:3}") int retries,
            @Value("${ueledger.commands.append-retry-interval:PT0.02S}") Duration interval) {
        return ConcurrentAppendRetry.of(retries, interval);
    }

    /** Replaces Axon's default gateway (same bus) with one that retries a lost append race. */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ConcurrentAppendRetry concurrentAppendRetry) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(concurrentAppendRetry)
                .build();
    }
}
