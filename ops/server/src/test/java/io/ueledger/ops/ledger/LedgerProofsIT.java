package io.ueledger.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.kernel.ledger.Checkpoint;
import io.ueledger.kernel.ledger.LeafEnvelope;
import io.ueledger.kernel.ledger.NoteVerifier;
import io.ueledger.kernel.ledger.ProofVerifier;
import io.ueledger.kernel.ledger.Rfc6962;
import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.query.ledger.LedgerAppender;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an auditor does: download the public key and a signed checkpoint, fetch inclusion and
 * consistency proofs, and verify them all with the kernel verifier, recomputing each leaf from the
 * event store row. Also: bad requests get a ProblemDetail and change nothing.
 */
class LedgerProofsIT extends IntegrationTest {

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
    void inclusion_and_consistency_proofs_verify_against_checkpoints_signed_by_the_downloaded_key() throws Exception {
        List<LedgerFixture.StoredEvent> first = fixture.newEnrollmentEvents();
        assertThat(asAdmin().postForEntity("/api/ledger/checkpoints", null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        NoteVerifier verifier = NoteVerifier.fromVerifierKey(
                asCompliance().getForObject("/api/ledger/public-key", String.class));
        assertThat(verifier.name()).isEqualTo("ue-ledger.corp.example/ledger");
        Checkpoint older = Checkpoint.parse(verifier.verify(
                asCompliance().getForObject("/api/ledger/checkpoint", String.class)));
        assertThat(older.origin()).isEqualTo("ue-ledger.corp.example/ledger");

        for (LedgerFixture.StoredEvent event : first) {
            JsonNode proof = asCompliance().getForObject("/api/ledger/events/{id}/inclusion", JsonNode.class,
                    event.eventId());
            assertThat(proof.get("treeSize").asLong()).isEqualTo(older.size());
            assertThat(proof.get("leafIndex").asLong()).isEqualTo(event.leafIndex());
            // The auditor recomputes the leaf from the event store row, not from what the server says.
            byte[] leafHash = envelopeFromEventStore(event.globalIndex()).leafHash();
            assertThat(Base64.getDecoder().decode(proof.get("encodedEnvelope").asText()))
                    .isEqualTo(envelopeFromEventStore(event.globalIndex()).encode());
            ProofVerifier.verifyInclusion(event.leafIndex(), older.size(), leafHash, hashes(proof.get("auditPath")),
                    older.rootHash());
        }

        List<LedgerFixture.StoredEvent> later = fixture.newEnrollmentEvents();
        asAdmin().postForEntity("/api/ledger/checkpoints", null, JsonNode.class);
        Checkpoint newer = Checkpoint.parse(verifier.verify(
                asCompliance().getForObject("/api/ledger/checkpoint", String.class)));
        assertThat(newer.size()).isGreaterThan(later.get(later.size() - 1).leafIndex());

        JsonNode consistency = asCompliance().getForObject("/api/ledger/consistency?first={a}&second={b}",
                JsonNode.class, older.size(), newer.size());
        ProofVerifier.verifyConsistency(older.size(), newer.size(), hashes(consistency.get("proof")),
                older.rootHash(), newer.rootHash());

        JsonNode json = asCompliance().exchange("/api/ledger/checkpoint", HttpMethod.GET, accept(MediaType.APPLICATION_JSON),
                JsonNode.class).getBody();
        assertThat(json.get("treeSize").asLong()).isEqualTo(newer.size());
        assertThat(json.get("rootHash").asText()).isEqualTo(Base64.getEncoder().encodeToString(newer.rootHash()));

        JsonNode history = asCompliance().getForObject("/api/ledger/checkpoints?size=100", JsonNode.class);
        List<Long> sizes = new ArrayList<>();
        history.get("checkpoints").forEach(c -> sizes.add(c.get("treeSize").asLong()));
        assertThat(sizes).contains(older.size(), newer.size()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void a_tampered_checkpoint_or_a_proof_for_another_leaf_does_not_verify() throws Exception {
        List<LedgerFixture.StoredEvent> events = fixture.newEnrollmentEvents();
        asAdmin().postForEntity("/api/ledger/checkpoints", null, JsonNode.class);
        NoteVerifier verifier = NoteVerifier.fromVerifierKey(
                asCompliance().getForObject("/api/ledger/public-key", String.class));
        String note = asCompliance().getForObject("/api/ledger/checkpoint", String.class);
        String[] lines = note.split("\n");
        String grown = note.replaceFirst("\n" + lines[1] + "\n", "\n" + (Long.parseLong(lines[1]) + 1) + "\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.verify(grown))
                .isInstanceOf(io.ueledger.kernel.ledger.InvalidProof.class);

        Checkpoint checkpoint = Checkpoint.parse(verifier.verify(note));
        JsonNode proof = asCompliance().getForObject("/api/ledger/events/{id}/inclusion", JsonNode.class,
                events.get(0).eventId());
        byte[] otherLeaf = envelopeFromEventStore(events.get(1).globalIndex()).leafHash();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProofVerifier.verifyInclusion(events.get(0).leafIndex(),
                        checkpoint.size(), otherLeaf, hashes(proof.get("auditPath")), checkpoint.rootHash()))
                .isInstanceOf(io.ueledger.kernel.ledger.InvalidProof.class);
    }

    @Test
    void bad_requests_get_a_problem_detail_and_sign_nothing() {
        LedgerFixture.StoredEvent event = fixture.newEnrollmentEvents().get(0);
        asAdmin().postForEntity("/api/ledger/checkpoints", null, JsonNode.class);
        long checkpoints = jdbc.queryForObject("select count(*) from ledger_checkpoint", Long.class);

        assertProblem(asCompliance().getForEntity("/api/ledger/events/{id}/inclusion", JsonNode.class, "no-such-event"),
                HttpStatus.NOT_FOUND, "no-such-event");
        assertProblem(asCompliance().getForEntity("/api/ledger/events/{id}/inclusion?treeSize=abc", JsonNode.class,
                event.eventId()), HttpStatus.BAD_REQUEST, "'treeSize' must be a whole number");
        assertProblem(asCompliance().getForEntity("/api/ledger/events/{id}/inclusion?treeSize={s}", JsonNode.class,
                event.eventId(), event.leafIndex()), HttpStatus.BAD_REQUEST, "treeSize must be between");
        assertProblem(asCompliance().getForEntity("/api/ledger/consistency?first=0&second=1", JsonNode.class),
                HttpStatus.BAD_REQUEST, "need 1 <= first <= second");
        assertProblem(asCompliance().getForEntity("/api/ledger/consistency?first=2&second=1", JsonNode.class),
                HttpStatus.BAD_REQUEST, "got first=2, second=1");
        assertProblem(asCompliance().getForEntity("/api/ledger/consistency?first=1&second=999999999", JsonNode.class),
                HttpStatus.BAD_REQUEST, "the ledger's size");
        assertProblem(asCompliance().getForEntity("/api/ledger/consistency?first=1", JsonNode.class),
                HttpStatus.BAD_REQUEST, "'second' is required");
        assertProblem(asCompliance().getForEntity("/api/ledger/checkpoints?size=1000", JsonNode.class),
                HttpStatus.BAD_REQUEST, "size between 1 and 100");
        assertThat(asCompliance().postForEntity("/api/ledger/checkpoints", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/api/ledger/checkpoint", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(jdbc.queryForObject("select count(*) from ledger_checkpoint", Long.class)).isEqualTo(checkpoints);
    }

    @Test
    void the_ledger_processor_is_single_segment_and_refuses_a_reset() {
        TrackingEventProcessor ledger = processing
                .eventProcessor(ProcessorNames.LEDGER, TrackingEventProcessor.class).orElseThrow();
        assertThat(ledger.supportsReset()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from tokenentry where processorname = 'ledger'", Long.class))
                .isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(ledger::resetTokens).isInstanceOf(IllegalStateException.class);
    }

    private LeafEnvelope envelopeFromEventStore(long globalIndex) {
        return jdbc.queryForObject("""
                select globalindex, eventidentifier, type, aggregateidentifier, sequencenumber, payloadtype,
                       payloadrevision, timestamp, payload, metadata from domainevententry where globalindex = ?
                """, (rs, n) -> LeafEnvelope.ofStoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9),
                rs.getBytes(10)), globalIndex);
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        hashes.forEach(h -> assertThat(h).hasSize(Rfc6962.HASH_SIZE));
        return hashes;
    }

    private static HttpEntity<Void> accept(MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(type));
        return new HttpEntity<>(headers);
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String detail) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().get("detail").asText()).contains(detail);
    }
}
