package io.ueledger.ops.idp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.command.organisation.OrganisationProperties;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.WebAttributes;
import org.springframework.ui.ExtendedModelMap;

class BuiltInIdpLoginPageTest {

    private final BuiltInIdpLoginPage page = new BuiltInIdpLoginPage(
            new OrganisationProperties("Example Corp", List.of("corp.example"), URI.create("http://localhost:8080")));

    @Test
    void a_wrong_password_reads_as_a_wrong_password() {
        ExtendedModelMap model = afterFailure(new BadCredentialsException("Bad credentials"));

        assertThat(model.get("failed")).isEqualTo(true);
        assertThat(model.get("busy")).isEqualTo(false);
    }

    @Test
    void a_check_refused_because_every_hashing_slot_was_busy_asks_to_try_again_not_to_retype() {
        ExtendedModelMap model = afterFailure(
                new AuthenticationServiceException("The server is busy checking passwords; try again shortly"));

        assertThat(model.get("failed")).isEqualTo(false);
        assertThat(model.get("busy")).isEqualTo(true);
    }

    @Test
    void the_first_visit_shows_no_message() {
        ExtendedModelMap model = new ExtendedModelMap();
        page.login(null, new MockHttpServletRequest(), new MockHttpServletResponse(), model);

        assertThat(model.get("failed")).isEqualTo(false);
        assertThat(model.get("busy")).isEqualTo(false);
    }

    private ExtendedModelMap afterFailure(Exception failure) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.getSession(true).setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, failure);
        ExtendedModelMap model = new ExtendedModelMap();
        page.login("", request, new MockHttpServletResponse(), model);
        return model;
    }
}
