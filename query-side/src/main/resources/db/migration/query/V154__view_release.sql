-- A node rebuilding a view asks the other nodes to let go of the view's segments
-- (io.ueledger.query.replay.ViewReleases): they stop their processor of the view until the row is gone.
CREATE TABLE view_release (
    view_name    VARCHAR(255) PRIMARY KEY,
    requested_by VARCHAR(255) NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL
);
