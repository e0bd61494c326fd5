package io.ueledger.command.signin.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PkceTest {

    // RFC 7636 appendix B
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void the_rfc_example_verifier_matches_its_s256_challenge() {
        assertThat(Pkce.s256(VERIFIER)).isEqualTo(CHALLENGE);
        assertThat(Pkce.verifies(CHALLENGE, "S256", VERIFIER)).isTrue();
    }

    @Test
    void a_wrong_or_missing_verifier_fails_when_a_challenge_was_sent() {
        assertThat(Pkce.verifies(CHALLENGE, "S256", VERIFIER.replace('d', 'e'))).isFalse();
        assertThat(Pkce.verifies(CHALLENGE, "S256", null)).isFalse();
        assertThat(Pkce.verifies(VERIFIER, "plain", VERIFIER)).isTrue();
    }

    @Test
    void without_a_challenge_no_verifier_is_needed_and_one_sent_anyway_is_refused() {
        assertThat(Pkce.verifies(null, null, null)).isTrue();
        assertThat(Pkce.verifies(null, null, VERIFIER)).isFalse();
    }
}
