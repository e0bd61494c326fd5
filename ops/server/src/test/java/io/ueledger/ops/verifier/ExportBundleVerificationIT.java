package io.ueledger.ops.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ueledger.kernel.bundle.StrictZip;
import io.ueledger.ops.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A compliance officer exports a bundle over HTTP and checks it offline with the verifier and the
 * ledger's public key: a clean bundle verifies; each kind of tampering with the bundle, a command
 * the matrix refuses, and an event-store row altered behind the ledger's back are each reported,
 * naming the file or event, with a non-zero exit.
 */
class ExportBundleVerificationIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @TempDir
    Path dir;
    private Path publicKey;

    @BeforeEach
    void publicKey() throws IOException {
        publicKey = dir.resolve("key.txt");
        Files.writeString(publicKey, asCompliance().getForObject("/api/ledger/public-key", String.class));
    }

    @Test
    void a_clean_enrollment_bundle_holds_every_file_and_verifies() throws IOException {
        BundleDevice device = new BundleDevice(commands, jdbc);
        device.carryOut("ProfileList");
        device.inLedger();

        ResponseEntity<byte[]> response = asCompliance().getForEntity("/api/exports/enrollments/" + device.ref, byte[].class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/zip");
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;");
        Map<String, byte[]> files = VerifyBundle.unzip(write("clean.zip", response.getBody()));
        assertThat(files).containsOnlyKeys("events.jsonl", "proofs.json", "completeness.json", "checkpoint.txt", "public-key.txt",
                "matrix-version.txt", "report.json", "report.csv", "report.pdf", "manifest.json", "manifest.sig");
        assertThat(lines(files)).hasSize((int) device.eventCount());
        JsonNode queued = lines(files).stream().map(this::tree)
                .filter(l -> l.at("/envelope/payloadType").asText().endsWith("MdmCommandQueued")).findFirst().orElseThrow();
        assertThat(queued.at("/payload/requestType").asText()).isEqualTo("ProfileList");
        assertThat(tree(files.get("report.json")).path("subject").asText()).isEqualTo(device.ref);
        try (PDDocument pdf = Loader.loadPDF(files.get("report.pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Data-separation report", "enrollment " + device.ref, "Generated at",
                    "HELD", "No DeviceLocation was ever delivered.");
        }

        Run run = verify(response.getBody());
        assertThat(run.exit).as(run.output).isEqualTo(3);
        assertThat(run.output).contains("VERDICT: VERIFIED, consistency not checked (no earlier checkpoint given)",
                "manifest is signed by", "origin: key, checkpoint and manifest all name",
                device.eventCount() + " events", "re-checked against capability matrix");
    }

    @Test
    void every_kind_of_tampering_with_a_bundle_is_named_and_fails() throws IOException {
        BundleDevice device = new BundleDevice(commands, jdbc);
        device.carryOut("ProfileList");
        device.inLedger();
        byte[] bundle = export("/api/exports/enrollments/" + device.ref);
        Map<String, byte[]> files = VerifyBundle.unzip(write("original.zip", bundle));
        List<String> lines = lines(files);
        String victimId = tree(lines.get(2)).path("eventId").asText();

        Run edited = verify(replace(files, "events.jsonl", jsonl(lines, 2, line -> {
            ((ObjectNode) line.path("payload")).put("osVersion", "99.0");
            return line;
        })));
        assertThat(edited.exit).isEqualTo(1);
        assertThat(edited.output).contains("events.jsonl: its SHA-256 is not the one in the signed manifest",
                "events.jsonl line 3 (event " + victimId, "readable payload is not what the stored payload bytes say");

        Run rewritten = verify(replace(files, "events.jsonl", jsonl(lines, 2, this::rewriteConsistently)));
        assertThat(rewritten.output).contains("events.jsonl line 3 (event " + victimId,
                "leaf hash recomputed from this event is not the one the ledger recorded");
        assertThat(rewritten.exit).isEqualTo(1);

        List<String> dropped = new ArrayList<>(lines);
        dropped.remove(2);
        Run drop = verify(replace(files, "events.jsonl", String.join("\n", dropped) + "\n"));
        assertThat(drop.exit).isEqualTo(1);
        assertThat(drop.output).contains("event " + victimId, "has a proof but no line in events.jsonl: a line was removed");

        List<String> reordered = new ArrayList<>(lines);
        reordered.set(2, lines.get(3));
        reordered.set(3, lines.get(2));
        Run reorder = verify(replace(files, "events.jsonl", String.join("\n", reordered) + "\n"));
        assertThat(reorder.exit).isEqualTo(1);
        assertThat(reorder.output).contains("events.jsonl line 4 (event " + victimId, "lines were reordered");

        JsonNode proofs = tree(files.get("proofs.json"));
        ObjectNode proof = (ObjectNode) proofs.path("proofs").get(2);
        byte[] first = Base64.getDecoder().decode(proof.path("auditPath").get(0).asText());
        first[0] ^= 1;
        ((com.fasterxml.jackson.databind.node.ArrayNode) proof.path("auditPath")).set(0,
                json.getNodeFactory().textNode(Base64.getEncoder().encodeToString(first)));
        Run badProof = verify(replace(files, "proofs.json", json.writeValueAsString(proofs)));
        assertThat(badProof.exit).isEqualTo(1);
        assertThat(badProof.output).contains("proofs.json: its SHA-256 is not the one in the signed manifest",
                "events.jsonl line 3 (event " + victimId, "not proved to be leaf");

        // A genuine, older signed checkpoint: its signature is fine, the proofs are not against it.
        String older = jdbc.queryForObject("select signed_note from ledger_checkpoint order by tree_size limit 1", String.class);
        Run swapped = verify(replace(files, "checkpoint.txt", older));
        assertThat(swapped.exit).isEqualTo(1);
        assertThat(swapped.output).contains("checkpoint.txt: its SHA-256 is not the one in the signed manifest",
                "proofs.json: its proofs are against tree size");

        Run report = verify(replace(files, "report.json",
                new String(files.get("report.json"), StandardCharsets.UTF_8).replace("\"HELD\"", "\"NOT_USED\"")));
        assertThat(report.exit).isEqualTo(1);
        assertThat(report.output).contains("[FAIL] report.json: its SHA-256 is not the one in the signed manifest");
        assertThat(report.output).doesNotContain("[FAIL] events.jsonl");

        // Whoever edits a file and recomputes the manifest still cannot sign it.
        Map<String, byte[]> forged = new LinkedHashMap<>(files);
        forged.put("manifest.json", new String(files.get("manifest.json"), StandardCharsets.UTF_8)
                .replace("\"enrollment\"", "\"fleet\"").getBytes(StandardCharsets.UTF_8));
        Run forgedManifest = verify(zip(forged));
        assertThat(forgedManifest.exit).isEqualTo(1);
        assertThat(forgedManifest.output).contains("manifest.json: the signature in manifest.sig is valid but signs another manifest");
    }

    @Test
    void an_erase_the_matrix_refuses_but_queued_directly_is_reported_as_a_policy_violation() throws IOException {
        BundleDevice device = new BundleDevice(commands, jdbc);
        device.carryOut("EraseDevice");
        device.inLedger();

        Run run = verify(export("/api/exports/enrollments/" + device.ref));

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.output).contains("POLICY VIOLATION: MDM command EraseDevice was queued for iOS 18.1",
                "POLICY VIOLATION: MDM command EraseDevice was delivered to iOS 18.1");
        assertThat(run.output).doesNotContain("SHA-256 is not", "not proved");
    }

    @Test
    void an_export_of_an_event_store_row_altered_behind_the_ledger_fails_verification() throws IOException {
        BundleDevice device = new BundleDevice(commands, jdbc).inLedger();
        Map<String, Object> victim = jdbc.queryForMap("select globalindex, eventidentifier, payload from domainevententry"
                + " where aggregateidentifier = ? and payloadtype like '%DeviceAuthenticated'", device.ref);
        byte[] original = (byte[]) victim.get("payload");
        byte[] altered = new String(original, StandardCharsets.UTF_8).replace("18.1", "18.2").getBytes(StandardCharsets.UTF_8);
        assertThat(altered).isNotEqualTo(original);
        jdbc.update("update domainevententry set payload = ? where globalindex = ?", altered, victim.get("globalindex"));
        try {
            Run run = verify(export("/api/exports/enrollments/" + device.ref));
            assertThat(run.exit).isEqualTo(1);
            assertThat(run.output).contains("(event " + victim.get("eventidentifier"),
                    "leaf hash recomputed from this event is not the one the ledger recorded");
            // the bundle itself is intact and signed: the server vouched for what it read
            assertThat(run.output).doesNotContain("SHA-256 is not the one in the signed manifest");
        } finally {
            jdbc.update("update domainevententry set payload = ? where globalindex = ?", original, victim.get("globalindex"));
        }
    }

    @Test
    void a_checkpoint_kept_from_earlier_is_proved_a_prefix_only_with_a_consistency_proof() throws IOException {
        BundleDevice device = new BundleDevice(commands, jdbc).inLedger();
        String kept = asAdmin().postForObject("/api/ledger/checkpoints", null, JsonNode.class).path("signedNote").asText();
        long keptSize = asAdmin().getForObject("/api/ledger/checkpoints?size=1", JsonNode.class)
                .at("/checkpoints/0/treeSize").asLong();
        Path previous = dir.resolve("kept.txt");
        Files.writeString(previous, kept);
        device.carryOut("ProfileList");
        device.inLedger();

        Run with = verify(export("/api/exports/enrollments/" + device.ref + "?sinceTreeSize=" + keptSize), previous);
        assertThat(with.exit).as(with.output).isZero();
        assertThat(with.output).contains("consistency: your checkpoint (size " + keptSize + ") is a prefix",
                "VERDICT: VERIFIED. Every check ran and passed");

        // the same bundle without the kept checkpoint: its consistency proof alone proves nothing
        Run unanchored = verify(export("/api/exports/enrollments/" + device.ref + "?sinceTreeSize=" + keptSize));
        assertThat(unanchored.exit).as(unanchored.output).isEqualTo(3);
        assertThat(unanchored.output).contains("consistency.json is in the bundle, but it proves nothing on its own",
                "VERDICT: VERIFIED, consistency not checked (no earlier checkpoint given)");

        Run without = verify(export("/api/exports/enrollments/" + device.ref), previous);
        assertThat(without.exit).isEqualTo(1);
        assertThat(without.output).contains("export it again with ?sinceTreeSize=" + keptSize);
    }

    @Test
    void account_and_time_range_bundles_verify_and_carry_the_platform_of_their_commands() throws IOException {
        Instant from = Instant.now().minusSeconds(1);
        BundleDevice device = new BundleDevice(commands, jdbc);
        device.inLedger();
        Instant commandsFrom = Instant.now();
        device.carryOut("ProfileList");
        device.inLedger();
        Instant to = Instant.now().plusSeconds(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> asCompliance()
                .getForEntity("/api/exports/accounts/" + device.account, byte[].class).getStatusCode().is2xxSuccessful());
        Run account = verify(export("/api/exports/accounts/" + device.account.toUpperCase()));
        assertThat(account.exit).as(account.output).isEqualTo(3);

        byte[] range = export("/api/exports/range?from=" + commandsFrom + "&to=" + to);
        Map<String, byte[]> files = VerifyBundle.unzip(write("range.zip", range));
        List<JsonNode> mine = lines(files).stream().map(this::tree)
                .filter(l -> l.at("/envelope/aggregateId").asText().equals(device.ref)).toList();
        assertThat(mine).anyMatch(l -> l.path("context").asBoolean()
                && l.at("/envelope/payloadType").asText().endsWith("EnrollmentRequested"));
        assertThat(mine).anyMatch(l -> l.at("/envelope/payloadType").asText().endsWith("MdmCommandDelivered"));
        Run run = verify(range);
        assertThat(run.output).doesNotContain("cannot be re-checked");
        assertThat(from).isBefore(commandsFrom);
    }

    @Test
    void bad_requests_get_problem_details_and_only_officers_may_export() throws IOException {
        ResponseEntity<JsonNode> unknown = asCompliance().getForEntity("/api/exports/enrollments/no-such-" + Instant.now(),
                JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(unknown.getBody().path("detail").asText()).contains("has no events in the ledger");

        ResponseEntity<JsonNode> badInstant = asCompliance().getForEntity("/api/exports/range?from=yesterday&to="
                + Instant.now(), JsonNode.class);
        assertThat(badInstant.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badInstant.getBody().path("detail").asText()).contains("'from' must be an instant such as");

        ResponseEntity<JsonNode> backwards = asCompliance().getForEntity("/api/exports/range?from=2026-03-03T10:00:00Z"
                + "&to=2026-03-03T09:00:00Z", JsonNode.class);
        assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(backwards.getBody().path("detail").asText()).contains("must be before 'to'");

        ResponseEntity<JsonNode> missing = asCompliance().getForEntity("/api/exports/range?from=2026-03-03T10:00:00Z",
                JsonNode.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody().path("detail").asText()).contains("'to' is required");

        BundleDevice device = new BundleDevice(commands, jdbc).inLedger();
        ResponseEntity<JsonNode> since = asCompliance().getForEntity("/api/exports/enrollments/" + device.ref
                + "?sinceTreeSize=0", JsonNode.class);
        assertThat(since.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(since.getBody().path("detail").asText()).contains("sinceTreeSize must be between 1 and");

        assertThat(http.getForEntity("/api/exports/enrollments/" + device.ref, byte[].class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(asAdmin().getForEntity("/api/exports/enrollments/" + device.ref, byte[].class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    /** The event with a new timestamp, its envelope re-encoded to match: only the ledger's proof can tell. */
    private JsonNode rewriteConsistently(JsonNode line) {
        ObjectNode envelope = (ObjectNode) line.path("envelope");
        envelope.put("timestamp", "2020-01-01T00:00:00Z");
        io.ueledger.kernel.ledger.LeafEnvelope original = io.ueledger.kernel.ledger.LeafEnvelope.decode(
                Base64.getDecoder().decode(line.path("encodedEnvelope").asText()));
        io.ueledger.kernel.ledger.LeafEnvelope changed = new io.ueledger.kernel.ledger.LeafEnvelope(
                original.globalIndex(), original.eventId(), original.aggregateType(), original.aggregateId(),
                original.sequenceNumber(), original.payloadType(), original.payloadRevision(), "2020-01-01T00:00:00Z",
                original.payloadSha256(), original.metaDataSha256());
        ((ObjectNode) line).put("encodedEnvelope", Base64.getEncoder().encodeToString(changed.encode()));
        return line;
    }

    private record Run(int exit, String output) {
    }

    private Run verify(byte[] bundle, Path... previous) throws IOException {
        Path file = write("bundle-" + System.nanoTime() + ".zip", bundle);
        List<String> args = new ArrayList<>(List.of(file.toString(), "--public-key", publicKey.toString()));
        Arrays.stream(previous).forEach(p -> args.addAll(List.of("--previous-checkpoint", p.toString())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyBundle.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private byte[] export(String path) {
        ResponseEntity<byte[]> response = asCompliance().getForEntity(path, byte[].class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static List<String> lines(Map<String, byte[]> files) {
        return new String(files.get("events.jsonl"), StandardCharsets.UTF_8).lines().toList();
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(byte[] bytes) {
        return tree(new String(bytes, StandardCharsets.UTF_8));
    }

    private String jsonl(List<String> lines, int index, UnaryOperator<JsonNode> change) {
        List<String> copy = new ArrayList<>(lines);
        try {
            copy.set(index, json.writeValueAsString(change.apply(tree(lines.get(index)))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return String.join("\n", copy) + "\n";
    }

    private static byte[] replace(Map<String, byte[]> files, String name, String content) {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.put(name, content.getBytes(StandardCharsets.UTF_8));
        return zip(copy);
    }

    private static byte[] zip(Map<String, byte[]> files) {
        return StrictZip.write(files, Instant.now());
    }
}
