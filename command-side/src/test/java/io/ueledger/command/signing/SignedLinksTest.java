package io.ueledger.command.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedLinksTest {

    static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-03T10:00:00Z"));
    final SignedLinks links = new SignedLinks(
            new LinkSigningKey(new SigningKeyProperties(SECRET, null), Path.of("data/postgres")), clock);

    @Test
    void a_fresh_link_carries_its_claims_and_issue_time() {
        String token = links.sign("discovery", Map.of("dom", "corp.example"), Duration.ofMinutes(15));

        SignedLinks.Verification result = links.verify("discovery", token);

        assertThat(result).isInstanceOf(SignedLinks.Verification.Valid.class);
        assertThat(((SignedLinks.Verification.Valid) result).string("dom")).isEqualTo("corp.example");
        assertThat(((SignedLinks.Verification.Valid) result).issuedAt()).isEqualTo(clock.instant());
    }

    @Test
    void a_link_is_refused_once_it_has_expired() {
        String token = links.sign("discovery", Map.of(), Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));

        assertThat(links.verify("discovery", token))
                .isEqualTo(new SignedLinks.Verification.Refused("token expired at 2026-03-03T10:15:00Z"));
    }

    @Test
    void a_link_made_for_one_step_is_worthless_at_another() {
        String token = links.sign("discovery", Map.of(), Duration.ofMinutes(15));

        assertThat(links.verify("sign-in", token))
                .isEqualTo(new SignedLinks.Verification.Refused("token was issued for another purpose"));
    }

    @Test
    void a_link_signed_with_another_key_or_tampered_with_is_refused() {
        String other = Base64.getEncoder().encodeToString("another-server-another-secret-32".getBytes());
        SignedLinks otherServer = new SignedLinks(
                new LinkSigningKey(new SigningKeyProperties(other, null), Path.of("data/postgres")), clock);
        String foreign = otherServer.sign("discovery", Map.of("dom", "corp.example"), Duration.ofMinutes(15));
        String[] parts = links.sign("discovery", Map.of("dom", "corp.example"), Duration.ofMinutes(15)).split("\\.");
        String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"pur\":\"discovery\",\"dom\":\"evil.example\",\"exp\":9999999999}".getBytes());

        assertThat(links.verify("discovery", foreign)).isInstanceOf(SignedLinks.Verification.Refused.class);
        assertThat(links.verify("discovery", parts[0] + "." + tamperedPayload + "." + parts[2]))
                .isInstanceOf(SignedLinks.Verification.Refused.class);
        assertThat(links.verify("discovery", "garbage"))
                .isEqualTo(new SignedLinks.Verification.Refused("token is malformed"));
        assertThat(links.verify("discovery", null)).isEqualTo(new SignedLinks.Verification.Refused("no token"));
    }

    @Test
    void without_a_configured_secret_one_is_generated_once_and_reused(@TempDir Path dataDir) {
        Path keyFile = dataDir.resolve("keys/link-signing.key");
        SignedLinks first = new SignedLinks(new LinkSigningKey(new SigningKeyProperties(null, keyFile), dataDir), clock);
        String token = first.sign("sign-in", Map.of("ref", "e1"), Duration.ofMinutes(5));

        SignedLinks afterRestart = new SignedLinks(
                new LinkSigningKey(new SigningKeyProperties(null, keyFile), dataDir), clock);

        assertThat(keyFile).exists();
        assertThat(afterRestart.verify("sign-in", token)).isInstanceOf(SignedLinks.Verification.Valid.class);
    }
}
