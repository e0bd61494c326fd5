package io.ueledger.ops.ddm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Declarations as an admin writes them, one per type the issue names. */
public final class TestDeclarations {

    public static final String PASSCODE = "passcode";
    public static final String MAIL = "mail";
    public static final String MAIL_CREDENTIALS = "mail-credentials";
    public static final String STATUS = "status-subscriptions";
    public static final String LEGACY = "legacy-wifi";
    public static final String ORG = "org-info";
    public static final String PROPERTIES = "properties";
    public static final String ACTIVATION = "activation";

    private TestDeclarations() {
    }

    public static Map<String, Object> declaration(String type, String identifier, Map<String, Object> payload) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Type", type);
        d.put("Identifier", identifier);
        d.put("Payload", payload);
        return d;
    }

    public static List<Map<String, Object>> byodSet(int passcodeLength) {
        return List.of(
                declaration("com.apple.configuration.passcode.settings", PASSCODE,
                        Map.of("RequirePasscode", true, "MinimumLength", passcodeLength)),
                declaration("com.apple.asset.credential.userpassword", MAIL_CREDENTIALS,
                        Map.of("Reference", Map.of("DataURL", "https://mdm.corp.example/assets/mail-credentials",
                                "ContentType", "application/json"))),
                declaration("com.apple.configuration.account.mail", MAIL, Map.of(
                        "UserIdentityAssetReference", MAIL_CREDENTIALS,
                        "IncomingServer", Map.of("ServerType", "IMAP", "HostName", "imap.corp.example",
                                "AuthenticationMethod", "Password",
                                "AuthenticationCredentialsAssetReference", MAIL_CREDENTIALS),
                        "OutgoingServer", Map.of("HostName", "smtp.corp.example", "AuthenticationMethod", "Password",
                                "AuthenticationCredentialsAssetReference", MAIL_CREDENTIALS))),
                declaration("com.apple.configuration.management.status-subscriptions", STATUS, Map.of(
                        "StatusItems", List.of(Map.of("Name", "passcode.is-compliant"),
                                Map.of("Name", "passcode.is-present"),
                                Map.of("Name", "device.operating-system.version"),
                                Map.of("Name", "management.declarations")))),
                declaration("com.apple.configuration.legacy", LEGACY,
                        Map.of("ProfileURL", "https://mdm.corp.example/profiles/wifi.mobileconfig")),
                declaration("com.apple.management.organization-info", ORG,
                        Map.of("Name", "Corp Example", "Email", "it@corp.example")),
                declaration("com.apple.management.properties", PROPERTIES, Map.of("department", "finance")),
                declaration("com.apple.activation.simple", ACTIVATION, Map.of("StandardConfigurations",
                        List.of(PASSCODE, MAIL, STATUS, LEGACY))));
    }
}
