package io.ueledger.kernel.ddm;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Key paths of a declaration Payload as the schema data names them: dotted for nested objects, {@code []} for array items. */
public final class PayloadKeys {

    private PayloadKeys() {
    }

    public static Set<String> of(Map<String, ?> payload) {
        Set<String> keys = new LinkedHashSet<>();
        collect("", payload, keys);
        return keys;
    }

    private static void collect(String prefix, Object value, Set<String> keys) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String path = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
                keys.add(path);
                collect(path, v, keys);
            });
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                collect(prefix + "[]", item, keys);
            }
        }
    }
}
