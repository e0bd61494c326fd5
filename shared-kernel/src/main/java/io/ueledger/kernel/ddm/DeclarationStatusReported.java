package io.ueledger.kernel.ddm;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The device reported status: per declaration whether it is active and valid (with its reasons),
 * the subscribed items User Enrollment lets the server keep, the names of items it dropped unread,
 * and items the device could not report. {@code reportDigest} is the SHA-256 of the report as sent.
 */
@Revision("1")
public record DeclarationStatusReported(String enrollmentRef, boolean fullReport, List<DeclarationStatus> declarations,
                                        List<ReportedStatusItem> items, List<String> droppedItems,
                                        List<StatusItemError> errors, String reportDigest, Instant occurredAt) {
}
