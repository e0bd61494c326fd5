package io.ueledger.kernel.query;

import java.util.List;

/** One page of {@link FindDeviceHistory}; {@code total} counts every event of the enrollment. */
public record DeviceHistoryPage(List<HistoryEntryView> items, int page, int size, long total) {
}
