package io.ueledger.kernel.ledger;

import java.util.Base64;

/**
 * The body of a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the origin line, the tree
 * size in decimal and the base64 root hash, each line ending in a newline. Extension lines that
 * may follow are ignored when parsing. Signed with {@link NoteSigner}, it is the ledger's
 * published, verifiable commitment to its first {@code size} leaves.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

    public Checkpoint {
        if (origin == null || origin.isBlank() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a checkpoint size is not negative");
        }
        if (rootHash.length != Rfc6962.HASH_SIZE) {
            throw new IllegalArgumentException("a checkpoint root hash has " + Rfc6962.HASH_SIZE + " bytes");
        }
        rootHash = rootHash.clone();
    }

    /** The note text to sign. */
    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** Reads a checkpoint body (the text of a verified note). */
    public static Checkpoint parse(String body) throws InvalidProofException {
        String[] lines = body.split("\n", -1);
        if (lines.length < 4 || !body.endsWith("\n")) {
            throw new InvalidProofException("a checkpoint has an origin, a size and a root hash line");
        }
        long size;
        try {
            if (!lines[1].matches("0|[1-9][0-9]*")) {
                throw new NumberFormatException(lines[1]);
            }
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new InvalidProofException("the checkpoint size is not a decimal number: '" + lines[1] + "'");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("the checkpoint root hash is not base64");
        }
        if (root.length != Rfc6962.HASH_SIZE) {
            throw new InvalidProofException("the checkpoint root hash has " + root.length + " bytes");
        }
        return new Checkpoint(lines[0], size, root);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size
                && java.util.Arrays.equals(c.rootHash, rootHash);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(origin, size, java.util.Arrays.hashCode(rootHash));
    }

    @Override
    public String toString() {
        return "Checkpoint[" + body().replace("\n", " ").strip() + "]";
    }
}
