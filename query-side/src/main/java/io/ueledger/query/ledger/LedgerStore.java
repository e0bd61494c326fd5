package io.ueledger.query.ledger;

import io.ueledger.kernel.ledger.AggregateHead;
import io.ueledger.kernel.ledger.HeadsTree;
import io.ueledger.kernel.ledger.LeafEnvelope;
import io.ueledger.kernel.ledger.MerkleTree;
import io.ueledger.kernel.ledger.NodeSource;
import io.ueledger.query.batch.ColumnArrayInsert;
import io.ueledger.query.support.SqlTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The ledger's tables: leaves and complete-subtree nodes, appended and never changed. */
@Component
class LedgerStore {

    /** One stored leaf. */
    record Leaf(long leafIndex, long globalIndex, String eventId, byte[] envelope, byte[] leafHash) {
    }

    private static final String[] LEAF_COLUMN_TYPES = {"int8", "int8", "varchar", "bytea", "bytea", "text", "text", "int8"};
    private static final String[] NODE_COLUMN_TYPES = {"int4", "int8", "bytea"};

    private final JdbcTemplate jdbc;
    private final ColumnArrayInsert leafInsert;
    private final ColumnArrayInsert nodeInsert;

    LedgerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.leafInsert = new ColumnArrayInsert(jdbc, """
                insert into ledger_leaf (leaf_index, global_index, event_id, envelope, leaf_hash, appended_at,
                                         aggregate_id, sequence_number)
                select l.leaf_index, l.global_index, l.event_id, l.envelope, l.leaf_hash, l.appended_at::timestamptz,
                    l.aggregate_id, l.sequence_number
                from %s as l(leaf_index, global_index, event_id, envelope, leaf_hash, appended_at, aggregate_id,
                    sequence_number)
                """.formatted(ColumnArrayInsert.unnest(LEAF_COLUMN_TYPES)), LEAF_COLUMN_TYPES);
        this.nodeInsert = new ColumnArrayInsert(jdbc, "insert into ledger_node (level, node_index, hash) select * from "
                + ColumnArrayInsert.unnest(NODE_COLUMN_TYPES), NODE_COLUMN_TYPES);
    }

    /** The number of leaves: the current tree size. */
    long size() {
        Long max = jdbc.queryForObject("select max(leaf_index) from ledger_leaf", Long.class);
        return max == null ? 0 : max + 1;
    }

    Optional<Leaf> leafOfEvent(String eventId) {
        return jdbc.query("select leaf_index, global_index, event_id, envelope, leaf_hash from ledger_leaf where event_id = ?",
                (rs, n) -> new Leaf(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5)),
                eventId).stream().findFirst();
    }

    /**
     * Appends the next leaves, in the given order, and the complete subtrees they finish: one statement
     * of leaves and one of nodes, however many leaves. Only the ledger processor calls this (a single segment), so "next"
     * is well defined; the primary keys would refuse a second writer. Nodes a new subtree needs are
     * taken from this append or, for the left edge already stored, read once each.
     */
    void appendAll(List<LeafEnvelope> envelopes, Instant now) {
        if (envelopes.isEmpty()) {
            return;
        }
        long leafIndex = size();
        String appendedAt = SqlTime.text(now);
        Map<Long, byte[]> newNodes = new HashMap<>(); // key: level << 58 | index, this append only
        List<Object[]> leaves = new ArrayList<>(envelopes.size());
        List<Object[]> nodes = new ArrayList<>();
        for (LeafEnvelope envelope : envelopes) {
            byte[] leafHash = envelope.leafHash();
            leaves.add(new Object[] {leafIndex, envelope.globalIndex(), envelope.eventId(), envelope.encode(), leafHash,
                    appendedAt, envelope.aggregateId(), envelope.sequenceNumber()});
            newNodes.put(key(0, leafIndex), leafHash);
            byte[] hash = leafHash;
            long index = leafIndex;
            for (int level = 1; (index & 1) == 1; level++) {
                byte[] left = newNodes.get(key(level - 1, index - 1));
                hash = io.ueledger.kernel.ledger.Rfc6962.nodeHash(left != null ? left : node(level - 1, index - 1), hash);
                index >>>= 1;
                newNodes.put(key(level, index), hash);
                nodes.add(new Object[] {level, index, hash});
            }
            leafIndex++;
        }
        leafInsert.insert(leaves);
        nodeInsert.insert(nodes);
    }

    /** Of the given events, those that already have a leaf. */
    Set<String> withLeaves(Collection<String> eventIds) {
        return new HashSet<>(jdbc.queryForList("select event_id from ledger_leaf where event_id = any(?)",
                String.class, (Object) eventIds.toArray(String[]::new)));
    }

    private static long key(int level, long index) {
        return ((long) level << 58) | index;
    }

    /**
     * Where every aggregate's history ends among the first {@code treeSize} leaves: its highest
     * sequence number and that event's leaf.
     */
    HeadsTree heads(long treeSize) {
        return new HeadsTree(jdbc.query("""
                select distinct on (aggregate_id) aggregate_id, sequence_number, leaf_index from ledger_leaf
                where leaf_index < ? order by aggregate_id, sequence_number desc
                """, (rs, n) -> new AggregateHead(rs.getString(1), rs.getLong(2), rs.getLong(3)), treeSize));
    }

    /** The tree as stored: roots and proofs for any size up to {@link #size()}. */
    MerkleTree tree() {
        return new MerkleTree(nodeSource());
    }

    private NodeSource nodeSource() {
        return this::node;
    }

    private byte[] node(int level, long index) {
        List<byte[]> hash = level == 0
                ? jdbc.query("select leaf_hash from ledger_leaf where leaf_index = ?", (rs, n) -> rs.getBytes(1), index)
                : jdbc.query("select hash from ledger_node where level = ? and node_index = ?",
                        (rs, n) -> rs.getBytes(1), level, index);
        if (hash.isEmpty()) {
            throw new IllegalStateException("the ledger has no node at level " + level + ", index " + index);
        }
        return hash.get(0);
    }
}
