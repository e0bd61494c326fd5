package io.ueledger.query.web;

import io.ueledger.kernel.query.FindHistory;
import io.ueledger.kernel.query.HistoryOutcome;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Turns the history filters of the query string into a {@link FindHistory}, or a message saying what is wrong. */
final class HistoryParameters {

    private HistoryParameters() {
    }

    static FindHistory query(String enrollmentRef, List<String> types, List<String> outcomes, String from, String to,
                             String actor, String order, int page, int size) {
        List<HistoryOutcome> parsedOutcomes = outcomes == null ? List.of()
                : outcomes.stream().filter(o -> !o.isBlank()).map(HistoryParameters::outcome).toList();
        try {
            return new FindHistory(enrollmentRef, FindHistory.types(types, parsedOutcomes), time("from", from),
                    time("to", to), actor, ascending(order), page, size);
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery(e.getMessage());
        }
    }

    /** An ISO-8601 instant with an offset ({@code 2025-03-03T00:00:00Z}, {@code ...+01:00}). */
    static Instant time(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQuery("'" + name + "' must be an ISO-8601 time with an offset, such as "
                    + "2025-03-03T09:00:00Z, not '" + text + "'");
        }
    }

    private static HistoryOutcome outcome(String text) {
        try {
            return HistoryOutcome.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery(e.getMessage());
        }
    }

    static boolean ascending(String order) {
        return switch (order.trim().toLowerCase(Locale.ROOT)) {
            case "asc", "oldest" -> true;
            case "desc", "newest" -> false;
            default -> throw new InvalidQuery("order must be asc or desc, not '"
                    + order + "' (oldest and newest work too)");
        };
    }
}
