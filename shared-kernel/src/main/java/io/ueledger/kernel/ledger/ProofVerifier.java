package io.ueledger.kernel.ledger;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies RFC 6962 / RFC 9162 inclusion and consistency proofs. A port of transparency-dev/merkle's
 * {@code proof} package ({@code VerifyInclusion}, {@code RootFromInclusionProof},
 * {@code VerifyConsistency}): the proof is split into an "inner" part (below the point where the
 * leaf's path leaves the tree's right border) and a "border" part (along it).
 *
 * <p>Indexes and sizes are <em>unsigned</em> 64-bit values, compared with
 * {@link Long#compareUnsigned}: an index of 2^64-1 arrives as {@code -1L} and must still be
 * rejected as "beyond the tree", never treated as a small negative number.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /** Succeeds if {@code proof} shows that {@code leafHash} is leaf {@code index} of the tree with {@code root}. */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws InvalidProof {
        byte[] calculated = rootFromInclusionProof(index, size, leafHash, proof);
        verifyMatch(calculated, root);
    }

    /** The root that an inclusion proof implies, for a caller that compares it itself. */
    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof)
            throws InvalidProof {
        if (Long.compareUnsigned(index, size) >= 0) {
            throw new InvalidProof("index is beyond size: " + Long.toUnsignedString(index) + " >= "
                    + Long.toUnsignedString(size));
        }
        if (leafHash.length != Rfc6962.HASH_SIZE) {
            throw new InvalidProof("leaf hash has " + leafHash.length + " bytes, want " + Rfc6962.HASH_SIZE);
        }
        requireHashSizes(proof);
        int inner = innerProofSize(index, size);
        int border = Long.bitCount(index >>> inner);
        if (proof.size() != inner + border) {
            throw new InvalidProof("wrong proof size " + proof.size() + ", want " + (inner + border));
        }
        byte[] result = chainInner(leafHash, proof.subList(0, inner), index);
        return chainBorderRight(result, proof.subList(inner, proof.size()));
    }

    /** Succeeds if {@code proof} shows that the tree ({@code size1}, {@code root1}) is a prefix of ({@code size2}, {@code root2}). */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws InvalidProof {
        if (Long.compareUnsigned(size2, size1) < 0) {
            throw new InvalidProof("size2 (" + Long.toUnsignedString(size2) + ") < size1 ("
                    + Long.toUnsignedString(size1) + ")");
        }
        if (size1 == 0) {
            // Upstream (transparency-dev/merkle #236) refuses this before comparing sizes: any
            // "proof" from the empty tree, even to the empty tree, proves nothing.
            throw new InvalidProof("a consistency proof from the empty tree is meaningless");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new InvalidProof("size1 = size2, but the proof is not empty");
            }
            // As upstream: equal sizes need equal roots, whatever their length.
            verifyMatch(root1, root2);
            return;
        }
        if (proof.isEmpty()) {
            throw new InvalidProof("empty proof");
        }
        requireHashSizes(proof);

        int inner = innerProofSize(size1 - 1, size2);
        int border = Long.bitCount((size1 - 1) >>> inner);
        int shift = Long.numberOfTrailingZeros(size1);
        inner -= shift; // shift < inner because size1 < size2

        // The proof starts with the root of the complete subtree of size 2^shift, unless the old
        // tree is that very subtree, whose root the verifier already has.
        byte[] seed = proof.get(0);
        int start = 1;
        if (size1 == 1L << shift) {
            seed = root1;
            start = 0;
        }
        if (proof.size() != start + inner + border) {
            throw new InvalidProof("wrong proof size " + proof.size() + ", want " + (start + inner + border));
        }
        List<byte[]> rest = proof.subList(start, proof.size());
        long mask = (size1 - 1) >>> shift;

        byte[] hash1 = chainInnerRight(seed, rest.subList(0, inner), mask);
        hash1 = chainBorderRight(hash1, rest.subList(inner, rest.size()));
        verifyMatch(hash1, root1);

        byte[] hash2 = chainInner(seed, rest.subList(0, inner), mask);
        hash2 = chainBorderRight(hash2, rest.subList(inner, rest.size()));
        verifyMatch(hash2, root2);
    }

    /** Go's {@code bits.Len64(index ^ (size - 1))}: the levels below the split from the right border. */
    private static int innerProofSize(long index, long size) {
        return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    }

    private static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
        for (int i = 0; i < proof.size(); i++) {
            seed = ((index >>> i) & 1) == 0
                    ? Rfc6962.nodeHash(seed, proof.get(i))
                    : Rfc6962.nodeHash(proof.get(i), seed);
        }
        return seed;
    }

    private static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
        for (int i = 0; i < proof.size(); i++) {
            if (((index >>> i) & 1) == 1) {
                seed = Rfc6962.nodeHash(proof.get(i), seed);
            }
        }
        return seed;
    }

    private static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
        for (byte[] hash : proof) {
            seed = Rfc6962.nodeHash(hash, seed);
        }
        return seed;
    }

    private static void requireHashSizes(List<byte[]> proof) throws InvalidProof {
        for (int i = 0; i < proof.size(); i++) {
            if (proof.get(i).length != Rfc6962.HASH_SIZE) {
                throw new InvalidProof("proof element " + i + " has " + proof.get(i).length
                        + " bytes, want " + Rfc6962.HASH_SIZE);
            }
        }
    }

    private static void verifyMatch(byte[] calculated, byte[] expected) throws InvalidProof {
        if (!MessageDigest.isEqual(calculated, expected)) {
            throw new InvalidProof("calculated root does not match the expected root");
        }
    }
}
