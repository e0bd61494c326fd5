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
                // durable, as the server's embedded default: zonky's own defaults (its -F flag,
                // synchronous_commit off) would measure a database that can lose acknowledged events
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
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

    /** The settings that decide durability, as the server reports them ({@code SHOW name}), in this order. */
    java.util.LinkedHashMap<String, String> storageSettings() {
        JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        java.util.LinkedHashMap<String, String> settings = new java.util.LinkedHashMap<>();
        for (String name : STORAGE_SETTINGS) {
            settings.put(name, jdbc.queryForObject("SHOW " + name, String.class));
        }
        return settings;
    }

    static final java.util.List<String> STORAGE_SETTINGS = java.util.List.of("fsync", "synchronous_commit",
            "full_page_writes", "wal_sync_method", "shared_buffers");

    @Override
    public void close() throws IOException {
        postgres.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
