-- The admin list of Managed Apple Accounts, projected from the account events by the tracking
-- processor 'account-registry'. last_sequence is the aggregate sequence of the last event applied
-- to the row, so applying an event twice (replay, redelivery) changes nothing.
CREATE TABLE account_registry (
    account_id        VARCHAR(64)   PRIMARY KEY,
    email             VARCHAR(320)  NOT NULL UNIQUE,  -- lower-cased address
    display_name      VARCHAR(255)  NOT NULL,
    origin            VARCHAR(32)   NOT NULL,         -- MANUAL, CSV_IMPORT or FEDERATED
    active            BOOLEAN       NOT NULL,
    created_by        VARCHAR(255)  NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL,
    status_changed_by VARCHAR(255),                   -- who last (de)activated it, and why
    status_reason     VARCHAR(1000),
    status_changed_at TIMESTAMPTZ,
    last_sequence     BIGINT        NOT NULL
);

CREATE INDEX account_registry_active_email ON account_registry (active, email);
