package io.ueledger.kernel.policy;

import static io.ueledger.kernel.policy.UserEnrollmentPolicyMatrixTest.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules the source document adds to the schema, and the cases a compliance officer asks about by name. */
class UserEnrollmentPolicyTest {

    private static final UserEnrollmentPolicy POLICY = UserEnrollmentPolicy.standard();
    private static final OsVersion IOS_18 = OsVersion.of(18, 0);

    private static PolicyDecision evaluate(String type, Platform platform, String os, Map<String, Object> arguments) {
        return POLICY.evaluate(MdmCommandRequest.of(type, platform, OsVersion.parse(os), arguments));
    }

    private static PolicyDecision install(Platform platform, String os, Map<String, Object> payload) {
        return POLICY.evaluate(MdmCommandRequest.installProfile(platform, OsVersion.parse(os), List.of(payload)));
    }

    private static Map<String, Object> payloadWith(String type, Map<String, Object> keys) {
        Map<String, Object> payload = new LinkedHashMap<>(payload(type));
        payload.putAll(keys);
        return payload;
    }

    @Nested
    class WhatMdmCannotDo {

        @Test
        void erase_device_is_refused_naming_the_remote_wipe_line() {
            PolicyDecision decision = evaluate("EraseDevice", Platform.IOS, "18.0", Map.of("PIN", "123456"));

            assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(decision.ruleId()).isEqualTo("ue.cannot.remote-wipe");
            assertThat(decision.reason()).isEqualTo("User Enrollment cannot remotely wipe a personal device"
                    + " (source document: MDM can't 'remotely wipe the entire device').");
            assertThat(decision.source()).contains("overrides.tsv line").contains("ue-capabilities.tsv line")
                    .contains("device.erase.yaml");
            assertThat(decision.lineIds()).containsExactly("cannot.remote-wipe");
        }

        @ParameterizedTest
        @ValueSource(strings = {"iOS", "iPadOS", "macOS", "visionOS"})
        void device_location_is_refused_on_every_platform_naming_the_location_line(String platform) {
            PolicyDecision decision = evaluate("DeviceLocation", Platform.parse(platform), "26.0", Map.of());

            assertThat(decision.ruleId()).isEqualTo("ue.cannot.device-location");
            assertThat(decision.reason()).contains("MDM can't 'access device location'");
        }

        @Test
        void enable_lost_mode_is_refused_naming_the_lost_mode_line() {
            PolicyDecision decision = evaluate("EnableLostMode", Platform.IOS, "18.0",
                    Map.of("Message", "Please return this phone"));

            assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(decision.ruleId()).isEqualTo("ue.cannot.lost-mode");
            assertThat(decision.reason()).contains("MDM can't 'turn on Lost Mode'");
        }

        @Test
        void activation_lock_bypass_is_refused_naming_the_activation_lock_line() {
            assertThat(evaluate("ActivationLockBypassCode", Platform.MACOS, "15.0", Map.of()).ruleId())
                    .isEqualTo("ue.cannot.activation-lock");
        }

        @Test
        void unknown_request_types_are_refused() {
            PolicyDecision decision = evaluate("FormatEverything", Platform.IOS, "18.0", Map.of());

            assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(decision.ruleId()).isEqualTo(PolicyRules.UNKNOWN_REQUEST_TYPE);
            assertThat(decision.reason()).contains("'FormatEverything'");
        }

        @Test
        void an_empty_request_type_is_refused_as_invalid() {
            assertThat(evaluate(" ", Platform.IOS, "18.0", Map.of()).ruleId()).isEqualTo(PolicyRules.INVALID_REQUEST);
        }

        @Test
        void a_known_command_that_a_platform_lacks_is_refused() {
            PolicyDecision decision = evaluate("InstallMedia", Platform.VISIONOS, "2.0", Map.of());

            assertThat(decision.ruleId()).isEqualTo(PolicyRules.NOT_ON_PLATFORM);
            assertThat(decision.reason()).contains("visionOS");
        }

        @Test
        void restart_and_os_updates_are_refused_by_the_schema() {
            assertThat(evaluate("RestartDevice", Platform.IOS, "18.0", Map.of()).ruleId()).isEqualTo(PolicyRules.SCHEMA_FORBIDDEN);
            assertThat(evaluate("ScheduleOSUpdate", Platform.MACOS, "15.0", Map.of()).ruleId()).isEqualTo(PolicyRules.SCHEMA_FORBIDDEN);
            assertThat(evaluate("ClearPasscode", Platform.IPADOS, "18.0", Map.of()).verdict()).isEqualTo(Verdict.REFUSED);
        }
    }

    @Nested
    class DeviceLockAndApps {

        @Test
        void device_lock_is_allowed_on_ios_and_vision_pro_but_not_on_a_mac() {
            assertThat(evaluate("DeviceLock", Platform.IOS, "18.0", Map.of()).verdict()).isEqualTo(Verdict.ALLOWED);
            assertThat(evaluate("DeviceLock", Platform.VISIONOS, "2.0", Map.of()).verdict()).isEqualTo(Verdict.ALLOWED);
            assertThat(evaluate("DeviceLock", Platform.VISIONOS, "1.1", Map.of()).ruleId()).isEqualTo(PolicyRules.OS_FLOOR);
            assertThat(evaluate("DeviceLock", Platform.MACOS, "15.0", Map.of()).ruleId()).isEqualTo(PolicyRules.SCHEMA_FORBIDDEN);
        }

        @Test
        void installing_an_app_that_takes_over_a_personal_app_is_refused() {
            PolicyDecision decision = evaluate("InstallApplication", Platform.IOS, "18.0",
                    Map.of("iTunesStoreID", 361309726L, "ChangeManagementState", "Managed"));

            assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(decision.ruleId()).isEqualTo("ue.app.personal-takeover");
            assertThat(decision.reason()).contains("take over management of a personal app")
                    .contains("ChangeManagementState");
        }

        @Test
        void a_mac_app_must_be_installed_as_managed() {
            PolicyDecision managed = evaluate("InstallApplication", Platform.MACOS, "26.0",
                    Map.of("iTunesStoreID", 361309726L, "InstallAsManaged", true, "ManagementFlags", 1L));
            PolicyDecision unmanaged = evaluate("InstallApplication", Platform.MACOS, "26.0",
                    Map.of("iTunesStoreID", 361309726L));
            PolicyDecision explicitlyUnmanaged = evaluate("InstallApplication", Platform.MACOS, "26.1",
                    Map.of("iTunesStoreID", 361309726L, "InstallAsManaged", false));

            assertThat(managed.verdict()).as(managed.reason()).isEqualTo(Verdict.ALLOWED);
            assertThat(unmanaged.verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(unmanaged.ruleId()).isEqualTo("ue.app.install-as-managed-required");
            assertThat(unmanaged.reason()).contains("InstallAsManaged").contains("managed apps");
            assertThat(unmanaged.source()).contains("overrides.tsv").contains("Managed apps");
            assertThat(explicitlyUnmanaged.ruleId()).isEqualTo("ue.app.install-as-managed-required");
        }

        @Test
        void a_mac_below_the_managed_apps_floor_gets_no_apps() {
            PolicyDecision decision = evaluate("InstallApplication", Platform.MACOS, "15.1",
                    Map.of("iTunesStoreID", 361309726L, "InstallAsManaged", true));

            assertThat(decision.ruleId()).isEqualTo(PolicyRules.OS_FLOOR);
            assertThat(decision.reason()).contains("macOS 26.0");
        }

        @Test
        void a_mac_app_install_cannot_take_over_a_personal_app_either() {
            assertThat(evaluate("InstallApplication", Platform.MACOS, "26.0", Map.of("InstallAsManaged", true,
                    "ChangeManagementState", "Managed")).ruleId()).isEqualTo("ue.app.personal-takeover");
        }

        @Test
        void remove_application_is_allowed_on_ios() {
            assertThat(evaluate("RemoveApplication", Platform.IOS, "18.0", Map.of("Identifier", "com.example.app"))
                    .verdict()).isEqualTo(Verdict.ALLOWED);
        }

        @Test
        void installed_application_list_is_narrowed_to_managed_apps_on_ios_and_refused_on_a_mac() {
            PolicyDecision ios = evaluate("InstalledApplicationList", Platform.IOS, "18.0", Map.of());
            PolicyDecision mac = evaluate("InstalledApplicationList", Platform.MACOS, "15.0", Map.of());

            assertThat(ios.verdict()).isEqualTo(Verdict.NARROWED);
            assertThat(ios.narrowedRequest().arguments()).containsEntry("ManagedAppsOnly", true);
            assertThat(ios.request().arguments()).doesNotContainKey("ManagedAppsOnly");
            assertThat(mac.ruleId()).isEqualTo("ue.cannot.personal-app-inventory");
            assertThat(mac.reason()).contains("MDM can't 'access the inventory of personal apps'");
        }
    }

    @Nested
    class DeviceInformationQueries {

        @Test
        void identifying_keys_are_removed_and_listed() {
            PolicyDecision decision = evaluate("DeviceInformation", Platform.IOS, "18.0",
                    Map.of("Queries", List.of("OSVersion", "UDID", "SerialNumber", "ModelName")));

            assertThat(decision.verdict()).isEqualTo(Verdict.NARROWED);
            assertThat(decision.ruleId()).isEqualTo("ue.deviceinformation.identifying-key");
            assertThat(decision.narrowedRequest().arguments().get("Queries")).isEqualTo(List.of("OSVersion", "ModelName"));
            assertThat(decision.narrowing()).contains("UDID").contains("SerialNumber");
            assertThat(decision.reason()).contains("access unique device identifiers");
            assertThat(decision.lineIds()).containsExactly("cannot.unique-identifiers");
        }

        @Test
        void a_request_of_only_forbidden_keys_is_refused() {
            PolicyDecision decision = evaluate("DeviceInformation", Platform.IOS, "18.0",
                    Map.of("Queries", List.of("IMEI", "PhoneNumber")));

            assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(decision.findings()).extracting(PolicyFinding::ruleId)
                    .containsExactly("ue.deviceinformation.identifying-key", "ue.cannot.personal-information");
        }

        @Test
        void roaming_keys_are_refused_by_name() {
            PolicyDecision decision = evaluate("DeviceInformation", Platform.IOS, "18.0",
                    Map.of("Queries", List.of("IsRoaming", "DataRoamingEnabled")));

            assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(decision.ruleId()).isEqualTo("ue.cannot.roaming-status");
            assertThat(decision.reason()).contains("MDM can't 'access roaming status'").contains("IsRoaming")
                    .contains("DataRoamingEnabled");
        }

        @Test
        void keys_the_matrix_does_not_know_are_removed() {
            PolicyDecision decision = evaluate("DeviceInformation", Platform.IOS, "18.0",
                    Map.of("Queries", List.of("OSVersion", "FavouriteColour")));

            assertThat(decision.findings()).extracting(PolicyFinding::ruleId).containsExactly(PolicyRules.QUERY_UNKNOWN);
        }

        @Test
        void push_token_is_answered_on_a_mac_only() {
            assertThat(evaluate("DeviceInformation", Platform.MACOS, "15.0", Map.of("Queries", List.of("PushToken")))
                    .verdict()).isEqualTo(Verdict.ALLOWED);
            assertThat(evaluate("DeviceInformation", Platform.IPADOS, "18.0", Map.of("Queries", List.of("PushToken")))
                    .ruleId()).isEqualTo("ue.deviceinformation.identifying-key");
        }

        @Test
        void a_missing_queries_list_is_refused_as_invalid() {
            assertThat(evaluate("DeviceInformation", Platform.IOS, "18.0", Map.of("Queries", "UDID")).ruleId())
                    .isEqualTo(PolicyRules.INVALID_REQUEST);
        }
    }

    @Nested
    class Settings {

        @Test
        void allowed_items_pass_and_roaming_items_are_refused_by_name() {
            PolicyDecision allowed = evaluate("Settings", Platform.IOS, "18.0", Map.of("Settings",
                    List.of(Map.of("Item", "ApplicationConfiguration", "Identifier", "com.example.app"))));
            PolicyDecision roaming = evaluate("Settings", Platform.IOS, "18.0", Map.of("Settings",
                    List.of(Map.of("Item", "DataRoaming", "Enabled", false))));
            PolicyDecision hotspot = evaluate("Settings", Platform.IOS, "18.0", Map.of("Settings",
                    List.of(Map.of("Item", "PersonalHotspot", "Enabled", false))));

            assertThat(allowed.verdict()).isEqualTo(Verdict.ALLOWED);
            assertThat(roaming.ruleId()).isEqualTo("ue.cannot.roaming-status");
            assertThat(hotspot.ruleId()).isEqualTo(PolicyRules.FORBIDDEN_KEY);
            assertThat(hotspot.reason()).contains("Settings.PersonalHotspot");
        }

        @Test
        void a_settings_command_without_items_is_refused_as_invalid() {
            assertThat(evaluate("Settings", Platform.IOS, "18.0", Map.of()).ruleId()).isEqualTo(PolicyRules.INVALID_REQUEST);
        }
    }

    @Nested
    class Passcode {

        private static final String PASSCODE = "com.apple.mobiledevice.passwordpolicy";

        @Test
        void a_six_character_non_simple_passcode_is_allowed() {
            PolicyDecision decision = install(Platform.IOS, "18.0",
                    payloadWith(PASSCODE, Map.of("forcePIN", true, "allowSimple", false, "minLength", 6L)));

            assertThat(decision.verdict()).as(decision.reason()).isEqualTo(Verdict.ALLOWED);
            assertThat(decision.lineIds()).contains("can.require-passcode");
        }

        @ParameterizedTest
        @CsvSource({"minLength,8", "requireAlphanumeric,true", "maxPINAgeInDays,90", "pinHistory,5",
                "minComplexChars,1", "maxFailedAttempts,10", "maxInactivity,5"})
        void anything_more_complex_is_refused(String key, String value) {
            Object typed = value.equals("true") ? Boolean.TRUE : (Object) Long.parseLong(value);
            PolicyDecision decision = install(Platform.IPADOS, "18.0",
                    payloadWith(PASSCODE, Map.of("forcePIN", true, "allowSimple", false, key, typed)));

            assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(decision.ruleId()).isEqualTo(PolicyRules.PASSCODE_TOO_COMPLEX);
            assertThat(decision.reason()).contains(key).contains("MDM can't 'require a complex passcode or password'");
        }

        @Test
        void allowing_simple_passcodes_is_refused_because_the_device_would_not_honour_it() {
            PolicyDecision decision = install(Platform.IOS, "18.0", payloadWith(PASSCODE, Map.of("allowSimple", true)));

            assertThat(decision.ruleId()).isEqualTo(PolicyRules.IGNORED_KEY);
        }

        @Test
        void a_mac_gets_no_passcode_payload() {
            assertThat(install(Platform.MACOS, "15.0", payloadWith(PASSCODE, Map.of("minLength", 6L))).ruleId())
                    .isEqualTo(PolicyRules.SCHEMA_FORBIDDEN);
        }
    }

    @Nested
    class PerAppNetworking {

        @ParameterizedTest
        @CsvSource({
                "com.apple.vpn.managed.applayer, iOS, 15.7, REFUSED",
                "com.apple.vpn.managed.applayer, iOS, 16.0, ALLOWED",
                "com.apple.vpn.managed.applayer, iPadOS, 16.0, REFUSED",
                "com.apple.vpn.managed.applayer, iPadOS, 16.1, ALLOWED",
                "com.apple.vpn.managed.applayer, visionOS, 1.1, ALLOWED",
                "com.apple.vpn.managed.applayer, macOS, 15.1, REFUSED",
                "com.apple.vpn.managed.applayer, macOS, 26.0, ALLOWED",
                "com.apple.dnsProxy.managed, iOS, 15.7, REFUSED",
                "com.apple.dnsProxy.managed, iPadOS, 16.1, ALLOWED",
                "com.apple.dnsProxy.managed, macOS, 26.0, REFUSED",
                "com.apple.webcontent-filter, iPadOS, 16.0, REFUSED",
                "com.apple.webcontent-filter, iOS, 16.0, ALLOWED",
                "com.apple.webcontent-filter, macOS, 26.0, REFUSED"})
        void per_app_networking_follows_the_source_document_floors(String type, String platform, String os, Verdict expected) {
            PolicyDecision decision = install(Platform.parse(platform), os, payload(type));

            assertThat(decision.verdict()).as(decision.reason()).isEqualTo(expected);
            if (expected == Verdict.REFUSED && !platform.equals("macOS")) {
                assertThat(decision.ruleId()).isEqualTo(PolicyRules.OS_FLOOR);
                assertThat(decision.source()).contains("Per-app networking");
            }
        }

        @Test
        void an_allowed_per_app_vpn_lists_the_binding_the_caller_must_check() {
            PolicyDecision decision = install(Platform.IOS, "17.0", payload("com.apple.vpn.managed.applayer"));

            assertThat(decision.managedAppBindings()).singleElement().satisfies(binding -> {
                assertThat(binding.kind()).isEqualTo(PerAppNetworkSetting.Kind.VPN);
                assertThat(binding.payloadIdentifier()).isEqualTo("com.example.com.apple.vpn.managed.applayer");
            });
            assertThat(decision.lineIds()).contains("can.per-app-vpn");
        }

        @Test
        void a_full_device_vpn_is_refused() {
            assertThat(install(Platform.IOS, "18.0", payload("com.apple.vpn.managed")).ruleId())
                    .isEqualTo(PolicyRules.SCHEMA_FORBIDDEN);
        }
    }

    @Nested
    class Profiles {

        @Test
        void account_payloads_follow_the_matrix() {
            assertThat(install(Platform.IOS, "18.0", payload("com.apple.eas.account")).verdict()).isEqualTo(Verdict.ALLOWED);
            assertThat(install(Platform.IOS, "18.0", payload("com.apple.eas.account")).lineIds())
                    .containsExactly("can.configure-accounts");
            assertThat(install(Platform.MACOS, "15.0", payload("com.apple.eas.account")).ruleId())
                    .isEqualTo(PolicyRules.NOT_ON_PLATFORM);
            assertThat(install(Platform.IOS, "18.0", payload("com.apple.osxserver.account")).ruleId())
                    .isEqualTo(PolicyRules.SCHEMA_FORBIDDEN);
        }

        @Test
        void one_bad_payload_refuses_the_whole_profile_naming_payload_and_key() {
            Map<String, Object> wifi = payloadWith("com.apple.wifi.managed",
                    Map.of("PayloadDisplayName", "Office Wi-Fi", "SSID_STR", "office", "ProxyServer", "proxy.example.com"));
            PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.installProfile(Platform.IOS, IOS_18,
                    List.of(payload("com.apple.eas.account"), wifi)));

            assertThat(decision.verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(decision.reason()).contains("whole profile").contains("Payload 'Office Wi-Fi' (com.apple.wifi.managed)")
                    .contains("ProxyServer");
        }

        @Test
        void an_ignored_key_refuses_the_profile_so_nobody_believes_it_is_enforced() {
            PolicyDecision decision = install(Platform.MACOS, "15.0",
                    payloadWith("com.apple.airplay", Map.of("AllowList", List.of(Map.of("DeviceID", "x")))));

            assertThat(decision.ruleId()).isEqualTo(PolicyRules.IGNORED_KEY);
            assertThat(decision.reason()).contains("ignores");
        }

        @Test
        void a_profile_the_user_may_not_remove_is_refused_on_ios() {
            PolicyDecision decision = POLICY.evaluate(MdmCommandRequest.installProfile(Platform.IOS, IOS_18,
                    Map.of("PayloadRemovalDisallowed", true), List.of(payload("com.apple.eas.account"))));

            assertThat(decision.ruleId()).isEqualTo(PolicyRules.FORBIDDEN_KEY);
            assertThat(decision.reason()).contains("PayloadRemovalDisallowed");
        }

        @Test
        void unknown_payload_types_and_empty_profiles_are_refused() {
            assertThat(install(Platform.IOS, "18.0", payload("com.example.custom")).ruleId())
                    .isEqualTo(PolicyRules.UNKNOWN_PAYLOAD_TYPE);
            assertThat(POLICY.evaluate(MdmCommandRequest.installProfile(Platform.IOS, IOS_18, List.of())).ruleId())
                    .isEqualTo(PolicyRules.INVALID_REQUEST);
            assertThat(install(Platform.IOS, "18.0", Map.of("PayloadIdentifier", "x")).ruleId())
                    .isEqualTo(PolicyRules.INVALID_REQUEST);
        }

        @Test
        void logging_payloads_are_refused_naming_the_personal_information_line() {
            assertThat(install(Platform.MACOS, "15.0", payload("com.apple.system.logging")).ruleId())
                    .isEqualTo("ue.cannot.personal-information");
        }
    }

    @Test
    void every_decision_carries_the_matrix_version() {
        assertThat(evaluate("DeviceLock", Platform.IOS, "18.0", Map.of()).matrixVersion())
                .isEqualTo("ue-2024-10-21.b6202ca2+overrides.1");
    }
}
