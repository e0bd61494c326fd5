package io.ueledger.ops.verifier;

import static io.ueledger.ops.verifier.ZipForge.build;
import static io.ueledger.ops.verifier.ZipForge.entry;
import static io.ueledger.ops.verifier.ZipForge.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.bundle.StrictZip;
import io.ueledger.kernel.ledger.NoteSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives that two zip readers could read differently: each is built byte by byte and handed to
 * the verifier, which must refuse it as a malformed bundle (exit 1) naming what is wrong, before it
 * looks at any file. The reference is a zip in the shape the exporter writes, which gets past that.
 */
class MalformedZipTest {

    private static final String CLEAN = "{\"eventId\":\"e-1\",\"payloadType\":\"MdmCommandRefused\",\"requestType\":\"EraseDevice\"}\n";
    private static final String DOCTORED = "{\"eventId\":\"e-1\",\"payloadType\":\"MdmCommandAcknowledged\"}\n";

    @TempDir
    Path dir;
    private Path key;

    @BeforeEach
    void key() throws IOException {
        key = Files.writeString(dir.resolve("key.txt"), NoteSigner.generate("example.org/ledger", new SecureRandom())
                .verifierKey());
    }

    @Test
    void a_zip_in_the_exporters_shape_gets_past_the_zip_checks() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("events.jsonl", CLEAN.getBytes(StandardCharsets.UTF_8));
        files.put("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        byte[] zip = StrictZip.write(files, Instant.parse("2026-03-03T10:00:00Z"));

        Run run = verify(zip);

        assertThat(run.output).doesNotContain("not a well-formed bundle zip");
        assertThat(run.exit).isEqualTo(1); // the made-up files themselves do not verify
        // and a deflated entry written by the same rules is read too
        assertThat(verify(build(list(entry("events.jsonl", CLEAN).deflated()))).output)
                .doesNotContain("not a well-formed bundle zip");
    }

    @Test
    void a_central_directory_pointing_at_a_doctored_entry_behind_the_clean_ones_is_refused() throws IOException {
        ZipForge.Entry clean = entry("events.jsonl", CLEAN);
        ZipForge.Entry manifest = entry("manifest.json", "{}");
        ZipForge.Entry doctored = entry("events.jsonl", DOCTORED);
        byte[] zip = build(list(clean, manifest, doctored), list(doctored, manifest), new byte[0]);
        // what makes the attack work: a streaming reader sees the clean file first, a directory reader the doctored one
        assertThat(firstStreamed(zip)).isEqualTo(CLEAN);

        Run run = verify(zip);

        assertRefused(run, "entry 'events.jsonl' starts at byte");
        assertThat(run.output).contains("belong to no listed entry");
    }

    @Test
    void a_doctored_entry_before_the_listed_ones_is_refused() throws IOException {
        ZipForge.Entry clean = entry("events.jsonl", CLEAN);
        ZipForge.Entry doctored = entry("events.jsonl", DOCTORED);
        assertRefused(verify(build(list(doctored, clean), list(clean), new byte[0])), "starts at byte");
    }

    @Test
    void a_file_hidden_after_the_last_entry_is_refused() throws IOException {
        ZipForge.Entry listed = entry("events.jsonl", CLEAN);
        ZipForge.Entry hidden = entry("report.csv", "enrollment,EraseDevice,NOT_USED\n");
        assertRefused(verify(build(list(listed, hidden), list(listed), new byte[0])),
                "bytes after the last entry that belong to no listed entry");
    }

    @Test
    void bytes_between_entries_are_refused() throws IOException {
        ZipForge.Entry first = entry("events.jsonl", CLEAN);
        first.trailing = "junk".getBytes(StandardCharsets.UTF_8);
        assertRefused(verify(build(list(first, entry("manifest.json", "{}")))), "not right after the previous entry");
    }

    @Test
    void a_local_header_that_disagrees_with_its_central_entry_is_refused() throws IOException {
        ZipForge.Entry sized = entry("events.jsonl", CLEAN);
        sized.localSize = 3L;
        assertRefused(verify(build(list(sized))), "its local header", "disagrees with its central directory entry");

        ZipForge.Entry renamed = entry("events.jsonl", CLEAN);
        renamed.localName = "events.jsonX".getBytes(StandardCharsets.UTF_8);
        assertRefused(verify(build(list(renamed))), "the name in its local header is not the name in the central");

        ZipForge.Entry flagged = entry("events.jsonl", CLEAN);
        flagged.localFlags = 0x0800;
        assertRefused(verify(build(list(flagged))), "disagrees with its central directory entry");
    }

    @Test
    void the_same_name_twice_is_refused_even_in_another_case() throws IOException {
        assertRefused(verify(build(list(entry("events.jsonl", CLEAN), entry("events.jsonl", DOCTORED)))),
                "holds 'events.jsonl' twice");
        assertRefused(verify(build(list(entry("events.jsonl", CLEAN), entry("EVENTS.jsonl", DOCTORED)))),
                "holds 'EVENTS.jsonl' twice");
    }

    @Test
    void data_descriptors_and_encryption_are_refused() throws IOException {
        ZipForge.Entry described = entry("events.jsonl", CLEAN);
        described.flags = 0x0008;
        assertRefused(verify(build(list(described))), "uses a data descriptor");

        ZipForge.Entry encrypted = entry("events.jsonl", CLEAN);
        encrypted.flags = 0x0001;
        assertRefused(verify(build(list(encrypted))), "is encrypted");
    }

    @Test
    void names_that_encodings_could_read_differently_are_refused() throws IOException {
        ZipForge.Entry latin1 = entry("events.jsonl", CLEAN);
        latin1.name = new byte[] {'r', 'e', 'p', 'o', 'r', 't', (byte) 0xE9, '.', 'c', 's', 'v'};
        assertRefused(verify(build(list(latin1))), "byte 0xe9 that is not printable ASCII");

        assertRefused(verify(build(list(entry("../events.jsonl", CLEAN)))), "is not a flat file name");
        assertRefused(verify(build(list(entry("x/events.jsonl", CLEAN)))), "is not a flat file name");
    }

    @Test
    void comments_extra_fields_and_zip64_are_refused() throws IOException {
        assertRefused(verify(build(list(entry("events.jsonl", CLEAN)), list(), "hi".getBytes(StandardCharsets.UTF_8))),
                "does not end with its end-of-central-directory record");

        ZipForge.Entry commented = entry("events.jsonl", CLEAN);
        commented.centralComment = "note".getBytes(StandardCharsets.UTF_8);
        assertRefused(verify(build(list(commented))), "has an extra field or a comment");

        ZipForge.Entry zip64 = entry("events.jsonl", CLEAN);
        zip64.localExtra = new byte[] {0x01, 0x00, 0x00, 0x00};
        assertRefused(verify(build(list(zip64))), "has an extra field in its local header");

        ZipForge.Entry needs45 = entry("events.jsonl", CLEAN);
        needs45.versionNeeded = 45;
        assertRefused(verify(build(list(needs45))), "needs zip version 4.5");
    }

    @Test
    void trailing_or_leading_bytes_and_wrong_data_are_refused() throws IOException {
        byte[] zip = build(list(entry("events.jsonl", CLEAN)));
        byte[] trailing = java.util.Arrays.copyOf(zip, zip.length + 1);
        assertRefused(verify(trailing), "does not end with its end-of-central-directory record");

        ZipForge.Entry badCrc = entry("events.jsonl", CLEAN);
        badCrc.crc ^= 1;
        assertRefused(verify(build(list(badCrc))), "does not match its CRC-32");

        ZipForge.Entry shortInflate = entry("events.jsonl", CLEAN).deflated();
        shortInflate.size -= 1;
        assertRefused(verify(build(list(shortInflate))), "does not inflate to exactly its stated");

        ZipForge.Entry bzip2 = entry("events.jsonl", CLEAN);
        bzip2.method = 12;
        assertRefused(verify(build(list(bzip2))), "compression method 12");
    }

    private void assertRefused(Run run, String... reasons) {
        assertThat(run.exit).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("[FAIL] bundle.zip: not a well-formed bundle zip", "VERDICT: NOT VERIFIED");
        assertThat(run.output).contains(reasons);
    }

    private record Run(int exit, String output) {
    }

    private Run verify(byte[] zip) throws IOException {
        Path bundle = Files.write(dir.resolve("bundle.zip"), zip);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyBundle.run(new String[] {bundle.toString(), "--public-key", key.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private static String firstStreamed(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            ZipEntry first = in.getNextEntry();
            return first == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
