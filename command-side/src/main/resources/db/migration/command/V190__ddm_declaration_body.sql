-- The exact JSON each declaration is served as, addressed by its ServerToken (the SHA-256 of its
-- content). Events name declarations by token only, so the ledger commits to what was served
-- without carrying the settings an admin typed; a token is written once and never changes.
CREATE TABLE ddm_declaration_body (
    server_token VARCHAR(64)  PRIMARY KEY,
    identifier   VARCHAR(64)  NOT NULL,
    type         VARCHAR(128) NOT NULL,
    body         BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
