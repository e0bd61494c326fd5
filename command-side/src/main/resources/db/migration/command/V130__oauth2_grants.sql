-- Apple's OAuth 2 enrollment method (SPEC.md section 4.2): this server is the authorization server
-- the device talks to as a public client. Like session_token, both tables keep only the SHA-256 of
-- what the device holds, so a copy of them lets nobody act as a device.

-- One-time codes handed to the device in the 308 to its redirect URL and exchanged at the token URL.
-- A code is bound to the enrollment, the client and the redirect URI it was issued for.
CREATE TABLE oauth2_authorization_code (
    code_hash             CHAR(64)     PRIMARY KEY,      -- hex SHA-256 of the code
    enrollment_ref        VARCHAR(64)  NOT NULL,
    managed_apple_account VARCHAR(320) NOT NULL,
    client_id             VARCHAR(200) NOT NULL,
    redirect_uri          VARCHAR(2000),                 -- as sent in the authorization request; null if none was
    code_challenge        VARCHAR(200),                  -- PKCE, only when the device sent one
    code_challenge_method VARCHAR(10),
    issued_at             TIMESTAMPTZ  NOT NULL,
    expires_at            TIMESTAMPTZ  NOT NULL,
    used_at               TIMESTAMPTZ,                   -- set by the first exchange attempt: a code works once
    session_token_id      VARCHAR(64)                    -- what the exchange issued, revoked if the code is replayed
);

CREATE INDEX oauth2_authorization_code_by_enrollment ON oauth2_authorization_code (enrollment_ref);

-- Refresh tokens, with which the device silently gets a new access (session) token.
CREATE TABLE oauth2_refresh_token (
    token_hash            CHAR(64)     PRIMARY KEY,      -- hex SHA-256 of the refresh token
    enrollment_ref        VARCHAR(64)  NOT NULL,
    managed_apple_account VARCHAR(320) NOT NULL,
    client_id             VARCHAR(200) NOT NULL,
    authorization_code    CHAR(64)     NOT NULL,         -- hash of the code it came with: a replayed code revokes it
    issued_at             TIMESTAMPTZ  NOT NULL,
    expires_at            TIMESTAMPTZ  NOT NULL,
    revoked_at            TIMESTAMPTZ
);

CREATE INDEX oauth2_refresh_token_by_enrollment ON oauth2_refresh_token (enrollment_ref);
