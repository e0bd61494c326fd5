package io.ueledger.kernel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Roots and proofs the tree generates equal the RFC 6962 reference and verify. */
class MerkleTreeTest {

    private static final JsonNode REFERENCE =
            Vectors.json(Vectors.dir("derived/rfc6962-reference-8-leaves.json"));
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hashes_leaves_and_nodes_as_rfc_6962() {
        assertThat(HEX.formatHex(Rfc6962.leafHash("L123456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
        assertThat(HEX.formatHex(Rfc6962.nodeHash("N123".getBytes(StandardCharsets.US_ASCII),
                "N456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
    }

    @Test
    void reference_roots_for_sizes_zero_to_eight_match() {
        MerkleTree tree = referenceTree();
        assertThat(REFERENCE.get("roots")).hasSize(9);
        for (JsonNode root : REFERENCE.get("roots")) {
            assertThat(HEX.formatHex(tree.root(root.get("treeSize").asLong())))
                    .as("root of size %s", root.get("treeSize")).isEqualTo(root.get("root").asText());
        }
    }

    @Test
    void every_reference_inclusion_proof_is_generated_exactly() {
        MerkleTree tree = referenceTree();
        assertThat(REFERENCE.get("inclusion")).hasSize(36);
        for (JsonNode p : REFERENCE.get("inclusion")) {
            assertThat(hex(tree.inclusionProof(p.get("leafIdx").asLong(), p.get("treeSize").asLong())))
                    .as("leaf %s in %s", p.get("leafIdx"), p.get("treeSize"))
                    .isEqualTo(strings(p.get("proof")));
        }
    }

    @Test
    void every_reference_consistency_proof_is_generated_exactly() {
        MerkleTree tree = referenceTree();
        assertThat(REFERENCE.get("consistency")).hasSize(36);
        for (JsonNode p : REFERENCE.get("consistency")) {
            assertThat(hex(tree.consistencyProof(p.get("size1").asLong(), p.get("size2").asLong())))
                    .as("%s to %s", p.get("size1"), p.get("size2"))
                    .isEqualTo(strings(p.get("proof")));
        }
    }

    @Test
    void generated_proofs_verify_for_every_index_and_size_up_to_40() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leaves.add(Rfc6962.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        MerkleTree tree = MerkleTree.ofLeafHashes(leaves);
        for (long n = 1; n <= 40; n++) {
            byte[] root = tree.root(n);
            for (long m = 0; m < n; m++) {
                long index = m;
                long size = n;
                assertThatCode(() -> ProofVerifier.verifyInclusion(index, size, leaves.get((int) index),
                        tree.inclusionProof(index, size), root)).doesNotThrowAnyException();
                if (m > 0) {
                    assertThatCode(() -> ProofVerifier.verifyConsistency(index, size,
                            tree.consistencyProof(index, size), tree.root(index), root)).doesNotThrowAnyException();
                }
            }
        }
    }

    @Test
    void the_accumulator_gives_the_same_roots_and_complete_subtrees_as_the_tree() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            leaves.add(Rfc6962.leafHash(new byte[] {(byte) i}));
        }
        MerkleTree tree = MerkleTree.ofLeafHashes(leaves);
        RootAccumulator accumulator = new RootAccumulator();
        assertThat(accumulator.root()).isEqualTo(Rfc6962.emptyRoot());
        List<RootAccumulator.CompletedNode> nodes = new ArrayList<>();
        for (byte[] leaf : leaves) {
            accumulator.append(leaf, nodes::add);
            assertThat(accumulator.root()).isEqualTo(tree.root(accumulator.size()));
        }
        assertThat(nodes).hasSize(37 - Long.bitCount(37));
        RootAccumulator.CompletedNode last = nodes.get(nodes.size() - 1);
        assertThat(last.level()).isEqualTo(2);
        assertThat(last.index()).isEqualTo(8); // leaves 32..35
        assertThat(last.hash()).isEqualTo(
                MerkleTree.ofLeafHashes(leaves.subList(32, 36)).root(4));
    }

    @Test
    void a_proof_needs_only_logarithmically_many_node_lookups() {
        AtomicInteger lookups = new AtomicInteger();
        MerkleTree tree = new MerkleTree((level, index) -> {
            lookups.incrementAndGet();
            return Rfc6962.leafHash(new byte[] {(byte) level, (byte) index});
        });
        tree.inclusionProof(123_456_789L, 1_000_000_007L);
        assertThat(lookups.get()).isLessThan(30 * 30);
    }

    @Test
    void refuses_proofs_outside_the_tree() {
        MerkleTree tree = referenceTree();
        assertThatThrownBy(() -> tree.inclusionProof(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(0, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MerkleTree referenceTree() {
        return MerkleTree.ofLeafHashes(Vectors.hexList(REFERENCE.get("leafHashes")));
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(e -> list.add(e.asText()));
        return list;
    }
}
