package io.ueledger.kernel.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What one ledger leaf commits to: the facts of one stored event, never its plaintext. The payload
 * and metadata appear only as SHA-256 digests of the bytes exactly as stored in the event store
 * ({@code domainevententry.payload} / {@code .metadata}), so destroying a crypto-shredding key,
 * which leaves those stored bytes in place, keeps every leaf and proof valid.
 *
 * <h2>Canonical encoding (version 1)</h2>
 * A sequence of 11 fields, each written as a 4-byte big-endian unsigned length followed by that
 * many bytes. Strings are UTF-8 (an absent value is the empty string); numbers are 8-byte
 * big-endian two's complement; digests are 32 raw bytes. In this order:
 * <ol>
 *   <li>the format tag {@code ue-ledger/leaf-envelope/v1}</li>
 *   <li>global index (number): the event's position in the event store</li>
 *   <li>event id (string)</li>
 *   <li>aggregate type (string; empty for an event without aggregate)</li>
 *   <li>aggregate id (string)</li>
 *   <li>aggregate sequence number (number)</li>
 *   <li>payload type (string: the event's class name)</li>
 *   <li>payload revision (string)</li>
 *   <li>timestamp (string, exactly as stored, e.g. {@code 2026-03-03T10:15:30.123Z})</li>
 *   <li>payload digest: SHA-256 of the stored payload bytes</li>
 *   <li>metadata digest: SHA-256 of the stored metadata bytes (of zero bytes when none)</li>
 * </ol>
 * The leaf hash is the RFC 6962 leaf hash of the encoding: {@code SHA-256(0x00 || encoding)}.
 */
public record LeafEnvelope(
        long globalIndex,
        String eventId,
        String aggregateType,
        String aggregateId,
        long sequenceNumber,
        String payloadType,
        String payloadRevision,
        String timestamp,
        byte[] payloadSha256,
        byte[] metaDataSha256) {

    public static final String FORMAT = "ue-ledger/leaf-envelope/v1";
    private static final int FIELDS = 11;

    public LeafEnvelope {
        eventId = Objects.requireNonNull(eventId, "eventId");
        aggregateType = aggregateType == null ? "" : aggregateType;
        aggregateId = aggregateId == null ? "" : aggregateId;
        payloadType = payloadType == null ? "" : payloadType;
        payloadRevision = payloadRevision == null ? "" : payloadRevision;
        timestamp = timestamp == null ? "" : timestamp;
        payloadSha256 = requireDigest(payloadSha256, "payload digest");
        metaDataSha256 = requireDigest(metaDataSha256, "metadata digest");
    }

    /** The envelope of a stored event row; payload and metadata are the stored bytes (metadata may be null). */
    public static LeafEnvelope ofStoredEvent(long globalIndex, String eventId, String aggregateType,
            String aggregateId, long sequenceNumber, String payloadType, String payloadRevision,
            String timestamp, byte[] payload, byte[] metaData) {
        return new LeafEnvelope(globalIndex, eventId, aggregateType, aggregateId, sequenceNumber, payloadType,
                payloadRevision, timestamp, Rfc6962.sha256(payload),
                Rfc6962.sha256(metaData == null ? new byte[0] : metaData));
    }

    /** The canonical encoding described above. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, utf8(FORMAT));
        field(out, number(globalIndex));
        field(out, utf8(eventId));
        field(out, utf8(aggregateType));
        field(out, utf8(aggregateId));
        field(out, number(sequenceNumber));
        field(out, utf8(payloadType));
        field(out, utf8(payloadRevision));
        field(out, utf8(timestamp));
        field(out, payloadSha256);
        field(out, metaDataSha256);
        return out.toByteArray();
    }

    /** {@code SHA-256(0x00 || encode())}. */
    public byte[] leafHash() {
        return Rfc6962.leafHash(encode());
    }

    /** Reads a canonical encoding; refuses anything that is not exactly one version-1 envelope. */
    public static LeafEnvelope decode(byte[] encoded) {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        byte[][] fields = new byte[FIELDS][];
        try {
            for (int i = 0; i < FIELDS; i++) {
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IllegalArgumentException("field " + (i + 1) + " is longer than the envelope");
                }
                fields[i] = new byte[length];
                in.get(fields[i]);
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the envelope is truncated");
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("the envelope has trailing bytes");
        }
        if (!FORMAT.equals(string(fields[0]))) {
            throw new IllegalArgumentException("not a " + FORMAT + " envelope");
        }
        return new LeafEnvelope(longOf(fields[1]), string(fields[2]), string(fields[3]), string(fields[4]),
                longOf(fields[5]), string(fields[6]), string(fields[7]), string(fields[8]), fields[9], fields[10]);
    }

    @Override
    public byte[] payloadSha256() {
        return payloadSha256.clone();
    }

    @Override
    public byte[] metaDataSha256() {
        return metaDataSha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeafEnvelope e && Arrays.equals(e.encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "LeafEnvelope[globalIndex=" + globalIndex + ", eventId=" + eventId + ", aggregateType="
                + aggregateType + ", aggregateId=" + aggregateId + ", sequenceNumber=" + sequenceNumber
                + ", payloadType=" + payloadType + ", payloadRevision=" + payloadRevision + ", timestamp="
                + timestamp + ", payloadSha256=" + hex.formatHex(payloadSha256) + ", metaDataSha256="
                + hex.formatHex(metaDataSha256) + "]";
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] number(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    private static long longOf(byte[] b) {
        if (b.length != 8) {
            throw new IllegalArgumentException("a number field has 8 bytes");
        }
        return ByteBuffer.wrap(b).getLong();
    }

    private static byte[] requireDigest(byte[] digest, String what) {
        if (digest == null || digest.length != Rfc6962.HASH_SIZE) {
            throw new IllegalArgumentException(what + " must have " + Rfc6962.HASH_SIZE + " bytes");
        }
        return digest.clone();
    }
}
