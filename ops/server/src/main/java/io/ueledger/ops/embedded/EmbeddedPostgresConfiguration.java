package io.ueledger.ops.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
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

    /** How long a request waits for a connection before it fails with 503 (Hikari's default is 30 s). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    @Bean(destroyMethod = "close")
    public SupervisedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) {
        return SupervisedPostgres.start(properties);
    }

    @Bean
    public DataSource dataSource(SupervisedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername("postgres");
        config.setPoolName("embedded-postgres");
        config.setMaximumPoolSize(20);
        // While PostgreSQL is down (crashed, restarting) requests and health checks give up quickly instead
        // of hanging; the pool reconnects by itself once the watchdog has started it again.
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        config.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
        HikariDataSource dataSource = new HikariDataSource(config);
        DurableStorage.requireDurable(dataSource);
        return dataSource;
    }
}
