-- The device history: one row per event of an enrollment, kept by the device-history projection.
-- Keyed by the event's id, so a redelivered event is inserted once.
CREATE TABLE device_history (
    event_id        VARCHAR(255) PRIMARY KEY,
    global_index    BIGINT,
    enrollment_ref  VARCHAR(255) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    event_type      VARCHAR(128) NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    actor           VARCHAR(320) NOT NULL,
    summary         TEXT         NOT NULL,
    payload         JSONB        NOT NULL
);

-- Pages of one device's history, in stream order either way.
CREATE INDEX device_history_by_enrollment ON device_history (enrollment_ref, sequence_number);
