package io.ueledger.ops.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.ledger.Checkpoint;
import io.ueledger.kernel.ledger.InvalidProof;
import io.ueledger.kernel.ledger.NoteSigner;
import io.ueledger.kernel.ledger.NoteVerifier;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.kernel.export.BundleLayout;
import io.ueledger.query.ledger.LedgerCheckpoints;
import io.ueledger.query.ledger.LedgerKeyHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's key cannot change silently: a key that did not sign the existing checkpoints is
 * refused at start (the check the server runs before it serves anything), and a rotation on purpose
 * leaves a statement, signed by the old key, that verifiers follow from the key they trust. The
 * rotations here run in a transaction that is rolled back, so the running server keeps its key.
 */
class KeyLifecycleIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    LedgerKeyHistory keyHistory;
    @Autowired
    LedgerCheckpoints checkpoints;
    /** Where the installation keeps its keys (PostgreSQL, under the key-encryption key), the ledger's among them. */
    @Autowired
    io.ueledger.kernel.installation.InstallationSecrets installation;
    @Autowired
    TransactionTemplate transaction;

    @TempDir
    Path dir;

    @Test
    void a_key_that_did_not_sign_the_existing_checkpoints_is_refused_and_nothing_is_recorded() {
        checkpoints.publish();
        NoteSigner replacement = NoteSigner.generate(keyHistory.origin(), new SecureRandom());
        long keys = jdbc.queryForObject("select count(*) from ledger_key", Long.class);

        assertThatThrownBy(() -> keyHistory.check(replacement, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start: the ledger holds signed checkpoints")
                .hasMessageContaining("that the current ledger key " + replacement.verifierKey() + " did not sign")
                .hasMessageContaining("ueledger.ledger.previous-signing-key-file");
        NoteSigner unrelated = NoteSigner.generate(keyHistory.origin(), new SecureRandom());
        assertThatThrownBy(() -> keyHistory.check(replacement, Optional.of(unrelated)))
                .hasMessageContaining("did not sign the latest checkpoint");

        assertThat(jdbc.queryForObject("select count(*) from ledger_key", Long.class)).isEqualTo(keys);
        JsonNode published = asCompliance().getForObject("/api/ledger/keys", JsonNode.class);
        assertThat(published.at("/keys/0/verifierKey").asText())
                .isEqualTo(asCompliance().getForObject("/api/ledger/public-key", String.class).strip());
        assertThat(published.path("keys").get(0).hasNonNull("rotationNote")).isFalse();
    }

    @Test
    void a_rotation_on_purpose_is_followed_by_the_verifier_from_the_old_key_and_a_forged_one_is_not() throws Exception {
        NoteSigner old = NoteSigner.fromSignerKey(new String(installation.obtain("ledger/checkpoint-key", () -> {
            throw new AssertionError("the server runs without a ledger key");
        }), java.nio.charset.StandardCharsets.UTF_8));
        NoteSigner next = NoteSigner.generate(keyHistory.origin(), new SecureRandom());
        BundleDevice device = new BundleDevice(commands, jdbc);
        device.carryOut("ProfileList");
        device.inLedger();
        byte[] exported = asCompliance().getForObject("/api/exports/enrollments/" + device.ref, byte[].class);
        Map<String, byte[]> files = VerifyBundle.unzip(Files.write(dir.resolve("export.zip"), exported));

        String history = transaction.execute(status -> {
            keyHistory.check(next, Optional.of(old));
            status.setRollbackOnly();
            // a restart after the rotation, before the new key signed anything, neither refuses nor rotates again
            keyHistory.check(next, Optional.of(old));
            keyHistory.check(next, Optional.empty());
            assertThat(keyHistory.keys()).hasSize(2);
            try {
                return json.writeValueAsString(Map.of("origin", keyHistory.origin(), "keys", keyHistory.keys()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(json.readTree(history).at("/keys/1/rotationNote").asText()).startsWith("ue-ledger/key-rotation/v1\n");
        Path oldKey = Files.writeString(dir.resolve("old-key.txt"), old.verifierKey());
        Path keys = Files.writeString(dir.resolve("keys.json"), history);

        // a bundle from before the rotation, signed by the old key: still fine through the history
        Run before = verify(exported, oldKey, "--key-history", keys.toString());
        assertThat(before.exit).as(before.output).isEqualTo(3);
        assertThat(before.output).contains("key history: rotation after tree size", "signed the statement naming "
                + next.verifierKey());

        // a bundle signed by the new key: followed from the old key only through the history
        Map<String, byte[]> resigned = new LinkedHashMap<>(files);
        resigned.put(BundleLayout.CHECKPOINT, next.sign(checkpointText(files, old)).getBytes(StandardCharsets.UTF_8));
        byte[] byNewKey = BundleFiles.resign(resigned, next::sign, json);
        Run followed = verify(byNewKey, oldKey, "--key-history", keys.toString());
        assertThat(followed.exit).as(followed.output).isEqualTo(3);
        Run notFollowed = verify(byNewKey, oldKey);
        assertThat(notFollowed.exit).isEqualTo(1);
        assertThat(notFollowed.output).contains("manifest.sig: not a valid signature by the key you gave");

        // a statement the old key never signed
        NoteSigner intruder = NoteSigner.generate(keyHistory.origin(), new SecureRandom());
        String forgedNote = new io.ueledger.kernel.ledger.KeyRotation(keyHistory.origin(), old.verifierKey(),
                intruder.verifierKey(), 1).sign(intruder, intruder);
        List<Map<String, Object>> forgedKeys = new ArrayList<>();
        forgedKeys.add(Map.of("position", 0, "verifierKey", old.verifierKey()));
        forgedKeys.add(Map.of("position", 1, "verifierKey", intruder.verifierKey(), "rotationNote", forgedNote));
        Path forged = Files.writeString(dir.resolve("forged.json"), json.writeValueAsString(Map.of("keys", forgedKeys)));
        Run refused = verify(exported, oldKey, "--key-history", forged.toString());
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.output).contains("--key-history: cannot be followed from the key you trust");
    }

    private static String checkpointText(Map<String, byte[]> files, NoteSigner signer) throws InvalidProof {
        String text = NoteVerifier.fromVerifierKey(signer.verifierKey())
                .verify(new String(files.get(BundleLayout.CHECKPOINT), StandardCharsets.UTF_8));
        return Checkpoint.parse(text).body();
    }

    private record Run(int exit, String output) {
    }

    private Run verify(byte[] bundle, Path key, String... options) throws IOException {
        Path file = Files.write(dir.resolve("bundle-" + System.nanoTime() + ".zip"), bundle);
        List<String> args = new ArrayList<>(List.of(file.toString(), "--public-key", key.toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyBundle.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }
}
