package io.ueledger.command.signin.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OAuth2ChallengeTest {

    private static final String AUTHORIZE = "https://mdm.corp.example/enroll/oauth2/authorize?enrollment=a.b.c";
    private static final String TOKEN = "https://mdm.corp.example/mdm/oauth2/token";

    @Test
    void the_challenge_names_all_six_parameters_quoted_comma_separated_in_apples_order() {
        assertThat(OAuth2Challenge.header(AUTHORIZE, TOKEN, "ue-ledger-device", "enrollment"))
                .isEqualTo("Bearer method=\"apple-oauth2\", "
                        + "authorization-url=\"" + AUTHORIZE + "\", "
                        + "token-url=\"" + TOKEN + "\", "
                        + "redirect-url=\"apple-remotemanagement-user-login:/oauth2/redirection\", "
                        + "client-id=\"ue-ledger-device\", "
                        + "scope=\"enrollment\"");
    }

    @Test
    void the_redirect_url_uses_apples_scheme_and_a_path() {
        assertThat(OAuth2Challenge.REDIRECT_URL).startsWith("apple-remotemanagement-user-login:/").hasSizeGreaterThan(
                "apple-remotemanagement-user-login:/".length());
    }

    @Test
    void a_scope_with_spaces_stays_one_quoted_value() {
        assertThat(OAuth2Challenge.header(AUTHORIZE, TOKEN, "client", "enroll profile"))
                .endsWith(", scope=\"enroll profile\"");
    }

    @Test
    void a_value_that_would_break_the_quoting_is_a_configuration_error() {
        assertThatThrownBy(() -> OAuth2Challenge.header(AUTHORIZE, TOKEN, "evil\", method=\"apple-as-web", "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client-id");
        assertThatThrownBy(() -> OAuth2Challenge.header(AUTHORIZE, TOKEN, "client", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
    }
}
