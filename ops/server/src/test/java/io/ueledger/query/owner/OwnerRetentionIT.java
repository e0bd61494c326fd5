package io.ueledger.query.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ueledger.ops.admin.EnrolledTestDevice;
import io.ueledger.ops.UeLedgerApplication;
import io.ueledger.ops.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The owner view's retention of ended enrollments, against real rows: an enrollment closed by the
 * owner's CheckOut stays its owner's while within the period, is hidden past it and its link deleted
 * by the retention sweep; without a period (the default) it is kept. Open enrollments are never
 * affected, and nobody else's address finds it.
 */
// In the query side's package, to reach the constructor; the application is named, since this package has none.
@SpringBootTest(classes = UeLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OwnerRetentionIT extends IntegrationTest {

    private static final String ALICE = "alice@corp.example";

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OwnerEnrollments defaults;

    @Test
    void an_ended_enrollment_is_the_owners_within_retention_and_forgotten_after_it() {
        givenActiveAccount(ALICE, "Alice Example");
        EnrolledTestDevice open = EnrolledTestDevice.iPhone(commands, http, ALICE);
        EnrolledTestDevice ended = EnrolledTestDevice.iPhone(commands, http, ALICE);
        await().atMost(Duration.ofSeconds(120)).until(() -> linked(open.ref) && linked(ended.ref));
        ended.checkOut();
        await().atMost(Duration.ofSeconds(120)).until(() -> closedAt(ended.ref) != null);
        Instant closed = closedAt(ended.ref);

        assertThat(defaults.retention()).as("the default keeps ended enrollments").isNull();
        assertThat(defaults.owns(ALICE, ended.ref)).isTrue();
        assertThat(defaults.owns("bob@corp.example", ended.ref)).as("by address only").isFalse();
        assertThat(defaults.forgetPastRetention()).isZero();

        OwnerEnrollments within = at(closed.plus(Duration.ofDays(29)));
        assertThat(within.owns(ALICE.toUpperCase(), ended.ref)).as("addresses compare without case").isTrue();
        assertThat(within.of(ALICE)).contains(ended.ref, open.ref);

        OwnerEnrollments past = at(closed.plus(Duration.ofDays(31)));
        assertThat(past.owns(ALICE, ended.ref)).isFalse();
        assertThat(past.of(ALICE)).doesNotContain(ended.ref).contains(open.ref);
        assertThat(past.forgetPastRetention()).isPositive();
        assertThat(linked(ended.ref)).as("the link is deleted").isFalse();
        assertThat(linked(open.ref)).as("an open enrollment is never affected").isTrue();
    }

    private OwnerEnrollments at(Instant now) {
        return new OwnerEnrollments(jdbc, Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC));
    }

    private boolean linked(String ref) {
        Integer n = jdbc.queryForObject("select count(*) from owner_enrollment where enrollment_ref = ?",
                Integer.class, ref);
        return n != null && n == 1;
    }

    private Instant closedAt(String ref) {
        return jdbc.queryForList("select closed_at from enrollment_registry where enrollment_ref = ? and closed_at is not null",
                java.sql.Timestamp.class, ref).stream().findFirst().map(java.sql.Timestamp::toInstant).orElse(null);
    }
}
