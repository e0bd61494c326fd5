package io.ueledger.command.installation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * AES-256-GCM under a key derived from the installation's master secret with HKDF-SHA256, so the
 * master secret itself never encrypts anything and the same secret gives the same key on every node.
 * One bean for the installation: its own keys ({@link PostgresInstallationSecrets}) and other
 * private keys kept in PostgreSQL (the MDM push certificate's) are sealed with it. The name sealed
 * with a value is authenticated, so a value moved to another name does not open.
 */
public final class KeyEncryptionKey {

    static final int NONCE_BYTES = 12;
    private static final byte[] SALT = "ue-ledger installation".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INFO = "key-encryption key v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public KeyEncryptionKey(byte[] masterSecret) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(masterSecret, SALT, INFO));
        byte[] derived = new byte[32];
        hkdf.generateBytes(derived, 0, derived.length);
        this.key = new SecretKeySpec(derived, "AES");
    }

    public Sealed seal(String name, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Sealed(nonce, run(Cipher.ENCRYPT_MODE, name, nonce, plaintext));
    }

    /** @throws WrongMasterSecret when the value was sealed under another master secret (or altered) */
    public byte[] open(String name, Sealed sealed) {
        return run(Cipher.DECRYPT_MODE, name, sealed.nonce(), sealed.ciphertext());
    }

    private byte[] run(int mode, String name, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new WrongMasterSecret(name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    /** The stored keys cannot be opened with this node's master secret. */
    public static final class WrongMasterSecret extends IllegalStateException {
        WrongMasterSecret(String name) {
            super("The installation's '" + name + "' key in PostgreSQL was stored under another master secret."
                    + " Start every node with the same UELEDGER_SIGNING_SECRET (an installation that began on one"
                    + " node without it: the content of that node's data/keys/link-signing.key).");
        }
    }
}
