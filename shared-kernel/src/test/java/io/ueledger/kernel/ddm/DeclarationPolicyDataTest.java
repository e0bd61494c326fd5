package io.ueledger.kernel.ddm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every declaration type of the schema data, on every platform with User Enrollment: the policy
 * refuses exactly the types the row does not list for "user" (or that do not exist there), with
 * the rule and the row as source, and allows the rest. The expectations are read from the raw
 * file here, independently of the catalog the policy uses.
 */
class DeclarationPolicyDataTest {

    private static final DeclarationPolicy POLICY = DeclarationPolicy.bundled();
    private static final OsVersion RECENT = OsVersion.of(30, 0);

    static Stream<Arguments> everyTypeOnEveryPlatform() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        List<String> lines = rawLines();
        String[] header = lines.get(0).split("\t", -1);
        for (int i = 1; i < lines.size(); i++) {
            Map<String, String> row = new HashMap<>();
            String[] cells = lines.get(i).split("\t", -1);
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            Map<String, String> ue = pairs(row.get("userenrollment"));
            for (Platform platform : Platform.values()) {
                String os = platform == Platform.IPADOS ? "iOS" : platform.displayName();
                cases.add(Arguments.of(row.get("type"), platform, ue.get(os), i + 1));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("everyTypeOnEveryPlatform")
    void each_declaration_type_is_decided_from_its_row(String type, Platform platform, String userEnrollment, int line) {
        DeclarationDecision decision = POLICY.decide(type, Set.of(), platform, RECENT);
        switch (userEnrollment) {
            case "n/a" -> assertThat(decision.rule()).isEqualTo(DeclarationPolicy.NOT_ON_PLATFORM);
            case "user-not-listed" -> assertThat(decision.rule()).isEqualTo(DeclarationPolicy.NOT_FOR_USER_ENROLLMENT);
            default -> assertThat(decision.allowed()).as(decision.reason()).isTrue();
        }
        assertThat(decision.source()).isEqualTo("ue-ddm/declarations.tsv line " + line + " ("
                + decision.source().substring(decision.source().indexOf('(') + 1));
        if (!decision.allowed()) {
            assertThat(decision.reason()).contains(type);
        }
    }

    @Test
    void a_type_on_an_os_older_than_its_introduction_is_refused() {
        DeclarationDecision decision = POLICY.decide("com.apple.configuration.app.managed", Set.of(), Platform.IOS,
                OsVersion.of(17, 1));
        assertThat(decision.rule()).isEqualTo(DeclarationPolicy.OS_TOO_OLD);
        assertThat(decision.reason()).contains("17.2");
        assertThat(POLICY.decide("com.apple.configuration.app.managed", Set.of(), Platform.IOS, OsVersion.of(17, 2))
                .allowed()).isTrue();
    }

    @Test
    void a_type_the_schema_does_not_know_is_refused_as_unknown() {
        assertThat(POLICY.decide("com.apple.configuration.no-such", Set.of(), Platform.IOS, RECENT).rule())
                .isEqualTo(DeclarationPolicy.UNKNOWN_TYPE);
    }

    @Test
    void keys_the_schema_excludes_are_read_with_their_os_and_payload_paths_are_dotted() {
        // at this schema commit only softwareupdate.settings lists such keys, and the type itself is not for UE
        DeclarationCatalog.TypeRow row = DeclarationCatalog.bundled().type("com.apple.configuration.softwareupdate.settings")
                .orElseThrow();
        assertThat(row.keysForbiddenUnderUe()).anyMatch(k -> k.startsWith("Deferrals[iOS:"));
        assertThat(PayloadKeys.of(Map.of("Beta", Map.of("ProgramEnrollment", "Allowed"))))
                .contains("Beta", "Beta.ProgramEnrollment");
    }

    @Test
    void status_items_are_kept_only_when_the_schema_lists_user_enrollments() {
        DeclarationCatalog catalog = DeclarationCatalog.bundled();
        assertThat(catalog.statusItem("passcode.is-compliant").orElseThrow().on(Platform.IOS).userEnrollment())
                .isEqualTo("user-listed");
        assertThat(catalog.statusItem("device.identifier.serial-number").orElseThrow().on(Platform.IOS)
                .userEnrollment()).isEqualTo("user-not-listed");
        assertThat(catalog.statusItem("passcode.is-compliant").orElseThrow().on(Platform.MACOS).exists()).isFalse();
    }

    private static List<String> rawLines() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                DeclarationPolicyDataTest.class.getClassLoader().getResourceAsStream("ue-ddm/declarations.tsv"),
                StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    private static Map<String, String> pairs(String cell) {
        Map<String, String> map = new HashMap<>();
        for (String pair : cell.split(";")) {
            String[] kv = pair.split("=", 2);
            map.put(kv[0], kv[1]);
        }
        return map;
    }
}
