-- The ACME server (RFC 8555) that issues device identities as the modern alternative to SCEP.
-- Everything lives here, not in memory, so that any node can answer any step of an order.

-- One-time ClientIdentifier tokens, one per delivered ACME enrollment profile (like scep_challenge):
-- only the SHA-256 of the token is kept. It is the order's identifier and is spent at issuance.
CREATE TABLE acme_client_identifier (
    identifier_hash CHAR(64)     PRIMARY KEY,
    enrollment_ref  VARCHAR(64)  NOT NULL,
    issued_at       TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    used_at         TIMESTAMPTZ
);
CREATE INDEX acme_client_identifier_enrollment ON acme_client_identifier (enrollment_ref);

-- Replay-Nonce values handed out and not yet used; a JWS spends its nonce by deleting the row.
CREATE TABLE acme_nonce (
    nonce      VARCHAR(64)  PRIMARY KEY,
    expires_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX acme_nonce_expiry ON acme_nonce (expires_at);

-- Accounts: the client's public key (JWK JSON) and its RFC 7638 thumbprint.
CREATE TABLE acme_account (
    account_id  VARCHAR(64)  PRIMARY KEY,
    thumbprint  VARCHAR(64)  NOT NULL UNIQUE,
    jwk         JSONB        NOT NULL,
    contact     JSONB        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

-- Orders with their single authorization (the order's id names both): one identifier each.
CREATE TABLE acme_order (
    order_id          VARCHAR(64)  PRIMARY KEY,
    account_id        VARCHAR(64)  NOT NULL REFERENCES acme_account (account_id),
    enrollment_ref    VARCHAR(64)  NOT NULL,
    identifier_type   VARCHAR(32)  NOT NULL,
    identifier_value  VARCHAR(255) NOT NULL,
    status            VARCHAR(16)  NOT NULL,    -- pending, ready, processing, valid, invalid
    authz_status      VARCHAR(16)  NOT NULL,    -- pending, valid, invalid
    expires_at        TIMESTAMPTZ  NOT NULL,
    attested_key      BYTEA,                    -- SubjectPublicKeyInfo DER the device attested, if any
    attestation       VARCHAR(32),              -- verified, unverified (no root configured), none
    attestation_note  TEXT,
    certificate_chain TEXT,                     -- PEM, once issued
    serial_number     VARCHAR(64),
    created_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX acme_order_account ON acme_order (account_id);

CREATE TABLE acme_challenge (
    order_id     VARCHAR(64)  NOT NULL REFERENCES acme_order (order_id),
    type         VARCHAR(32)  NOT NULL,         -- device-attest-01, http-01
    token        VARCHAR(64)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,         -- pending, valid, invalid
    error        JSONB,
    validated_at TIMESTAMPTZ,
    PRIMARY KEY (order_id, type)
);
