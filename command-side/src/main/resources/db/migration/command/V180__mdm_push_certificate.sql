-- The organisation's MDM push certificate, uploaded through the admin API or console (or imported
-- from ueledger.apns.certificate at start). Every node reads the newest row, so a renewal takes
-- effect everywhere without a restart. Older rows stay as the record of what was used when.
-- The private key is stored as PKCS#8 DER: restrict access to this database as you would to the
-- PKCS#12 file it replaces.
CREATE TABLE mdm_push_certificate (
    version      BIGSERIAL    PRIMARY KEY,
    topic        VARCHAR(255) NOT NULL,       -- the certificate's subject UID, com.apple.mgmt.…
    subject      TEXT         NOT NULL,
    not_after    TIMESTAMPTZ  NOT NULL,
    sha256       CHAR(64)     NOT NULL,       -- of the DER certificate, hex
    certificate  BYTEA        NOT NULL,       -- DER
    private_key  BYTEA        NOT NULL,       -- PKCS#8 DER
    source       VARCHAR(32)  NOT NULL,       -- UPLOAD or CONFIGURED_FILE
    uploaded_by  VARCHAR(320) NOT NULL,
    uploaded_at  TIMESTAMPTZ  NOT NULL
);
