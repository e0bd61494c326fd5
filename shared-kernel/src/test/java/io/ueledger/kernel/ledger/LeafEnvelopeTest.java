package io.ueledger.kernel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The canonical envelope: a fixed, documented encoding an offline verifier can recompute. */
class LeafEnvelopeTest {

    private static final LeafEnvelope ENVELOPE = LeafEnvelope.ofStoredEvent(42, "event-1", "DeviceEnrollment",
            "enr-1", 3, "io.ueledger.kernel.enrollment.DeviceEnrolled", "1", "2026-03-03T10:15:30.123Z",
            "{\"a\":1}".getBytes(StandardCharsets.UTF_8), null);

    @Test
    void encodes_length_prefixed_fields_in_the_documented_order() {
        byte[] encoded = ENVELOPE.encode();
        String hex = HexFormat.of().formatHex(encoded);
        // field 1: the format tag, 26 bytes; field 2: global index 42 as 8 bytes
        assertThat(hex).startsWith("0000001a" + HexFormat.of().formatHex(LeafEnvelope.FORMAT.getBytes(StandardCharsets.UTF_8))
                + "00000008" + "000000000000002a" + "00000007" + HexFormat.of().formatHex("event-1".getBytes()));
        // the last field: SHA-256 of zero bytes, as the event has no metadata
        assertThat(hex).endsWith("00000020e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(ENVELOPE.leafHash()).isEqualTo(Rfc6962.leafHash(encoded));
    }

    @Test
    void decodes_what_it_encodes() {
        assertThat(LeafEnvelope.decode(ENVELOPE.encode())).isEqualTo(ENVELOPE);
        assertThat(LeafEnvelope.decode(ENVELOPE.encode()).timestamp()).isEqualTo("2026-03-03T10:15:30.123Z");
    }

    @Test
    void one_changed_payload_byte_changes_the_leaf() {
        LeafEnvelope other = LeafEnvelope.ofStoredEvent(42, "event-1", "DeviceEnrollment", "enr-1", 3,
                "io.ueledger.kernel.enrollment.DeviceEnrolled", "1", "2026-03-03T10:15:30.123Z",
                "{\"a\":2}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(other.leafHash()).isNotEqualTo(ENVELOPE.leafHash());
    }

    @Test
    void refuses_truncated_or_padded_encodings() {
        byte[] encoded = ENVELOPE.encode();
        assertThatThrownBy(() -> LeafEnvelope.decode(java.util.Arrays.copyOf(encoded, encoded.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeafEnvelope.decode(java.util.Arrays.copyOf(encoded, encoded.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
