package io.ueledger.ops.verifier;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives byte by byte, including the malformed ones a strict reader must refuse: local
 * headers that disagree with the central directory, entries the directory does not list, comments,
 * extra fields, flags. Every field is public so that a test changes exactly one thing.
 */
final class ZipForge {

    /** One entry; the {@code local*} fields, when set, replace the central value in the local header only. */
    static final class Entry {
        byte[] name;
        byte[] data;
        byte[] stored;
        int method;
        int flags;
        int versionNeeded = 10;
        long crc;
        long size;
        long compressedSize;
        byte[] centralExtra = new byte[0];
        byte[] centralComment = new byte[0];
        byte[] localExtra = new byte[0];
        Integer localFlags;
        Long localCrc;
        Long localSize;
        byte[] localName;
        byte[] trailing = new byte[0];

        Entry(String name, byte[] data) {
            this.name = name.getBytes(StandardCharsets.UTF_8);
            this.data = data;
            this.stored = data;
            CRC32 crc32 = new CRC32();
            crc32.update(data);
            this.crc = crc32.getValue();
            this.size = data.length;
            this.compressedSize = data.length;
        }

        Entry deflated() {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            stored = out.toByteArray();
            compressedSize = stored.length;
            method = 8;
            versionNeeded = 20;
            return this;
        }
    }

    static Entry entry(String name, String text) {
        return new Entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Entry entry(String name, byte[] data) {
        return new Entry(name, data);
    }

    /** Local headers and data in {@code local} order, then a directory listing {@code central}. */
    static byte[] build(List<Entry> local, List<Entry> central, byte[] archiveComment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<Entry, Integer> offsets = new IdentityHashMap<>();
        for (Entry e : local) {
            offsets.put(e, out.size());
            byte[] name = e.localName != null ? e.localName : e.name;
            ByteBuffer h = le(30);
            h.putInt(0x04034b50).putShort((short) e.versionNeeded)
                    .putShort((short) (e.localFlags != null ? e.localFlags : e.flags)).putShort((short) e.method)
                    .putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) (e.localCrc != null ? e.localCrc : e.crc)).putInt((int) e.compressedSize)
                    .putInt((int) (e.localSize != null ? e.localSize : e.size)).putShort((short) name.length)
                    .putShort((short) e.localExtra.length);
            out.writeBytes(h.array());
            out.writeBytes(name);
            out.writeBytes(e.localExtra);
            out.writeBytes(e.stored);
            out.writeBytes(e.trailing);
        }
        int cdStart = out.size();
        for (Entry e : central) {
            ByteBuffer h = le(46);
            h.putInt(0x02014b50).putShort((short) 0x0314).putShort((short) e.versionNeeded).putShort((short) e.flags)
                    .putShort((short) e.method).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc)
                    .putInt((int) e.compressedSize).putInt((int) e.size).putShort((short) e.name.length)
                    .putShort((short) e.centralExtra.length).putShort((short) e.centralComment.length)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(offsets.get(e));
            out.writeBytes(h.array());
            out.writeBytes(e.name);
            out.writeBytes(e.centralExtra);
            out.writeBytes(e.centralComment);
        }
        int cdSize = out.size() - cdStart;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) central.size())
                .putShort((short) central.size()).putInt(cdSize).putInt(cdStart).putShort((short) archiveComment.length);
        out.writeBytes(end.array());
        out.writeBytes(archiveComment);
        return out.toByteArray();
    }

    static byte[] build(List<Entry> entries) {
        return build(entries, entries, new byte[0]);
    }

    static List<Entry> list(Entry... entries) {
        return new ArrayList<>(List.of(entries));
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private ZipForge() {
    }
}
