package io.ueledger.kernel.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Roots and proofs of an RFC 6962 tree (MTH, PATH and PROOF of §2.1), computed from the hashes of
 * complete subtrees. Proof elements are ordered from the leaf upwards, as {@link ProofVerifier}
 * expects. Tree sizes and indexes are plain non-negative longs here: a log never reaches 2^63 leaves.
 */
public final class MerkleTree {

    private final NodeSource nodes;

    public MerkleTree(NodeSource nodes) {
        this.nodes = nodes;
    }

    /** A tree over leaf hashes held in memory (tests, exports, offline verification). */
    public static MerkleTree ofLeafHashes(List<byte[]> leafHashes) {
        return new MerkleTree((level, index) -> {
            long start = index << level;
            return rangeHash(leafHashes, start, start + (1L << level));
        });
    }

    /** The root of the first {@code size} leaves (the empty-tree root for 0). */
    public byte[] root(long size) {
        requireNonNegative(size, "tree size");
        return size == 0 ? Rfc6962.emptyRoot() : hash(0, size);
    }

    /** The audit path of leaf {@code index} in the tree of the first {@code size} leaves. */
    public List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, proof);
        return proof;
    }

    /** The proof that the tree of size {@code first} is a prefix of the tree of size {@code second}. */
    public List<byte[]> consistencyProof(long first, long second) {
        if (first < 1 || first > second) {
            throw new IllegalArgumentException("no consistency proof from size " + first + " to size " + second
                    + " (need 1 <= first <= second)");
        }
        List<byte[]> proof = new ArrayList<>();
        if (first < second) {
            subproof(first, 0, second, true, proof);
        }
        return proof;
    }

    /** PATH(m, D[start:end]) with m relative to start; appends deepest element first. */
    private void path(long m, long start, long end, List<byte[]> proof) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, proof);
            proof.add(hash(start + k, end));
        } else {
            path(m - k, start + k, end, proof);
            proof.add(hash(start, start + k));
        }
    }

    /** SUBPROOF(m, D[start:end], b) of RFC 6962 §2.1.2. */
    private void subproof(long m, long start, long end, boolean startsAtOldRoot, List<byte[]> proof) {
        long n = end - start;
        if (m == n) {
            if (!startsAtOldRoot) {
                proof.add(hash(start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, startsAtOldRoot, proof);
            proof.add(hash(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, proof);
            proof.add(hash(start, start + k));
        }
    }

    /**
     * MTH(D[start:end]). In the RFC's recursion every left part is a complete, aligned subtree,
     * so only the right spine is computed; the rest comes from the node source.
     */
    private byte[] hash(long start, long end) {
        long n = end - start;
        if (Long.bitCount(n) == 1 && start % n == 0) {
            int level = Long.numberOfTrailingZeros(n);
            return nodes.completeSubtree(level, start >>> level);
        }
        long k = largestPowerOfTwoBelow(n);
        return Rfc6962.nodeHash(hash(start, start + k), hash(start + k, end));
    }

    private static byte[] rangeHash(List<byte[]> leafHashes, long start, long end) {
        long n = end - start;
        if (n == 1) {
            return leafHashes.get(Math.toIntExact(start));
        }
        long k = largestPowerOfTwoBelow(n);
        return Rfc6962.nodeHash(rangeHash(leafHashes, start, start + k), rangeHash(leafHashes, start + k, end));
    }

    /** The largest power of two strictly below {@code n} (n > 1): where RFC 6962 splits a tree. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }
}
