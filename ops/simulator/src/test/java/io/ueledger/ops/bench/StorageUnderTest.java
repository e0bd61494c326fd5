package io.ueledger.ops.bench;

import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/** One storage engine wired as a deployment would wire it: its engine, its token store, its transactions. */
interface StorageUnderTest extends AutoCloseable {

    /** "JDBC" or "JPA", as the report names it. */
    String name();

    DataSource dataSource();

    TransactionManager transactionManager();

    EventStorageEngine engine();

    TokenStore tokenStore();

    @Override
    void close();
}
