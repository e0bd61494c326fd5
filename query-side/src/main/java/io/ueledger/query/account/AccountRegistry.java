package io.ueledger.query.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads {@code account_registry}; the admin API and the web console list accounts from it. The query
 * API of the account view, so a service rather than a repository (the console may use it).
 */
@Service
public class AccountRegistry {

    private static final String COLUMNS = "account_id, email, display_name, origin, active, created_by, created_at, "
            + "status_changed_by, status_reason, status_changed_at";

    private final JdbcTemplate jdbc;

    AccountRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Page(List<AccountRow> items, int page, int size, long total) {
    }

    /**
     * @param active  null for all accounts
     * @param address part of the address to look for, any case; null or blank for all
     */
    public Page find(Boolean active, String address, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (active != null) {
            where.append(" and active = ?");
            args.add(active);
        }
        if (address != null && !address.isBlank()) {
            where.append(" and email like ? escape '\\'");
            args.add("%" + likeLiteral(address.trim().toLowerCase(Locale.ROOT)) + "%");
        }
        Long total = jdbc.queryForObject("select count(*) from account_registry" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<AccountRow> items = jdbc.query("select " + COLUMNS + " from account_registry" + where
                + " order by email limit ? offset ?", AccountRegistry::row, pageArgs.toArray());
        return new Page(items, page, size, total == null ? 0 : total);
    }

    public Optional<AccountRow> findByEmail(String email) {
        return jdbc.query("select " + COLUMNS + " from account_registry where email = ?", AccountRegistry::row,
                email.trim().toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AccountRow row(ResultSet rs, int i) throws SQLException {
        return new AccountRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getString(6), instant(rs.getTimestamp(7)), rs.getString(8), rs.getString(9),
                instant(rs.getTimestamp(10)));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
