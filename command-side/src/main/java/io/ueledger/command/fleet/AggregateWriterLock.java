package io.ueledger.command.fleet;

import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One writer per aggregate across every node on the same PostgreSQL. Before a command's handler
 * loads its aggregate, this interceptor (running inside the command's transaction) takes a
 * PostgreSQL advisory transaction lock on the aggregate id and reads the id's last stored sequence
 * number in the same round trip ({@code ueledger_lock_aggregate}, Flyway V150). A cached aggregate
 * whose version differs from the store (another node wrote since) is dropped from this node's
 * cache, so the repository replays it from the store instead of deciding on stale state. The lock
 * is released when the transaction commits or rolls back, i.e. after the new events are stored.
 *
 * <p>Commands without a resolvable target (none today) pass through unlocked.
 */
public final class AggregateWriterLock implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(AggregateWriterLock.class);

    private final JdbcTemplate jdbc;
    private final CommandTargetResolver targets;
    private final List<Cache> aggregateCaches;

    public AggregateWriterLock(JdbcTemplate jdbc, CommandTargetResolver targets, List<Cache> aggregateCaches) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.aggregateCaches = aggregateCaches;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Optional<String> aggregateId = target(unitOfWork.getMessage());
        if (aggregateId.isPresent()) {
            lockAndRefresh(aggregateId.get());
        }
        return chain.proceed();
    }

    /** Blocks until no other transaction (on any node) writes this aggregate; then drops a stale cache entry. */
    public void lockAndRefresh(String aggregateId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // a transaction-scoped lock outside a transaction would be released at once
            throw new IllegalStateException("commands must run in a transaction to be serialised across nodes");
        }
        Long stored = jdbc.queryForObject("select ueledger_lock_aggregate(?)", Long.class, aggregateId);
        for (Cache cache : aggregateCaches) {
            Object entry = cache.get(aggregateId);
            if (entry != null && !matches(entry, stored)) {
                cache.remove(aggregateId);
                log.debug("Aggregate {} changed on another node (store at {}): reloading it", aggregateId, stored);
            }
        }
    }

    /** A cache entry kept in this JVM holds the live aggregate; its version must be the store's. */
    private static boolean matches(Object entry, Long stored) {
        if (!(entry instanceof AggregateCacheEntry<?> cached)) {
            return false;
        }
        try {
            Long version = cached.recreateAggregate(null, null, null, null).version();
            return version != null && version.equals(stored);
        } catch (RuntimeException notLive) {
            // an entry without its live aggregate (e.g. deserialised): let the repository replay
            return false;
        }
    }

    private Optional<String> target(CommandMessage<?> command) {
        try {
            return Optional.of(targets.resolveTarget(command).getIdentifier());
        } catch (IllegalArgumentException noTarget) {
            return Optional.empty();
        }
    }
}
