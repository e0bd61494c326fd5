package io.ueledger.query.compliance;

import java.time.Instant;
import java.util.List;

/**
 * The evidence rows of one kind for one line within a report's scope: how many, when first and
 * last, the earliest event ids, and who / what / which rule they involve.
 *
 * @param narrowed how many of them carry a narrowing by the policy (queued rows only)
 */
record Tally(long count, Instant first, Instant last, List<String> eventIds, List<String> requestTypes,
             List<String> actors, List<String> rules, List<String> subjects, long narrowed) {

    static final Tally NONE = new Tally(0, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), 0);
}
