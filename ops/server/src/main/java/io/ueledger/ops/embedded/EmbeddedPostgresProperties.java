package io.ueledger.ops.embedded;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PostgreSQL that the server starts for itself when no {@code spring.datasource.url} is set.
 *
 * @param dataDir where the cluster lives; kept across restarts so the ledger survives them
 * @param port    0 picks a free port
 */
@ConfigurationProperties("ueledger.embedded-postgres")
public record EmbeddedPostgresProperties(@DefaultValue("data/postgres") Path dataDir, @DefaultValue("0") int port) {
}
