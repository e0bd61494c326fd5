package io.ueledger.kernel.staff;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A client kept guessing a password (HTTP Basic or the built-in provider's sign-in form) and is locked
 * out of that user name until {@code lockedUntil}, without any password hashing meanwhile. Published on
 * its own, not by an aggregate, so that the lock-out is in the event store and the ledger like every
 * other decision the server took.
 *
 * @param client          the caller's address and the user name tried, as far as the request told
 * @param failuresInARow  wrong passwords in a row that led to this lock-out
 */
@Revision("1")
public record PasswordSignInLockedOut(String client, int failuresInARow, Instant lockedUntil, Instant occurredAt) {
}
