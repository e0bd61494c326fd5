package io.ueledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqlTimeTest {

    @Test
    void text_rounds_half_up_to_the_microsecond_as_the_driver_does() {
        assertThat(SqlTime.text(Instant.parse("2025-05-01T09:00:00.123456499Z"))).isEqualTo("2025-05-01T09:00:00.123456Z");
        assertThat(SqlTime.text(Instant.parse("2025-05-01T09:00:00.123456500Z"))).isEqualTo("2025-05-01T09:00:00.123457Z");
        assertThat(SqlTime.text(Instant.parse("2025-05-01T09:00:00.999999999Z"))).isEqualTo("2025-05-01T09:00:01Z");
        assertThat(SqlTime.text(null)).isNull();
    }
}
