package io.ueledger.ops.owner;

import io.ueledger.query.owner.OwnerEnrollments;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Device owners' e-mail subscriptions: on when the owner asks for it on their page, off when they
 * ask again. Offered only when the organisation configured an SMTP server ({@code spring.mail.host});
 * without one the page says so and nothing is stored.
 */
@Component
class OwnerNotifications {

    private static final Logger log = LoggerFactory.getLogger(OwnerNotifications.class);

    private final JdbcTemplate jdbc;
    private final ObjectProvider<JavaMailSender> mail;
    private final Clock clock;

    OwnerNotifications(JdbcTemplate jdbc, ObjectProvider<JavaMailSender> mail, Clock clock) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.clock = clock;
    }

    boolean offered() {
        return mail.getIfAvailable() != null;
    }

    boolean subscribed(DeviceOwner owner) {
        Integer n = jdbc.queryForObject("select count(*) from owner_subscription where account_sha256 = ?",
                Integer.class, OwnerEnrollments.accountHash(owner.address()));
        return n != null && n > 0;
    }

    void subscribe(DeviceOwner owner) {
        jdbc.update("""
                insert into owner_subscription (account_sha256, email, subscribed_at) values (?, ?, ?)
                on conflict (account_sha256) do nothing
                """, OwnerEnrollments.accountHash(owner.address()), owner.address(), Timestamp.from(clock.instant()));
        log.info("Owner view: an owner subscribed to e-mails about their devices");
    }

    void unsubscribe(DeviceOwner owner) {
        jdbc.update("delete from owner_subscription where account_sha256 = ?",
                OwnerEnrollments.accountHash(owner.address()));
        log.info("Owner view: an owner unsubscribed from e-mails about their devices");
    }

    /** The subscribed addresses of an enrollment's owner, if they subscribed before {@code since}. */
    List<String> recipients(String enrollmentRef, java.time.Instant eventTime) {
        return jdbc.queryForList("""
                select s.email from owner_subscription s
                join owner_enrollment o on o.account_sha256 = s.account_sha256
                where o.enrollment_ref = ? and s.subscribed_at <= ?
                """, String.class, enrollmentRef, Timestamp.from(eventTime));
    }
}
