package io.ueledger.kernel.ddm;

/**
 * One status item value as recorded: the dotted name and its JSON text. Items that list personal
 * data (the device's accounts) are recorded as a count, not their contents.
 */
public record ReportedStatusItem(String name, String value) {
}
