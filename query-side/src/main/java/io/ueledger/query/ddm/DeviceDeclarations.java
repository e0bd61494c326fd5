package io.ueledger.query.ddm;

import java.time.Instant;
import java.util.List;

/**
 * One device's Declarative Device Management as the views hold it: the declarations in force with
 * what the device last reported about each, the declarations the policy refused, and the latest
 * value of each status item it may report under User Enrollment. Every part names its event.
 */
public record DeviceDeclarations(String enrollmentRef, String declarationsToken, Instant lastSyncAt,
                                 Instant lastStatusAt, String lastStatusEventId, List<Declaration> declarations,
                                 List<Refusal> refusals, List<StatusItem> statusItems, String droppedItems,
                                 String statusErrors) {

    /** @param valid valid | invalid | unknown | removed as last reported; null before any report */
    public record Declaration(String identifier, String type, String category, String setId, String serverToken,
                              Instant assignedAt, Instant deliveredAt, Boolean active, String valid, String reasons,
                              String reportedToken, Instant reportedAt, String statusEventId) {

        /** The device reported on an older version of the declaration than the one in force. */
        public boolean reportIsStale() {
            return reportedToken != null && !reportedToken.equals(serverToken);
        }
    }

    public record Refusal(String eventId, String setId, String identifier, String type, String rule, String source,
                          String reason, Instant refusedAt) {
    }

    public record StatusItem(String item, String value, Instant reportedAt, String eventId) {
    }
}
