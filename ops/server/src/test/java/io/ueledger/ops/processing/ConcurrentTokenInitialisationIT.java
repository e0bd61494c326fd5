package io.ueledger.ops.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.ops.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes starting at once on a new database both initialise a processor's token segments. Axon's pooled
 * coordinator does it the way {@link #initialiseAsAxonsCoordinatorDoes} does: in a transaction, catching the
 * failed insert of the node that came second, and trying again until the segments are there. Both nodes must
 * get there; before the token store's initialisation ran in a savepoint, the second node's transaction was
 * refused at commit (PostgreSQL had aborted it) and its start failed. The second node now takes the first one's
 * segments on its first attempt, without the failure its processor would log and retry.
 */
class ConcurrentTokenInitialisationIT extends IntegrationTest {

    private static final int SEGMENTS = 4;

    @Autowired
    private TokenStore tokens;
    @Autowired
    private TransactionManager transactions;
    @Autowired
    private JdbcTemplate jdbc;

    private final String processor = "init-race-" + UUID.randomUUID();

    @AfterEach
    void removeTheTokens() {
        jdbc.update("delete from tokenentry where processorname = ?", processor);
    }

    @Test
    void two_nodes_initialising_the_same_processor_at_once_both_find_its_segments() throws Exception {
        CyclicBarrier bothLookedFirst = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> nodes = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            nodes.add(CompletableFuture.supplyAsync(() -> initialiseAsAxonsCoordinatorDoes(bothLookedFirst)));
        }

        for (CompletableFuture<Integer> node : nodes) {
            // the node that came second takes the other's segments instead of failing and trying again
            assertThat(node.get(60, TimeUnit.SECONDS)).as("attempts until the segments were there").isEqualTo(1);
        }
        assertThat(tokens.fetchSegments(processor)).containsExactly(0, 1, 2, 3);
    }

    /**
     * Axon's {@code Coordinator.initializeTokenStore} with its retry: fetch, insert when there are none, catch a
     * failed insert inside the transaction, try again. The first attempt of both nodes waits until both have
     * looked, so both insert.
     */
    private int initialiseAsAxonsCoordinatorDoes(CyclicBarrier bothLookedFirst) {
        for (int attempt = 1; attempt <= 30; attempt++) {
            boolean firstAttempt = attempt == 1;
            boolean[] done = {false};
            transactions.executeInTransaction(() -> {
                int[] segments = tokens.fetchSegments(processor);
                if (firstAttempt) {
                    await(bothLookedFirst);
                }
                try {
                    if (segments.length == 0) {
                        tokens.initializeTokenSegments(processor, SEGMENTS, null);
                    }
                    done[0] = true;
                } catch (Exception concurrentAttempt) {
                    // Axon logs "this may simply indicate concurrent attempts to initialize" and goes on
                }
            });
            if (done[0]) {
                return attempt;
            }
        }
        return -1;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other node never looked", e);
        }
    }
}
