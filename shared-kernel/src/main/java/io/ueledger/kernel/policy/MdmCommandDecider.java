package io.ueledger.kernel.policy;

import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandDecision;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import java.util.List;

/**
 * The one place that decides whether an MDM command may go to a user-enrolled device. Two sets of
 * rules, one outcome ({@link MdmCommandDecision}):
 * <ol>
 * <li>the User Enrollment policy for the device's platform and OS version ({@link #evaluate}), which
 *     the caller asks before it builds the command body, because a narrowed command is sent narrowed;</li>
 * <li>the enrollment's inventory rules ({@link #decide}): a profile may be removed only if this MDM
 *     installed it, an app only if it is managed, and per-app networking may carry managed apps only.
 *     Only the enrollment knows what it installed, so the aggregate calls this, with what it holds,
 *     and records whatever refusal comes back.</li>
 * </ol>
 * The admin API, the console, the DDM sync (and so the simulator, which drives the admin API) all
 * reach the enrollment through {@code MdmCommandIssuer}, which asks {@link #evaluate} and hands the
 * outcome to the enrollment in {@code IssueMdmCommand}.
 */
public final class MdmCommandDecider {

    public static final String NOT_INSTALLED_BY_MDM = "ue.profile.not-installed-by-mdm";
    public static final String APP_NOT_MANAGED = "ue.app.not-managed";
    public static final String UNMANAGED_APP_BINDING = ManagedAppBinding.RULE_ID;
    /** Where the inventory rules read from: the enrollment's own record. */
    public static final String LEDGER_SOURCE = "the enrollment's ledger of what this MDM installed";

    /** What the enrollment holds that the inventory rules ask about. */
    public interface Installed {

        boolean hasProfile(String identifier);

        boolean hasApp(String bundleId);
    }

    private final UserEnrollmentPolicy policy;

    public MdmCommandDecider(UserEnrollmentPolicy policy) {
        this.policy = policy;
    }

    /** The policy's full answer for the device's platform and OS (verdict, narrowing, findings). */
    public PolicyDecision evaluate(MdmCommandRequest request) {
        return policy.evaluate(request);
    }

    /** The policy's answer as the one outcome type. */
    public static MdmCommandDecision outcome(PolicyDecision decision) {
        return decision.isRefused()
                ? MdmCommandDecision.refuse(decision.ruleId(), decision.source(), decision.reason())
                : MdmCommandDecision.allow();
    }

    /**
     * The whole decision, given the policy's outcome and what the enrollment has installed: a policy
     * refusal stands; otherwise the first inventory rule the command breaks, or allowed.
     */
    public static MdmCommandDecision decide(MdmCommandDecision policyOutcome, ManagedContent content,
                                            Installed installed) {
        if (policyOutcome.refused()) {
            return policyOutcome;
        }
        switch (content.effect()) {
            case REMOVES_PROFILE -> {
                if (!installed.hasProfile(content.identifier())) {
                    return refuse(NOT_INSTALLED_BY_MDM, "Profile " + content.identifier()
                            + " was not installed on this device by this MDM, so the MDM may not remove it; it may be"
                            + " the user's own (or the enrollment profile, which only unenrollment removes).");
                }
            }
            case REMOVES_APP -> {
                if (!installed.hasApp(content.identifier())) {
                    return refuse(APP_NOT_MANAGED, "App " + content.identifier()
                            + " is not a managed app of this enrollment; User Enrollment never lets the MDM remove"
                            + " a personal app.");
                }
            }
            case INSTALLS_PROFILE -> {
                for (PerAppNetworkSetting setting : content.perAppNetworking()) {
                    List<String> unmanaged = setting.appBundleIds().stream().filter(a -> !installed.hasApp(a)).toList();
                    if (!unmanaged.isEmpty()) {
                        return refuse(UNMANAGED_APP_BINDING, "Per-app " + setting.kind()
                                + " payload " + setting.payloadIdentifier() + " would carry traffic of " + unmanaged
                                + ", which are not managed apps of this enrollment; per-app networking may only carry"
                                + " traffic of managed apps, personal traffic is never filtered or proxied.");
                    }
                }
            }
            default -> {
                // installing an app or sending a query needs nothing this enrollment must already have
            }
        }
        return MdmCommandDecision.allow();
    }

    private static MdmCommandDecision refuse(String rule, String reason) {
        return MdmCommandDecision.refuse(rule, LEDGER_SOURCE, reason);
    }
}
