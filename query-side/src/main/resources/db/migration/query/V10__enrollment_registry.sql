-- The enrollment registry: one row per enrollment, kept by the enrollment-registry projection.
-- last_sequence is the aggregate sequence number of the last event applied; updates only apply a
-- later event, so a redelivered event changes nothing.
CREATE TABLE enrollment_registry (
    enrollment_ref            VARCHAR(255) PRIMARY KEY,
    stage                     VARCHAR(32)  NOT NULL,
    platform                  VARCHAR(16),
    os_version                VARCHAR(32),
    product                   VARCHAR(255),
    managed_apple_account     VARCHAR(320),
    enrollment_id             VARCHAR(255),
    user_identifier_domain    VARCHAR(255),
    model_family              VARCHAR(64),
    requested_at              TIMESTAMPTZ  NOT NULL,
    enrolled_at               TIMESTAMPTZ,
    closed_at                 TIMESTAMPTZ,
    closure_reason            VARCHAR(32),
    unenrollment_requested_at TIMESTAMPTZ,
    last_event_at             TIMESTAMPTZ  NOT NULL,
    last_sequence             BIGINT       NOT NULL
);

-- The list is newest first; every filter below is combined with that order.
CREATE INDEX enrollment_registry_newest ON enrollment_registry (requested_at DESC, enrollment_ref);
CREATE INDEX enrollment_registry_stage ON enrollment_registry (stage, requested_at DESC);
CREATE INDEX enrollment_registry_platform ON enrollment_registry (platform, requested_at DESC);
-- Accounts are e-mail-like and compared without case.
CREATE INDEX enrollment_registry_account ON enrollment_registry (lower(managed_apple_account), requested_at DESC);
-- text_pattern_ops lets "os_version LIKE '17.4.%'" use the index whatever the database collation.
CREATE INDEX enrollment_registry_os_version ON enrollment_registry (os_version text_pattern_ops);
