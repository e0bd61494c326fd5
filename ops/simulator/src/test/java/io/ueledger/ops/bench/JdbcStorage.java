package io.ueledger.ops.bench;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The engine the server runs today: what Axon's Spring Boot auto-configuration builds on a
 * DataSource (Spring-managed JDBC transactions, {@code JdbcEventStorageEngine}, {@code JdbcTokenStore}).
 */
final class JdbcStorage implements StorageUnderTest {

    private final HikariDataSource dataSource;
    private final TransactionManager transactions;
    private final JdbcEventStorageEngine engine;
    private final JdbcTokenStore tokenStore;

    JdbcStorage(HikariDataSource dataSource, Serializer serializer) {
        EventStoreSchema.migrate(dataSource);
        this.dataSource = dataSource;
        this.transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        this.tokenStore = JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer).build();
    }

    @Override
    public String name() {
        return "JDBC";
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public TransactionManager transactionManager() {
        return transactions;
    }

    @Override
    public EventStorageEngine engine() {
        return engine;
    }

    @Override
    public TokenStore tokenStore() {
        return tokenStore;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
