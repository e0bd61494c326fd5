package io.ueledger.kernel.ledger;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Computes roots of a growing tree from its leaf hashes in one pass, holding only O(log n) hashes
 * (a "compact range": the roots of the complete subtrees that make up the leaves so far). Used to
 * re-check a whole ledger, or an export, without loading every leaf.
 */
public final class RootAccumulator {

    /** A complete subtree finished by the last append: level &ge; 1, its index at that level, its hash. */
    public record CompletedNode(int level, long index, byte[] hash) {
    }

    /** Receives every complete subtree of level &ge; 1 the moment its last leaf arrives. */
    @FunctionalInterface
    public interface NodeListener {
        void completed(CompletedNode node);
    }

    private final Deque<byte[]> stack = new ArrayDeque<>(); // rightmost (smallest) subtree first
    private long size;

    /** Appends the next leaf hash, telling {@code listener} about each subtree it completes. */
    public void append(byte[] leafHash, NodeListener listener) {
        byte[] hash = leafHash;
        int level = 0;
        long index = size;
        // Merge while the new subtree has a left sibling of the same size: the 1 bits of size.
        while (((size >>> level) & 1) == 1) {
            hash = Rfc6962.nodeHash(stack.pop(), hash);
            level++;
            index >>>= 1;
            listener.completed(new CompletedNode(level, index, hash));
        }
        stack.push(hash);
        size++;
    }

    public void append(byte[] leafHash) {
        append(leafHash, node -> { });
    }

    public long size() {
        return size;
    }

    /** The root of the leaves appended so far (RFC 6962 MTH). */
    public byte[] root() {
        if (size == 0) {
            return Rfc6962.emptyRoot();
        }
        Iterator<byte[]> smallestFirst = stack.iterator();
        byte[] root = smallestFirst.next();
        while (smallestFirst.hasNext()) {
            root = Rfc6962.nodeHash(smallestFirst.next(), root);
        }
        return root;
    }
}
