package io.ueledger.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.ops.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Scripts use API tokens an admin created: scoped, revocable, expiring, each use in the audit trail. */
class ApiTokenIT extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void an_admin_token_works_until_it_is_revoked_and_every_use_is_recorded() {
        Map<?, ?> created = asAdmin().postForObject("/api/admin/api-tokens",
                Map.of("name", "nightly-export", "role", "ADMIN", "validDays", 30), Map.class);
        String token = (String) created.get("token");
        String id = (String) created.get("id");
        assertThat(token).startsWith("uel_").hasSizeGreaterThan(40);
        assertThat(jdbc.queryForObject("select count(*) from api_token where token_hash = sha256(convert_to(?, 'UTF8'))",
                Integer.class, token)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select length(token_hash) from api_token where id = ?", Integer.class, id))
                .as("only the 32-byte SHA-256 is stored").isEqualTo(32);

        assertThat(withToken(token, HttpMethod.GET, "/api/admin/accounts").getStatusCode()).isEqualTo(HttpStatus.OK);
        var accountCreated = withToken(token, HttpMethod.POST, "/api/admin/accounts",
                Map.of("email", "token.made@corp.example", "displayName", "Made By Token"));
        assertThat(accountCreated.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
        assertThat(jdbc.queryForList("select method || ' ' || path from api_token_use where token_id = ? order by id",
                String.class, id)).containsExactly("GET /api/admin/accounts", "POST /api/admin/accounts");

        assertThat(asAdmin().exchange("/api/admin/api-tokens/" + id, HttpMethod.DELETE, null, Void.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(withToken(token, HttpMethod.GET, "/api/admin/accounts").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void a_compliance_token_cannot_change_anything_and_expired_or_unknown_tokens_are_refused() {
        Map<?, ?> created = asAdmin().postForObject("/api/admin/api-tokens",
                Map.of("name", "auditor-script", "role", "COMPLIANCE", "validDays", 7), Map.class);
        String token = (String) created.get("token");
        assertThat(withToken(token, HttpMethod.GET, "/api/ledger/self-check").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withToken(token, HttpMethod.POST, "/api/admin/accounts",
                Map.of("email", "nope@corp.example", "displayName", "Nope")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        jdbc.update("update api_token set expires_at = now() - interval '1 second' where id = ?", created.get("id"));
        assertThat(withToken(token, HttpMethod.GET, "/api/ledger/self-check").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(withToken("uel_not-a-token", HttpMethod.GET, "/api/ledger/self-check").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void only_admins_create_tokens_and_bad_requests_create_none() {
        assertThat(asCompliance().postForEntity("/api/admin/api-tokens",
                Map.of("name", "x", "role", "ADMIN"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        Integer before = jdbc.queryForObject("select count(*) from api_token", Integer.class);
        var refused = asAdmin().postForEntity("/api/admin/api-tokens",
                Map.of("name", "forever", "role", "ADMIN", "validDays", 5000), String.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains("validDays must be between 1 and 366");
        assertThat(asAdmin().postForEntity("/api/admin/api-tokens", Map.of("name", "x", "role", "ROOT"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.queryForObject("select count(*) from api_token", Integer.class)).isEqualTo(before);
    }

    private ResponseEntity<String> withToken(String token, HttpMethod method, String path) {
        return withToken(token, method, path, null);
    }

    private ResponseEntity<String> withToken(String token, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
