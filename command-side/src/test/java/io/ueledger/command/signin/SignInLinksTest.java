package io.ueledger.command.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.command.signing.LinkSigningKey;
import io.ueledger.command.signing.MutableClock;
import io.ueledger.command.signing.SignedLinks;
import io.ueledger.command.signing.SigningKeyProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignInLinksTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-03T10:00:00Z"));
    final SignedLinks signed = new SignedLinks(new LinkSigningKey(
            new SigningKeyProperties(Base64.getEncoder().encodeToString(new byte[32]), null), Path.of("data/pg")), clock);
    final SignInLinks links = new SignInLinks(signed,
            new OrganisationProperties("Example Corp", List.of("corp.example"), URI.create("https://mdm.corp.example/")),
            new SignInProperties(Duration.ofMinutes(15)));

    @Test
    void the_challenge_url_points_at_the_sign_in_page_and_names_the_enrollment_it_was_made_for() {
        String url = links.challengeUrl("enr-1");

        assertThat(url).startsWith("https://mdm.corp.example/enroll/login?enrollment=");
        assertThat(links.enrollmentRef(url.substring(url.indexOf('=') + 1))).contains("enr-1");
    }

    @Test
    void the_challenge_header_is_apples_comma_separated_bearer_challenge() {
        assertThat(links.challengeHeader("enr-1"))
                .matches("Bearer method=\"apple-as-web\", url=\"https://mdm\\.corp\\.example/enroll/login\\?enrollment=[^\"]+\"");
    }

    @Test
    void an_expired_link_names_no_enrollment() {
        String url = links.challengeUrl("enr-1");
        clock.advance(Duration.ofMinutes(16));

        assertThat(links.enrollmentRef(url.substring(url.indexOf('=') + 1))).isEmpty();
    }

    @Test
    void a_discovery_token_is_not_a_sign_in_link() {
        String discovery = signed.sign("discovery", java.util.Map.of("ref", "enr-1"), Duration.ofMinutes(15));

        assertThat(links.enrollmentRef(discovery)).isEmpty();
    }
}
