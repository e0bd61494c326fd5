-- One-time SCEP challenges, each bound to one enrollment. Only a SHA-256 of the challenge is kept:
-- the challenge itself travels once, inside the signed enrollment profile. A challenge is good
-- until expires_at and for a single certificate (used_at is set when the certificate is issued).
CREATE TABLE scep_challenge (
    challenge_hash CHAR(64)    PRIMARY KEY,   -- hex SHA-256 of the challenge
    enrollment_ref VARCHAR(64) NOT NULL,
    issued_at      TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    used_at        TIMESTAMPTZ
);
CREATE INDEX scep_challenge_enrollment_ref ON scep_challenge (enrollment_ref);
