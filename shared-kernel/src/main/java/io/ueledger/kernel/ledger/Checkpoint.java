package io.ueledger.kernel.ledger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the origin line, the tree
 * size in decimal and the base64 root hash, each line ending in a newline, then optional extension
 * lines (non-empty, kept in order; the ledger writes one, {@link HeadsTree.Commitment}). Signed
 * with {@link NoteSigner}, it is the ledger's published, verifiable commitment to its first
 * {@code size} leaves.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    public Checkpoint {
        extensions = List.copyOf(extensions);
        for (String line : extensions) {
            if (line.isEmpty() || line.contains("\n")) {
                throw new IllegalArgumentException("a checkpoint extension is one non-empty line");
            }
        }
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
        StringBuilder body = new StringBuilder(origin).append('\n').append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        extensions.forEach(line -> body.append(line).append('\n'));
        return body.toString();
    }

    /** Reads a checkpoint body (the text of a verified note). */
    public static Checkpoint parse(String body) throws InvalidProof {
        String[] lines = body.split("\n", -1);
        if (lines.length < 4 || !body.endsWith("\n")) {
            throw new InvalidProof("a checkpoint has an origin, a size and a root hash line");
        }
        long size;
        try {
            if (!lines[1].matches("0|[1-9][0-9]*")) {
                throw new NumberFormatException(lines[1]);
            }
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new InvalidProof("the checkpoint size is not a decimal number: '" + lines[1] + "'");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidProof("the checkpoint root hash is not base64");
        }
        if (root.length != Rfc6962.HASH_SIZE) {
            throw new InvalidProof("the checkpoint root hash has " + root.length + " bytes");
        }
        List<String> extensions = new ArrayList<>();
        for (int i = 3; i < lines.length - 1; i++) {
            if (lines[i].isEmpty()) {
                throw new InvalidProof("a checkpoint extension line is empty");
            }
            extensions.add(lines[i]);
        }
        return new Checkpoint(lines[0], size, root, extensions);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size
                && java.util.Arrays.equals(c.rootHash, rootHash) && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(origin, size, java.util.Arrays.hashCode(rootHash), extensions);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + body().replace("\n", " ").strip() + "]";
    }
}
