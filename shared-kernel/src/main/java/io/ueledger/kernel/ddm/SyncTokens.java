package io.ueledger.kernel.ddm;

import java.time.Instant;

/**
 * The server's synchronisation tokens for one enrollment. The token is computed from the
 * declarations in force (identifier, category and server token of each, sorted), so it changes
 * exactly when the set or a declaration's content changes, and every node computes the same value.
 *
 * @param timestamp when the declarations in force last changed (the event that changed them)
 */
public record SyncTokens(String declarationsToken, Instant timestamp) {
}
