package io.ueledger.query.compliance;

/** What the events show about one line of the "MDM can / can't" table. */
public enum LineVerdict {
    /** MDM can't: nothing of the kind was ever delivered, and nobody asked for it. */
    HELD,
    /** MDM can't: someone asked, the policy refused, nothing was delivered. */
    ATTEMPTED_AND_REFUSED,
    /** MDM can't, yet the event store shows something of that kind delivered to the device. Should never happen. */
    VIOLATED,
    /** MDM can: the device carried it out at least once. */
    USED,
    /** MDM can: never carried out. */
    NOT_USED,
    /** Reported by the device itself (DDM status): all is as declared, e.g. the passcode is compliant. */
    REPORTED_OK,
    /** Reported by the device itself (DDM status): something is not as declared, e.g. a declaration failed. */
    REPORTED_PROBLEM,
    /** The device has not reported this (no subscription, or no status report yet). */
    NOT_REPORTED
}
