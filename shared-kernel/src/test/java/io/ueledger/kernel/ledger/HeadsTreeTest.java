package io.ueledger.kernel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadsTreeTest {

    private final List<AggregateHead> heads = List.of(new AggregateHead("enr-b", 4, 20), new AggregateHead("enr-a", 7, 31),
            new AggregateHead("Zeta", 0, 2), new AggregateHead("émile", 1, 9));

    @Test
    void heads_are_sorted_by_utf8_bytes_and_each_proves_into_the_committed_root() throws InvalidProof {
        HeadsTree tree = new HeadsTree(heads);
        HeadsTree.Commitment commitment = tree.commitment();

        assertThat(List.of(tree.head(0), tree.head(1), tree.head(2), tree.head(3))).extracting(AggregateHead::aggregateId)
                .containsExactly("Zeta", "enr-a", "enr-b", "émile");
        for (AggregateHead head : heads) {
            int index = tree.indexOf(head.aggregateId()).orElseThrow();
            ProofVerifier.verifyInclusion(index, commitment.count(), head.leafHash(), tree.inclusionProof(index),
                    commitment.root());
        }
        assertThat(tree.indexOf("enr-c")).isEmpty();
        AggregateHead forged = new AggregateHead("enr-a", 6, 30);
        int index = tree.indexOf("enr-a").orElseThrow();
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(index, commitment.count(), forged.leafHash(),
                tree.inclusionProof(index), commitment.root())).isInstanceOf(InvalidProof.class);
    }

    @Test
    void two_heads_for_one_aggregate_are_refused() {
        assertThatThrownBy(() -> new HeadsTree(List.of(new AggregateHead("a", 1, 1), new AggregateHead("a", 2, 2))))
                .hasMessageContaining("two heads for aggregate a");
    }

    @Test
    void the_commitment_travels_in_a_signed_checkpoint_extension_line() throws InvalidProof {
        HeadsTree.Commitment commitment = new HeadsTree(heads).commitment();
        NoteSigner signer = NoteSigner.generate("example.org/ledger", new SecureRandom());
        Checkpoint checkpoint = new Checkpoint("example.org/ledger", 40, Rfc6962.emptyRoot(),
                List.of(commitment.extensionLine()));
        String note = signer.sign(checkpoint.body());

        Checkpoint read = Checkpoint.parse(NoteVerifier.fromVerifierKey(signer.verifierKey()).verify(note));

        assertThat(read).isEqualTo(checkpoint);
        HeadsTree.Commitment back = HeadsTree.Commitment.of(read).orElseThrow();
        assertThat(back.count()).isEqualTo(4);
        assertThat(back.root()).isEqualTo(commitment.root());
        assertThat(HeadsTree.Commitment.of(new Checkpoint("o", 1, Rfc6962.emptyRoot()))).isEmpty();
        assertThatThrownBy(() -> HeadsTree.Commitment.of(new Checkpoint("o", 1, Rfc6962.emptyRoot(),
                List.of(HeadsTree.EXTENSION_TAG + " 3 notbase64!")))).isInstanceOf(InvalidProof.class);
    }

    @Test
    void a_rotation_statement_links_the_old_key_to_the_new_one_and_nothing_else() throws InvalidProof {
        NoteSigner old = NoteSigner.generate("example.org/ledger", new SecureRandom());
        NoteSigner next = NoteSigner.generate("example.org/ledger", new SecureRandom());
        String note = new KeyRotation("example.org/ledger", old.verifierKey(), next.verifierKey(), 120).sign(old, next);

        KeyRotation rotation = KeyRotation.verify(note, NoteVerifier.fromVerifierKey(old.verifierKey()), old.verifierKey());

        assertThat(rotation.newKey()).isEqualTo(next.verifierKey());
        assertThat(rotation.lastTreeSize()).isEqualTo(120);
        NoteSigner stranger = NoteSigner.generate("example.org/ledger", new SecureRandom());
        String selfMade = new KeyRotation("example.org/ledger", old.verifierKey(), stranger.verifierKey(), 120)
                .sign(stranger, stranger);
        assertThatThrownBy(() -> KeyRotation.verify(selfMade, NoteVerifier.fromVerifierKey(old.verifierKey()),
                old.verifierKey())).isInstanceOf(InvalidProof.class);
    }
}
