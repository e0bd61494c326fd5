package io.ueledger.kernel.query;

import java.util.List;

/** One page of {@link FindHistory}; {@code total} counts every entry that matches the filters. */
public record HistoryPage(List<HistoryEntryView> items, int page, int size, long total) {
}
