package io.ueledger.kernel.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs C2SP signed notes with an Ed25519 key. Keys are stored and exchanged in the Go
 * {@code golang.org/x/mod/sumdb/note} text formats, so standard tools (and witnesses) read them:
 * signer key {@code PRIVATE+KEY+<name>+<hash>+base64(0x01 || seed)}, verifier key
 * {@code <name>+<hash>+base64(0x01 || publicKey)}. Ed25519 is deterministic: one key and one text
 * always give the same signature.
 */
public final class NoteSigner {

    private static final String PREFIX = "PRIVATE+KEY+";

    private final String name;
    private final Ed25519PrivateKeyParameters key;
    private final byte[] publicKey;
    private final int keyHash;

    private NoteSigner(String name, byte[] seed) {
        this.name = NoteKeys.requireValidName(name);
        this.key = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = key.generatePublicKey().getEncoded();
        this.keyHash = NoteKeys.keyHash(name, publicKey);
    }

    /** A new random key for {@code name}. */
    public static NoteSigner generate(String name, SecureRandom random) {
        byte[] seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
        random.nextBytes(seed);
        return new NoteSigner(name, seed);
    }

    /** Reads a signer key string ({@code PRIVATE+KEY+name+hash+base64}); its hash must match. */
    public static NoteSigner fromSignerKey(String signerKey) {
        String text = signerKey.strip();
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a note signer key starts with " + PREFIX);
        }
        // Split on the first two '+' after the prefix only: the base64 part may contain '+'.
        String[] parts = text.substring(PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a note signer key is PRIVATE+KEY+<name>+<hash>+<key>");
        }
        byte[] encoded = Base64.getDecoder().decode(parts[2]);
        if (encoded.length != 1 + Ed25519PrivateKeyParameters.KEY_SIZE || encoded[0] != NoteKeys.ED25519) {
            throw new IllegalArgumentException("the note signer key is not an Ed25519 key");
        }
        NoteSigner signer = new NoteSigner(parts[0], java.util.Arrays.copyOfRange(encoded, 1, encoded.length));
        if (!NoteKeys.hex(signer.keyHash).equals(parts[1])) {
            throw new IllegalArgumentException("the note signer key's hash " + parts[1] + " does not match its key");
        }
        return signer;
    }

    public String name() {
        return name;
    }

    /** The signer key string, a secret: store it readable by the owner only. */
    public String signerKey() {
        byte[] seed = key.getEncoded();
        return PREFIX + name + "+" + NoteKeys.hex(keyHash) + "+" + base64WithType(seed);
    }

    /** The public verifier key string that {@link NoteVerifier#fromVerifierKey} reads. */
    public String verifierKey() {
        return name + "+" + NoteKeys.hex(keyHash) + "+" + base64WithType(publicKey);
    }

    /**
     * Signs {@code text} (non-empty UTF-8 lines, each ending in a newline) and
     * returns the signed note: the text, a blank line and this key's signature line.
     */
    public String sign(String text) {
        SignedNote.requireValidText(text);
        return text + "\n" + signatureLine(text) + "\n";
    }

    /** {@code — <name> base64(keyHash || signature)}, without the final newline. */
    public String signatureLine(String text) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        byte[] value = ByteBuffer.allocate(4 + signature.length).putInt(keyHash).put(signature).array();
        return SignedNote.SIGNATURE_PREFIX + name + " " + Base64.getEncoder().encodeToString(value);
    }

    private static String base64WithType(byte[] key) {
        byte[] withType = new byte[key.length + 1];
        withType[0] = NoteKeys.ED25519;
        System.arraycopy(key, 0, withType, 1, key.length);
        return Base64.getEncoder().encodeToString(withType);
    }
}
