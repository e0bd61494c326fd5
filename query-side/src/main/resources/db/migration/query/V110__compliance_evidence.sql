-- The compliance-evidence projection (processing group 'compliance-evidence'): what the
-- data-separation report and the fleet summary are built from, so no request scans the event store.

-- One row per enrollment: who, what device, where it stands, and the proof of its unenrollment.
-- Every update is idempotent (the stage only moves forward; other columns are set to the event's values).
CREATE TABLE compliance_enrollment (
    enrollment_ref            VARCHAR(255) PRIMARY KEY,
    managed_apple_account     VARCHAR(320),
    platform                  VARCHAR(16),
    os_version                VARCHAR(32),
    stage                     VARCHAR(32)  NOT NULL,
    enrolled_at               TIMESTAMPTZ,
    keys_created              JSONB,        -- data classes separated at enrollment
    unenrollment_requested_at TIMESTAMPTZ,
    unenrollment_requested_by VARCHAR(320),
    keys_destroyed            JSONB,        -- data classes whose keys were destroyed
    keys_destroyed_event_id   VARCHAR(255),
    removed_profiles          JSONB,
    removed_apps              JSONB,
    removed_accounts          JSONB,
    removed_per_app_settings  INTEGER,
    managed_data_removed_event_id VARCHAR(255),
    closed_at                 TIMESTAMPTZ,
    closure_reason            VARCHAR(32),
    closed_event_id           VARCHAR(255)
);

CREATE INDEX compliance_enrollment_account ON compliance_enrollment (lower(managed_apple_account));
CREATE INDEX compliance_enrollment_stage ON compliance_enrollment (stage);

-- One row per MDM-command event (queued, delivered, deferred, acknowledged, failed, refused) and
-- per installed / removed profile or app, keyed by the event id so a redelivered event is stored once.
-- line_ids: the "MDM can / can't" lines (mdm-can-cannot.tsv) the event is of;
-- limited_line_ids: "MDM can't" lines whose forbidden part the policy keeps out of such a command
-- (DeviceInformation without identifying keys, InstalledApplicationList limited to managed apps).
CREATE TABLE compliance_evidence (
    event_id         VARCHAR(255) PRIMARY KEY,
    enrollment_ref   VARCHAR(255) NOT NULL,
    sequence_number  BIGINT       NOT NULL,
    occurred_at      TIMESTAMPTZ  NOT NULL,
    kind             VARCHAR(32)  NOT NULL,
    request_type     VARCHAR(128),
    command_uuid     VARCHAR(255),
    subject          VARCHAR(512),  -- profile identifier or app bundle id
    actor            VARCHAR(320),
    rule             VARCHAR(128),
    reason           TEXT,
    narrowing        TEXT,
    payload_types    JSONB,
    line_ids         TEXT[]       NOT NULL,
    limited_line_ids TEXT[]       NOT NULL
);

CREATE INDEX compliance_evidence_enrollment ON compliance_evidence (enrollment_ref, sequence_number);
CREATE INDEX compliance_evidence_command ON compliance_evidence (enrollment_ref, command_uuid);
CREATE INDEX compliance_evidence_lines ON compliance_evidence USING GIN (line_ids);
