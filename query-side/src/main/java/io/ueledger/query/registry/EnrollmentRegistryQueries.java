package io.ueledger.query.registry;

import static io.ueledger.query.support.SqlTime.instant;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.query.EnrollmentPage;
import io.ueledger.kernel.query.EnrollmentView;
import io.ueledger.kernel.query.FindEnrollment;
import io.ueledger.kernel.query.FindEnrollments;
import io.ueledger.kernel.unenrollment.ClosureReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers the registry queries from {@code enrollment_registry}. */
@Component
public class EnrollmentRegistryQueries {

    private static final String COLUMNS = """
            enrollment_ref, stage, platform, os_version, product, managed_apple_account, enrollment_id,
            user_identifier_domain, model_family, requested_at, enrolled_at, closed_at, closure_reason,
            unenrollment_requested_at, last_event_at, last_sequence""";

    private static final RowMapper<EnrollmentView> ROW = EnrollmentRegistryQueries::view;

    private final NamedParameterJdbcTemplate jdbc;

    public EnrollmentRegistryQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public EnrollmentPage handle(FindEnrollments query) {
        List<String> conditions = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (query.stage() != null) {
            conditions.add("stage = :stage");
            params.addValue("stage", query.stage().name());
        }
        if (query.platform() != null) {
            conditions.add("platform = :platform");
            params.addValue("platform", query.platform().name());
        }
        if (query.managedAppleAccount() != null) {
            conditions.add("lower(managed_apple_account) = :account");
            params.addValue("account", query.managedAppleAccount().trim().toLowerCase(Locale.ROOT));
        }
        if (query.osVersionPrefix() != null) {
            // whole version parts only: "17.4" is 17.4 or 17.4.x, never 17.40
            conditions.add("(os_version = :osVersion or os_version like :osVersionChildren)");
            params.addValue("osVersion", query.osVersionPrefix());
            params.addValue("osVersionChildren", query.osVersionPrefix() + ".%");
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);

        Long total = jdbc.queryForObject("select count(*) from enrollment_registry" + where, params, Long.class);
        params.addValue("limit", query.size());
        params.addValue("offset", (long) query.page() * query.size());
        List<EnrollmentView> items = jdbc.query("select " + COLUMNS + " from enrollment_registry" + where
                + " order by requested_at desc, enrollment_ref limit :limit offset :offset", params, ROW);
        return new EnrollmentPage(items, query.page(), query.size(), total == null ? 0 : total);
    }

    @QueryHandler
    public Optional<EnrollmentView> handle(FindEnrollment query) {
        return jdbc.query("select " + COLUMNS + " from enrollment_registry where enrollment_ref = :ref",
                new MapSqlParameterSource("ref", query.enrollmentRef()), ROW).stream().findFirst();
    }

    private static EnrollmentView view(ResultSet rs, int row) throws SQLException {
        return new EnrollmentView(
                rs.getString("enrollment_ref"),
                EnrollmentStage.valueOf(rs.getString("stage")),
                enumOrNull(Platform.class, rs.getString("platform")),
                rs.getString("os_version"),
                rs.getString("product"),
                rs.getString("managed_apple_account"),
                rs.getString("enrollment_id"),
                rs.getString("user_identifier_domain"),
                rs.getString("model_family"),
                instant(rs, "requested_at"),
                instant(rs, "enrolled_at"),
                instant(rs, "closed_at"),
                enumOrNull(ClosureReason.class, rs.getString("closure_reason")),
                instant(rs, "unenrollment_requested_at"),
                instant(rs, "last_event_at"),
                rs.getLong("last_sequence"));
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
