-- The command side's own lookup of Managed Apple Accounts by address, kept by a subscribing event
-- handler in the same transaction as the account's events. Discovery, sign-in and CSV import
-- decide from it; no query-side view is ever read to make a decision.
CREATE TABLE account_directory (
    email        VARCHAR(320) PRIMARY KEY,   -- lower-cased Managed Apple Account address
    account_id   VARCHAR(64)  NOT NULL UNIQUE,
    display_name VARCHAR(255),
    active       BOOLEAN      NOT NULL,
    origin       VARCHAR(32)  NOT NULL,      -- MANUAL, CSV_IMPORT or FEDERATED
    updated_at   TIMESTAMPTZ  NOT NULL
);
