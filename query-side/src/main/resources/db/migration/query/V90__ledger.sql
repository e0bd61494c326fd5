-- The verifiable ledger: an append-only RFC 6962 Merkle tree over the global event stream.
-- Rows are only ever inserted; the ledger processor refuses resets, so nothing here is rebuilt.

-- One leaf per event, in the order the single-segment "ledger" processor saw them. The envelope is
-- the canonical encoding of the event's facts (kernel LeafEnvelope, v1); leaf_hash = SHA-256(0x00 || envelope).
CREATE TABLE ledger_leaf (
    leaf_index   BIGINT       NOT NULL PRIMARY KEY,
    global_index BIGINT       NOT NULL UNIQUE,
    event_id     VARCHAR(255) NOT NULL UNIQUE,
    envelope     BYTEA        NOT NULL,
    leaf_hash    BYTEA        NOT NULL,
    appended_at  TIMESTAMPTZ  NOT NULL
);

-- Hashes of complete subtrees (level >= 1; level 0 is ledger_leaf.leaf_hash): node (level, i)
-- covers leaves [i * 2^level, (i + 1) * 2^level). Written once, when its last leaf is appended,
-- so a root or proof for any size needs O(log n) lookups.
CREATE TABLE ledger_node (
    level      SMALLINT NOT NULL,
    node_index BIGINT   NOT NULL,
    hash       BYTEA    NOT NULL,
    PRIMARY KEY (level, node_index)
);

-- Signed checkpoints (C2SP tlog-checkpoint in a C2SP signed note), one per published tree size.
CREATE TABLE ledger_checkpoint (
    tree_size   BIGINT      NOT NULL PRIMARY KEY,
    root_hash   BYTEA       NOT NULL,
    signed_note TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
