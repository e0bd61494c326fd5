-- One writer per aggregate across nodes (see io.ueledger.command.fleet.AggregateWriterLock).
-- Takes a transaction-scoped advisory lock on the aggregate id, then reads the id's last stored
-- sequence number. Two statements inside a plpgsql function: under READ COMMITTED each statement
-- takes a fresh snapshot, so the read sees every event committed by the node that held the lock
-- before us (a single SELECT would read with the snapshot taken before it waited). One round trip.
CREATE FUNCTION ueledger_lock_aggregate(aggregate_id TEXT) RETURNS BIGINT
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(aggregate_id, 0));
    RETURN (SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = aggregate_id);
END
$$;
