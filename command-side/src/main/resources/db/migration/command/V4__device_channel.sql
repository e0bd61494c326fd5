-- Which enrollment a device identity certificate belongs to: every certificate our CA issued is
-- recorded (IdentityCertificateIssued) and looked up by its SHA-256 fingerprint when a device signs
-- a check-in or command-channel request. Kept by a subscribing handler in the events' transaction.
CREATE TABLE device_identity (
    cert_fingerprint VARCHAR(80)  PRIMARY KEY,  -- hex SHA-256 of the DER certificate
    enrollment_ref   VARCHAR(64)  NOT NULL,
    serial_number    VARCHAR(80)  NOT NULL,
    not_after        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX device_identity_enrollment ON device_identity (enrollment_ref);

-- The exact plist each queued MDM command is sent as. Events carry its digest and what it changes;
-- the bytes live here so a long-lived enrollment's stream stays small to replay.
CREATE TABLE mdm_command_body (
    command_uuid   VARCHAR(64)  PRIMARY KEY,
    enrollment_ref VARCHAR(64)  NOT NULL,
    request_type   VARCHAR(100) NOT NULL,
    body           BYTEA        NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX mdm_command_body_enrollment ON mdm_command_body (enrollment_ref);
