package io.ueledger.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.ops.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Someone with SQL access changes the event store or the ledger tables behind the application's
 * back; the self-check names the leaf, the event and which side was altered. Each test tampers
 * only with its own fresh events, reads only the findings about them (the database is shared by
 * every IT of the run), and restores what it changed, so later tests see an intact ledger again.
 */
class LedgerTamperIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;

    private LedgerFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new LedgerFixture(commands, jdbc, processing, eventStore);
    }

    @Test
    void a_changed_payload_byte_is_reported_as_an_event_store_change_of_that_event() {
        List<LedgerFixture.StoredEvent> events = fixture.newEnrollmentEvents();
        LedgerFixture.StoredEvent victim = events.get(0);
        assertThat(findingsAbout(events)).isEmpty();

        byte[] original = payload(victim.globalIndex());
        byte[] changed = original.clone();
        changed[changed.length / 2] ^= 0x01;
        jdbc.update("update domainevententry set payload = ? where globalindex = ?", changed, victim.globalIndex());
        try {
            List<JsonNode> findings = findingsAbout(events);
            assertThat(findings).hasSize(1);
            assertFinding(findings.get(0), "EVENT_STORE", victim, "payload digest was ");
            assertThat(findings.get(0).get("problem").asText()).doesNotContain("metadata digest", "timestamp");
        } finally {
            jdbc.update("update domainevententry set payload = ? where globalindex = ?", original, victim.globalIndex());
        }
        assertThat(findingsAbout(events)).isEmpty();
    }

    @Test
    void a_deleted_event_row_is_reported_as_missing_from_the_event_store() {
        List<LedgerFixture.StoredEvent> events = fixture.newEnrollmentEvents();
        LedgerFixture.StoredEvent victim = events.get(events.size() - 1);
        Map<String, Object> row = jdbc.queryForMap("select * from domainevententry where globalindex = ?",
                victim.globalIndex());

        jdbc.update("delete from domainevententry where globalindex = ?", victim.globalIndex());
        try {
            List<JsonNode> findings = findingsAbout(events);
            assertThat(findings).hasSize(1);
            assertFinding(findings.get(0), "EVENT_STORE", victim, "is missing from the event store");
        } finally {
            String columns = String.join(", ", row.keySet());
            String marks = row.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
            jdbc.update("insert into domainevententry (" + columns + ") values (" + marks + ")", row.values().toArray());
        }
        assertThat(findingsAbout(events)).isEmpty();
    }

    @Test
    void rows_swapped_in_the_event_store_are_reported_for_both_events() {
        List<LedgerFixture.StoredEvent> events = fixture.newEnrollmentEvents();
        LedgerFixture.StoredEvent a = events.get(0);
        LedgerFixture.StoredEvent b = events.get(1);

        swapGlobalIndexes(a.globalIndex(), b.globalIndex());
        try {
            List<JsonNode> findings = findingsAbout(events);
            assertThat(findings).hasSize(2);
            assertFinding(findings.get(0), "EVENT_STORE", a, "now holds event " + b.eventId());
            assertFinding(findings.get(1), "EVENT_STORE", b, "now holds event " + a.eventId());
        } finally {
            swapGlobalIndexes(a.globalIndex(), b.globalIndex());
        }
        assertThat(findingsAbout(events)).isEmpty();
    }

    @Test
    void an_edited_ledger_leaf_is_reported_as_a_ledger_change_that_breaks_signed_checkpoints() {
        List<LedgerFixture.StoredEvent> events = fixture.newEnrollmentEvents();
        LedgerFixture.StoredEvent victim = events.get(0);
        long signedSize = asAdmin().postForObject("/api/ledger/checkpoints", null, JsonNode.class)
                .get("treeSize").asLong();
        assertThat(signedSize).isGreaterThan(victim.leafIndex());
        byte[] original = jdbc.queryForObject("select leaf_hash from ledger_leaf where leaf_index = ?", byte[].class,
                victim.leafIndex());
        byte[] changed = original.clone();
        changed[0] ^= 0x01;

        jdbc.update("update ledger_leaf set leaf_hash = ? where leaf_index = ?", changed, victim.leafIndex());
        try {
            JsonNode report = selfCheck();
            assertThat(report.get("intact").asBoolean()).isFalse();
            List<JsonNode> findings = findingsAbout(report, events);
            assertThat(findings).hasSize(1);
            assertFinding(findings.get(0), "LEDGER", victim, "stored leaf hash is not the hash of the stored envelope");
            assertThat(checkpointFindings(report)).contains(signedSize);
        } finally {
            jdbc.update("update ledger_leaf set leaf_hash = ? where leaf_index = ?", original, victim.leafIndex());
        }
        JsonNode after = selfCheck();
        assertThat(findingsAbout(after, events)).isEmpty();
        assertThat(checkpointFindings(after)).doesNotContain(signedSize);
    }

    /**
     * An event the ledger went past without a leaf (what a reader that skipped a late commit leaves behind):
     * written here below every recorded index, created 20 minutes ago, so no processor will ever read it.
     */
    @Test
    void an_event_the_ledger_passed_over_is_reported_as_not_in_the_ledger() {
        LedgerFixture.StoredEvent copied = fixture.newEnrollmentEvents().get(0);
        String eventId = UUID.randomUUID().toString();
        long below = -copied.globalIndex();
        jdbc.update("""
                insert into domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier,
                    metadata, payload, payloadrevision, payloadtype, timestamp)
                select ?, aggregateidentifier || '-passed-over', sequencenumber, type, ?, metadata, payload,
                    payloadrevision, payloadtype, ? from domainevententry where globalindex = ?
                """, below, eventId, Instant.now().minus(Duration.ofMinutes(20)).toString(), copied.globalIndex());
        try {
            JsonNode report = selfCheck();
            assertThat(report.get("intact").asBoolean()).isFalse();
            List<JsonNode> passedOver = new ArrayList<>();
            report.get("findings").forEach(f -> {
                if (eventId.equals(f.path("eventId").asText())) {
                    passedOver.add(f);
                }
            });
            assertThat(passedOver).hasSize(1);
            assertThat(passedOver.get(0).get("altered").asText()).isEqualTo("NOT_IN_LEDGER");
            assertThat(passedOver.get(0).get("globalIndex").asLong()).isEqualTo(below);
            assertThat(passedOver.get(0).get("problem").asText()).contains("has no leaf");
        } finally {
            jdbc.update("delete from domainevententry where globalindex = ?", below);
        }
        assertThat(selfCheck().get("findings").findValuesAsText("eventId")).doesNotContain(eventId);
    }

    @Test
    void compliance_officers_can_run_the_self_check_too() {
        fixture.newEnrollmentEvents();
        JsonNode report = asCompliance().getForObject("/api/ledger/self-check", JsonNode.class);
        assertThat(report.get("treeSize").asLong()).isPositive();
        assertThat(report.get("checkedAt").asText()).isNotBlank();
    }

    private JsonNode selfCheck() {
        return asAdmin().postForObject("/api/ledger/self-check", null, JsonNode.class);
    }

    private List<JsonNode> findingsAbout(List<LedgerFixture.StoredEvent> events) {
        return findingsAbout(selfCheck(), events);
    }

    /** Findings about these events' leaves, in leaf order. */
    private static List<JsonNode> findingsAbout(JsonNode report, List<LedgerFixture.StoredEvent> events) {
        Set<Long> leaves = events.stream().map(LedgerFixture.StoredEvent::leafIndex).collect(Collectors.toSet());
        List<JsonNode> findings = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.hasNonNull("leafIndex") && leaves.contains(f.get("leafIndex").asLong())
                    && !f.get("problem").asText().startsWith("ledger_node")) {
                findings.add(f);
            }
        });
        return findings;
    }

    private static List<Long> checkpointFindings(JsonNode report) {
        List<Long> sizes = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.hasNonNull("treeSize")) {
                sizes.add(f.get("treeSize").asLong());
            }
        });
        return sizes;
    }

    private static void assertFinding(JsonNode finding, String altered, LedgerFixture.StoredEvent event, String problem) {
        assertThat(finding.get("altered").asText()).isEqualTo(altered);
        assertThat(finding.get("leafIndex").asLong()).isEqualTo(event.leafIndex());
        assertThat(finding.get("globalIndex").asLong()).isEqualTo(event.globalIndex());
        assertThat(finding.get("eventId").asText()).isEqualTo(event.eventId());
        assertThat(finding.get("problem").asText()).contains(problem);
    }

    private byte[] payload(long globalIndex) {
        return jdbc.queryForObject("select payload from domainevententry where globalindex = ?", byte[].class,
                globalIndex);
    }

    /** The primary key forbids a direct swap, so one row parks at an index no event will ever have. */
    private void swapGlobalIndexes(long a, long b) {
        jdbc.update("update domainevententry set globalindex = -? where globalindex = ?", a, a);
        jdbc.update("update domainevententry set globalindex = ? where globalindex = ?", a, b);
        jdbc.update("update domainevententry set globalindex = ? where globalindex = -?", b, a);
    }
}
