package io.ueledger.kernel.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a plist-like tree and lists the dotted path of every dictionary key at any depth
 * ({@code VPN.ProxyServer}); arrays are walked through without an index, so a key inside an
 * array of dictionaries is found too. Used so that a forbidden key hidden in a nested
 * dictionary cannot slip past the policy.
 */
public final class NestedKeys {

    private NestedKeys() {
    }

    public static List<String> paths(Map<String, ?> tree) {
        List<String> paths = new ArrayList<>();
        walk("", tree, paths);
        return paths;
    }

    /**
     * Whether {@code path} ends with the key (or dotted key path) {@code rulePath}, segment by
     * segment: {@code Settings.DataRoaming} matches {@code Settings.DataRoaming}, and
     * {@code ProxyServer} matches {@code VPN.Proxies.ProxyServer}.
     */
    public static boolean matches(String path, String rulePath) {
        String[] have = path.split("\\.");
        String[] want = rulePath.split("\\.");
        if (want.length > have.length) {
            return false;
        }
        for (int i = 1; i <= want.length; i++) {
            if (!have[have.length - i].equals(want[want.length - i])) {
                return false;
            }
        }
        return true;
    }

    /** The first path in the tree that {@link #matches} the rule path, if any. */
    public static Optional<String> find(Map<String, ?> tree, String rulePath) {
        return paths(tree).stream().filter(path -> matches(path, rulePath)).findFirst();
    }

    private static void walk(String prefix, Object node, List<String> paths) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String path = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
                paths.add(path);
                walk(path, entry.getValue(), paths);
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                walk(prefix, item, paths);
            }
        }
    }
}
