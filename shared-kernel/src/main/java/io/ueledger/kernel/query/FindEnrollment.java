package io.ueledger.kernel.query;

/** The registry entry of one enrollment; answered with an empty Optional when it is unknown. */
public record FindEnrollment(String enrollmentRef) {
}
