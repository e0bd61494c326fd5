package io.ueledger.ops.security;

import io.ueledger.ops.passwords.PasswordChecks;
import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.ops.support.IntegrationTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** A client guessing a staff password over HTTP Basic is locked out, and the lock-out is an event in the store. */
class PasswordLockoutIT extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void repeated_wrong_passwords_lock_the_client_out_and_the_lockout_is_recorded_as_an_event() {
        // a user name of its own: the lock-out is per client and user, so other tests' admin is untouched
        String user = "guesser-" + System.nanoTime();
        for (int i = 0; i < PasswordChecks.FREE_FAILURES; i++) {
            assertThat(http.withBasicAuth(user, "wrong-" + i).getForEntity("/api/admin/accounts", String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        var locked = http.withBasicAuth(user, "still-wrong").getForEntity("/api/admin/accounts", String.class);
        assertThat(locked.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select convert_from(payload, 'UTF8') from domainevententry where payloadtype = ?", String.class,
                "io.ueledger.kernel.staff.PasswordSignInLockedOut"))
                .anySatisfy(payload -> assertThat(payload).contains("as '" + user + "'")
                        .contains("\"failuresInARow\":" + PasswordChecks.FREE_FAILURES)));
    }
}
