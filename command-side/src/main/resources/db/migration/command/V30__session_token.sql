-- Session tokens handed to devices at the end of the web sign-in (SPEC.md section 4.1). Only the
-- SHA-256 of a token is stored, so a copy of this table lets nobody act as a device. A token is
-- bound to one enrollment and one Managed Apple Account and expires; revoked_at ends it early.
CREATE TABLE session_token (
    token_id              VARCHAR(64)  PRIMARY KEY,
    token_hash            CHAR(64)     NOT NULL UNIQUE,   -- hex SHA-256 of the token as sent by the device
    enrollment_ref        VARCHAR(64)  NOT NULL,
    managed_apple_account VARCHAR(320) NOT NULL,
    issued_at             TIMESTAMPTZ  NOT NULL,
    expires_at            TIMESTAMPTZ  NOT NULL,
    revoked_at            TIMESTAMPTZ
);

CREATE INDEX session_token_by_enrollment ON session_token (enrollment_ref);
