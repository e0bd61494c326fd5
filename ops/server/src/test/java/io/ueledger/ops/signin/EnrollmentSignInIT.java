package io.ueledger.ops.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.command.session.SessionTokens;
import io.ueledger.command.signin.SignInLinks;
import io.ueledger.ops.simulator.Browser;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.TestAccountDirectory;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The device owner's web sign-in, driven through the real HTML forms of the sign-in page and the
 * built-in OpenID Connect provider, hop by hop, the way the device's web session would.
 */
class EnrollmentSignInIT extends IntegrationTest {

    static final String CALLBACK = "apple-remotemanagement-user-login://authentication-results?access-token=";
    static final String ALICE = "alice@corp.example";
    static final String BOB = "bob@corp.example";
    static final String DANA = "dana@corp.example";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    SignInLinks signInLinks;
    @Autowired
    SessionTokens sessionTokens;

    Browser browser;
    String enrollmentRef;

    @BeforeEach
    void anEnrollmentWaitingForItsUser() {
        TestAccountDirectory directory = new TestAccountDirectory(jdbc);
        directory.put(ALICE, true);
        directory.put(BOB, false);
        directory.remove(DANA);
        browser = new Browser();
        // What the enrollment POST does before it answers with the 401 challenge.
        enrollmentRef = ScriptedEnrollment.iPhone(commands, ALICE).request().ref;
    }

    @Test
    void signing_in_as_an_active_managed_apple_account_ends_in_a_308_with_a_token_the_server_accepts() {
        HttpResponse<String> explained = openChallengeUrl(ALICE);
        assertThat(explained.statusCode()).isEqualTo(200);
        String page = Browser.html(explained).text();
        assertThat(page).contains("Example Corp will be able to", "Example Corp will not be able to",
                "see where your device is", "erase your whole device", "remove work data only",
                "keychain items", "Work account: " + ALICE);
        // the owner learns before signing in where to check afterwards what was done on the device
        assertThat(Browser.html(explained).getElementById("owner-view-link").attr("href")).endsWith("/my");

        HttpResponse<String> login = browser.follow(browser.submit(explained, "/enroll/login/continue", Map.of()));
        assertThat(login.uri().getPath()).isEqualTo("/idp/login");
        assertThat(Browser.html(login).getElementById("username").attr("value")).isEqualTo(ALICE);

        HttpResponse<String> last = browser.follow(
                browser.submit(login, "/idp/login", Map.of("username", ALICE, "password", "alice-demo")));

        assertThat(last.statusCode()).isEqualTo(308);
        String location = last.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK);
        URI callback = URI.create(location);
        assertThat(callback.getScheme()).isEqualTo("apple-remotemanagement-user-login");
        assertThat(callback.getHost()).isEqualTo("authentication-results");
        String token = location.substring(CALLBACK.length());
        assertThat(token).matches("[A-Za-z0-9_-]{43}");

        SessionTokens.Verification verified = sessionTokens.verify(token);
        assertThat(verified).isInstanceOf(SessionTokens.Verification.Valid.class);
        var valid = (SessionTokens.Verification.Valid) verified;
        assertThat(valid.enrollmentRef()).isEqualTo(enrollmentRef);
        assertThat(valid.managedAppleAccount()).isEqualTo(ALICE);
        assertThat(sessionTokens.verify(token + "x")).isInstanceOf(SessionTokens.Verification.Unknown.class);

        assertThat(eventTypes()).endsWith("UserAuthenticated", "SessionTokenIssued");
        assertThat(allPayloads()).contains(SessionTokens.hash(token)).doesNotContain(token);
        assertThat(jdbc.queryForObject("select count(*) from session_token where enrollment_ref = ?", Long.class,
                enrollmentRef)).isEqualTo(1);
    }

    @Test
    void a_wrong_password_shows_the_login_page_again_and_issues_nothing() {
        HttpResponse<String> login = browser.follow(
                browser.submit(openChallengeUrl(ALICE), "/enroll/login/continue", Map.of()));

        HttpResponse<String> again = browser.follow(
                browser.submit(login, "/idp/login", Map.of("username", ALICE, "password", "wrong")));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.uri().getPath()).isEqualTo("/idp/login");
        assertThat(Browser.html(again).getElementById("error").text()).contains("do not match");
        assertThat(Browser.html(again).getElementById("username").attr("value")).isEqualTo(ALICE);
        assertThat(eventTypes()).doesNotContain("UserAuthenticated", "SessionTokenIssued");
        assertNoToken();
    }

    @Test
    void cancelling_records_the_failure_and_issues_no_token() {
        HttpResponse<String> cancelled = browser.submit(openChallengeUrl(ALICE), "/enroll/login/cancel", Map.of());

        assertThat(cancelled.statusCode()).isEqualTo(HttpStatus.FORBIDDEN.value());
        assertThat(Browser.html(cancelled).getElementById("message").text()).contains("You cancelled the enrollment");
        assertThat(eventTypes()).endsWith("UserAuthenticationFailed").doesNotContain("SessionTokenIssued");
        assertThat(allPayloads()).contains("the device owner cancelled the sign-in");
        assertNoToken();
    }

    @Test
    void an_identity_without_a_managed_apple_account_is_refused_when_federation_is_off() {
        HttpResponse<String> last = signInAs(DANA, "dana-demo");

        assertThat(last.statusCode()).isEqualTo(403);
        assertThat(Browser.html(last).getElementById("message").text())
                .isEqualTo("You signed in as dana@corp.example, which is not a work account of Example Corp. "
                        + "Ask your IT department to set up your work account.");
        assertThat(eventTypes()).endsWith("UserAuthenticationFailed").doesNotContain("UserAuthenticated");
        assertThat(allPayloads()).contains("not a Managed Apple Account of the organisation");
        assertNoToken();
    }

    @Test
    void a_deactivated_account_is_refused() {
        HttpResponse<String> last = signInAs(BOB, "bob-demo");

        assertThat(last.statusCode()).isEqualTo(403);
        assertThat(Browser.html(last).getElementById("message").text()).contains("is deactivated");
        assertThat(eventTypes()).endsWith("UserAuthenticationFailed");
        assertNoToken();
    }

    @Test
    void signing_in_as_another_account_than_the_device_is_enrolling_is_refused() {
        HttpResponse<String> login = browser.follow(
                browser.submit(openChallengeUrl("someone.else@corp.example"), "/enroll/login/continue", Map.of()));
        HttpResponse<String> last = browser.follow(
                browser.submit(login, "/idp/login", Map.of("username", ALICE, "password", "alice-demo")));

        assertThat(last.statusCode()).isEqualTo(403);
        assertThat(Browser.html(last).getElementById("message").text())
                .contains("but this device is enrolling someone.else@corp.example");
        assertNoToken();
    }

    @Test
    void an_error_from_the_identity_provider_is_recorded_and_ends_the_sign_in() {
        HttpResponse<String> toProvider = browser.submit(openChallengeUrl(ALICE), "/enroll/login/continue", Map.of());
        HttpResponse<String> authorize = browser.get(toProvider.uri()
                .resolve(toProvider.headers().firstValue("Location").orElseThrow()).toString());
        URI authorizeRequest = URI.create(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(authorizeRequest.getQuery()).contains("login_hint=" + ALICE, "code_challenge=");
        String state = query(authorizeRequest, "state");

        HttpResponse<String> failed = browser.get(base() + "/login/oauth2/code/builtin?error=access_denied&state="
                + state);

        assertThat(failed.statusCode()).isEqualTo(401);
        assertThat(Browser.html(failed).getElementById("message").text()).contains("Signing in did not work");
        assertThat(allPayloads()).contains("access_denied");
        assertNoToken();
    }

    @Test
    void a_forged_sign_in_link_is_a_400_page_and_changes_nothing() {
        HttpResponse<String> page = browser.get(base() + "/enroll/login?enrollment=forged.link.value&user-identifier="
                + ALICE);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(Browser.html(page).getElementById("message").text()).contains("not valid or has expired");
        assertThat(eventTypes()).containsExactly("EnrollmentRequested", "EnrollmentChallenged");
    }

    @Test
    void a_device_owner_signed_in_at_the_provider_is_not_an_admin() {
        signInAs(ALICE, "alice-demo");
        assertThat(browser.get(base() + "/api/admin/accounts").statusCode()).isEqualTo(401);
        assertThat(http.getForEntity("/api/admin/accounts", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private HttpResponse<String> signInAs(String email, String password) {
        HttpResponse<String> login = browser.follow(
                browser.submit(openChallengeUrl(email), "/enroll/login/continue", Map.of()));
        return browser.follow(browser.submit(login, "/idp/login", Map.of("username", email, "password", password)));
    }

    /** The 401 challenge's url as the device opens it: on this test server, with user-identifier appended. */
    private HttpResponse<String> openChallengeUrl(String userIdentifier) {
        URI challenge = URI.create(signInLinks.challengeUrl(enrollmentRef));
        return browser.get(base() + challenge.getRawPath() + "?" + challenge.getRawQuery() + "&user-identifier="
                + userIdentifier);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private List<String> eventTypes() {
        return jdbc.queryForList("select payloadType from domainevententry where aggregateIdentifier = ? "
                        + "order by sequenceNumber", String.class, enrollmentRef).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private String allPayloads() {
        return String.join("\n", jdbc.queryForList("select payload from domainevententry where aggregateIdentifier = ?",
                byte[].class, enrollmentRef).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    }

    private void assertNoToken() {
        assertThat(jdbc.queryForObject("select count(*) from session_token where enrollment_ref = ?", Long.class,
                enrollmentRef)).isZero();
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " not in " + uri);
    }
}
