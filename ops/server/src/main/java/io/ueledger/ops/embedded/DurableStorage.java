package io.ueledger.ops.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the settings that decide whether an acknowledged event survives a crash, and refuses to run
 * the embedded server on a cluster that would lose it.
 */
final class DurableStorage {

    private static final Logger log = LoggerFactory.getLogger(DurableStorage.class);
    static final List<String> SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

    private DurableStorage() {
    }

    static Map<String, String> read(DataSource dataSource) {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String setting : SETTINGS) {
                try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
                    row.next();
                    values.put(setting, row.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the storage settings of the embedded PostgreSQL", e);
        }
        return values;
    }

    static void requireDurable(DataSource dataSource) {
        Map<String, String> values = read(dataSource);
        if (values.values().stream().anyMatch(value -> !"on".equals(value))) {
            throw new IllegalStateException("The embedded PostgreSQL is not durable (" + values
                    + "): acknowledged events could be lost in a crash. Expected every one of " + SETTINGS + " on.");
        }
        log.info("Embedded PostgreSQL storage is durable: {}", values);
    }
}
