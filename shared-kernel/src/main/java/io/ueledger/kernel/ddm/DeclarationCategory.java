package io.ueledger.kernel.ddm;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four kinds of declaration. The device names the category in its fetch path
 * ({@code declaration/<segment>/<Identifier>}) and the manifest lists each under its own key.
 */
public enum DeclarationCategory {
    ACTIVATION("activation", "Activations", "activations"),
    ASSET("asset", "Assets", "assets"),
    CONFIGURATION("configuration", "Configurations", "configurations"),
    MANAGEMENT("management", "Management", "management");

    private final String pathSegment;
    private final String manifestKey;
    private final String statusKey;

    DeclarationCategory(String pathSegment, String manifestKey, String statusKey) {
        this.pathSegment = pathSegment;
        this.manifestKey = manifestKey;
        this.statusKey = statusKey;
    }

    /** As in {@code declaration/<segment>/<Identifier>} and the {@code kind} column of declarations.tsv. */
    public String pathSegment() {
        return pathSegment;
    }

    /** The array name in DeclarationItemsResponse.Declarations. */
    public String manifestKey() {
        return manifestKey;
    }

    /** The array name in the {@code management.declarations} status item. */
    public String statusKey() {
        return statusKey;
    }

    public static Optional<DeclarationCategory> fromPathSegment(String segment) {
        return Arrays.stream(values()).filter(c -> c.pathSegment.equals(segment)).findFirst();
    }

    /** From a declaration Type: com.apple.configuration.x is a configuration, and so on. */
    public static Optional<DeclarationCategory> ofType(String type) {
        if (type == null || !type.startsWith("com.apple.")) {
            return Optional.empty();
        }
        String rest = type.substring("com.apple.".length());
        return Arrays.stream(values()).filter(c -> rest.startsWith(c.pathSegment + ".")).findFirst();
    }
}
