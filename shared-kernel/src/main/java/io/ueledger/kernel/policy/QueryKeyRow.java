package io.ueledger.kernel.policy;

import io.ueledger.kernel.device.Platform;
import java.util.Map;

/**
 * One DeviceInformation query key and whether a user-enrolled device answers it, per platform
 * ({@code allowed}, {@code forbidden} or {@code n/a}); iPadOS reads the iOS column.
 */
public record QueryKeyRow(String key, Map<String, String> statusByOs, String note, RowSource source) {

    public QueryKeyRow {
        statusByOs = Map.copyOf(statusByOs);
    }

    public String status(Platform platform) {
        for (String os : CapabilityMatrix.lookupOrder(platform)) {
            String status = statusByOs.get(os);
            if (status != null) {
                return status;
            }
        }
        return "n/a";
    }

    public boolean answeredOn(Platform platform) {
        return "allowed".equals(status(platform));
    }
}
