package io.ueledger.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCredentialsGuardTest {

    private static final List<String> DEMO = List.of("admin/admin-demo");

    @Test
    void demo_mode_on_loopback_with_the_embedded_database_may_start() {
        assertThat(DemoCredentialsGuard.refusal(true, "", "http://127.0.0.1:8080", DEMO)).isNull();
        assertThat(DemoCredentialsGuard.refusal(true, "jdbc:postgresql://localhost:5432/postgres",
                "http://localhost:8080", DEMO)).isNull();
    }

    @Test
    void demo_mode_with_a_public_url_is_refused_and_says_what_to_change() {
        assertThat(DemoCredentialsGuard.refusal(true, null, "https://mdm.corp.example", DEMO))
                .contains("public base URL (ueledger.organisation.public-base-url=https://mdm.corp.example)")
                .contains("UELEDGER_DEMO_MODE=false").contains("ueledger.idp.builtin.enabled=false");
    }

    @Test
    void demo_mode_with_an_external_database_is_refused() {
        assertThat(DemoCredentialsGuard.refusal(true, "jdbc:postgresql://db.corp.example:5432/ledger",
                "http://127.0.0.1:8080", DEMO)).contains("an external PostgreSQL");
        assertThat(DemoCredentialsGuard.refusal(true, "jdbc:postgresql://10.0.0.5/ledger",
                "http://127.0.0.1:8080", DEMO)).contains("an external PostgreSQL");
    }

    @Test
    void demo_passwords_without_demo_mode_are_refused_own_ones_are_not() {
        assertThat(DemoCredentialsGuard.refusal(false, "jdbc:postgresql://db.corp.example/ledger",
                "https://mdm.corp.example", DEMO)).contains("admin/admin-demo").contains("ueledger.security.users");
        assertThat(DemoCredentialsGuard.refusal(false, "jdbc:postgresql://db.corp.example/ledger",
                "https://mdm.corp.example", List.of())).isNull();
    }
}
