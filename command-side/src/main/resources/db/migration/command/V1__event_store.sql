-- Axon's event store for the JDBC storage engine (JdbcEventStorageEngine with its default
-- EventSchema). Unquoted names, so PostgreSQL folds them to lower case, as Axon's unquoted SQL does.
-- Payload and metadata are bytea (never large objects). globalIndex is a BIGSERIAL whose sequence
-- increments by 1, so two nodes never hand out blocks that commit out of order.
CREATE TABLE domainevententry (
    globalIndex        BIGSERIAL    NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber     BIGINT       NOT NULL,
    type               VARCHAR(255),
    eventIdentifier    VARCHAR(255) NOT NULL,
    metaData           BYTEA,
    payload            BYTEA        NOT NULL,
    payloadRevision    VARCHAR(255),
    payloadType        VARCHAR(255) NOT NULL,
    timeStamp          VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE snapshotevententry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber     BIGINT       NOT NULL,
    type               VARCHAR(255) NOT NULL,
    eventIdentifier    VARCHAR(255) NOT NULL,
    metaData           BYTEA,
    payload            BYTEA        NOT NULL,
    payloadRevision    VARCHAR(255),
    payloadType        VARCHAR(255) NOT NULL,
    timeStamp          VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);
