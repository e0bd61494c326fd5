-- Declarative Device Management views (processing group 'ddm-status'): declaration sets and where
-- they are assigned, and per device the declarations in force with the status the device last
-- reported, the refusals, and the latest value of each status item. Every row names the event it
-- comes from, so a report line can cite it; every write is idempotent.

CREATE TABLE ddm_declaration_set (
    set_id       VARCHAR(64)  PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    version      INTEGER      NOT NULL,
    declarations JSONB        NOT NULL,   -- [{identifier, type, category, serverToken}]
    saved_by     VARCHAR(320),
    saved_at     TIMESTAMPTZ  NOT NULL,
    event_id     VARCHAR(255) NOT NULL
);

CREATE TABLE ddm_set_assignment (
    set_id         VARCHAR(64)  NOT NULL,
    enrollment_ref VARCHAR(255) NOT NULL,
    assigned_by    VARCHAR(320),
    assigned_at    TIMESTAMPTZ  NOT NULL,
    event_id       VARCHAR(255) NOT NULL,
    PRIMARY KEY (set_id, enrollment_ref)
);

CREATE TABLE ddm_device_declaration (
    enrollment_ref  VARCHAR(255) NOT NULL,
    identifier      VARCHAR(64)  NOT NULL,
    set_id          VARCHAR(64)  NOT NULL,
    type            VARCHAR(128) NOT NULL,
    category        VARCHAR(16)  NOT NULL,
    server_token    VARCHAR(64)  NOT NULL,
    assigned_at     TIMESTAMPTZ  NOT NULL,
    assigned_event_id VARCHAR(255) NOT NULL,
    delivered_at    TIMESTAMPTZ,
    reported_token  VARCHAR(64),
    active          BOOLEAN,
    valid           VARCHAR(16),
    reasons         JSONB,
    reported_at     TIMESTAMPTZ,
    status_event_id VARCHAR(255),
    PRIMARY KEY (enrollment_ref, identifier)
);

CREATE TABLE ddm_device_refusal (
    event_id       VARCHAR(255) PRIMARY KEY,
    enrollment_ref VARCHAR(255) NOT NULL,
    set_id         VARCHAR(64)  NOT NULL,
    identifier     VARCHAR(64)  NOT NULL,
    type           VARCHAR(128) NOT NULL,
    rule           VARCHAR(128) NOT NULL,
    source         TEXT,
    reason         TEXT,
    refused_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ddm_device_refusal_enrollment ON ddm_device_refusal (enrollment_ref);

CREATE TABLE ddm_device_status_item (
    enrollment_ref VARCHAR(255) NOT NULL,
    item           VARCHAR(128) NOT NULL,
    value          TEXT         NOT NULL,
    reported_at    TIMESTAMPTZ  NOT NULL,
    event_id       VARCHAR(255) NOT NULL,
    PRIMARY KEY (enrollment_ref, item)
);

CREATE TABLE ddm_device_sync (
    enrollment_ref       VARCHAR(255) PRIMARY KEY,
    declarations_token   VARCHAR(64),
    last_sync_at         TIMESTAMPTZ,
    last_status_at       TIMESTAMPTZ,
    last_status_event_id VARCHAR(255),
    dropped_items        JSONB,
    status_errors        JSONB
);
