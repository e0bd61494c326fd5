package io.ueledger.ops.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class EmbeddedPostgresConfigurationTest {

    private static final String EMBEDDED_URL = "jdbc:postgresql://127.0.0.1:5999/postgres";

    @Test
    void the_embedded_pool_takes_the_same_hikari_settings_as_an_external_one() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.hikari.maximum-pool-size", "7")
                .withProperty("spring.datasource.hikari.connection-timeout", "3500");

        HikariConfig config = EmbeddedPostgresConfiguration.poolConfig(EMBEDDED_URL, environment);

        assertThat(config.getMaximumPoolSize()).isEqualTo(7);
        assertThat(config.getConnectionTimeout()).isEqualTo(3500);
    }

    @Test
    void without_settings_it_gives_up_on_a_connection_after_two_seconds_not_thirty() {
        HikariConfig config = EmbeddedPostgresConfiguration.poolConfig(EMBEDDED_URL, new MockEnvironment());

        assertThat(config.getConnectionTimeout()).isEqualTo(2000);
        assertThat(config.getValidationTimeout()).isEqualTo(1000);
    }

    @Test
    void settings_meant_for_an_external_database_cannot_point_the_pool_elsewhere() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.hikari.jdbc-url", "jdbc:postgresql://db.example:5432/other")
                .withProperty("spring.datasource.hikari.username", "someone");

        HikariConfig config = EmbeddedPostgresConfiguration.poolConfig(EMBEDDED_URL, environment);

        assertThat(config.getJdbcUrl()).isEqualTo(EMBEDDED_URL);
        assertThat(config.getUsername()).isEqualTo("postgres");
        assertThat(config.getPoolName()).isEqualTo("embedded-postgres");
    }
}
