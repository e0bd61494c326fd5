package io.ueledger.ops.simulator.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one simulator subcommand: {@code --name value} pairs and bare {@code --flag}s. Only the
 * names the subcommand knows are accepted, so a typo is an error rather than a silently ignored setting.
 */
public final class CliOptions {

    private final Map<String, String> values = new HashMap<>();

    private CliOptions() {
    }

    public static CliOptions parse(List<String> args, Set<String> valued, Set<String> flags) {
        CliOptions options = new CliOptions();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new CliFailure("unexpected argument '" + arg + "': options are written --name value");
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals > 0) {
                options.put(name.substring(0, equals), name.substring(equals + 1), valued, flags);
            } else if (flags.contains(name)) {
                options.values.put(name, "true");
            } else if (valued.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new CliFailure("--" + name + " needs a value");
                }
                options.values.put(name, args.get(++i));
            } else {
                throw unknown(name, valued, flags);
            }
        }
        return options;
    }

    private void put(String name, String value, Set<String> valued, Set<String> flags) {
        if (!valued.contains(name)) {
            throw unknown(name, valued, flags);
        }
        values.put(name, value);
    }

    private static CliFailure unknown(String name, Set<String> valued, Set<String> flags) {
        return new CliFailure("unknown option --" + name + "; this subcommand knows --" + String.join(", --",
                new java.util.TreeSet<>(union(valued, flags))));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int integer(String name, int fallback, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new CliFailure("--" + name + " must be between " + min + " and " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CliFailure("--" + name + " must be a whole number, not '" + text + "'");
        }
    }

    public double fraction(String name, double fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (value < 0 || value >= 1) {
                throw new CliFailure("--" + name + " must be at least 0 and below 1, not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CliFailure("--" + name + " must be a number such as 0.05, not '" + text + "'");
        }
    }
}
