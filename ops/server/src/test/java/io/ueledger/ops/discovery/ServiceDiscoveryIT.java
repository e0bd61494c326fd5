package io.ueledger.ops.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.command.discovery.DiscoveryTokens;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.TestAccountDirectory;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

class ServiceDiscoveryIT extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DiscoveryTokens discoveryTokens;
    @Autowired
    ObjectMapper json;

    TestAccountDirectory directory;
    String active;
    String deactivated;

    @BeforeEach
    void accounts() {
        directory = new TestAccountDirectory(jdbc);
        active = "ann." + UUID.randomUUID() + "@corp.example";
        deactivated = "ben." + UUID.randomUUID() + "@corp.example";
        directory.put(active, true);
        directory.put(deactivated, false);
    }

    @Test
    void an_active_account_gets_one_byod_server_whose_base_url_carries_a_verifiable_token() throws Exception {
        ResponseEntity<String> response = discover(active.toUpperCase(), "iPhone");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        JsonNode servers = json.readTree(response.getBody()).get("Servers");
        assertThat(servers).hasSize(1);
        assertThat(servers.get(0).get("Version").asText()).isEqualTo("mdm-byod");
        String baseUrl = servers.get(0).get("BaseURL").asText();
        assertThat(baseUrl).startsWith("http://127.0.0.1:" + PORT + "/mdm/enroll/");

        DiscoveryTokens.Verification verified = discoveryTokens.verify(baseUrl.substring(baseUrl.lastIndexOf('/') + 1));
        assertThat(verified).isInstanceOf(DiscoveryTokens.Verification.Valid.class);
        var token = ((DiscoveryTokens.Verification.Valid) verified).token();
        assertThat(token.userIdentifierDomain()).isEqualTo("corp.example");
        assertThat(token.modelFamily()).isEqualTo("iPhone");
        assertThat(token.isFor(active)).isTrue();
        assertThat(token.isFor(deactivated)).isFalse();
        assertThat(baseUrl).doesNotContain(active);
    }

    @Test
    void a_forged_or_tampered_base_url_token_is_refused() {
        String baseUrl = discover(active, "iPad").getBody().replaceAll(".*/mdm/enroll/([^\"]+)\".*", "$1");
        String tampered = baseUrl.substring(0, baseUrl.length() - 3) + (baseUrl.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(discoveryTokens.verify(tampered)).isInstanceOf(DiscoveryTokens.Verification.Refused.class);
        assertThat(discoveryTokens.verify("not-a-token")).isInstanceOf(DiscoveryTokens.Verification.Refused.class);
    }

    @Test
    void an_unknown_domain_is_refused_with_apples_well_known_failed_body() {
        assertRefused(discover("someone@elsewhere.example", "iPhone"),
                "{\"code\":\"com.apple.well-known.failed\","
                        + "\"description\":\"domain elsewhere.example is not served by this MDM server\","
                        + "\"message\":\"Example Corp doesn't manage devices for accounts at elsewhere.example. "
                        + "Check the address you entered.\"}");
    }

    @Test
    void unknown_and_deactivated_accounts_get_the_same_refusal_so_addresses_cannot_be_probed() {
        String expected = "{\"code\":\"com.apple.well-known.failed\","
                + "\"description\":\"the account is not enabled for enrollment\","
                + "\"message\":\"This account can't enroll a device with Example Corp. "
                + "Ask your IT department to check your work account.\"}";
        assertRefused(discover("nobody." + UUID.randomUUID() + "@corp.example", "iPhone"), expected);
        assertRefused(discover(deactivated, "iPhone"), expected);
    }

    @Test
    void apple_tv_and_watch_have_no_user_enrollment() {
        String expected = "{\"code\":\"com.apple.well-known.failed\","
                + "\"description\":\"model family %s has no account-driven User Enrollment\","
                + "\"message\":\"This kind of device can't be enrolled with a work account. "
                + "Use an iPhone, iPad, Mac or Apple Vision Pro.\"}";
        assertRefused(discover(active, "AppleTV"), expected.formatted("AppleTV"));
        assertRefused(discover(active, "Watch"), expected.formatted("Watch"));
    }

    @Test
    void a_malformed_user_identifier_is_a_400_problem() throws Exception {
        for (String bad : new String[] {"no-at-sign", "@corp.example", "someone@", "someone@localhost"}) {
            ResponseEntity<String> response = discover(bad, "iPhone");
            assertThat(response.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(json.readTree(response.getBody()).get("detail").asText()).as(bad).contains("user-identifier");
        }
        ResponseEntity<String> missing = http.getForEntity("/.well-known/com.apple.remotemanagement?model-family=iPhone",
                String.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(missing.getBody()).get("detail").asText())
                .isEqualTo("the user-identifier parameter is missing");
    }

    @Test
    void anonymous_discovery_creates_no_events_and_no_rows() {
        long events = count("domainevententry");
        long tokens = count("session_token");
        long accounts = count("account_directory");

        discover(active, "Mac");
        discover(deactivated, "iPhone");
        discover("x@elsewhere.example", "iPhone");
        discover(active, "Watch");
        discover("garbage", "iPhone");

        assertThat(count("domainevententry")).isEqualTo(events);
        assertThat(count("session_token")).isEqualTo(tokens);
        assertThat(count("account_directory")).isEqualTo(accounts);
    }

    private void assertRefused(ResponseEntity<String> response, String expectedJson) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        try {
            assertThat(json.readTree(response.getBody())).isEqualTo(json.readTree(expectedJson));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ResponseEntity<String> discover(String userIdentifier, String modelFamily) {
        return http.getForEntity("/.well-known/com.apple.remotemanagement?user-identifier={u}&model-family={m}",
                String.class, userIdentifier, modelFamily);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
