package io.ueledger.kernel.ddm;

/** A reason the device gave (code such as Error.ConfigurationCannotBeApplied, and its text). */
public record StatusReason(String code, String description) {
}
