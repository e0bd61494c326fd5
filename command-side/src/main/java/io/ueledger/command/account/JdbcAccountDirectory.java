package io.ueledger.command.account;

import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the command side's {@code account_directory} table. */
@Component
class JdbcAccountDirectory implements AccountDirectory {

    private final JdbcTemplate jdbc;

    JdbcAccountDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Entry> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return jdbc.query("select account_id, email, display_name, active, origin from account_directory where email = ?",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5)),
                email.trim().toLowerCase(Locale.ROOT)).stream().findFirst();
    }
}
