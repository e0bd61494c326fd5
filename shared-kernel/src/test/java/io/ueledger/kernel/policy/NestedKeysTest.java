package io.ueledger.kernel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NestedKeysTest {

    @Test
    void keys_inside_nested_dictionaries_and_arrays_are_listed_with_their_path() {
        Map<String, Object> payload = Map.of("VPN", Map.of("Proxies", List.of(Map.of("ProxyServer", "p.example.com"))));

        assertThat(NestedKeys.paths(payload)).containsExactlyInAnyOrder("VPN", "VPN.Proxies", "VPN.Proxies.ProxyServer");
        assertThat(NestedKeys.find(payload, "ProxyServer")).contains("VPN.Proxies.ProxyServer");
    }

    @Test
    void a_rule_path_matches_whole_trailing_segments_only() {
        assertThat(NestedKeys.matches("Settings.DataRoaming", "Settings.DataRoaming")).isTrue();
        assertThat(NestedKeys.matches("Outer.Settings.DataRoaming", "DataRoaming")).isTrue();
        assertThat(NestedKeys.matches("Settings.NoDataRoaming", "DataRoaming")).isFalse();
        assertThat(NestedKeys.matches("DataRoaming", "Settings.DataRoaming")).isFalse();
    }
}
