package io.ueledger.kernel.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One key of a request or payload and what User Enrollment says about it, written in the matrix
 * files as {@code Name(state)} or {@code Outer.Inner(state)}; several are separated by {@code ;}.
 *
 * @param path   the key, dotted when it sits inside a nested dictionary
 * @param constraint what the key may carry
 * @param limit  the upper bound for {@link Constraint#MAX}, otherwise 0
 */
public record KeyRule(String path, Constraint constraint, long limit) {

    public enum Constraint {
        /** The device refuses the whole request or payload when the key is present. */
        FORBIDDEN,
        /** The device silently ignores the key; we refuse it so nobody believes it is enforced. */
        IGNORED,
        /** The key must be present and true. */
        REQUIRED,
        /** If present the key must be true (false would not be honoured). */
        ONLY_TRUE,
        /** If present the key must be false (true would not be honoured). */
        ONLY_FALSE,
        /** If present the key must be a number no larger than the limit. */
        MAX
    }

    public KeyRule {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("key rule without a key");
        }
    }

    /** Parses a cell such as {@code UDID(forbidden); minLength(max=6)}; duplicates are dropped. */
    static List<KeyRule> parseList(String cell) {
        Set<KeyRule> rules = new LinkedHashSet<>();
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        for (String part : cell.split(";")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int open = item.indexOf('(');
            if (open < 1 || !item.endsWith(")")) {
                throw new IllegalArgumentException("key rule '" + item + "' is not of the form Name(state)");
            }
            rules.add(parse(item.substring(0, open).trim(), item.substring(open + 1, item.length() - 1).trim()));
        }
        return List.copyOf(new ArrayList<>(rules));
    }

    private static KeyRule parse(String path, String state) {
        String s = state.toLowerCase(Locale.ROOT);
        if (s.startsWith("max=")) {
            return new KeyRule(path, Constraint.MAX, Long.parseLong(s.substring(4)));
        }
        Constraint constraint = switch (s) {
            case "forbidden" -> Constraint.FORBIDDEN;
            case "ignored" -> Constraint.IGNORED;
            case "required" -> Constraint.REQUIRED;
            case "only-true" -> Constraint.ONLY_TRUE;
            case "only-false" -> Constraint.ONLY_FALSE;
            default -> throw new IllegalArgumentException("unknown key state '" + state + "' for key " + path);
        };
        return new KeyRule(path, constraint, 0);
    }

    /** Whether the key refuses a request merely by being present. */
    public boolean refusesWhenPresent() {
        return constraint == Constraint.FORBIDDEN || constraint == Constraint.IGNORED;
    }

    @Override
    public String toString() {
        return path + "(" + (constraint == Constraint.MAX ? "max=" + limit : constraint.name().toLowerCase(Locale.ROOT).replace('_', '-')) + ")";
    }
}
