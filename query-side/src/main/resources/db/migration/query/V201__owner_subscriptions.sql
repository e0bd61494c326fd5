-- Device owners who asked for an e-mail when their organisation sends a command to one of their
-- devices or something it tries is refused. The address is the owner's own, given with their
-- consent when they subscribed; unsubscribing deletes the row. Keyed like owner_enrollment.
CREATE TABLE owner_subscription (
    account_sha256 CHAR(64)     PRIMARY KEY,
    email          VARCHAR(320) NOT NULL,
    subscribed_at  TIMESTAMPTZ  NOT NULL
);
