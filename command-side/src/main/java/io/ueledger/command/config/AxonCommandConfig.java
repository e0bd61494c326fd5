package io.ueledger.command.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command side's one Axon configuration class. */
@Configuration
public class AxonCommandConfig {

    /**
     * Keeps loaded enrollments in memory so the device hot path (check-in, command channel) does
     * not replay the stream on every request. A weak-reference cache lets the GC decide; a node
     * that misses simply replays. With several nodes, commands for one enrollment must be routed
     * to one node or this cache can serve stale state (see README, "More than one node").
     */
    @Bean
    public Cache deviceEnrollmentCache() {
        return new WeakReferenceCache();
    }
}
