-- Which enrollments belong to which device owner, for the owners' own view (/my). Only a SHA-256 of
-- the lower-cased Managed Apple Account address is kept: it finds an owner's enrollments when they
-- sign in, and keeps doing so after unenrollment has shredded the address everywhere else, until
-- the organisation's retention period for the owner view ends (then the row is deleted).
CREATE TABLE owner_enrollment (
    enrollment_ref  VARCHAR(255) PRIMARY KEY,
    account_sha256  CHAR(64)     NOT NULL,
    linked_at       TIMESTAMPTZ  NOT NULL
);

CREATE INDEX owner_enrollment_account ON owner_enrollment (account_sha256);
