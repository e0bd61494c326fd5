-- The server's per-enrollment data keys (AES-256-GCM) for crypto-shredding: personal-adjacent
-- fields of events (see @PersonalData) are stored encrypted with the key of their enrollment.
-- Closing the enrollment deletes the key in the same transaction as the closing events, and the
-- tombstone makes sure no new key is ever issued for that enrollment. The tombstone keeps only a
-- SHA-256 commitment of the key, the same value the ManagedDataKeysDestroyed event records.
CREATE TABLE enrollment_data_key (
    enrollment_ref VARCHAR(255) PRIMARY KEY,
    key            BYTEA        NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL
);

CREATE TABLE enrollment_data_key_tombstone (
    enrollment_ref VARCHAR(255) PRIMARY KEY,
    destroyed_at   TIMESTAMPTZ  NOT NULL,
    key_commitment CHAR(64)                  -- hex SHA-256 of the destroyed key; null if there was none
);

-- Enrollments whose unenrollment is pending, for the silence check: a command-side lookup kept by
-- a subscribing handler in the events' own transaction (the aggregate re-checks before closing).
CREATE TABLE pending_unenrollment (
    enrollment_ref    VARCHAR(255) PRIMARY KEY,
    requested_at      TIMESTAMPTZ  NOT NULL,
    last_contact_at   TIMESTAMPTZ
);
CREATE INDEX pending_unenrollment_silence ON pending_unenrollment (greatest(requested_at, last_contact_at));
