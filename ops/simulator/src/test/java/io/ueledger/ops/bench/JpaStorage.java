package io.ueledger.ops.bench;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * The alternative: Hibernate 6 with Axon's {@code JpaEventStorageEngine} and {@code JpaTokenStore},
 * on the same Flyway tables as the JDBC engine, mapped to them by an orm.xml.
 */
final class JpaStorage implements StorageUnderTest {

    private final HikariDataSource dataSource;
    private final EntityManagerFactory entityManagerFactory;
    private final JpaTransactions transactions;
    private final JpaEventStorageEngine engine;
    private final JpaTokenStore tokenStore;

    JpaStorage(HikariDataSource dataSource, Serializer serializer) throws SQLException {
        EventStoreSchema.migrate(dataSource);
        this.dataSource = dataSource;
        this.entityManagerFactory = new HibernatePersistenceProvider()
                .createContainerEntityManagerFactory(new AxonEventStorePersistenceUnit(dataSource), Map.of());
        this.transactions = new JpaTransactions(entityManagerFactory);
        this.engine = JpaEventStorageEngine.builder()
                .entityManagerProvider(transactions)
                .transactionManager(transactions)
                .dataSource(dataSource)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        this.tokenStore = JpaTokenStore.builder().entityManagerProvider(transactions).serializer(serializer).build();
    }

    @Override
    public String name() {
        return "JPA";
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
        entityManagerFactory.close();
        dataSource.close();
    }
}
