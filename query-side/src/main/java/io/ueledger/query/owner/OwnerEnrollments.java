package io.ueledger.query.owner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The enrollments a signed-in device owner may see: those whose Managed Apple Account is the
 * owner's address, open or closed, minus closed ones past the organisation's retention period
 * ({@code ueledger.owner-view.retention}, an ISO-8601 duration; unset: kept).
 */
@Component
public class OwnerEnrollments {

    private static final Logger log = LoggerFactory.getLogger(OwnerEnrollments.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Clock clock;

    OwnerEnrollments(JdbcTemplate jdbc, @Value("${ueledger.owner-view.retention:#{null}}") Duration retention,
            Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.clock = clock;
    }

    /** The retention period of closed enrollments in the owner view; null when they are kept. */
    public Duration retention() {
        return retention;
    }

    /** The owner's enrollment references, newest first, closed ones past retention left out. */
    public List<String> of(String accountAddress) {
        return jdbc.queryForList("""
                select o.enrollment_ref from owner_enrollment o
                left join enrollment_registry r on r.enrollment_ref = o.enrollment_ref
                where o.account_sha256 = ? and (r.closed_at is null or r.closed_at > ?)
                order by o.linked_at desc, o.enrollment_ref
                """, String.class, accountHash(accountAddress), cutoffOrNever());
    }

    /** Whether this enrollment is the owner's and still within retention. */
    public boolean owns(String accountAddress, String enrollmentRef) {
        Integer n = jdbc.queryForObject("""
                select count(*) from owner_enrollment o
                left join enrollment_registry r on r.enrollment_ref = o.enrollment_ref
                where o.enrollment_ref = ? and o.account_sha256 = ? and (r.closed_at is null or r.closed_at > ?)
                """, Integer.class, enrollmentRef, accountHash(accountAddress), cutoffOrNever());
        return n != null && n > 0;
    }

    /** Ends the owner's link to closed enrollments past retention, so their history is no longer theirs to find. */
    @Scheduled(fixedDelayString = "${ueledger.owner-view.retention-check:PT1H}", initialDelayString = "PT1M")
    @Transactional
    public int forgetPastRetention() {
        Timestamp cutoff = cutoff();
        if (cutoff == null) {
            return 0;
        }
        int forgotten = jdbc.update("""
                delete from owner_enrollment o using enrollment_registry r
                where r.enrollment_ref = o.enrollment_ref and r.closed_at is not null and r.closed_at <= ?
                """, cutoff);
        if (forgotten > 0) {
            log.info("Owner view: {} closed enrollment(s) past the retention period of {} are no longer shown",
                    forgotten, retention);
        }
        return forgotten;
    }

    /** Closed before this instant: past retention. Without retention, the start of time (nothing is past it). */
    private Timestamp cutoffOrNever() {
        Timestamp cutoff = cutoff();
        return cutoff == null ? Timestamp.valueOf("1970-01-01 00:00:00") : cutoff;
    }

    private Timestamp cutoff() {
        return retention == null ? null : Timestamp.from(clock.instant().minus(retention));
    }

    /** SHA-256 (hex) of the lower-cased address: what the owner index keeps instead of the address. */
    public static String accountHash(String address) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

}
