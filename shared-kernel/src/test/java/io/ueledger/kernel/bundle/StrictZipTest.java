package io.ueledger.kernel.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** What the exporter writes, the strict reader reads back, and so does any streaming reader, identically. */
class StrictZipTest {

    @Test
    void written_bundles_read_back_in_order_with_the_same_bytes_and_stream_the_same() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("events.jsonl", "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
        files.put("report.pdf", new byte[] {0, 1, 2, (byte) 0xff});
        files.put("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));

        byte[] zip = StrictZip.write(files, Instant.parse("2026-03-03T10:00:00Z"));

        Map<String, byte[]> read = StrictZip.read(zip, 1024);
        assertThat(read.keySet()).containsExactly("events.jsonl", "report.pdf", "manifest.json");
        read.forEach((name, bytes) -> assertThat(bytes).isEqualTo(files.get(name)));
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                assertThat(in.readAllBytes()).isEqualTo(files.get(entry.getName()));
                assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
            }
        }
        assertThat(StrictZip.write(files, Instant.parse("2026-03-03T10:00:00Z"))).isEqualTo(zip);
    }

    @Test
    void size_limit_and_names_are_enforced() throws IOException {
        Map<String, byte[]> files = Map.of("big.bin", new byte[2048]);
        byte[] zip = StrictZip.write(files, Instant.now());
        assertThatThrownBy(() -> StrictZip.read(zip, 1024)).hasMessageContaining("larger than 1024 bytes");
        assertThatThrownBy(() -> StrictZip.write(Map.of("dir/x", new byte[0]), Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
