package io.ueledger.kernel.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The one zip shape a bundle may have, so that every zip tool reads the same files from it.
 *
 * <p>A zip can be read two ways: through its central directory (what {@code unzip}, file managers and
 * {@code java.util.zip.ZipFile} do) or by walking the local headers from the start (what streaming
 * readers do). A doctored archive can show one set of files to one and another to the other, and
 * names, flags and extra fields leave room for more disagreement. This reader reads through the
 * central directory and then refuses every archive in which the two readings could differ:
 * <ul>
 *   <li>the end-of-central-directory record is the last 22 bytes (no archive comment, no zip64, one disk);</li>
 *   <li>the central directory ends exactly where that record starts and holds exactly the entries it counts;</li>
 *   <li>the entries' local headers follow one another from byte 0 with no gap, and the last entry's
 *       data ends exactly where the central directory starts: no byte belongs to no entry;</li>
 *   <li>each local header repeats its central entry field for field (version, flags, method, time,
 *       date, CRC-32, sizes, name), and neither has an extra field or a comment;</li>
 *   <li>flags are 0 or only the UTF-8 flag (bit 11): no encryption, no data descriptor;</li>
 *   <li>methods are STORED or DEFLATED; the data decompresses to exactly the stated size and CRC-32;</li>
 *   <li>names are flat ASCII ({@code [A-Za-z0-9][A-Za-z0-9._-]*}), so no two encodings read a name
 *       differently, and no two names are equal ignoring case.</li>
 * </ul>
 * {@link #write} produces exactly that shape (STORED entries, sizes and CRC-32 in the headers).
 */
public final class StrictZip {

    /** Why a zip is not a strict bundle: the message says what, for a person. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int LOCAL_SIZE = 30;
    private static final int CENTRAL_SIZE = 46;
    private static final int END_SIZE = 22;
    private static final int UTF8_FLAG = 0x0800;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private StrictZip() {
    }

    /** The files in central-directory order, after every rule above held. */
    public static Map<String, byte[]> read(byte[] zip, long maxEntryBytes) throws Malformed {
        ByteBuffer in = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        if (zip.length < END_SIZE || in.getInt(zip.length - END_SIZE) != END) {
            throw new Malformed("the zip does not end with its end-of-central-directory record (an archive comment,"
                    + " trailing bytes, or not a zip)");
        }
        int end = zip.length - END_SIZE;
        int disk = u16(in, end + 4);
        int cdDisk = u16(in, end + 6);
        int entriesHere = u16(in, end + 8);
        int entries = u16(in, end + 10);
        long cdSize = u32(in, end + 12);
        long cdOffset = u32(in, end + 16);
        int commentLength = u16(in, end + 20);
        if (disk != 0 || cdDisk != 0 || entriesHere != entries) {
            throw new Malformed("the zip claims to span several disks");
        }
        if (entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
            throw new Malformed("the zip uses zip64 fields, which a bundle never needs");
        }
        if (commentLength != 0) {
            throw new Malformed("the zip has an archive comment");
        }
        if (cdOffset + cdSize != end) {
            throw new Malformed("there are " + (end - cdOffset - cdSize) + " bytes between the central directory and "
                    + "its end record (hidden data, a second directory, or zip64 records)");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        Set<String> folded = new HashSet<>();
        int at = (int) cdOffset;
        long expectedLocal = 0;
        for (int i = 0; i < entries; i++) {
            if (at + CENTRAL_SIZE > end || in.getInt(at) != CENTRAL) {
                throw new Malformed("the central directory holds fewer entries than its end record counts (" + entries + ")");
            }
            Header central = new Header(u16(in, at + 6), u16(in, at + 8), u16(in, at + 10), u16(in, at + 12),
                    u16(in, at + 14), u32(in, at + 16), u32(in, at + 20), u32(in, at + 24), u16(in, at + 28));
            int extra = u16(in, at + 30);
            int comment = u16(in, at + 32);
            int startDisk = u16(in, at + 34);
            long localOffset = u32(in, at + 42);
            if (at + CENTRAL_SIZE + central.nameLength() > end) {
                throw new Malformed("a central directory entry's name runs past the directory");
            }
            byte[] nameBytes = slice(zip, at + CENTRAL_SIZE, central.nameLength());
            String name = name(nameBytes);
            String entry = "entry '" + name + "'";
            if (extra != 0 || comment != 0) {
                throw new Malformed(entry + " has an extra field or a comment in the central directory");
            }
            if (startDisk != 0) {
                throw new Malformed(entry + " claims to start on another disk");
            }
            central.check(entry);
            if (!folded.add(name.toLowerCase(Locale.ROOT))) {
                throw new Malformed("the zip holds '" + name + "' twice (names are compared ignoring case)");
            }
            if (localOffset != expectedLocal) {
                throw new Malformed(entry + " starts at byte " + localOffset + ", not right after the previous entry"
                        + " (byte " + expectedLocal + "): the bytes between belong to no listed entry");
            }
            int local = (int) localOffset;
            if (local + LOCAL_SIZE > cdOffset || in.getInt(local) != LOCAL) {
                throw new Malformed(entry + " has no local header where the central directory points");
            }
            Header localHeader = new Header(u16(in, local + 4), u16(in, local + 6), u16(in, local + 8),
                    u16(in, local + 10), u16(in, local + 12), u32(in, local + 14), u32(in, local + 18),
                    u32(in, local + 22), u16(in, local + 26));
            int localExtra = u16(in, local + 28);
            if (!localHeader.equals(central)) {
                throw new Malformed(entry + ": its local header (" + localHeader + ") disagrees with its central"
                        + " directory entry (" + central + ")");
            }
            if (localExtra != 0) {
                throw new Malformed(entry + " has an extra field in its local header");
            }
            int dataStart = local + LOCAL_SIZE + central.nameLength();
            if (dataStart > cdOffset
                    || !java.util.Arrays.equals(slice(zip, local + LOCAL_SIZE, central.nameLength()), nameBytes)) {
                throw new Malformed(entry + ": the name in its local header is not the name in the central directory");
            }
            if (dataStart + central.compressedSize() > cdOffset) {
                throw new Malformed(entry + "'s data runs into the central directory");
            }
            if (central.size() > maxEntryBytes) {
                throw new Malformed(entry + " is larger than " + maxEntryBytes + " bytes");
            }
            byte[] data = data(entry, slice(zip, dataStart, (int) central.compressedSize()), central);
            files.put(name, data);
            expectedLocal = dataStart + central.compressedSize();
            at += CENTRAL_SIZE + central.nameLength();
        }
        if (at != end) {
            throw new Malformed("the central directory has bytes after its " + entries + " entries");
        }
        if (expectedLocal != cdOffset) {
            throw new Malformed("there are " + (cdOffset - expectedLocal) + " bytes after the last entry that belong to"
                    + " no listed entry (e.g. a second copy of a file)");
        }
        if (files.isEmpty()) {
            throw new Malformed("the zip is empty");
        }
        return files;
    }

    /**
     * The files, in the given order, as STORED entries whose headers carry size and CRC-32 (no data
     * descriptor, no extra field, no comment), all stamped with {@code time}.
     */
    public static byte[] write(Map<String, byte[]> files, Instant time) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                if (!NAME.matcher(file.getKey()).matches()) {
                    throw new IllegalArgumentException("not a flat ASCII bundle file name: " + file.getKey());
                }
                ZipEntry entry = new ZipEntry(file.getKey());
                CRC32 crc = new CRC32();
                crc.update(file.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(file.getValue().length);
                entry.setCompressedSize(file.getValue().length);
                entry.setCrc(crc.getValue());
                entry.setTime(time.toEpochMilli());
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The fields a local header repeats from its central entry. */
    private record Header(int versionNeeded, int flags, int method, int time, int date, long crc,
                          long compressedSize, long size, int nameLength) {

        void check(String entry) throws Malformed {
            if ((flags & 0x0001) != 0) {
                throw new Malformed(entry + " is encrypted");
            }
            if ((flags & 0x0008) != 0) {
                throw new Malformed(entry + " uses a data descriptor (its sizes are not in its header)");
            }
            if ((flags & ~UTF8_FLAG) != 0) {
                throw new Malformed(entry + " has general-purpose flags 0x" + Integer.toHexString(flags)
                        + "; only the UTF-8 flag is allowed");
            }
            if (method != STORED && method != DEFLATED) {
                throw new Malformed(entry + " uses compression method " + method + "; only STORED and DEFLATED are read");
            }
            if (versionNeeded > 20) {
                throw new Malformed(entry + " needs zip version " + versionNeeded / 10 + "." + versionNeeded % 10
                        + " (zip64 or newer features); a bundle needs 2.0 at most");
            }
            if (size == 0xFFFFFFFFL || compressedSize == 0xFFFFFFFFL) {
                throw new Malformed(entry + " uses zip64 sizes");
            }
            if (method == STORED && size != compressedSize) {
                throw new Malformed(entry + " is STORED but its compressed and uncompressed sizes differ");
            }
        }

        @Override
        public String toString() {
            return "version " + versionNeeded + ", flags 0x" + Integer.toHexString(flags) + ", method " + method
                    + ", crc " + Long.toHexString(crc) + ", sizes " + compressedSize + "/" + size;
        }
    }

    private static byte[] data(String entry, byte[] stored, Header header) throws Malformed {
        byte[] data;
        if (header.method() == STORED) {
            data = stored;
        } else {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(stored);
                data = new byte[(int) header.size()];
                int n = 0;
                while (n < data.length && !inflater.finished()) {
                    int read = inflater.inflate(data, n, data.length - n);
                    if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += read;
                }
                byte[] probe = new byte[1];
                boolean more = !inflater.finished() && inflater.inflate(probe) > 0;
                if (n != data.length || more || !inflater.finished() || inflater.getRemaining() != 0) {
                    throw new Malformed(entry + " does not inflate to exactly its stated " + header.size() + " bytes");
                }
            } catch (DataFormatException e) {
                throw new Malformed(entry + " is not valid DEFLATE data: " + e.getMessage());
            } finally {
                inflater.end();
            }
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        if (crc.getValue() != header.crc()) {
            throw new Malformed(entry + ": its data does not match its CRC-32");
        }
        return data;
    }

    private static String name(byte[] bytes) throws Malformed {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                throw new Malformed("an entry name has a byte 0x" + String.format("%02x", b & 0xff)
                        + " that is not printable ASCII; zip tools may decode such names differently");
            }
        }
        String name = new String(bytes, StandardCharsets.US_ASCII);
        if (!NAME.matcher(name).matches()) {
            throw new Malformed("entry name '" + name + "' is not a flat file name (letters, digits, '.', '_', '-')");
        }
        return name;
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        return java.util.Arrays.copyOfRange(bytes, from, from + length);
    }

    private static int u16(ByteBuffer in, int at) {
        return Short.toUnsignedInt(in.getShort(at));
    }

    private static long u32(ByteBuffer in, int at) {
        return Integer.toUnsignedLong(in.getInt(at));
    }
}
