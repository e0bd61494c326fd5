package io.ueledger.ops.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmark's own PostgreSQL: zonky's binaries in a fresh temporary cluster, configured like
 * the server's embedded default so the figures describe what the server would see.
 */
final class BenchPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private BenchPostgres(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static BenchPostgres start() throws IOException {
        Path dataDir = Files.createTempDirectory("ue-ledger-bench-");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .start();
        return new BenchPostgres(postgres, dataDir);
    }

    /** A new, empty database with its own pool, so each engine's tables and sizes stand alone. */
    HikariDataSource freshDatabase(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", name));
        config.setUsername("postgres");
        config.setPoolName("bench-" + name);
        config.setMaximumPoolSize(20);
        return new HikariDataSource(config);
    }

    String version() {
        return new JdbcTemplate(postgres.getPostgresDatabase()).queryForObject("SHOW server_version", String.class);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
