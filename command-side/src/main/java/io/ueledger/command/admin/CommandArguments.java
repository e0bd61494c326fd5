package io.ueledger.command.admin;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the JSON arguments of a command and turns them into plist-ready values: strings,
 * booleans, whole numbers as long, other numbers as double, lists and dictionaries of those. A
 * null, or a key the server sets itself, is refused with a message that names it.
 */
final class CommandArguments {

    private CommandArguments() {
    }

    static Map<String, Object> checked(Map<String, Object> arguments) {
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : arguments.entrySet()) {
            String key = entry.getKey();
            if (key.equals("RequestType") || key.equals("CommandUUID")) {
                throw new InvalidMdmCommand("'" + key + "' is set by the server; leave it out of 'arguments'");
            }
            checked.put(key, value(key, entry.getValue()));
        }
        return checked;
    }

    private static Object value(String path, Object value) {
        if (value == null) {
            throw new InvalidMdmCommand("argument '" + path + "' is null; a plist has no null, leave the key out");
        }
        // byte[] never comes from JSON: it is how server code (the DDM sync command) passes a plist <data> value
        if (value instanceof String || value instanceof Boolean || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            try {
                return big.longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidMdmCommand("argument '" + path + "' is too large for a plist integer");
            }
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                values.add(value(path + "[" + i + "]", list.get(i)));
            }
            return values;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.forEach((k, v) -> values.put(String.valueOf(k), value(path + "." + k, v)));
            return values;
        }
        throw new InvalidMdmCommand("argument '" + path + "' has a value of an unsupported kind");
    }
}
