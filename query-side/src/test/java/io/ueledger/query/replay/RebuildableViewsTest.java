package io.ueledger.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RebuildableViewsTest {

    @Test
    void all_means_every_allow_listed_view_and_never_the_ledger() {
        assertThat(RebuildableViews.resolve("all"))
                .containsExactly("enrollment-registry", "device-history", "account-registry", "compliance-evidence",
                        "ddm-status")
                .doesNotContain("ledger", "apns-push");
    }

    @Test
    void the_ledger_and_side_effect_processors_are_refused_by_name() {
        assertThatThrownBy(() -> RebuildableViews.resolve("ledger")).isInstanceOf(RebuildRefused.class)
                .hasMessageContaining("the ledger is never rebuilt");
        assertThatThrownBy(() -> RebuildableViews.resolve("apns-push")).isInstanceOf(RebuildRefused.class);
        assertThatThrownBy(() -> RebuildableViews.resolve(" ")).isInstanceOf(RebuildRefused.class)
                .hasMessageContaining("enrollment-registry");
    }
}
