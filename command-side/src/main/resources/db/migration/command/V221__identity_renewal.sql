-- Identity renewal: a renewed certificate names the one it replaces; the replaced one is accepted
-- until it is retired (the device used the new one, or the old one expired).
ALTER TABLE device_identity ADD COLUMN replaces_fingerprint VARCHAR(80);
ALTER TABLE device_identity ADD COLUMN retired_at TIMESTAMPTZ;
CREATE INDEX device_identity_not_retired ON device_identity (not_after) WHERE retired_at IS NULL;

-- Where each enrolled device's identity renewal stands, for the fleet-wide renewal job (candidates
-- only: the enrollment decides) and for admins. Kept by a subscribing handler in the events'
-- transaction; a closed enrollment's row is deleted.
CREATE TABLE identity_renewal (
    enrollment_ref     VARCHAR(64)  PRIMARY KEY,
    serial_number      VARCHAR(80)  NOT NULL,   -- the certificate in use
    cert_not_after     TIMESTAMPTZ  NOT NULL,
    state              VARCHAR(24)  NOT NULL,   -- CURRENT, WAITING_FOR_DEVICE, FAILED, GAVE_UP, RENEWED
    attempts           INTEGER      NOT NULL DEFAULT 0,
    command_uuid       VARCHAR(64),
    last_reason        TEXT,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX identity_renewal_due ON identity_renewal (cert_not_after);
