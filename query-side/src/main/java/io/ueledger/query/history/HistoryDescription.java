package io.ueledger.query.history;

/** Who caused an event ("device", "user", "system" or the person who asked) and what it means, in one sentence. */
public record HistoryDescription(String actor, String summary) {
}
