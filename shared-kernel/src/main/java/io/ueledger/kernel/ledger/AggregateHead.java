package io.ueledger.kernel.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where one aggregate's (e.g. one enrollment's) history ends in the ledger at a checkpoint: its last
 * event's sequence number and the leaf that event is. Every checkpoint commits to the heads of all
 * aggregates through a {@link HeadsTree}, so a bundle can prove that it holds an enrollment's events
 * up to the last one.
 *
 * <h2>Canonical encoding (version 1)</h2>
 * Four fields, each a 4-byte big-endian unsigned length followed by that many bytes, as in
 * {@link LeafEnvelope}: the tag {@code ue-ledger/aggregate-head/v1}; the aggregate id (UTF-8); the
 * last sequence number (8-byte big-endian two's complement); the leaf index (likewise). Its hash in
 * the heads tree is {@code SHA-256(0x00 || encoding)}.
 */
public record AggregateHead(String aggregateId, long lastSequence, long leafIndex) {

    public static final String FORMAT = "ue-ledger/aggregate-head/v1";

    public AggregateHead {
        Objects.requireNonNull(aggregateId, "aggregateId");
        if (lastSequence < 0 || leafIndex < 0) {
            throw new IllegalArgumentException("a head's sequence number and leaf index are not negative");
        }
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        field(out, FORMAT.getBytes(StandardCharsets.UTF_8));
        field(out, aggregateId.getBytes(StandardCharsets.UTF_8));
        field(out, ByteBuffer.allocate(8).putLong(lastSequence).array());
        field(out, ByteBuffer.allocate(8).putLong(leafIndex).array());
        return out.toByteArray();
    }

    /** {@code SHA-256(0x00 || encode())}. */
    public byte[] leafHash() {
        return Rfc6962.leafHash(encode());
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }
}
