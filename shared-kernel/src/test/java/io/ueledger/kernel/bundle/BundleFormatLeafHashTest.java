package io.ueledger.kernel.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.ledger.AggregateHead;
import io.ueledger.kernel.ledger.LeafEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The leaf hash and the head hash written as an outside verifier would write them, from the text of
 * docs/compliance/bundle-format.md alone (its tables and worked examples, read from the file), with
 * none of the ledger's classes. If the document is imprecise or drifts from the code, this fails.
 */
class BundleFormatLeafHashTest {

    private static final Path DOC = Path.of("..", "docs", "compliance", "bundle-format.md");

    @Test
    void the_worked_leaf_example_in_the_document_is_the_leaf_hash_the_ledger_computes() throws Exception {
        Map<String, String> example = example("Worked example (the test");

        byte[] envelope = fields(List.of(
                utf8("ue-ledger/leaf-envelope/v1"),
                i64(Long.parseLong(example.get("globalIndex"))),
                utf8(example.get("eventId")),
                utf8(example.get("aggregateType")),
                utf8(example.get("aggregateId")),
                i64(Long.parseLong(example.get("sequenceNumber"))),
                utf8(example.get("payloadType")),
                utf8(example.get("payloadRevision")),
                utf8(example.get("timestamp")),
                sha256(utf8(example.get("stored payload"))),
                sha256(example.get("stored metadata").equals("(none)") ? new byte[0] : utf8(example.get("stored metadata")))));
        String leafHash = HexFormat.of().formatHex(sha256(concat(new byte[] {0x00}, envelope)));

        assertThat(leafHash).isEqualTo(example.get("leaf hash"));
        LeafEnvelope ledgers = LeafEnvelope.ofStoredEvent(Long.parseLong(example.get("globalIndex")),
                example.get("eventId"), example.get("aggregateType"), example.get("aggregateId"),
                Long.parseLong(example.get("sequenceNumber")), example.get("payloadType"),
                example.get("payloadRevision"), example.get("timestamp"), utf8(example.get("stored payload")), null);
        assertThat(ledgers.encode()).isEqualTo(envelope);
    }

    @Test
    void the_worked_head_example_in_the_document_is_the_head_hash_the_ledger_computes() throws Exception {
        Map<String, String> example = example("Its hash is `SHA-256(0x00 || encoding)`. Worked example:");

        byte[] head = fields(List.of(utf8("ue-ledger/aggregate-head/v1"), utf8(example.get("aggregateId")),
                i64(Long.parseLong(example.get("lastSequence"))), i64(Long.parseLong(example.get("leafIndex")))));
        String hash = HexFormat.of().formatHex(sha256(concat(new byte[] {0x00}, head)));

        assertThat(hash).isEqualTo(example.get("head hash"));
        assertThat(new AggregateHead("enr-1", 11, 1201).encode()).isEqualTo(head);
    }

    /** The "name  value" lines of the first code block after {@code marker}, split at the first run of two spaces. */
    private static Map<String, String> example(String marker) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int at = doc.indexOf(marker);
        assertThat(at).as("the document has the worked example '" + marker + "'").isPositive();
        int open = doc.indexOf("```\n", at) + 4;
        int close = doc.indexOf("```", open);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : doc.substring(open, close).split("\n")) {
            int gap = line.indexOf("  ");
            values.put(line.substring(0, gap).strip(), line.substring(gap).strip());
        }
        return values;
    }

    /** Each field as a 4-byte big-endian length and its bytes. */
    private static byte[] fields(List<byte[]> fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (byte[] field : fields) {
            out.writeInt(field.length);
            out.write(field);
        }
        return bytes.toByteArray();
    }

    private static byte[] i64(long n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeLong(n);
        return bytes.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
