package io.ueledger.ops.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ueledger.command.fleet.AggregateWriterLock;
import io.ueledger.kernel.enrollment.IssueSessionToken;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One writer per enrollment across nodes, shown inside one node: another node's write is played by
 * appending an event straight into the shared event store, and another node's transaction by a
 * second thread.
 */
class AggregateWriterLockIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AggregateWriterLock writerLock;

    @Test
    void a_command_on_an_enrollment_cached_here_but_written_by_another_node_since_is_decided_on_the_store() {
        String ref = ScriptedEnrollment.iPhone(commands, "alice@corp.example").signIn().ref;
        Instant now = Instant.now();
        long cachedVersion = lastSequence(ref);

        // "node B" appends to the same enrollment while this node holds it in its aggregate cache
        jdbc.update("""
                insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadrevision, payloadtype, timestamp)
                select aggregateidentifier, sequencenumber + 1, type, ?, metadata, payload, payloadrevision,
                       payloadtype, timestamp
                  from domainevententry where aggregateidentifier = ? order by sequencenumber desc limit 1""",
                UUID.randomUUID().toString(), ref);

        // before the fix: the cached aggregate appended at cachedVersion + 1 -> duplicate key, a 500
        commands.sendAndWait(new IssueSessionToken(ref, "t1", "sha256:t", now.plusSeconds(3600), now));

        assertThat(lastSequence(ref)).as("appended after node B's event, not over it").isEqualTo(cachedVersion + 2);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ? and"
                + " payloadtype like '%SessionTokenIssued'", Long.class, ref)).isEqualTo(1);
    }

    @Test
    void a_second_writer_of_the_same_enrollment_waits_until_the_first_transaction_ends() throws Exception {
        String ref = "enr-" + UUID.randomUUID();
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            writerLock.lockAndRefresh(ref);
            firstHoldsTheLock.countDown();
            awaitQuietly(releaseFirst);
        }));
        assertThat(firstHoldsTheLock.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx ->
                writerLock.lockAndRefresh(ref)));
        await().atMost(Duration.ofSeconds(30)).until(() -> waitsOnAnAdvisoryLock());
        assertThat(second).as("the second writer waits").isNotDone();

        CompletableFuture<Void> otherEnrollment = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(
                tx -> writerLock.lockAndRefresh("enr-" + UUID.randomUUID())));
        otherEnrollment.get(30, TimeUnit.SECONDS);

        releaseFirst.countDown();
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
    }

    private boolean waitsOnAnAdvisoryLock() {
        return jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and not granted",
                Long.class) > 0;
    }

    private long lastSequence(String ref) {
        return jdbc.queryForObject("select max(sequencenumber) from domainevententry where aggregateidentifier = ?",
                Long.class, ref);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
