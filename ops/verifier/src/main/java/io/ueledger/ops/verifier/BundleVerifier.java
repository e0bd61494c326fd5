package io.ueledger.ops.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.ledger.Checkpoint;
import io.ueledger.kernel.ledger.InvalidProof;
import io.ueledger.kernel.ledger.LeafEnvelope;
import io.ueledger.kernel.ledger.NoteVerifier;
import io.ueledger.kernel.ledger.ProofVerifier;
import io.ueledger.kernel.ledger.Rfc6962;
import io.ueledger.kernel.policy.CapabilityMatrix;
import io.ueledger.kernel.policy.UserEnrollmentPolicy;
import io.ueledger.kernel.export.BundleLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an export bundle with nothing but its files and the ledger's public key (no server, no
 * database): the manifest's signature and every file's digest, the checkpoint's signature, every
 * event's leaf hash recomputed from its envelope and stored bytes, every inclusion proof, optionally
 * consistency with a checkpoint the auditor kept, and every MDM command against the capability
 * matrix. It goes on after a problem so that the report names everything that is wrong.
 */
final class BundleVerifier {

    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private final ObjectMapper json = new ObjectMapper();
    private NoteVerifier key;
    private final String expectedOrigin;
    private final Verification result = new Verification();

    private final List<KeyChain.Link> keys;

    /**
     * @param keys           the key the auditor trusts and every key reached from it through signed
     *                       rotations, oldest first: the bundle must be signed by one of them, a
     *                       retired one only for a tree size up to its retirement
     * @param expectedOrigin the log the auditor means to check: the checkpoint, manifest and key must all name it
     */
    BundleVerifier(List<KeyChain.Link> keys, String expectedOrigin) {
        this.keys = List.copyOf(keys);
        this.key = keys.get(keys.size() - 1).key();
        this.expectedOrigin = expectedOrigin;
    }

    /** The key of the chain that signed the bundle's checkpoint (the newest when none did: then every check fails). */
    private void chooseKey(Map<String, byte[]> files) {
        byte[] note = files.get(BundleLayout.CHECKPOINT);
        if (note == null || keys.size() == 1) {
            return;
        }
        for (int i = keys.size() - 1; i >= 0; i--) {
            KeyChain.Link link = keys.get(i);
            try {
                Checkpoint signed = Checkpoint.parse(link.key().verify(new String(note, StandardCharsets.UTF_8)));
                key = link.key();
                if (!link.mayHaveSigned(signed.size())) {
                    result.fail(BundleLayout.CHECKPOINT, "signed by a retired ledger key for tree size " + signed.size()
                            + ", after the key was rotated away at tree size " + link.lastTreeSize());
                }
                return;
            } catch (InvalidProof | IllegalArgumentException e) {
                // try the next earlier key
            }
        }
    }

    /** A proof as read from proofs.json. */
    private record Proof(String eventId, long leafIndex, byte[] leafHash, List<byte[]> auditPath) {
    }

    Verification verify(Map<String, byte[]> files, Optional<String> previousCheckpoint) {
        chooseKey(files);
        JsonNode manifest = manifest(files);
        fileDigests(files, manifest);
        Optional<Checkpoint> checkpoint = checkpoint(files);
        Map<String, Proof> proofs = proofs(files, checkpoint);
        Map<String, List<Position>> histories = new LinkedHashMap<>();
        events(files, manifest, proofs, checkpoint, histories);
        new CompletenessCheck(result).check(manifest, files.get(BundleLayout.COMPLETENESS), checkpoint, histories);
        previousCheckpoint.ifPresent(previous -> consistency(files, previous, checkpoint));
        if (previousCheckpoint.isEmpty() && files.containsKey(BundleLayout.CONSISTENCY)) {
            result.warn(BundleLayout.CONSISTENCY + " is in the bundle, but it proves nothing on its own: only a"
                    + " checkpoint you kept yourself (--previous-checkpoint) shows the ledger did not fork");
        }
        origins(manifest, checkpoint);
        publicKeyAndMatrix(files, manifest);
        return result;
    }

    private JsonNode manifest(Map<String, byte[]> files) {
        byte[] manifest = files.get(BundleLayout.MANIFEST);
        byte[] signature = files.get(BundleLayout.MANIFEST_SIGNATURE);
        if (manifest == null || signature == null) {
            result.fail("bundle", "it has no " + (manifest == null ? BundleLayout.MANIFEST : BundleLayout.MANIFEST_SIGNATURE)
                    + ", so nothing in it can be trusted");
            return null;
        }
        try {
            String signed = key.verify(new String(signature, StandardCharsets.UTF_8));
            String expected = BundleLayout.manifestNoteText(HEX.formatHex(Rfc6962.sha256(manifest)));
            if (signed.equals(expected)) {
                result.passed(BundleLayout.MANIFEST_SIGNATURE + ": the manifest is signed by " + key.name());
            } else {
                result.fail(BundleLayout.MANIFEST, "the signature in " + BundleLayout.MANIFEST_SIGNATURE
                        + " is valid but signs another manifest (" + signed.strip().replace("\n", " ")
                        + "): the manifest was changed");
            }
        } catch (InvalidProof e) {
            result.fail(BundleLayout.MANIFEST_SIGNATURE, "not a valid signature by the key you gave: " + e.getMessage());
        }
        return read(BundleLayout.MANIFEST, manifest);
    }

    private void fileDigests(Map<String, byte[]> files, JsonNode manifest) {
        if (manifest == null) {
            return;
        }
        Set<String> unlisted = new LinkedHashSet<>(files.keySet());
        unlisted.remove(BundleLayout.MANIFEST);
        unlisted.remove(BundleLayout.MANIFEST_SIGNATURE);
        int matching = 0;
        for (JsonNode file : manifest.path("files")) {
            String name = file.path("name").asText();
            unlisted.remove(name);
            byte[] bytes = files.get(name);
            if (bytes == null) {
                result.fail(name, "listed in the manifest but missing from the bundle");
            } else if (!MessageDigest.isEqual(HEX.parseHex(file.path("sha256").asText()), Rfc6962.sha256(bytes))) {
                result.fail(name, "its SHA-256 is not the one in the signed manifest: the file was changed");
            } else {
                matching++;
            }
        }
        unlisted.forEach(name -> result.fail(name, "in the bundle but not in the signed manifest"));
        if (matching == manifest.path("files").size() && unlisted.isEmpty()) {
            result.passed("file digests: all " + matching + " files match the signed manifest");
        }
    }

    private Optional<Checkpoint> checkpoint(Map<String, byte[]> files) {
        byte[] note = files.get(BundleLayout.CHECKPOINT);
        if (note == null) {
            result.fail("bundle", "it has no " + BundleLayout.CHECKPOINT + " to check proofs against");
            return Optional.empty();
        }
        try {
            Checkpoint checkpoint = Checkpoint.parse(key.verify(new String(note, StandardCharsets.UTF_8)));
            result.passed(BundleLayout.CHECKPOINT + ": signed by " + key.name() + ", tree size " + checkpoint.size());
            return Optional.of(checkpoint);
        } catch (InvalidProof | IllegalArgumentException e) {
            result.fail(BundleLayout.CHECKPOINT, "not a checkpoint signed by the key you gave: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Map<String, Proof> proofs(Map<String, byte[]> files, Optional<Checkpoint> checkpoint) {
        Map<String, Proof> proofs = new LinkedHashMap<>();
        JsonNode node = read(BundleLayout.PROOFS, files.get(BundleLayout.PROOFS));
        if (node == null) {
            return proofs;
        }
        checkpoint.ifPresent(c -> {
            if (node.path("treeSize").asLong() != c.size()) {
                result.fail(BundleLayout.PROOFS, "its proofs are against tree size " + node.path("treeSize").asLong()
                        + ", but the signed checkpoint has size " + c.size() + ": the checkpoint was swapped");
            }
        });
        for (JsonNode p : node.path("proofs")) {
            try {
                List<byte[]> path = new ArrayList<>();
                p.path("auditPath").forEach(h -> path.add(BASE64.decode(h.asText())));
                proofs.put(p.path("eventId").asText(), new Proof(p.path("eventId").asText(), p.path("leafIndex").asLong(),
                        BASE64.decode(p.path("leafHash").asText()), path));
            } catch (IllegalArgumentException e) {
                result.fail(BundleLayout.PROOFS, "the proof of event " + p.path("eventId").asText() + " is not base64");
            }
        }
        return proofs;
    }

    /** Where one event of an enrollment is: its sequence number and its leaf. */
    record Position(long sequence, long leafIndex, String where) {
    }

    private void events(Map<String, byte[]> files, JsonNode manifest, Map<String, Proof> proofs,
                        Optional<Checkpoint> checkpoint, Map<String, List<Position>> histories) {
        byte[] bytes = files.get(BundleLayout.EVENTS);
        if (bytes == null) {
            result.fail("bundle", "it has no " + BundleLayout.EVENTS);
            return;
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        PolicyRecheck policy = new PolicyRecheck(new UserEnrollmentPolicy(CapabilityMatrix.standard()));
        Map<String, Proof> unproved = new LinkedHashMap<>(proofs);
        long previousLeaf = -1;
        int intact = 0;
        int proved = 0;
        int lineNumber = 0;
        for (String text : lines) {
            lineNumber++;
            if (text.isBlank()) {
                continue;
            }
            String where = BundleLayout.EVENTS + " line " + lineNumber;
            JsonNode line;
            try {
                line = json.readTree(text);
            } catch (IOException e) {
                result.fail(where, "not a JSON line");
                continue;
            }
            String eventId = line.path("eventId").asText();
            long leafIndex = line.path("leafIndex").asLong();
            where += " (event " + eventId + ", leaf " + leafIndex + ")";
            if (leafIndex <= previousLeaf) {
                result.fail(where, "comes after leaf " + previousLeaf + ": lines are in ledger order, so lines were "
                        + "reordered or repeated");
            }
            previousLeaf = Math.max(previousLeaf, leafIndex);
            Optional<LeafEnvelope> envelope = envelope(where, line);
            if (envelope.isEmpty()) {
                continue;
            }
            if (storedBytesAgree(where, line, envelope.get())) {
                intact++;
            }
            if (!line.path("context").asBoolean(false)) {
                histories.computeIfAbsent(envelope.get().aggregateId(), id -> new ArrayList<>())
                        .add(new Position(envelope.get().sequenceNumber(), leafIndex, where));
            }
            Proof proof = unproved.remove(eventId);
            if (proof == null) {
                result.fail(where, "has no inclusion proof in " + BundleLayout.PROOFS);
            } else if (checkpoint.isPresent() && included(where, leafIndex, envelope.get(), proof, checkpoint.get())) {
                proved++;
            }
            if (!line.path("payload").isNull() && !line.path("payload").isMissingNode()) {
                String at = where;
                policy.accept(envelope.get().payloadType(), envelope.get().aggregateId(), line.path("payload"))
                        .ifPresent(problem -> result.fail(at, problem));
            }
        }
        unproved.values().forEach(p -> result.fail(BundleLayout.PROOFS, "event " + p.eventId() + " (leaf "
                + p.leafIndex() + ") has a proof but no line in " + BundleLayout.EVENTS + ": a line was removed"));
        int count = (int) Arrays.stream(lines).filter(l -> !l.isBlank()).count();
        if (manifest != null && manifest.path("events").asInt(-1) != count) {
            result.fail(BundleLayout.EVENTS, "has " + count + " lines, the signed manifest says "
                    + manifest.path("events").asInt());
        }
        if (intact == count) {
            result.passed(BundleLayout.EVENTS + ": " + count + " events; each envelope agrees with its readable fields"
                    + " and its stored payload and metadata bytes");
        }
        if (proved == count && count > 0) {
            result.passed("inclusion: " + proved + " leaf hashes recomputed from the events are in the tree of the"
                    + " signed checkpoint");
        }
        result.passed("policy: " + policy.checked() + " queued or delivered MDM commands re-checked against capability"
                + " matrix " + CapabilityMatrix.standard().version());
    }

    /** The canonical envelope, when it decodes and agrees with the readable fields next to it. */
    private Optional<LeafEnvelope> envelope(String where, JsonNode line) {
        LeafEnvelope envelope;
        try {
            envelope = LeafEnvelope.decode(BASE64.decode(line.path("encodedEnvelope").asText()));
        } catch (IllegalArgumentException e) {
            result.fail(where, "its encodedEnvelope is not a canonical leaf envelope: " + e.getMessage());
            return Optional.empty();
        }
        JsonNode r = line.path("envelope");
        List<String> differ = new ArrayList<>();
        compare(differ, "globalIndex", r.path("globalIndex").asLong(), envelope.globalIndex());
        compare(differ, "eventId", r.path("eventId").asText(), envelope.eventId());
        compare(differ, "eventId (line)", line.path("eventId").asText(), envelope.eventId());
        compare(differ, "aggregateType", r.path("aggregateType").asText(), envelope.aggregateType());
        compare(differ, "aggregateId", r.path("aggregateId").asText(), envelope.aggregateId());
        compare(differ, "sequenceNumber", r.path("sequenceNumber").asLong(), envelope.sequenceNumber());
        compare(differ, "payloadType", r.path("payloadType").asText(), envelope.payloadType());
        compare(differ, "payloadRevision", r.path("payloadRevision").asText(), envelope.payloadRevision());
        compare(differ, "timestamp", r.path("timestamp").asText(), envelope.timestamp());
        compare(differ, "payloadSha256", r.path("payloadSha256").asText(), HEX.formatHex(envelope.payloadSha256()));
        compare(differ, "metaDataSha256", r.path("metaDataSha256").asText(), HEX.formatHex(envelope.metaDataSha256()));
        if (!differ.isEmpty()) {
            result.fail(where, "its readable envelope fields disagree with the encoded envelope the ledger hashes: "
                    + String.join("; ", differ));
        }
        return Optional.of(envelope);
    }

    private static void compare(List<String> differ, String field, Object shown, Object encoded) {
        if (!shown.equals(encoded)) {
            differ.add(field + " shows '" + shown + "' but the envelope has '" + encoded + "'");
        }
    }

    /** The stored bytes hash to the envelope's digests, and the readable payload is those bytes. */
    private boolean storedBytesAgree(String where, JsonNode line, LeafEnvelope envelope) {
        boolean ok = true;
        byte[] payload = BASE64.decode(line.path("storedPayload").asText(""));
        byte[] metaData = line.hasNonNull("storedMetaData") ? BASE64.decode(line.path("storedMetaData").asText()) : new byte[0];
        if (!MessageDigest.isEqual(Rfc6962.sha256(payload), envelope.payloadSha256())) {
            result.fail(where, "its stored payload bytes do not hash to the envelope's payload digest");
            ok = false;
        }
        if (!MessageDigest.isEqual(Rfc6962.sha256(metaData), envelope.metaDataSha256())) {
            result.fail(where, "its stored metadata bytes do not hash to the envelope's metadata digest");
            ok = false;
        }
        JsonNode readable = line.path("payload");
        if (!readable.isNull() && !readable.isMissingNode()) {
            try {
                if (!json.readTree(payload).equals(readable)) {
                    result.fail(where, "its readable payload is not what the stored payload bytes say: it was edited");
                    ok = false;
                }
            } catch (IOException e) {
                result.fail(where, "has a readable payload, but the stored payload bytes are not JSON");
                ok = false;
            }
        }
        return ok;
    }

    private boolean included(String where, long leafIndex, LeafEnvelope envelope, Proof proof, Checkpoint checkpoint) {
        if (proof.leafIndex() != leafIndex) {
            result.fail(where, "its proof in " + BundleLayout.PROOFS + " is for leaf " + proof.leafIndex());
            return false;
        }
        byte[] recomputed = envelope.leafHash();
        if (!MessageDigest.isEqual(recomputed, proof.leafHash())) {
            result.fail(where, "the leaf hash recomputed from this event is not the one the ledger recorded: the "
                    + "event differs from what was appended to the ledger");
        }
        try {
            ProofVerifier.verifyInclusion(leafIndex, checkpoint.size(), recomputed, proof.auditPath(), checkpoint.rootHash());
            return true;
        } catch (InvalidProof e) {
            result.fail(where, "not proved to be leaf " + leafIndex + " of the signed checkpoint (tree size "
                    + checkpoint.size() + "): " + e.getMessage());
            return false;
        }
    }

    private void consistency(Map<String, byte[]> files, String previousNote, Optional<Checkpoint> current) {
        String where = "--previous-checkpoint";
        Checkpoint previous;
        try {
            previous = Checkpoint.parse(verifiedByAnyKey(previousNote));
        } catch (InvalidProof | IllegalArgumentException e) {
            result.fail(where, "not a checkpoint signed by the key you gave: " + e.getMessage());
            return;
        }
        if (!previous.origin().equals(expectedOrigin)) {
            result.fail(where, "its origin is '" + previous.origin() + "', not '" + expectedOrigin + "'");
            return;
        }
        if (current.isEmpty()) {
            return;
        }
        Checkpoint now = current.get();
        if (previous.size() > now.size()) {
            result.fail(where, "your checkpoint (size " + previous.size() + ") is newer than the bundle's (size "
                    + now.size() + "): export again");
            return;
        }
        if (previous.size() == now.size()) {
            if (Arrays.equals(previous.rootHash(), now.rootHash())) {
                result.passed("consistency: the bundle's checkpoint is the one you kept (size " + now.size() + ")");
                result.consistencyChecked();
            } else {
                result.fail(where, "same tree size " + now.size() + " as the bundle's checkpoint but another root: the"
                        + " ledger signed two different histories (a fork)");
            }
            return;
        }
        JsonNode consistency = read(BundleLayout.CONSISTENCY, files.get(BundleLayout.CONSISTENCY));
        if (consistency == null) {
            result.fail(where, "the bundle has no " + BundleLayout.CONSISTENCY + "; export it again with ?sinceTreeSize="
                    + previous.size());
            return;
        }
        if (consistency.path("firstTreeSize").asLong() != previous.size()
                || consistency.path("secondTreeSize").asLong() != now.size()) {
            result.fail(BundleLayout.CONSISTENCY, "proves size " + consistency.path("firstTreeSize").asLong() + " to "
                    + consistency.path("secondTreeSize").asLong() + ", not your " + previous.size() + " to the bundle's "
                    + now.size() + "; export again with ?sinceTreeSize=" + previous.size());
            return;
        }
        try {
            List<byte[]> proof = new ArrayList<>();
            consistency.path("proof").forEach(h -> proof.add(BASE64.decode(h.asText())));
            ProofVerifier.verifyConsistency(previous.size(), now.size(), proof, previous.rootHash(), now.rootHash());
            result.passed("consistency: your checkpoint (size " + previous.size() + ") is a prefix of the bundle's (size "
                    + now.size() + "); nothing you saw before was rewritten");
            result.consistencyChecked();
        } catch (InvalidProof | IllegalArgumentException e) {
            result.fail(BundleLayout.CONSISTENCY, "does not prove your checkpoint (size " + previous.size()
                    + ") is a prefix of the bundle's: " + e.getMessage());
        }
    }

    /** A checkpoint kept before a rotation was signed by an older key of the chain. */
    private String verifiedByAnyKey(String note) throws InvalidProof {
        InvalidProof last = null;
        for (int i = keys.size() - 1; i >= 0; i--) {
            try {
                return keys.get(i).key().verify(note);
            } catch (InvalidProof e) {
                last = e;
            }
        }
        throw last;
    }

    /** One log: the key's name, the checkpoint's origin and the manifest's origin are all the one expected. */
    private void origins(JsonNode manifest, Optional<Checkpoint> checkpoint) {
        boolean agree = true;
        if (!key.name().equals(expectedOrigin)) {
            result.fail("--public-key", "the key is named '" + key.name() + "', but you expect origin '" + expectedOrigin
                    + "': it is another log's key");
            agree = false;
        }
        if (checkpoint.isPresent() && !checkpoint.get().origin().equals(expectedOrigin)) {
            result.fail(BundleLayout.CHECKPOINT, "its origin is '" + checkpoint.get().origin() + "', not '"
                    + expectedOrigin + "': it is a checkpoint of another log");
            agree = false;
        }
        if (manifest != null && !manifest.path("origin").asText().equals(expectedOrigin)) {
            result.fail(BundleLayout.MANIFEST, "its origin is '" + manifest.path("origin").asText() + "', not '"
                    + expectedOrigin + "'");
            agree = false;
        }
        if (agree && checkpoint.isPresent() && manifest != null) {
            result.passed("origin: key, checkpoint and manifest all name " + expectedOrigin);
        }
    }

    private void publicKeyAndMatrix(Map<String, byte[]> files, JsonNode manifest) {
        byte[] bundled = files.get(BundleLayout.PUBLIC_KEY);
        if (bundled != null && !new String(bundled, StandardCharsets.UTF_8).strip().startsWith(key.name() + "+")) {
            result.warn(BundleLayout.PUBLIC_KEY + " names another key than the one you gave; only yours was used");
        }
        String ours = CapabilityMatrix.standard().version();
        if (manifest != null && !ours.equals(manifest.path("matrixVersion").asText())) {
            result.warn("the bundle was made with capability matrix " + manifest.path("matrixVersion").asText()
                    + "; this verifier re-checked with " + ours);
        }
    }

    private JsonNode read(String name, byte[] bytes) {
        if (bytes == null) {
            result.fail("bundle", "it has no " + name);
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            result.fail(name, "not valid JSON");
            return null;
        }
    }
}
