-- The APNs credentials each channel of an enrollment last sent in TokenUpdate. Events carry only
-- their SHA-256 hashes; the push sender needs the real values, so they live here, outside the
-- ledger, and only PushCredentials reads or writes this table (a later step encrypts the columns
-- with the enrollment's data key so unenrollment can shred them).
CREATE TABLE push_credential (
    enrollment_ref VARCHAR(64)  NOT NULL,
    channel        VARCHAR(300) NOT NULL,   -- 'device' or 'user:<EnrollmentUserID>'
    device_token   BYTEA        NOT NULL,
    push_magic     TEXT         NOT NULL,
    topic          VARCHAR(255) NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (enrollment_ref, channel)
);
