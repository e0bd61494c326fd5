package io.ueledger.query.replay;

import io.ueledger.kernel.processing.ProcessorNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allow-list of views an admin may rebuild, by the name of their processing group, with the
 * words people read in progress and "being rebuilt" messages.
 *
 * <p>An allow-list rather than "any processor": the Merkle {@code ledger} must never be reset (its
 * leaf order is fixed once appended and published checkpoints commit to it), and side-effect
 * processors such as APNs pushes would wake devices. A processing group that is not listed here
 * cannot be reset through the API, whatever it is called.
 */
public final class RebuildableViews {

    /** The request for every view at once. */
    public static final String ALL = "all";

    private static final Map<String, String> VIEWS = new LinkedHashMap<>();

    static {
        VIEWS.put(ProcessorNames.ENROLLMENT_REGISTRY, "the enrollment registry");
        VIEWS.put(ProcessorNames.DEVICE_HISTORY, "the device history");
        VIEWS.put(ProcessorNames.ACCOUNT_REGISTRY, "the account registry");
        VIEWS.put(ProcessorNames.COMPLIANCE_EVIDENCE, "the compliance evidence behind the data-separation reports");
        VIEWS.put(ProcessorNames.DDM_STATUS,
                "the declarations, assignments and device-reported status of Declarative Device Management");
    }

    private RebuildableViews() {
    }

    /** The processing groups a request names: one view, or every view for {@link #ALL}. */
    public static List<String> resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            throw new RebuildRefused("say which view to rebuild: \"projection\" is one of "
                    + namesForHumans());
        }
        String name = requested.trim();
        if (ALL.equalsIgnoreCase(name)) {
            return List.copyOf(VIEWS.keySet());
        }
        if (!VIEWS.containsKey(name)) {
            throw new RebuildRefused("'" + name + "' cannot be rebuilt: only " + namesForHumans()
                    + " can (the ledger is never rebuilt, and side-effect processors are never replayed)");
        }
        return List.of(name);
    }

    public static boolean isRebuildable(String processingGroup) {
        return VIEWS.containsKey(processingGroup);
    }

    public static Optional<String> description(String processingGroup) {
        return Optional.ofNullable(VIEWS.get(processingGroup));
    }

    public static List<String> names() {
        return List.copyOf(VIEWS.keySet());
    }

    private static String namesForHumans() {
        return String.join(", ", VIEWS.keySet()) + " or " + ALL;
    }
}
