-- Group MDM commands: one row per batch (what was asked, by whom, for which selector) and one row
-- per enrollment it was sent to, with what happened there. Candidates come from the registry; every
-- device still gets its own policy decision on the command side.
CREATE TABLE mdm_command_batch (
    batch_id     VARCHAR(64)  PRIMARY KEY,
    requested_by VARCHAR(255) NOT NULL,
    request_type VARCHAR(100) NOT NULL,
    selector     JSONB        NOT NULL,
    command      JSONB        NOT NULL,
    total        INTEGER,
    state        VARCHAR(16)  NOT NULL,   -- SELECTING, RUNNING, DONE, FAILED
    problem      TEXT,
    created_at   TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ
);

CREATE TABLE mdm_command_batch_item (
    batch_id       VARCHAR(64)  NOT NULL REFERENCES mdm_command_batch (batch_id),
    enrollment_ref VARCHAR(64)  NOT NULL,
    outcome        VARCHAR(16)  NOT NULL, -- QUEUED, REFUSED, FAILED (could not be queued)
    command_uuid   VARCHAR(64),
    rule           VARCHAR(100),
    detail         TEXT,
    result         VARCHAR(16),           -- device answer once known: ACKNOWLEDGED or FAILED
    PRIMARY KEY (batch_id, enrollment_ref)
);
CREATE UNIQUE INDEX mdm_command_batch_item_command ON mdm_command_batch_item (command_uuid);
