-- Where each aggregate's history ends at a checkpoint (kernel HeadsTree): every leaf records the
-- aggregate and sequence number of its event, so the heads of any tree size are one query.
ALTER TABLE ledger_leaf ADD COLUMN aggregate_id TEXT, ADD COLUMN sequence_number BIGINT;

-- Leaves appended before this version: read both from the stored envelope (kernel LeafEnvelope v1:
-- fields of a 4-byte big-endian length and a value; the aggregate id is field 5, the sequence number field 6).
CREATE FUNCTION ledger_u32(b BYTEA, o INT) RETURNS INT LANGUAGE SQL IMMUTABLE AS
$$ SELECT (get_byte(b, o) << 24) | (get_byte(b, o + 1) << 16) | (get_byte(b, o + 2) << 8) | get_byte(b, o + 3) $$;

UPDATE ledger_leaf l
SET aggregate_id = convert_from(substring(f.envelope FROM f.p5 + 5 FOR ledger_u32(f.envelope, f.p5)), 'UTF8'),
    sequence_number = ('x' || encode(substring(f.envelope FROM f.p5 + ledger_u32(f.envelope, f.p5) + 9 FOR 8), 'hex'))::BIT(64)::BIGINT
FROM (SELECT leaf_index, envelope, p4 + 4 + ledger_u32(envelope, p4) AS p5
      FROM (SELECT leaf_index, envelope, 46 + ledger_u32(envelope, 42) AS p4 FROM ledger_leaf) a) f
WHERE l.leaf_index = f.leaf_index;

DROP FUNCTION ledger_u32(BYTEA, INT);

ALTER TABLE ledger_leaf ALTER COLUMN aggregate_id SET NOT NULL, ALTER COLUMN sequence_number SET NOT NULL;
CREATE INDEX ledger_leaf_aggregate_head ON ledger_leaf (aggregate_id, sequence_number DESC);
