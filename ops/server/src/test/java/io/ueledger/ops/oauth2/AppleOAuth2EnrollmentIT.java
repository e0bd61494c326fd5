package io.ueledger.ops.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.command.session.SessionTokens;
import io.ueledger.command.signin.oauth2.OAuth2Endpoints;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import io.ueledger.ops.simulator.AppleOAuth2Client;
import io.ueledger.ops.simulator.BearerChallenge;
import io.ueledger.ops.simulator.Browser;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import io.ueledger.ops.simulator.SimulationFailure;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.OwnDatabase;
import io.ueledger.ops.support.TestAccountDirectory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Apple's OAuth 2 enrollment method (SPEC.md section 4.2) with
 * {@code ueledger.enrollment.auth-method=apple-oauth2}: a simulated iPhone enrolls end to end, and
 * the authorization and token endpoints are driven hop by hop the way the device's web session and
 * OAuth client would, including what they must refuse.
 *
 * <p>Another configuration makes another application context, so this class brings its own
 * PostgreSQL and its own port; the public base URL names that port, because the challenge hands it
 * to the device.
 */
class AppleOAuth2EnrollmentIT extends IntegrationTest {

    private static final String ALICE = "alice@corp.example";
    private static final String REDIRECT = "apple-remotemanagement-user-login:/oauth2/redirection";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path DIR = OwnDatabase.tempDir("ue-ledger-oauth2-it-");
    private static final EmbeddedPostgres POSTGRES = OwnDatabase.startPostgres(DIR);
    private static final int OAUTH2_PORT = OwnDatabase.freePort();

    @DynamicPropertySource
    static void appleOAuth2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("ueledger.enrollment.auth-method", () -> "apple-oauth2");
        registry.add("server.port", () -> OAUTH2_PORT);
        registry.add("ueledger.organisation.public-base-url", () -> base());
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    OAuth2Endpoints endpoints;
    @Autowired
    SessionTokens sessionTokens;
    @Autowired
    ServerPki pki;

    TestAccountDirectory directory;

    @BeforeEach
    void aliceHasAnActiveManagedAppleAccount() {
        directory = new TestAccountDirectory(jdbc);
        directory.put(ALICE, true);
    }

    @Test
    void an_iphone_enrolls_end_to_end_with_apples_oauth2_method() {
        SimulatedDevice device = SimulatedDevice.create(URI.create(base()),
                DeviceSpec.of(Platform.IOS, "18.2", ALICE, "alice-demo"), pki.simulatedDeviceCa());

        device.enroll();

        assertThat(device.isEnrolled()).isTrue();
        assertThat(device.challenge()).matches("Bearer method=\"apple-oauth2\", "
                + "authorization-url=\"" + base() + "/enroll/oauth2/authorize\\?enrollment=[A-Za-z0-9_.-]+\", "
                + "token-url=\"" + base() + "/mdm/oauth2/token\", "
                + "redirect-url=\"apple-remotemanagement-user-login:/oauth2/redirection\", "
                + "client-id=\"ue-ledger-device\", "
                + "scope=\"enrollment\"");
        String ref = jdbc.queryForObject("select aggregateidentifier from domainevententry where payloadtype like "
                + "'%DeviceAuthenticated' and convert_from(payload, 'UTF8') like ?", String.class,
                "%" + device.enrollmentId() + "%");
        assertThat(eventTypes(ref)).containsExactly("EnrollmentRequested", "EnrollmentChallenged",
                "UserAuthenticated", "SessionTokenIssued", "EnrollmentProfileDelivered", "IdentityCertificateIssued",
                "DeviceAuthenticated", "PushTokenUpdated", "DeviceEnrolled", "ManagedDataKeysCreated");
        assertThat(payloadOf(ref, "EnrollmentChallenged")).contains("\"APPLE_OAUTH2\"");

        device.refreshAccessToken();

        assertThat(eventTypes(ref)).endsWith("ManagedDataKeysCreated", "SessionTokenIssued");
        assertThat(device.poll()).as("the refreshed token is sent as Bearer and the device stays managed").isEmpty();
        assertThat(device.isEnrolled()).isTrue();
    }

    @Test
    void an_expired_token_at_authenticate_is_challenged_with_apple_oauth2_not_the_web_method() {
        SimulatedDevice device = SimulatedDevice.create(URI.create(base()),
                DeviceSpec.of(Platform.IOS, "18.2", ALICE, "alice-demo"), pki.simulatedDeviceCa());
        device.enroll();
        String ref = jdbc.queryForObject("select aggregateidentifier from domainevententry where payloadtype like "
                + "'%DeviceAuthenticated' and convert_from(payload, 'UTF8') like ?", String.class,
                "%" + device.enrollmentId() + "%");
        // the access token's hour is over
        jdbc.update("update session_token set expires_at = now() - interval '1 second' where enrollment_ref = ?", ref);

        HttpResponse<byte[]> response = device.authenticate();

        assertThat(response.statusCode()).isEqualTo(401);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer method=\"apple-oauth2\", authorization-url=\"" + base()
                + "/enroll/oauth2/authorize?enrollment=");
        assertThat(challenge).contains("token-url=\"" + base() + "/mdm/oauth2/token\"")
                .contains("client-id=\"ue-ledger-device\"").doesNotContain("apple-as-web");
    }

    @Test
    void the_sign_in_records_the_user_and_ends_in_a_308_with_a_code_and_the_state_untouched() {
        String ref = newEnrollment();
        AppleOAuth2Client client = clientFor(ref);
        String state = "s p/a?c=e&ü" + UUID.randomUUID();

        HttpResponse<String> last = signIn(client.authorizationRequest(state, ALICE), ALICE, "alice-demo");

        assertThat(last.statusCode()).isEqualTo(308);
        Map<String, String> redirect = client.redirectParameters(last);
        assertThat(redirect.get("state")).isEqualTo(state);
        assertThat(redirect.get("code")).matches("[A-Za-z0-9_-]{43}");
        assertThat(eventTypes(ref)).endsWith("UserAuthenticated").doesNotContain("SessionTokenIssued");
        assertThat(payloadOf(ref, "UserAuthenticated")).as("the account is stored encrypted with the enrollment's key")
                .contains("enc:v1:").doesNotContain(ALICE);
        assertThat(jdbc.queryForObject("select count(*) from oauth2_authorization_code where code_hash = ?",
                Long.class, SessionTokens.hash(redirect.get("code")))).as("stored hashed").isEqualTo(1);

        HttpResponse<String> exchanged = client.token(codeExchange(redirect.get("code")));

        assertThat(exchanged.statusCode()).isEqualTo(200);
        assertThat(exchanged.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(exchanged.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode tokens = json(exchanged);
        assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.path("scope").asText()).isEqualTo("enrollment");
        assertThat(tokens.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(tokens.path("refresh_token").asText()).matches("[A-Za-z0-9_-]{43}");
        var valid = (SessionTokens.Verification.Valid) sessionTokens.verify(tokens.path("access_token").asText());
        assertThat(valid.enrollmentRef()).isEqualTo(ref);
        assertThat(valid.managedAppleAccount()).isEqualTo(ALICE);
        assertThat(eventTypes(ref)).endsWith("UserAuthenticated", "SessionTokenIssued");
        assertThat(allPayloads(ref)).doesNotContain(tokens.path("access_token").asText(), redirect.get("code"),
                tokens.path("refresh_token").asText());
    }

    @Test
    void a_code_works_once_and_its_replay_revokes_what_it_gave() {
        String ref = newEnrollment();
        AppleOAuth2Client client = clientFor(ref);
        String code = codeFor(client);
        JsonNode first = json(client.token(codeExchange(code)));
        String accessToken = first.path("access_token").asText();

        HttpResponse<String> replay = client.token(codeExchange(code));

        assertError(replay, 400, "invalid_grant", "already used");
        assertThat(sessionTokens.verify(accessToken)).isInstanceOf(SessionTokens.Verification.Unknown.class);
        assertError(client.token(Map.of("grant_type", "refresh_token", "refresh_token",
                first.path("refresh_token").asText(), "client_id", "ue-ledger-device")), 400, "invalid_grant", "");
        assertThat(count(ref, "SessionTokenIssued")).isEqualTo(1);
    }

    @Test
    void a_code_is_refused_with_another_redirect_uri() {
        String ref = newEnrollment();
        AppleOAuth2Client client = clientFor(ref);
        String code = codeFor(client);

        HttpResponse<String> refused = client.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", "apple-remotemanagement-user-login:/elsewhere", "client_id", "ue-ledger-device"));

        assertError(refused, 400, "invalid_grant", "redirect_uri");
        assertThat(count(ref, "SessionTokenIssued")).isZero();
    }

    @Test
    void a_code_is_refused_for_another_client_or_none() {
        String ref = newEnrollment();
        AppleOAuth2Client client = clientFor(ref);
        String code = codeFor(client);

        assertError(client.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", "another-app")), 401, "invalid_client", "another-app");
        assertError(client.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT)),
                401, "invalid_client", "client_id");
        assertThat(count(ref, "SessionTokenIssued")).isZero();
    }

    @Test
    void an_expired_code_is_refused() {
        String ref = newEnrollment();
        AppleOAuth2Client client = clientFor(ref);
        String code = codeFor(client);
        // test setup: the code outlived its two minutes
        jdbc.update("update oauth2_authorization_code set expires_at = now() - interval '1 second' "
                + "where code_hash = ?", SessionTokens.hash(code));

        assertError(client.token(codeExchange(code)), 400, "invalid_grant", "expired");
        assertThat(count(ref, "SessionTokenIssued")).isZero();
    }

    @Test
    void a_refresh_silently_gives_a_new_access_token_and_the_ledger_records_it() {
        String ref = newEnrollment();
        AppleOAuth2Client client = clientFor(ref);
        AppleOAuth2Client.Tokens tokens = client.signIn(ALICE, "alice-demo");

        AppleOAuth2Client.Tokens refreshed = client.refresh(tokens);

        assertThat(refreshed.accessToken()).isNotEqualTo(tokens.accessToken());
        assertThat(refreshed.expiresIn()).isEqualTo(3600);
        var valid = (SessionTokens.Verification.Valid) sessionTokens.verify(refreshed.accessToken());
        assertThat(valid.enrollmentRef()).isEqualTo(ref);
        assertThat(count(ref, "SessionTokenIssued")).isEqualTo(2);
        assertThat(eventTypes(ref)).endsWith("UserAuthenticated", "SessionTokenIssued", "SessionTokenIssued");
    }

    @Test
    void a_refresh_after_the_account_was_deactivated_is_refused() {
        String ref = newEnrollment();
        AppleOAuth2Client client = clientFor(ref);
        AppleOAuth2Client.Tokens tokens = client.signIn(ALICE, "alice-demo");
        directory.put(ALICE, false);

        try {
            assertThatRefused(() -> client.refresh(tokens), "no longer active");
        } finally {
            directory.put(ALICE, true);
        }
        assertThat(count(ref, "SessionTokenIssued")).isEqualTo(1);
        assertThatRefused(() -> client.refresh(tokens), "not valid");
    }

    @Test
    void cancelling_records_the_failure_and_issues_no_code() {
        String ref = newEnrollment();
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.get(clientFor(ref).authorizationRequest("st", ALICE));
        assertThat(Browser.html(consent).text()).contains("Example Corp will not be able to", "Work account: " + ALICE);

        HttpResponse<String> cancelled = browser.submit(consent, "/enroll/login/cancel", Map.of());

        assertThat(cancelled.statusCode()).isEqualTo(403);
        assertThat(cancelled.headers().firstValue("Location")).isEmpty();
        assertThat(Browser.html(cancelled).getElementById("message").text()).contains("You cancelled the enrollment");
        assertThat(eventTypes(ref)).endsWith("UserAuthenticationFailed").doesNotContain("UserAuthenticated");
        assertThat(jdbc.queryForObject("select count(*) from oauth2_authorization_code where enrollment_ref = ?",
                Long.class, ref)).isZero();
    }

    @Test
    void pkce_is_verified_when_the_device_sends_it() {
        String ref = newEnrollment();
        AppleOAuth2Client client = clientFor(ref);
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        String withPkce = client.authorizationRequest("st", ALICE)
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

        String wrongAttempt = client.redirectParameters(signIn(withPkce, ALICE, "alice-demo")).get("code");
        Map<String, String> wrong = new java.util.HashMap<>(codeExchange(wrongAttempt));
        wrong.put("code_verifier", verifier.replace('d', 'e'));
        assertError(client.token(wrong), 400, "invalid_grant", "code_verifier");

        String code = client.redirectParameters(signIn(withPkce, ALICE, "alice-demo")).get("code");
        Map<String, String> right = new java.util.HashMap<>(codeExchange(code));
        right.put("code_verifier", verifier);
        assertThat(client.token(right).statusCode()).isEqualTo(200);
    }

    @Test
    void malformed_token_requests_get_rfc_6749_errors_and_change_nothing() {
        AppleOAuth2Client client = clientFor(newEnrollment());

        assertError(client.token(Map.of("grant_type", "password", "username", ALICE, "password", "alice-demo")),
                400, "unsupported_grant_type", "password");
        assertError(client.token(Map.of("client_id", "ue-ledger-device")), 400, "invalid_request", "grant_type");
        assertError(client.token(Map.of("grant_type", "authorization_code", "client_id", "ue-ledger-device")),
                400, "invalid_request", "code");
        assertError(client.token(Map.of("grant_type", "authorization_code", "code", "forged", "client_id",
                "ue-ledger-device", "redirect_uri", REDIRECT)), 400, "invalid_grant", "not valid");
    }

    @Test
    void an_authorization_request_for_another_client_or_redirect_gets_a_page_never_a_redirect() {
        String ref = newEnrollment();
        String url = clientFor(ref).authorizationRequest("st", ALICE);
        Browser browser = new Browser();

        HttpResponse<String> otherClient = browser.get(url.replace("client_id=ue-ledger-device", "client_id=evil"));
        HttpResponse<String> otherRedirect = browser.get(url.replace("redirect_uri=", "redirect_uri=https%3A%2F%2Fevil.example%2F&x="));
        HttpResponse<String> implicit = browser.get(url.replace("response_type=code", "response_type=token"));

        assertThat(otherClient.statusCode()).isEqualTo(400);
        assertThat(otherClient.headers().firstValue("Location")).isEmpty();
        assertThat(Browser.html(otherClient).getElementById("message").text()).contains("unknown client");
        assertThat(otherRedirect.statusCode()).isEqualTo(400);
        assertThat(otherRedirect.headers().firstValue("Location")).isEmpty();
        assertThat(implicit.statusCode()).isEqualTo(308);
        assertThat(implicit.headers().firstValue("Location").orElseThrow())
                .startsWith(REDIRECT + "?error=unsupported_response_type&").endsWith("&state=st");
        assertThat(eventTypes(ref)).containsExactly("EnrollmentRequested", "EnrollmentChallenged");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** What the first enrollment POST does before it answers with the apple-oauth2 401. */
    private String newEnrollment() {
        String ref = "enr-" + UUID.randomUUID();
        commands.sendAndWait(new RequestEnrollment(ref, "corp.example", "iPhone", Platform.IOS, "iPhone17,2", "18.2",
                "22C161", "en-US", "CN=Apple iPhone Device", "digest", AuthMethod.APPLE_OAUTH2, Instant.now()));
        return ref;
    }

    private AppleOAuth2Client clientFor(String ref) {
        return new AppleOAuth2Client(BearerChallenge.parse(endpoints.challengeHeader(ref)), HttpClient.newHttpClient());
    }

    private String codeFor(AppleOAuth2Client client) {
        return client.redirectParameters(signIn(client.authorizationRequest("st", ALICE), ALICE, "alice-demo"))
                .get("code");
    }

    /** The consent page, "Continue", the provider's login form: what the device owner does. */
    private static HttpResponse<String> signIn(String authorizationRequest, String user, String password) {
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.get(authorizationRequest);
        HttpResponse<String> login = browser.follow(browser.submit(consent, "/enroll/login/continue", Map.of()));
        return browser.follow(browser.submit(login, "/idp/login", Map.of("username", user, "password", password)));
    }

    private static Map<String, String> codeExchange(String code) {
        return Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "client_id",
                "ue-ledger-device");
    }

    private static void assertError(HttpResponse<String> response, int status, String error, String inDescription) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("error_description").asText()).contains(inDescription);
    }

    private static void assertThatRefused(Runnable refresh, String inBody) {
        try {
            refresh.run();
        } catch (SimulationFailure e) {
            assertThat(e.getMessage()).contains("answered 400", "invalid_grant", inBody);
            return;
        }
        throw new AssertionError("the refresh was not refused");
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private List<String> eventTypes(String ref) {
        return jdbc.queryForList("select payloadType from domainevententry where aggregateIdentifier = ? "
                        + "order by sequenceNumber", String.class, ref).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private long count(String ref, String eventType) {
        return eventTypes(ref).stream().filter(eventType::equals).count();
    }

    private String payloadOf(String ref, String eventType) {
        return new String(jdbc.queryForObject("select payload from domainevententry where aggregateIdentifier = ? "
                + "and payloadType like ? order by sequenceNumber limit 1", byte[].class, ref, "%." + eventType),
                StandardCharsets.UTF_8);
    }

    private String allPayloads(String ref) {
        return String.join("\n", jdbc.queryForList("select payload from domainevententry where aggregateIdentifier = ?",
                byte[].class, ref).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    }

    private static String base() {
        return "http://127.0.0.1:" + OAUTH2_PORT;
    }
}
