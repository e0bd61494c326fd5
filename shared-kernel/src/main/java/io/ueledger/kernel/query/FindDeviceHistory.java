package io.ueledger.kernel.query;

/**
 * One page of the events of one enrollment in the order they happened to its stream
 * ({@code ascending}) or the reverse. Answered with an empty Optional when no event of that
 * enrollment is known.
 */
public record FindDeviceHistory(String enrollmentRef, boolean ascending, int page, int size) {

    public FindDeviceHistory {
        PageRules.check(page, size);
    }
}
