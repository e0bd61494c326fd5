package io.ueledger.ops.bench;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.SnapshotEventEntry;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * The persistence unit a JPA deployment of the ledger would declare: Axon's event, snapshot and
 * token entities, with the {@code orm.xml} that fixes their PostgreSQL mapping (STACK-NOTES traps 1
 * and 2), and Hibernate validating, never creating, the tables Flyway made.
 */
final class AxonEventStorePersistenceUnit implements PersistenceUnitInfo {

    static final String MAPPING = "io/ueledger/ops/bench/axon-event-store-orm.xml";

    private final DataSource dataSource;

    AxonEventStorePersistenceUnit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String getPersistenceUnitName() {
        return "axon-event-store";
    }

    @Override
    public String getPersistenceProviderClassName() {
        return HibernatePersistenceProvider.class.getName();
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of(MAPPING);
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return null;
    }

    @Override
    public List<String> getManagedClassNames() {
        return List.of(DomainEventEntry.class.getName(), SnapshotEventEntry.class.getName(),
                TokenEntry.class.getName());
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        Properties properties = new Properties();
        properties.setProperty("hibernate.hbm2ddl.auto", "validate");
        return properties;
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return Thread.currentThread().getContextClassLoader();
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // no bytecode enhancement
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return null;
    }
}
