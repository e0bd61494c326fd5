package io.ueledger.query.export;

import io.ueledger.kernel.ledger.LeafEnvelope;

/**
 * One event as the event store holds it now, with the leaf the ledger gave it.
 *
 * @param leafIndex       the event's leaf in the ledger
 * @param envelope        recomputed from the current event-store row (not copied from the ledger), so
 *                        a row altered after it was appended no longer matches the ledger's proof
 * @param storedPayload   the payload bytes exactly as stored
 * @param storedMetaData  the metadata bytes exactly as stored (null when none)
 * @param context         not in the scope itself: an earlier event of the same enrollment that says
 *                        which platform and OS version its MDM commands were checked against
 */
record ExportedEvent(long leafIndex, LeafEnvelope envelope, byte[] storedPayload, byte[] storedMetaData,
                     boolean context) {
}
