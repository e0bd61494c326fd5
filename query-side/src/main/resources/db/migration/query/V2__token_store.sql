-- Axon's token store (JdbcTokenStore, default TokenSchema). Projections write their rows and their
-- token in the same PostgreSQL transaction, so a crash never leaves a view ahead of or behind its token.
CREATE TABLE tokenentry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokenType     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);
