package io.ueledger.kernel.ddm;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The device uploaded a status report, already read and narrowed to what may be kept under User Enrollment. */
public record ReportDeclarationStatus(@TargetAggregateIdentifier String enrollmentRef, String enrollmentId,
                                      boolean fullReport, List<DeclarationStatus> declarations,
                                      List<ReportedStatusItem> items, List<String> droppedItems,
                                      List<StatusItemError> errors, String reportDigest, Instant occurredAt) {
}
