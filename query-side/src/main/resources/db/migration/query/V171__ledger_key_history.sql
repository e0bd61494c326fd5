-- The history of the ledger's signing key: the first key, then one row per rotation, each with the
-- statement the previous key signed naming the next one (kernel KeyRotation). Published at
-- GET /api/ledger/keys so that verifiers can follow rotations from a key they trust.
CREATE TABLE ledger_key (
    position       INT         NOT NULL PRIMARY KEY,
    verifier_key   TEXT        NOT NULL UNIQUE,
    rotation_note  TEXT,
    last_tree_size_of_previous BIGINT,
    recorded_at    TIMESTAMPTZ NOT NULL
);
