package io.ueledger.kernel.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies C2SP signed notes against one Ed25519 verifier key
 * ({@code <name>+<hash hex>+base64(0x01 || publicKey)}). Signatures by other keys are ignored, as the
 * spec allows (a checkpoint may also carry witness cosignatures); the note verifies when at least
 * one signature line has this key's name and hash and a valid signature.
 */
public final class NoteVerifier {

    private final String name;
    private final int keyHash;
    private final Ed25519PublicKeyParameters key;

    private NoteVerifier(String name, int keyHash, byte[] publicKey) {
        this.name = NoteKeys.requireValidName(name);
        this.keyHash = keyHash;
        this.key = new Ed25519PublicKeyParameters(publicKey, 0);
    }

    /** Reads a verifier key string; its hash must match the name and key. */
    public static NoteVerifier fromVerifierKey(String verifierKey) {
        // Split on the first two '+' only: the base64 part may contain '+'.
        String[] parts = verifierKey.strip().split("\\+", 3);
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a note verifier key is <name>+<8 hex digits>+<base64 key>");
        }
        byte[] encoded;
        try {
            encoded = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the note verifier key is not base64", e);
        }
        if (encoded.length != 1 + Ed25519PublicKeyParameters.KEY_SIZE || encoded[0] != NoteKeys.ED25519) {
            throw new IllegalArgumentException("the note verifier key is not an Ed25519 key");
        }
        byte[] publicKey = Arrays.copyOfRange(encoded, 1, encoded.length);
        int hash = Integer.parseUnsignedInt(parts[1], 16);
        if (NoteKeys.keyHash(parts[0], publicKey) != hash) {
            throw new IllegalArgumentException("the note verifier key's hash " + parts[1] + " does not match its key");
        }
        return new NoteVerifier(parts[0], hash, publicKey);
    }

    public String name() {
        return name;
    }

    /** Verifies a signed note and returns its text (what the signature covers). */
    public String verify(String signedNote) throws InvalidProof {
        SignedNote note = SignedNote.parse(signedNote);
        for (SignedNote.Signature signature : note.signatures()) {
            if (signature.name().equals(name) && signature.keyHash() == keyHash
                    && verifies(note.text(), signature.value())) {
                return note.text();
            }
        }
        throw new InvalidProof("the note has no valid signature by " + name + "+" + NoteKeys.hex(keyHash));
    }

    private boolean verifies(String text, byte[] value) {
        if (value.length != 4 + 64) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(Arrays.copyOfRange(value, 4, value.length));
    }

    static int keyHashOf(byte[] value) {
        return ByteBuffer.wrap(value, 0, 4).getInt();
    }
}
