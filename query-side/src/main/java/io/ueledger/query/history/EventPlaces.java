package io.ueledger.query.history;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where one event sits in its device's history: the enrollment and how many of its events come
 * before it. Reports cite events by id; the console turns this into a link to the timeline page.
 */
@Component
public class EventPlaces {

    /** The enrollment whose history holds the event, and the event's zero-based position in it. */
    public record EventPlace(String enrollmentRef, long position) {
    }

    private final JdbcTemplate jdbc;

    public EventPlaces(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<EventPlace> find(String eventId) {
        return jdbc.query("""
                select h.enrollment_ref,
                       (select count(*) from device_history before
                        where before.enrollment_ref = h.enrollment_ref and before.sequence_number < h.sequence_number)
                from device_history h where h.event_id = ?""",
                (rs, n) -> new EventPlace(rs.getString(1), rs.getLong(2)), eventId).stream().findFirst();
    }
}
