package io.ueledger.ops.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * TEST SETUP ONLY: writes Managed Apple Accounts straight into the command side's
 * {@code account_directory} table, standing in for the account events until the accounts branch
 * (CSV import, manual creation) provides a command to create them. Upserts, because the built-in
 * provider's demo users have fixed addresses and every IT shares one database.
 */
public final class TestAccountDirectory {

    private final JdbcTemplate jdbc;

    public TestAccountDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void put(String email, boolean active) {
        jdbc.update("insert into account_directory (email, account_id, display_name, active, origin, updated_at) "
                        + "values (?, ?, ?, ?, 'MANUAL', ?) "
                        + "on conflict (email) do update set active = excluded.active, updated_at = excluded.updated_at",
                email.toLowerCase(Locale.ROOT), "test-" + UUID.randomUUID(), email, active, Timestamp.from(Instant.now()));
    }

    public void remove(String email) {
        jdbc.update("delete from account_directory where email = ?", email.toLowerCase(Locale.ROOT));
    }
}
