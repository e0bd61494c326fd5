package io.ueledger.ops.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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
    public DataSource dataSource(SupervisedPostgres postgres, Environment environment) {
        HikariDataSource dataSource = new HikariDataSource(poolConfig(postgres.jdbcUrl(), environment));
        DurableStorage.requireDurable(dataSource);
        return dataSource;
    }

    /**
     * The same {@code spring.datasource.hikari.*} settings as an external database's pool (its size, timeouts),
     * so one setting sizes either; the address and user are always the embedded server's own.
     */
    static HikariConfig poolConfig(String jdbcUrl, Environment environment) {
        HikariConfig config = new HikariConfig();
        // While PostgreSQL is down (crashed, restarting) requests and health checks give up quickly instead
        // of hanging; the pool reconnects by itself once the watchdog has started it again.
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        config.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(config));
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("postgres");
        config.setPoolName("embedded-postgres");
        return config;
    }
}
