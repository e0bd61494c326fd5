package io.ueledger.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.ops.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

class ApplicationStartsIT extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void health_is_up_on_the_embedded_postgresql() {
        var response = asAdmin().getForEntity("/actuator/health", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"status\":\"UP\"").contains("PostgreSQL")
                .contains("\"embeddedPostgresProcess\":{\"status\":\"UP\"");
    }

    @Test
    void anonymous_health_shows_the_status_only() {
        var response = http.getForEntity("/actuator/health", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"status\":\"UP\"")
                .doesNotContain("PostgreSQL").doesNotContain("components").doesNotContain("apns");
    }

    @Test
    void flyway_owns_every_table_and_no_payload_is_a_large_object() {
        Integer oidColumns = jdbc.queryForObject(
                "select count(*) from information_schema.columns where table_schema = 'public' and data_type = 'oid'",
                Integer.class);
        assertThat(oidColumns).isZero();
        assertThat(jdbc.queryForList("select tablename from pg_tables where schemaname = 'public'", String.class))
                .contains("domainevententry", "snapshotevententry", "tokenentry", "flyway_schema_history");
    }

    @Test
    void the_admin_api_is_not_anonymous() {
        assertThat(http.getForEntity("/api/admin/accounts", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void a_cross_site_browser_request_to_the_api_is_refused_even_with_cached_credentials() {
        var body = java.util.Map.of("email", "csrf.victim@corp.example", "displayName", "CSRF Victim");
        var crossSite = new org.springframework.http.HttpHeaders();
        crossSite.set("Origin", "https://attacker.example");
        crossSite.set("Sec-Fetch-Site", "cross-site");
        var refused = asAdmin().exchange("/api/admin/accounts", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(body, crossSite), String.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(asAdmin().getForEntity("/api/admin/accounts/csrf.victim@corp.example", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        var sameOrigin = new org.springframework.http.HttpHeaders();
        sameOrigin.set("Origin", http.getRootUri()); // the origin the client itself addresses (its Host header)
        sameOrigin.set("Sec-Fetch-Site", "same-origin");
        var accepted = asAdmin().exchange("/api/admin/accounts", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(body, sameOrigin), String.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
}
