package io.ueledger.kernel.policy;

/**
 * The stable rule ids the policy itself names. Rule ids that come from data (the "MDM can't"
 * mappings such as {@code ue.cannot.remote-wipe}) live in {@code overrides.tsv}.
 */
public final class PolicyRules {

    public static final String ALLOWED = "ue.allowed";
    public static final String INVALID_REQUEST = "ue.request.invalid";
    public static final String UNKNOWN_REQUEST_TYPE = "ue.unknown-request-type";
    public static final String NOT_ON_PLATFORM = "ue.platform.not-available";
    public static final String SCHEMA_FORBIDDEN = "ue.schema.forbidden";
    public static final String FORBIDDEN_KEY = "ue.schema.forbidden-key";
    public static final String IGNORED_KEY = "ue.schema.ignored-key";
    public static final String REQUIRED_KEY = "ue.schema.required-key";
    public static final String OS_FLOOR = "ue.os-floor";
    public static final String UNKNOWN_PAYLOAD_TYPE = "ue.profile.unknown-payload-type";
    public static final String MANAGED_APPS_ONLY = "ue.narrowed.managed-apps-only";
    public static final String MDM_INSTALLED_ONLY = "ue.narrowed.mdm-installed-only";
    public static final String QUERY_FORBIDDEN = "ue.deviceinformation.forbidden-key";
    public static final String QUERY_NOT_AVAILABLE = "ue.deviceinformation.not-available";
    public static final String QUERY_UNKNOWN = "ue.deviceinformation.unknown-key";
    public static final String PASSCODE_TOO_COMPLEX = "ue.passcode.too-complex";

    private PolicyRules() {
    }
}
