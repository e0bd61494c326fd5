-- Who last did a piece of work that one node of the fleet does per interval (io.ueledger.kernel.fleet.FleetTurns):
-- the silence sweep, ledger checkpoints, one push per device and coalescing window.
CREATE TABLE fleet_turn (
    name     VARCHAR(300) PRIMARY KEY,
    taken_at TIMESTAMPTZ  NOT NULL,
    taken_by VARCHAR(200) NOT NULL
);
