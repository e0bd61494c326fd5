package io.ueledger.kernel.ddm;

import java.util.List;

/** A subscribed status item the device could not report (StatusReport.Errors[]). */
public record StatusItemError(String statusItem, List<StatusReason> reasons) {

    public StatusItemError {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
