package io.ueledger.ops.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ueledger.kernel.bundle.StrictZip;
import io.ueledger.kernel.ledger.Checkpoint;
import io.ueledger.kernel.ledger.NoteVerifier;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.kernel.export.BundleLayout;
import io.ueledger.query.ledger.LedgerNotary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bundles an adversarial auditor found the verifier accepted, rebuilt from a real export: some
 * need no key (a zip whose directory points at doctored files), others are re-signed with the
 * ledger's own key, as a ledger operator choosing what to show could (an event left out, the last
 * events left out, a checkpoint under another origin). Each must fail, naming what is wrong.
 */
class AdversarialBundleIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    LedgerNotary notary;

    @TempDir
    Path dir;
    private Path publicKey;

    @BeforeEach
    void publicKey() throws IOException {
        publicKey = dir.resolve("key.txt");
        Files.writeString(publicKey, asCompliance().getForObject("/api/ledger/public-key", String.class));
    }

    @Test
    void a_central_directory_pointing_at_doctored_files_is_refused_though_the_streamed_entries_are_clean()
            throws IOException {
        Map<String, byte[]> files = exportedBundle("EraseDevice");
        List<String> lines = lines(files);
        List<String> withoutErase = new ArrayList<>(lines.stream()
                .filter(l -> !l.contains("MdmCommandQueued")).toList());
        assertThat(withoutErase).hasSizeLessThan(lines.size());
        List<ZipForge.Entry> clean = new ArrayList<>();
        files.forEach((name, bytes) -> clean.add(ZipForge.entry(name, bytes)));
        ZipForge.Entry doctoredEvents = ZipForge.entry(BundleLayout.EVENTS, String.join("\n", withoutErase) + "\n");
        ZipForge.Entry doctoredReport = ZipForge.entry(BundleLayout.REPORT_CSV, new String(files.get(BundleLayout.REPORT_CSV),
                StandardCharsets.UTF_8).replace("ATTEMPTED_AND_REFUSED", "NOT_USED"));
        List<ZipForge.Entry> local = new ArrayList<>(clean);
        local.add(doctoredEvents);
        local.add(doctoredReport);
        List<ZipForge.Entry> directory = clean.stream().map(e -> switch (new String(e.name, StandardCharsets.UTF_8)) {
            case BundleLayout.EVENTS -> doctoredEvents;
            case BundleLayout.REPORT_CSV -> doctoredReport;
            default -> e;
        }).toList();

        Run run = verify(ZipForge.build(local, directory, new byte[0]));

        assertThat(run.exit).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("not a well-formed bundle zip", "belong to no listed entry",
                "VERDICT: NOT VERIFIED");
    }

    @Test
    void an_event_left_out_of_the_middle_and_the_manifest_re_signed_is_named() throws IOException {
        Map<String, byte[]> files = exportedBundle("ProfileList");
        List<String> lines = lines(files);
        JsonNode victim = tree(lines.get(3));
        long sequence = victim.at("/envelope/sequenceNumber").asLong();

        Run run = verify(resign(dropEvents(files, List.of(3))));

        assertThat(run.exit).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("jumps to sequence " + (sequence + 1) + " where " + sequence
                + " comes next: event(s) " + sequence + " were left out");
        assertThat(run.output).doesNotContain("SHA-256 is not the one in the signed manifest", "signs another manifest");
    }

    @Test
    void the_last_events_left_out_and_the_manifest_re_signed_are_named_even_with_the_head_forged() throws IOException {
        Map<String, byte[]> files = exportedBundle("ProfileList");
        int count = lines(files).size();
        Map<String, byte[]> cut = dropEvents(files, List.of(count - 2, count - 1));

        Run run = verify(resign(cut));

        assertThat(run.exit).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("ends at sequence " + (count - 3) + ", but the checkpoint says its last event is"
                + " sequence " + (count - 1), "its last 2 event(s) were left out");

        // claiming the cut history's end as the head: the heads tree the checkpoint signs does not hold it
        JsonNode completeness = tree(new String(cut.get(BundleLayout.COMPLETENESS), StandardCharsets.UTF_8));
        JsonNode newLast = tree(lines(cut).get(count - 3));
        ((ObjectNode) completeness.path("heads").get(0)).put("lastSequence", count - 3)
                .put("leafIndex", newLast.path("leafIndex").asLong());
        cut.put(BundleLayout.COMPLETENESS, json.writeValueAsBytes(completeness));

        Run forged = verify(resign(cut));

        assertThat(forged.exit).as(forged.output).isEqualTo(1);
        assertThat(forged.output).contains("completeness.json: the head of enrollment",
                "is not proven in the heads tree the checkpoint signs");
    }

    @Test
    void a_checkpoint_re_signed_under_another_origin_and_an_unexpected_origin_are_refused() throws IOException {
        Map<String, byte[]> files = exportedBundle("ProfileList");
        NoteVerifier key = NoteVerifier.fromVerifierKey(Files.readString(publicKey));
        Checkpoint genuine;
        try {
            genuine = Checkpoint.parse(key.verify(new String(files.get(BundleLayout.CHECKPOINT), StandardCharsets.UTF_8)));
        } catch (io.ueledger.kernel.ledger.InvalidProof e) {
            throw new AssertionError(e);
        }
        Checkpoint elsewhere = new Checkpoint("other.example/ledger", genuine.size(), genuine.rootHash(),
                genuine.extensions());
        Map<String, byte[]> moved = new LinkedHashMap<>(files);
        moved.put(BundleLayout.CHECKPOINT, notary.sign(elsewhere.body()).getBytes(StandardCharsets.UTF_8));

        Run run = verify(resign(moved));

        assertThat(run.exit).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("checkpoint.txt: its origin is 'other.example/ledger', not '" + key.name()
                + "': it is a checkpoint of another log");

        Run expectingAnother = verify(StrictZip.write(files, Instant.now()), "--expect-origin", "other.example/ledger");
        assertThat(expectingAnother.exit).isEqualTo(1);
        assertThat(expectingAnother.output).contains("--public-key: the key is named '" + key.name()
                + "', but you expect origin 'other.example/ledger'", "checkpoint.txt: its origin is '" + key.name() + "'");

        Run expectingOurs = verify(StrictZip.write(files, Instant.now()), "--expect-origin", key.name());
        assertThat(expectingOurs.exit).as(expectingOurs.output).isEqualTo(3);
    }

    private Map<String, byte[]> exportedBundle(String command) throws IOException {
        BundleDevice device = new BundleDevice(commands, jdbc);
        device.carryOut(command);
        device.inLedger();
        ResponseEntity<byte[]> response = asCompliance().getForEntity("/api/exports/enrollments/" + device.ref, byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, byte[]> files = VerifyBundle.unzip(Files.write(dir.resolve("export.zip"), response.getBody()));
        assertThat(files).containsKey(BundleLayout.COMPLETENESS);
        return files;
    }

    /** The bundle without the given event lines and their proofs. */
    private Map<String, byte[]> dropEvents(Map<String, byte[]> files, List<Integer> indexes) throws IOException {
        List<String> lines = lines(files);
        List<String> kept = new ArrayList<>();
        List<String> droppedIds = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (indexes.contains(i)) {
                droppedIds.add(tree(lines.get(i)).path("eventId").asText());
            } else {
                kept.add(lines.get(i));
            }
        }
        JsonNode proofs = tree(new String(files.get(BundleLayout.PROOFS), StandardCharsets.UTF_8));
        ArrayNode list = (ArrayNode) proofs.path("proofs");
        for (int i = list.size() - 1; i >= 0; i--) {
            if (droppedIds.contains(list.get(i).path("eventId").asText())) {
                list.remove(i);
            }
        }
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.put(BundleLayout.EVENTS, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
        copy.put(BundleLayout.PROOFS, json.writeValueAsBytes(proofs));
        return copy;
    }

    private byte[] resign(Map<String, byte[]> files) throws IOException {
        return BundleFiles.resign(files, notary::sign, json);
    }

    private record Run(int exit, String output) {
    }

    private Run verify(byte[] bundle, String... options) throws IOException {
        Path file = Files.write(dir.resolve("bundle-" + System.nanoTime() + ".zip"), bundle);
        List<String> args = new ArrayList<>(List.of(file.toString(), "--public-key", publicKey.toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyBundle.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> lines(Map<String, byte[]> files) {
        return new String(files.get(BundleLayout.EVENTS), StandardCharsets.UTF_8).lines().toList();
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
