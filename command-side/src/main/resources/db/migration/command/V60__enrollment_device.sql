-- What the admin command API needs to ask the User Enrollment policy about one enrollment: its
-- platform and OS version as the device last reported them, and whether it is closed. Owned by the
-- command side and kept by a subscribing handler in the events' own transaction, so a decision never
-- waits for (or trusts) a query-side view.
CREATE TABLE enrollment_device (
    enrollment_ref VARCHAR(64)  PRIMARY KEY,
    platform       VARCHAR(16),
    os_version     VARCHAR(32),
    closed         BOOLEAN      NOT NULL DEFAULT FALSE
);
