package io.ueledger.kernel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives the policy from the shipped TSVs themselves: every command, query key and payload row
 * must be decided the way its row says. Rows that overrides.tsv replaces are tested in
 * {@link UserEnrollmentPolicyTest} against the override.
 */
class UserEnrollmentPolicyMatrixTest {

    private static final UserEnrollmentPolicy POLICY = UserEnrollmentPolicy.standard();
    private static final List<MatrixTsv.Line> CAPABILITIES = MatrixTsv.read("ue-capabilities.tsv");
    private static final List<MatrixTsv.Line> OVERRIDES = MatrixTsv.read("overrides.tsv");
    private static final Map<String, String> LINE_TEXT = MatrixTsv.read("mdm-can-cannot.tsv").stream()
            .collect(Collectors.toMap(l -> l.get("line_id"), l -> l.get("text")));
    private static final Set<String> PLATFORMS = Set.of("iOS", "macOS", "visionOS");

    // ---- command rows -------------------------------------------------------------------------

    static Stream<Arguments> commandRowsMarkedNo() {
        return cases("command", "no");
    }

    @ParameterizedTest(name = "{0} on {1} {2} is refused ({3})")
    @MethodSource("commandRowsMarkedNo")
    void commands_marked_no_are_refused_and_name_their_rule(String type, Platform platform, OsVersion os,
                                                            MatrixTsv.Line row) {
        PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.of(type, platform, os));

        assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(decision.requestToSend()).isEmpty();
        Optional<MatrixTsv.Line> cannot = cannotRow(type, "", platform);
        if (cannot.isPresent()) {
            assertThat(decision.ruleId()).isEqualTo(cannot.get().get("rule_id"));
            assertThat(decision.reason()).contains("source document: MDM can't '" + LINE_TEXT.get(cannot.get().get("line_id")) + "'");
        } else {
            assertThat(decision.ruleId()).isEqualTo(PolicyRules.SCHEMA_FORBIDDEN);
            assertThat(decision.reason()).contains(type).contains(platform.displayName());
        }
        assertThat(decision.source()).contains("ue-capabilities.tsv line " + row.number());
        assertThat(decision.matrixVersion()).isEqualTo(POLICY.matrix().version());
    }

    static Stream<Arguments> commandRowsMarkedYes() {
        return cases("command", "yes");
    }

    @ParameterizedTest(name = "{0} on {1} {2} is allowed")
    @MethodSource("commandRowsMarkedYes")
    void commands_marked_yes_are_allowed_from_their_introduced_version_on(String type, Platform platform, OsVersion os,
                                                                          MatrixTsv.Line row) {
        for (OsVersion version : List.of(os, new OsVersion(os.major() + 1, 0, 0))) {
            MdmCommandRequest request = type.equals("InstallProfile")
                    ? MdmCommandRequest.installProfile(platform, version, List.of(rootCertificatePayload()))
                    : MdmCommandRequest.of(type, platform, version);

            PolicyDecision decision = POLICY.evaluate(request);

            assertThat(decision.verdict()).as(decision.reason()).isEqualTo(Verdict.ALLOWED);
            assertThat(decision.requestToSend()).contains(request);
        }
    }

    @ParameterizedTest(name = "{0} on {1} below {2} is refused by the OS floor")
    @MethodSource("commandRowsMarkedYes")
    void commands_marked_yes_are_refused_below_their_introduced_version(String type, Platform platform, OsVersion os,
                                                                       MatrixTsv.Line row) {
        if (os.major() == 0 || (os.major() == 1 && os.minor() == 0)) {
            return; // nothing older exists
        }
        OsVersion older = os.minor() > 0 ? new OsVersion(os.major(), os.minor() - 1, 0) : new OsVersion(os.major() - 1, 0, 0);

        PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.of(type, platform, older));

        assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(decision.ruleId()).isEqualTo(PolicyRules.OS_FLOOR);
        assertThat(decision.reason()).contains(os.toString());
    }

    static Stream<Arguments> commandRowsMarkedPartial() {
        return cases("command", "partial");
    }

    /**
     * Partial rows: the lists of MDM-installed items and InstalledApplicationList are NARROWED;
     * DeviceInformation is narrowed by query key (tested per key below); InstallApplication,
     * InstallEnterpriseApplication and Settings are ALLOWED without their forbidden keys and
     * REFUSED with any of them (tested per key below); SecurityInfo is ALLOWED with the documented
     * limitation that the device withholds some answers (nothing in the request can change that).
     */
    @ParameterizedTest(name = "{0} on {1} {2} is handled as documented")
    @MethodSource("commandRowsMarkedPartial")
    void partial_commands_are_narrowed_or_allowed_with_their_limitation(String type, Platform platform, OsVersion os,
                                                                       MatrixTsv.Line row) {
        switch (type) {
            case "ProfileList", "CertificateList", "ProvisioningProfileList" -> {
                PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.of(type, platform, os));
                assertThat(decision.verdict()).isEqualTo(Verdict.NARROWED);
                assertThat(decision.ruleId()).isEqualTo(PolicyRules.MDM_INSTALLED_ONLY);
                assertThat(decision.narrowing()).contains("MDM installed");
                if (!type.equals("ProvisioningProfileList")) {
                    assertThat(decision.narrowedRequest().arguments()).containsEntry("ManagedOnly", true);
                }
            }
            case "InstalledApplicationList" -> {
                PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.of(type, platform, os));
                assertThat(decision.verdict()).isEqualTo(Verdict.NARROWED);
                assertThat(decision.narrowedRequest().arguments()).containsEntry("ManagedAppsOnly", true);
            }
            case "DeviceInformation" -> {
                PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.of(type, platform, os,
                        Map.of("Queries", List.of("OSVersion", "UDID"))));
                assertThat(decision.verdict()).isEqualTo(Verdict.NARROWED);
                assertThat(decision.narrowedRequest().arguments().get("Queries")).isEqualTo(List.of("OSVersion"));
                assertThat(decision.ruleId()).isEqualTo("ue.deviceinformation.identifying-key");
            }
            case "InstallApplication", "InstallEnterpriseApplication" -> {
                PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.of(type, platform, os,
                        Map.of("iTunesStoreID", 361309726L, "PurchaseMethod", 1L)));
                assertThat(decision.verdict()).as(decision.reason()).isEqualTo(Verdict.ALLOWED);
            }
            case "Settings" -> {
                PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.of(type, platform, os, Map.of("Settings",
                        List.of(Map.of("Item", "ApplicationConfiguration", "Identifier", "com.example.app")))));
                assertThat(decision.verdict()).as(decision.reason()).isEqualTo(Verdict.ALLOWED);
            }
            case "SecurityInfo" -> {
                PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.of(type, platform, os));
                assertThat(decision.verdict()).isEqualTo(Verdict.ALLOWED);
                String firstWithheld = row.get("response_keys_withheld_under_ue").split("\\(")[0];
                assertThat(decision.reason()).contains("leaves these out").contains(firstWithheld);
            }
            default -> throw new AssertionError("partial command row without a documented handling: " + row);
        }
    }

    static Stream<Arguments> forbiddenCommandKeys() {
        List<Arguments> cases = new ArrayList<>();
        for (MatrixTsv.Line row : rows("command")) {
            if (row.get("identifier").equals("DeviceInformation") || !row.get("ue_allowed").matches("yes|partial")) {
                continue;
            }
            for (KeyRule rule : KeyRule.parseList(row.get("keys_forbidden_or_ignored_under_ue"))) {
                for (Platform platform : platformsOf(row)) {
                    cases.add(Arguments.of(row.get("identifier"), platform, OsVersion.parse(row.get("introduced")), rule.path()));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1} carrying {3} is refused")
    @MethodSource("forbiddenCommandKeys")
    void a_command_carrying_a_forbidden_key_is_refused_naming_the_key(String type, Platform platform, OsVersion os,
                                                                    String keyPath) {
        PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.of(type, platform, os, argumentsCarrying(type, keyPath)));

        assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
        String key = keyPath.substring(keyPath.lastIndexOf('.') + 1);
        assertThat(decision.findings()).anySatisfy(f -> assertThat(f.subject()).contains(key));
        Optional<MatrixTsv.Line> cannot = cannotRow(type, keyPath, platform);
        assertThat(decision.ruleId()).isEqualTo(cannot.map(c -> c.get("rule_id")).orElse(PolicyRules.FORBIDDEN_KEY));
    }

    // ---- DeviceInformation query keys ------------------------------------------------------

    static Stream<Arguments> queryKeyRows() {
        List<Arguments> cases = new ArrayList<>();
        for (MatrixTsv.Line row : MatrixTsv.read("ue-deviceinformation-queries.tsv")) {
            for (Platform platform : Platform.values()) {
                String column = platform == Platform.IPADOS ? "iOS" : platform.displayName();
                cases.add(Arguments.of(row.get("query_key"), platform, row.get(column)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "query {0} on {1} ({2})")
    @MethodSource("queryKeyRows")
    void forbidden_query_keys_are_removed_and_allowed_ones_kept(String key, Platform platform, String status) {
        OsVersion os = platform == Platform.VISIONOS ? OsVersion.of(2, 0)
                : platform == Platform.MACOS ? OsVersion.of(15, 0) : OsVersion.of(18, 0);
        List<String> asked = key.equals("OSVersion") ? List.of("OSVersion") : List.of("OSVersion", key);

        PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.of("DeviceInformation", platform, os,
                Map.of("Queries", asked)));

        if (status.equals("allowed")) {
            assertThat(decision.verdict()).isEqualTo(Verdict.ALLOWED);
            assertThat(decision.requestToSend().orElseThrow().arguments().get("Queries")).isEqualTo(asked);
        } else {
            assertThat(decision.verdict()).isEqualTo(Verdict.NARROWED);
            assertThat(decision.narrowedRequest().arguments().get("Queries")).isEqualTo(List.of("OSVersion"));
            assertThat(decision.findings()).extracting(PolicyFinding::subject).containsExactly("Queries." + key);
            assertThat(decision.narrowing()).contains(key);
        }
    }

    // ---- profile payload rows ----------------------------------------------------------------

    static Stream<Arguments> payloadRowsMarkedNo() {
        return cases("profile", "no");
    }

    @ParameterizedTest(name = "payload {0} on {1} {2} is refused")
    @MethodSource("payloadRowsMarkedNo")
    void forbidden_payload_types_refuse_the_profile(String type, Platform platform, OsVersion os, MatrixTsv.Line row) {
        PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.installProfile(platform, atLeastInstallProfile(platform, os),
                List.of(rootCertificatePayload(), payload(type))));

        assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(decision.reason()).contains(type);
        assertThat(decision.ruleId()).isEqualTo(
                cannotRow("InstallProfile", type, platform).map(c -> c.get("rule_id")).orElse(PolicyRules.SCHEMA_FORBIDDEN));
    }

    static Stream<Arguments> payloadRowsAllowed() {
        return Stream.concat(cases("profile", "yes"), cases("profile", "partial"))
                .filter(a -> !Set.of("TopLevel", "CommonPayloadKeys").contains((String) a.get()[0]));
    }

    @ParameterizedTest(name = "payload {0} on {1} {2} is allowed")
    @MethodSource("payloadRowsAllowed")
    void allowed_payload_types_install(String type, Platform platform, OsVersion os, MatrixTsv.Line row) {
        PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.installProfile(platform, atLeastInstallProfile(platform, os),
                List.of(payload(type))));

        assertThat(decision.verdict()).as(decision.reason()).isEqualTo(Verdict.ALLOWED);
    }

    static Stream<Arguments> forbiddenPayloadKeys() {
        List<Arguments> cases = new ArrayList<>();
        for (MatrixTsv.Line row : rows("profile")) {
            String type = row.get("identifier");
            if (!row.get("ue_allowed").matches("yes|partial") || type.equals("TopLevel")
                    || type.equals("com.apple.mobiledevice.passwordpolicy")) {
                continue;
            }
            for (KeyRule rule : KeyRule.parseList(row.get("keys_forbidden_or_ignored_under_ue"))) {
                for (Platform platform : platformsOf(row)) {
                    cases.add(Arguments.of(type, platform, OsVersion.parse(row.get("introduced")), rule.path(), rule.constraint()));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "payload {0} on {1} with {3} two dictionaries deep is refused")
    @MethodSource("forbiddenPayloadKeys")
    void a_forbidden_or_ignored_key_nested_two_dictionaries_deep_refuses_the_profile(
            String type, Platform platform, OsVersion os, String key, KeyRule.Constraint constraint) {
        Map<String, Object> payload = new LinkedHashMap<>(payload(type));
        payload.put("Outer", Map.of("Inner", Map.of(key, true)));

        PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.installProfile(platform, atLeastInstallProfile(platform, os),
                List.of(payload)));

        assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(decision.ruleId()).isEqualTo(constraint == KeyRule.Constraint.IGNORED
                ? PolicyRules.IGNORED_KEY : PolicyRules.FORBIDDEN_KEY);
        assertThat(decision.reason()).contains(type).contains("Outer.Inner." + key);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Stream<Arguments> cases(String kind, String support) {
        List<Arguments> cases = new ArrayList<>();
        for (MatrixTsv.Line row : rows(kind)) {
            if (!row.get("ue_allowed").equals(support)) {
                continue;
            }
            for (Platform platform : platformsOf(row)) {
                cases.add(Arguments.of(row.get("identifier"), platform, OsVersion.parse(row.get("introduced")), row));
            }
        }
        return cases.stream();
    }

    private static List<MatrixTsv.Line> rows(String kind) {
        return CAPABILITIES.stream()
                .filter(row -> row.get("kind").equals(kind) && PLATFORMS.contains(row.get("os")))
                .toList();
    }

    /** The platforms a schema row decides for: iOS rows also decide for iPad unless an iPadOS override exists. */
    private static List<Platform> platformsOf(MatrixTsv.Line row) {
        List<Platform> platforms = new ArrayList<>();
        if (!overridden(row, row.get("os"))) {
            platforms.add(Platform.parse(row.get("os")));
        }
        if (row.get("os").equals("iOS") && !overridden(row, "iPadOS") && !overridden(row, "iOS")) {
            platforms.add(Platform.IPADOS);
        }
        return platforms;
    }

    private static boolean overridden(MatrixTsv.Line row, String os) {
        return OVERRIDES.stream().anyMatch(o -> o.get("kind").equals(row.get("kind"))
                && o.get("identifier").equals(row.get("identifier")) && o.get("os").equals(os));
    }

    private static Optional<MatrixTsv.Line> cannotRow(String identifier, String subject, Platform platform) {
        List<String> names = platform == Platform.IPADOS ? List.of("iPadOS", "iOS") : List.of(platform.displayName());
        return OVERRIDES.stream().filter(o -> o.get("kind").equals("cannot") && o.get("identifier").equals(identifier)
                && o.get("subject").equals(subject) && (o.get("os").equals("*") || names.contains(o.get("os")))).findFirst();
    }

    private static OsVersion atLeastInstallProfile(Platform platform, OsVersion os) {
        OsVersion floor = platform == Platform.MACOS ? OsVersion.of(10, 7)
                : platform == Platform.VISIONOS ? OsVersion.of(1, 1) : OsVersion.of(4, 0);
        return os.isAtLeast(floor) ? os : floor;
    }

    private static Map<String, Object> argumentsCarrying(String type, String keyPath) {
        String[] parts = keyPath.split("\\.");
        if (type.equals("Settings")) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Item", parts[1]);
            if (parts.length > 2) {
                item.putAll(nested(parts, 2));
            } else {
                item.put("Enabled", true);
            }
            return Map.of("Settings", List.of(item));
        }
        Map<String, Object> arguments = new LinkedHashMap<>(Map.of("iTunesStoreID", 361309726L));
        arguments.putAll(nested(parts, 0));
        return arguments;
    }

    private static Map<String, Object> nested(String[] parts, int from) {
        Object value = true;
        for (int i = parts.length - 1; i >= from; i--) {
            value = Map.of(parts[i], value);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    static Map<String, Object> payload(String type) {
        return Map.of("PayloadType", type, "PayloadIdentifier", "com.example." + type, "PayloadUUID",
                "9F0E3D3A-0000-4000-8000-" + String.format("%012d", Math.abs(type.hashCode())), "PayloadVersion", 1L);
    }

    static Map<String, Object> rootCertificatePayload() {
        Map<String, Object> payload = new LinkedHashMap<>(payload("com.apple.security.root"));
        payload.put("PayloadContent", new byte[] {0x30, (byte) 0x82});
        return payload;
    }
}
