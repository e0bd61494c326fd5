package io.ueledger.ops.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.command.session.SessionTokens;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class SessionTokensIT extends IntegrationTest {

    @Autowired
    SessionTokens tokens;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    String enrollmentRef;

    @BeforeEach
    void anEnrollment() {
        enrollmentRef = ScriptedEnrollment.device(commands, "carla@corp.example", Platform.IPADOS, "iPad16,3", "17.5")
                .request().ref;
    }

    @Test
    void an_issued_token_is_valid_for_its_enrollment_and_account_and_expires_after_an_hour() {
        signIn("carla@corp.example");
        Instant before = Instant.now();

        SessionTokens.IssuedToken issued = tokens.issue(enrollmentRef, "carla@corp.example");

        assertThat(tokens.verify(issued.token())).isEqualTo(
                new SessionTokens.Verification.Valid(issued.tokenId(), enrollmentRef, "carla@corp.example"));
        assertThat(issued.expiresAt()).isBetween(before.plus(Duration.ofMinutes(59)), before.plus(Duration.ofMinutes(61)));
        assertThat(jdbc.queryForObject("select token_hash from session_token where token_id = ?", String.class,
                issued.tokenId())).isEqualTo(SessionTokens.hash(issued.token())).isNotEqualTo(issued.token());
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void a_token_past_its_expiry_is_reported_expired_and_a_revoked_one_unknown() {
        signIn("carla@corp.example");
        SessionTokens.IssuedToken issued = tokens.issue(enrollmentRef, "carla@corp.example");
        jdbc.update("update session_token set expires_at = now() - interval '1 second' where token_id = ?",
                issued.tokenId());

        assertThat(tokens.verify(issued.token()))
                .isEqualTo(new SessionTokens.Verification.Expired(issued.tokenId(), enrollmentRef));

        assertThat(tokens.revokeAll(enrollmentRef)).isEqualTo(1);
        assertThat(tokens.verify(issued.token())).isInstanceOf(SessionTokens.Verification.Unknown.class);
        assertThat(tokens.verify("")).isInstanceOf(SessionTokens.Verification.Unknown.class);
    }

    @Test
    void no_token_row_survives_when_the_enrollment_refuses_the_token() {
        assertThatThrownBy(() -> tokens.issue(enrollmentRef, "carla@corp.example"))
                .isInstanceOf(EnrollmentRuleViolation.class)
                .hasMessageContaining("no session token before the user has signed in");

        assertThat(jdbc.queryForObject("select count(*) from session_token where enrollment_ref = ?", Long.class,
                enrollmentRef)).isZero();
    }

    private void signIn(String account) {
        commands.sendAndWait(new RecordUserAuthentication(enrollmentRef, "builtin", "sub-" + account, account,
                Instant.now()));
    }
}
