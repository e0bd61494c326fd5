package io.ueledger.kernel.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CapabilityMatrixTest {

    private static final CapabilityMatrix MATRIX = CapabilityMatrix.standard();

    @Test
    void the_matrix_version_comes_from_the_overrides_file() {
        assertThat(MATRIX.version()).isEqualTo("ue-2024-10-21.b6202ca2+overrides.1");
    }

    @Test
    void overrides_win_over_the_schema_rows() {
        CapabilityRow macInstall = MATRIX.row("command", "InstallApplication", Platform.MACOS).orElseThrow();

        assertThat(macInstall.introduced()).isEqualTo(OsVersion.of(26, 0));
        assertThat(macInstall.source().file()).isEqualTo("overrides.tsv");
        assertThat(macInstall.keyRules()).extracting(KeyRule::toString).contains("InstallAsManaged(required)");
        assertThat(MATRIX.isOverridden("command", "InstallApplication", "macOS")).isTrue();
    }

    @Test
    void ipad_reads_its_own_override_first_and_the_ios_rows_otherwise() {
        assertThat(MATRIX.floor("profile", "com.apple.vpn.managed.applayer", Platform.IPADOS)).contains(OsVersion.of(16, 1));
        assertThat(MATRIX.floor("profile", "com.apple.vpn.managed.applayer", Platform.IOS)).contains(OsVersion.of(16, 0));
        assertThat(MATRIX.row("command", "DeviceLock", Platform.IPADOS).orElseThrow().os()).isEqualTo("iOS");
    }

    @Test
    void every_cannot_line_of_the_source_document_has_a_rule_and_a_subject() {
        List<CanCannotLine> cannot = MATRIX.lines().stream().filter(l -> l.side() == CanCannotLine.Side.CANNOT).toList();

        assertThat(cannot).hasSize(11);
        assertThat(cannot).allSatisfy(line -> {
            assertThat(line.relatedRuleIds()).as(line.id()).isNotEmpty();
            assertThat(line.relatedSubjects()).as(line.id()).isNotEmpty();
        });
        assertThat(MATRIX.line("cannot.remote-wipe").orElseThrow().relatedSubjects()).containsExactly("EraseDevice");
        assertThat(MATRIX.lines().stream().filter(l -> l.side() == CanCannotLine.Side.CAN)).hasSize(7)
                .allSatisfy(line -> assertThat(line.relatedSubjects()).as(line.id()).isNotEmpty());
    }

    @Test
    void cannot_mappings_never_contradict_a_query_key_the_schema_allows() {
        for (QueryKeyRow row : MATRIX.queryKeys()) {
            for (Platform platform : Platform.values()) {
                if (row.answeredOn(platform)) {
                    assertThat(MATRIX.cannot("DeviceInformation", "Queries." + row.key(), platform))
                            .as(row.key() + " on " + platform).isEmpty();
                }
            }
        }
    }

    @Test
    void the_two_schema_files_agree_on_forbidden_query_keys() {
        for (Platform platform : List.of(Platform.IOS, Platform.MACOS, Platform.VISIONOS)) {
            CapabilityRow row = MATRIX.row("command", "DeviceInformation", platform).orElseThrow();
            for (KeyRule rule : row.keyRules()) {
                String key = rule.path().substring("Queries.".length());
                assertThat(MATRIX.queryKey(key)).as(key).hasValueSatisfying(q ->
                        assertThat(q.answeredOn(platform)).as(key + " on " + platform).isFalse());
            }
        }
    }

    @Test
    void a_broken_override_row_stops_the_load_with_its_line_number() {
        Function<String, InputStream> files = name -> name.equals(CapabilityMatrix.OVERRIDES)
                ? text("matrix-version\tx\nkind\tidentifier\tsubject\tos\tintroduced\tue_allowed\tkeys\trule_id\tline_id\treason\tsource\tnotes\n"
                        + "cannot\tEraseDevice\t\t*\t\t\t\tue.cannot.remote-wipe\tcannot.no-such-line\twipe\tdoc\t\n")
                : shipped(name);

        assertThatThrownBy(() -> CapabilityMatrix.load(files))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("overrides.tsv line 3")
                .hasMessageContaining("cannot.no-such-line");
    }

    @Test
    void an_overrides_file_without_a_version_is_refused() {
        Function<String, InputStream> files = name -> name.equals(CapabilityMatrix.OVERRIDES)
                ? text("kind\tidentifier\tsubject\tos\tintroduced\tue_allowed\tkeys\trule_id\tline_id\treason\tsource\tnotes\n")
                : shipped(name);

        assertThatThrownBy(() -> CapabilityMatrix.load(files)).hasMessageContaining("matrix-version");
    }

    private static InputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream shipped(String name) {
        try {
            return CapabilityMatrixTest.class.getClassLoader().getResource("ue-policy/" + name).openStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
