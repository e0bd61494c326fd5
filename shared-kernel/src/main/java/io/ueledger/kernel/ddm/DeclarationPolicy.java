package io.ueledger.kernel.ddm;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a declaration may go to a user-enrolled device of a given platform and OS, from
 * Apple's schema data alone ({@link DeclarationCatalog}). The one place that decides: the admin
 * service asks it for every device a set is assigned to, and records each refusal on the enrollment.
 */
public final class DeclarationPolicy {

    public static final String UNKNOWN_TYPE = "ddm.type.unknown";
    public static final String NOT_ON_PLATFORM = "ddm.type.not-on-platform";
    public static final String OS_TOO_OLD = "ddm.type.os-too-old";
    public static final String NOT_FOR_USER_ENROLLMENT = "ddm.type.not-for-user-enrollment";
    public static final String KEY_NOT_FOR_USER_ENROLLMENT = "ddm.key.not-for-user-enrollment";

    private final DeclarationCatalog catalog;

    public DeclarationPolicy(DeclarationCatalog catalog) {
        this.catalog = catalog;
    }

    public static DeclarationPolicy bundled() {
        return new DeclarationPolicy(DeclarationCatalog.bundled());
    }

    /**
     * @param payloadKeys every key path the declaration's Payload sets, dotted for nested objects
     *                    ("Beta.ProgramEnrollment"), as {@link PayloadKeys#of} lists them
     */
    public DeclarationDecision decide(String type, Set<String> payloadKeys, Platform platform, OsVersion version) {
        Optional<DeclarationCatalog.TypeRow> found = catalog.type(type);
        if (found.isEmpty()) {
            return DeclarationDecision.refuse(UNKNOWN_TYPE, DeclarationCatalog.DECLARATIONS,
                    type + " is not a declaration type of Apple's schema");
        }
        DeclarationCatalog.TypeRow row = found.get();
        DeclarationCatalog.OsSupport support = row.on(platform);
        String os = platform.displayName();
        if (!support.exists()) {
            return DeclarationDecision.refuse(NOT_ON_PLATFORM, row.source(),
                    type + " does not exist on " + os + " (the schema lists it as n/a there)");
        }
        if (version != null && version.compareTo(support.introduced()) < 0) {
            return DeclarationDecision.refuse(OS_TOO_OLD, row.source(), type + " needs " + os + " "
                    + support.introduced() + " or later; the device runs " + os + " " + version);
        }
        if ("user-not-listed".equals(support.userEnrollment())) {
            return DeclarationDecision.refuse(NOT_FOR_USER_ENROLLMENT, row.source(), type + " is not allowed under "
                    + "User Enrollment on " + os + ": the schema's allowed-enrollments for it do not include \"user\"");
        }
        String schemaOs = DeclarationCatalog.schemaOs(platform);
        for (String forbidden : row.keysForbiddenUnderUe()) {
            // Path[OS:what] — applies only to the OS named in the brackets
            int bracket = forbidden.indexOf('[');
            String path = bracket < 0 ? forbidden : forbidden.substring(0, bracket);
            String scope = bracket < 0 ? "" : forbidden.substring(bracket + 1, forbidden.length() - 1);
            boolean thisOs = scope.isEmpty() || scope.startsWith(schemaOs + ":");
            if (thisOs && payloadKeys.contains(path)) {
                return DeclarationDecision.refuse(KEY_NOT_FOR_USER_ENROLLMENT, row.source(), type + " sets " + path
                        + ", a key the schema excludes from User Enrollment on " + os + " (" + scope + ")");
            }
        }
        return DeclarationDecision.allow(row.source());
    }
}
