package io.ueledger.query.export;

import io.ueledger.kernel.ledger.NodeSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger's stored complete-subtree hashes for the proofs of one export, each read once: the
 * proofs of neighbouring events share most of their nodes, so a bundle of a thousand events needs
 * far fewer than a thousand times the nodes of one proof.
 */
final class LedgerNodes implements NodeSource {

    private record Key(int level, long index) {
    }

    private final JdbcTemplate jdbc;
    private final Map<Key, byte[]> read = new HashMap<>();

    LedgerNodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] completeSubtree(int level, long index) {
        return read.computeIfAbsent(new Key(level, index), key -> {
            List<byte[]> hash = level == 0
                    ? jdbc.query("select leaf_hash from ledger_leaf where leaf_index = ?", (rs, n) -> rs.getBytes(1), index)
                    : jdbc.query("select hash from ledger_node where level = ? and node_index = ?",
                            (rs, n) -> rs.getBytes(1), level, index);
            if (hash.isEmpty()) {
                throw new IllegalStateException("the ledger has no node at level " + level + ", index " + index);
            }
            return hash.get(0);
        });
    }
}
