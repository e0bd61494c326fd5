package io.ueledger.kernel.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Key names and key hashes of C2SP signed notes (https://c2sp.org/signed-note), Ed25519 only. */
final class NoteKeys {

    /** The signature-type byte of Ed25519 note keys. */
    static final byte ED25519 = 0x01;

    private NoteKeys() {
    }

    /** {@code SHA-256(name || 0x0A || 0x01 || publicKey)[:4]} as a big-endian unsigned 32-bit number. */
    static int keyHash(String name, byte[] publicKey) {
        MessageDigest sha = Rfc6962.sha256();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(ED25519);
        sha.update(publicKey);
        return ByteBuffer.wrap(sha.digest()).getInt();
    }

    /** A key name is non-empty and has no '+' and no whitespace, so key strings and signature lines parse. */
    static String requireValidName(String name) {
        if (name == null || name.isEmpty() || name.contains("+")
                || name.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw new IllegalArgumentException("invalid note key name '" + name
                    + "': it must be non-empty, without '+' or spaces");
        }
        return name;
    }

    static String hex(int keyHash) {
        return String.format("%08x", keyHash);
    }
}
