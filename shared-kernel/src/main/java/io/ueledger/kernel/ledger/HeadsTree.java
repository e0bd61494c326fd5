package io.ueledger.kernel.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The heads of every aggregate in the first {@code treeSize} leaves, sorted by aggregate id
 * (compared as unsigned UTF-8 bytes), as an RFC 6962 tree over their {@link AggregateHead} hashes.
 * Its size and root go into the checkpoint as one extension line,
 * {@code ue-ledger/aggregate-heads/v1 <count> <base64 root>}, so the ledger key signs them with the
 * log itself.
 */
public final class HeadsTree {

    /** The first word of the checkpoint extension line. */
    public static final String EXTENSION_TAG = "ue-ledger/aggregate-heads/v1";

    /** What a checkpoint's extension line says: how many heads and their tree's root. */
    public record Commitment(long count, byte[] root) {

        public String extensionLine() {
            return EXTENSION_TAG + " " + count + " " + Base64.getEncoder().encodeToString(root);
        }

        /** The commitment in a checkpoint's extension lines, if it has one (more than one is refused). */
        public static Optional<Commitment> of(Checkpoint checkpoint) throws InvalidProof {
            Optional<Commitment> found = Optional.empty();
            for (String line : checkpoint.extensions()) {
                String[] words = line.split(" ", -1);
                if (!words[0].equals(EXTENSION_TAG)) {
                    continue;
                }
                if (found.isPresent()) {
                    throw new InvalidProof("the checkpoint has two " + EXTENSION_TAG + " lines");
                }
                if (words.length != 3 || !words[1].matches("0|[1-9][0-9]{0,17}")) {
                    throw new InvalidProof("the line '" + line + "' is not '" + EXTENSION_TAG
                            + " <count> <base64 root>'");
                }
                byte[] root;
                try {
                    root = Base64.getDecoder().decode(words[2]);
                } catch (IllegalArgumentException e) {
                    throw new InvalidProof("the heads root in '" + line + "' is not base64");
                }
                if (root.length != Rfc6962.HASH_SIZE) {
                    throw new InvalidProof("the heads root in '" + line + "' is not " + Rfc6962.HASH_SIZE
                            + " bytes");
                }
                found = Optional.of(new Commitment(Long.parseLong(words[1]), root));
            }
            return found;
        }
    }

    /** Unsigned byte order of the UTF-8 ids: the same in every language, unlike collations. */
    public static final Comparator<String> ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final List<AggregateHead> heads;
    private final MerkleTree tree;

    /** @param heads one per aggregate, in any order */
    public HeadsTree(List<AggregateHead> heads) {
        List<AggregateHead> sorted = new ArrayList<>(heads);
        sorted.sort(Comparator.comparing(AggregateHead::aggregateId, ORDER));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).aggregateId().equals(sorted.get(i - 1).aggregateId())) {
                throw new IllegalArgumentException("two heads for aggregate " + sorted.get(i).aggregateId());
            }
        }
        this.heads = List.copyOf(sorted);
        this.tree = MerkleTree.ofLeafHashes(this.heads.stream().map(AggregateHead::leafHash).toList());
    }

    public Commitment commitment() {
        return new Commitment(heads.size(), tree.root(heads.size()));
    }

    /** The position of the aggregate's head in sorted order. */
    public Optional<Integer> indexOf(String aggregateId) {
        int low = 0;
        int high = heads.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int c = ORDER.compare(heads.get(middle).aggregateId(), aggregateId);
            if (c == 0) {
                return Optional.of(middle);
            }
            if (c < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return Optional.empty();
    }

    /** Every head, in tree order. */
    public List<AggregateHead> heads() {
        return heads;
    }

    public AggregateHead head(int index) {
        return heads.get(index);
    }

    public List<byte[]> inclusionProof(int index) {
        return tree.inclusionProof(index, heads.size());
    }
}
