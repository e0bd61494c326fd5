package io.ueledger.query.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ueledger.kernel.export.BundleLayout;
import io.ueledger.kernel.bundle.StrictZip;
import io.ueledger.kernel.ledger.AggregateHead;
import io.ueledger.kernel.ledger.HeadsTree;
import io.ueledger.kernel.ledger.LeafEnvelope;
import io.ueledger.kernel.ledger.MerkleTree;
import io.ueledger.kernel.ledger.Rfc6962;
import io.ueledger.kernel.policy.CapabilityMatrix;
import io.ueledger.query.compliance.DataSeparationReport;
import io.ueledger.query.compliance.DataSeparationReports;
import io.ueledger.query.compliance.ReportCsv;
import io.ueledger.query.ledger.LedgerCheckpoint;
import io.ueledger.query.ledger.LedgerCheckpoints;
import io.ueledger.query.ledger.LedgerNotary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Assembles a signed export bundle (names in {@link BundleLayout}, format in
 * docs/compliance/bundle-format.md): the scope's events as stored, the data-separation report, an
 * inclusion proof of every event against one signed checkpoint, each enrollment's head at that
 * checkpoint (completeness), optionally a consistency proof from the auditor's earlier checkpoint,
 * and a manifest of every file's SHA-256 signed with the ledger key, in a strict zip.
 */
@Service
public class ExportBundles {

    private static final Logger log = LoggerFactory.getLogger(ExportBundles.class);
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final HexFormat HEX = HexFormat.of();

    /** A finished bundle: the zip and what it holds. */
    public record Bundle(String fileName, byte[] zip, int events, long treeSize) {
    }

    private final ExportedEvents events;
    private final DataSeparationReports reports;
    private final LedgerCheckpoints checkpoints;
    private final LedgerNotary notary;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ExportProperties properties;
    private final Clock clock;

    ExportBundles(ExportedEvents events, DataSeparationReports reports, LedgerCheckpoints checkpoints,
                  LedgerNotary notary, JdbcTemplate jdbc, ObjectMapper json, ExportProperties properties, Clock clock) {
        this.events = events;
        this.reports = reports;
        this.checkpoints = checkpoints;
        this.notary = notary;
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    public Bundle forEnrollment(String enrollmentRef, Long sinceTreeSize) {
        ExportScope scope = ExportScope.enrollment(enrollmentRef);
        LedgerCheckpoint checkpoint = read(scope, "enrollment '" + enrollmentRef + "' has no events in the ledger "
                + "(unknown reference, or its events are not appended yet)");
        return bundle(scope, checkpoint, reports.forEnrollment(enrollmentRef), sinceTreeSize);
    }

    public Bundle forAccount(String email, Long sinceTreeSize) {
        ExportScope scope = ExportScope.account(email);
        LedgerCheckpoint checkpoint = read(scope, "no enrollment of the Managed Apple Account '" + email
                + "' has events in the ledger");
        return bundle(scope, checkpoint, reports.forAccount(email), sinceTreeSize);
    }

    /** The events of a time range; the report is the fleet's (the views keep no history to cut at a date). */
    public Bundle forRange(java.time.Instant from, java.time.Instant to, Long sinceTreeSize) {
        if (!from.isBefore(to)) {
            throw ExportRefused.badRequest("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        ExportScope scope = ExportScope.range(from, to);
        LedgerCheckpoint checkpoint = read(scope, "no event in the ledger was recorded between " + from + " and " + to);
        return bundle(scope, checkpoint, reports.forFleet(), sinceTreeSize);
    }

    /** Checks the scope has events and not too many; the checkpoint that covers them. */
    private LedgerCheckpoint read(ExportScope scope, String noneMessage) {
        long count = events.count(scope);
        if (count > properties.maxEvents()) {
            throw ExportRefused.badRequest("the export would hold " + count + " events, more than the limit of "
                    + properties.maxEvents() + " (ueledger.export.max-events); export a shorter time range");
        }
        if (count == 0) {
            throw ExportRefused.notFound(noneMessage);
        }
        return covering(events.highestLeaf(scope));
    }

    private Bundle bundle(ExportScope scope, LedgerCheckpoint checkpoint, DataSeparationReport report,
                          Long sinceTreeSize) {
        long started = System.nanoTime();
        long treeSize = checkpoint.treeSize();
        // Only what the checkpoint covers: an event appended since would be past the heads it commits to.
        List<ExportedEvent> exported = events.read(scope, treeSize);
        if (sinceTreeSize != null && (sinceTreeSize < 1 || sinceTreeSize > treeSize)) {
            throw ExportRefused.badRequest("sinceTreeSize must be between 1 and " + treeSize
                    + " (the size of the checkpoint this bundle is proved against), not " + sinceTreeSize);
        }
        LedgerNodes nodes = new LedgerNodes(jdbc);
        MerkleTree tree = new MerkleTree(nodes);
        String matrixVersion = CapabilityMatrix.standard().version();

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(BundleLayout.EVENTS, eventLines(exported));
        files.put(BundleLayout.PROOFS, write(proofs(exported, nodes, tree, treeSize, checkpoint)));
        if (!scope.isRange()) {
            files.put(BundleLayout.COMPLETENESS, write(completeness(exported, treeSize)));
        }
        if (sinceTreeSize != null) {
            files.put(BundleLayout.CONSISTENCY, write(consistency(tree, sinceTreeSize, treeSize)));
        }
        files.put(BundleLayout.CHECKPOINT, utf8(checkpoint.signedNote()));
        files.put(BundleLayout.PUBLIC_KEY, utf8(notary.verifierKey() + "\n"));
        files.put(BundleLayout.MATRIX_VERSION, utf8(matrixVersion + "\n"));
        files.put(BundleLayout.REPORT_JSON, write(json.valueToTree(report)));
        files.put(BundleLayout.REPORT_CSV, utf8(ReportCsv.write(report)));
        files.put(BundleLayout.REPORT_PDF, ReportPdf.write(report));

        byte[] manifest = write(manifest(scope, exported, treeSize, matrixVersion, files));
        files.put(BundleLayout.MANIFEST, manifest);
        files.put(BundleLayout.MANIFEST_SIGNATURE,
                utf8(notary.sign(BundleLayout.manifestNoteText(HEX.formatHex(Rfc6962.sha256(manifest))))));

        byte[] zip = StrictZip.write(files, clock.instant());
        log.info("Export bundle of {} '{}': {} events against checkpoint {}, {} bytes, {} ms", scope.name(),
                scope.subject(), exported.size(), treeSize, zip.length, (System.nanoTime() - started) / 1_000_000);
        String name = "ue-ledger-" + scope.name() + "-" + clock.instant().toString().replace(":", "") + ".zip";
        return new Bundle(name, zip, exported.size(), treeSize);
    }

    /**
     * The latest signed checkpoint if it covers the highest leaf and commits to the aggregate heads,
     * else a fresh one signed now.
     */
    private LedgerCheckpoint covering(long highestLeaf) {
        return checkpoints.latest()
                .filter(c -> c.treeSize() > highestLeaf && c.signedNote().contains(HeadsTree.EXTENSION_TAG + " "))
                .orElseGet(checkpoints::publish);
    }

    /**
     * For every enrollment whose events the bundle holds: where its history ends at the checkpoint
     * (its head) and the proof that the head is in the heads tree the checkpoint signs.
     */
    private ObjectNode completeness(List<ExportedEvent> exported, long treeSize) {
        HeadsTree heads = checkpoints.headsAt(treeSize);
        HeadsTree.Commitment commitment = heads.commitment();
        ObjectNode completeness = json.createObjectNode();
        completeness.put("treeSize", treeSize);
        completeness.put("headsCount", commitment.count());
        completeness.put("headsRoot", BASE64.encodeToString(commitment.root()));
        ArrayNode list = completeness.putArray("heads");
        exported.stream().filter(e -> !e.context()).map(e -> e.envelope().aggregateId()).distinct().forEach(id -> {
            int index = heads.indexOf(id).orElseThrow(() -> new IllegalStateException(
                    "aggregate " + id + " has events below tree size " + treeSize + " but no head"));
            AggregateHead head = heads.head(index);
            ObjectNode entry = list.addObject();
            entry.put("aggregateId", head.aggregateId());
            entry.put("lastSequence", head.lastSequence());
            entry.put("leafIndex", head.leafIndex());
            entry.put("index", index);
            ArrayNode path = entry.putArray("auditPath");
            heads.inclusionProof(index).forEach(h -> path.add(BASE64.encodeToString(h)));
        });
        return completeness;
    }

    private byte[] eventLines(List<ExportedEvent> exported) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ExportedEvent event : exported) {
            LeafEnvelope e = event.envelope();
            ObjectNode line = json.createObjectNode();
            line.put("leafIndex", event.leafIndex());
            line.put("eventId", e.eventId());
            if (event.context()) {
                line.put("context", true);
            }
            ObjectNode envelope = line.putObject("envelope");
            envelope.put("format", LeafEnvelope.FORMAT);
            envelope.put("globalIndex", e.globalIndex());
            envelope.put("eventId", e.eventId());
            envelope.put("aggregateType", e.aggregateType());
            envelope.put("aggregateId", e.aggregateId());
            envelope.put("sequenceNumber", e.sequenceNumber());
            envelope.put("payloadType", e.payloadType());
            envelope.put("payloadRevision", e.payloadRevision());
            envelope.put("timestamp", e.timestamp());
            envelope.put("payloadSha256", HEX.formatHex(e.payloadSha256()));
            envelope.put("metaDataSha256", HEX.formatHex(e.metaDataSha256()));
            line.put("encodedEnvelope", BASE64.encodeToString(e.encode()));
            line.put("storedPayload", BASE64.encodeToString(event.storedPayload()));
            if (event.storedMetaData() != null) {
                line.put("storedMetaData", BASE64.encodeToString(event.storedMetaData()));
            }
            line.set("payload", readable(event.storedPayload()));
            try {
                out.write(json.writeValueAsBytes(line));
            } catch (IOException e1) {
                throw new UncheckedIOException(e1);
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The stored payload as JSON (Axon's Jackson serializer stores JSON); null when it is not. */
    private JsonNode readable(byte[] stored) {
        try {
            return json.readTree(stored);
        } catch (IOException e) {
            return null;
        }
    }

    private ObjectNode proofs(List<ExportedEvent> exported, LedgerNodes nodes, MerkleTree tree, long treeSize,
                              LedgerCheckpoint checkpoint) {
        ObjectNode proofs = json.createObjectNode();
        proofs.put("treeSize", treeSize);
        proofs.put("rootHash", checkpoint.rootHash());
        ArrayNode list = proofs.putArray("proofs");
        for (ExportedEvent event : exported) {
            ObjectNode proof = list.addObject();
            proof.put("eventId", event.envelope().eventId());
            proof.put("leafIndex", event.leafIndex());
            // As the ledger recorded it, not recomputed: a row changed after it was appended must show.
            proof.put("leafHash", BASE64.encodeToString(nodes.completeSubtree(0, event.leafIndex())));
            ArrayNode path = proof.putArray("auditPath");
            tree.inclusionProof(event.leafIndex(), treeSize).forEach(h -> path.add(BASE64.encodeToString(h)));
        }
        return proofs;
    }

    private ObjectNode consistency(MerkleTree tree, long first, long second) {
        ObjectNode consistency = json.createObjectNode();
        consistency.put("firstTreeSize", first);
        consistency.put("firstRootHash", BASE64.encodeToString(tree.root(first)));
        consistency.put("secondTreeSize", second);
        consistency.put("secondRootHash", BASE64.encodeToString(tree.root(second)));
        ArrayNode proof = consistency.putArray("proof");
        tree.consistencyProof(first, second).forEach(h -> proof.add(BASE64.encodeToString(h)));
        return consistency;
    }

    private ObjectNode manifest(ExportScope scope, List<ExportedEvent> exported, long treeSize, String matrixVersion,
                                Map<String, byte[]> files) {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", BundleLayout.FORMAT);
        manifest.put("scope", scope.name());
        manifest.put("subject", scope.subject());
        manifest.put("generatedAt", clock.instant().toString());
        manifest.put("origin", notary.origin());
        manifest.put("treeSize", treeSize);
        manifest.put("events", exported.size());
        manifest.put("contextEvents", exported.stream().filter(ExportedEvent::context).count());
        manifest.put("matrixVersion", matrixVersion);
        ArrayNode list = manifest.putArray("files");
        files.forEach((name, bytes) -> list.addObject().put("name", name).put("size", bytes.length)
                .put("sha256", HEX.formatHex(Rfc6962.sha256(bytes))));
        return manifest;
    }

    private byte[] write(JsonNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
