-- The installation's long-lived keys, shared by every node (io.ueledger.command.installation).
-- Each value is AES-256-GCM encrypted under a key-encryption key derived (HKDF-SHA256) from the
-- installation's master secret (ueledger.signing.secret); the name is the additional authenticated
-- data, so a value cannot be moved to another name. Rows are written once and never updated.
CREATE TABLE installation_secret (
    name        VARCHAR(100) PRIMARY KEY,
    nonce       BYTEA        NOT NULL,
    ciphertext  BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
