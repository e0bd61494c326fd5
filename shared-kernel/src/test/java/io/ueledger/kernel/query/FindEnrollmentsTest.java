package io.ueledger.kernel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FindEnrollmentsTest {

    @Test
    void a_page_of_more_than_500_is_refused_with_the_limit_in_the_message() {
        assertThatThrownBy(() -> new FindEnrollments(null, null, null, null, 0, 501))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must be between 1 and 500, not 501");
    }

    @Test
    void a_negative_page_is_refused() {
        assertThatThrownBy(() -> new FindDeviceHistory("ref", true, -1, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page must be 0 or more, not -1");
    }

    @Test
    void an_os_version_prefix_must_look_like_a_version() {
        assertThatThrownBy(() -> new FindEnrollments(null, null, null, "17.x", 0, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'17.x' is not a version prefix");
        assertThat(new FindEnrollments(null, null, null, " 17.4 ", 0, 50).osVersionPrefix()).isEqualTo("17.4");
    }

    @Test
    void blank_filters_mean_no_filter() {
        var query = new FindEnrollments(null, null, " ", "", 0, 50);

        assertThat(query.managedAppleAccount()).isNull();
        assertThat(query.osVersionPrefix()).isNull();
    }
}
