package io.ueledger.kernel.ledger;

/**
 * Where {@link MerkleTree} finds the hashes of complete subtrees. A complete subtree at
 * {@code level} and {@code index} covers the leaves {@code [index * 2^level, (index + 1) * 2^level)};
 * level 0 is the leaf hashes themselves. A store that keeps every complete subtree answers each
 * lookup directly, which makes roots and proofs O(log n) lookups (O(log² n) for a proof).
 */
@FunctionalInterface
public interface NodeSource {

    /** The hash of the complete subtree; called only for subtrees that lie inside the tree. */
    byte[] completeSubtree(int level, long index);
}
