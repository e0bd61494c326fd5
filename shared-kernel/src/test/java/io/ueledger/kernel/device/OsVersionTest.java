package io.ueledger.kernel.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OsVersionTest {

    @Test
    void versions_compare_numerically_not_as_text() {
        assertThat(OsVersion.parse("17.10").compareTo(OsVersion.parse("17.9"))).isPositive();
        assertThat(OsVersion.parse("18").isAtLeast(OsVersion.parse("17.4.1"))).isTrue();
        assertThat(OsVersion.parse("16.1")).isEqualTo(OsVersion.parse("16.1.0"));
    }

    @Test
    void text_round_trips() {
        assertThat(OsVersion.parse("17.4.1")).hasToString("17.4.1");
        assertThat(OsVersion.parse("15")).hasToString("15.0");
    }

    @Test
    void garbage_is_refused_with_a_readable_message() {
        assertThatThrownBy(() -> OsVersion.parse("seventeen"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("17.4.1");
        assertThatThrownBy(() -> OsVersion.parse("1.2.3.4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void platforms_come_from_product_names_and_model_families() {
        assertThat(Platform.fromProduct("iPhone17,2")).contains(Platform.IOS);
        assertThat(Platform.fromProduct("iPad13,4")).contains(Platform.IPADOS);
        assertThat(Platform.fromProduct("Mac15,3")).contains(Platform.MACOS);
        assertThat(Platform.fromProduct("RealityDevice14,1")).contains(Platform.VISIONOS);
        assertThat(Platform.fromModelFamily("AppleTV")).isEmpty();
        assertThat(Platform.fromModelFamily("Watch")).isEmpty();
    }
}
