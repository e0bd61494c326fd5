package io.ueledger.kernel.query;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One page of history, of one enrollment ({@code enrollmentRef}) or of the whole fleet (null).
 * Every filter is optional: event types (simple names such as {@code MdmCommandRefused}; an
 * {@link HistoryOutcome} adds its types to them), a time range on when it happened ({@code from}
 * inclusive, {@code to} exclusive) and the actor. Newest first unless {@code ascending}.
 * A device's history answers an empty Optional when no event of that enrollment is known at all.
 */
public record FindHistory(
        String enrollmentRef,
        Set<String> eventTypes,
        Instant from,
        Instant to,
        String actor,
        boolean ascending,
        int page,
        int size) {

    public FindHistory {
        PageRules.check(page, size);
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        if (actor != null && actor.isBlank()) {
            actor = null;
        }
        for (String type : eventTypes) {
            if (!type.matches("[A-Za-z][A-Za-z0-9]{0,127}")) {
                throw new IllegalArgumentException("'" + type + "' is not an event type name (such as MdmCommandRefused)");
            }
        }
    }

    /** The event types asked for by name and by outcome together. */
    public static Set<String> types(List<String> names, List<HistoryOutcome> outcomes) {
        Set<String> types = new LinkedHashSet<>();
        if (names != null) {
            names.stream().map(String::trim).filter(n -> !n.isEmpty()).forEach(types::add);
        }
        if (outcomes != null) {
            outcomes.forEach(o -> types.addAll(o.eventTypes()));
        }
        return types;
    }
}
