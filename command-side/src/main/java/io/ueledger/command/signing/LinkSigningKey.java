package io.ueledger.command.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The HMAC secret behind every signed link. Configured, or generated once on first start into the
 * data folder so links stay valid across restarts.
 */
@Component
public class LinkSigningKey {

    private static final Logger log = LoggerFactory.getLogger(LinkSigningKey.class);
    static final int MIN_BYTES = 32;

    private final byte[] secret;

    public LinkSigningKey(SigningKeyProperties properties,
            @Value("${ueledger.embedded-postgres.data-dir:data/postgres}") Path embeddedDataDir) {
        if (properties.secret() != null && !properties.secret().isBlank()) {
            this.secret = decode(properties.secret());
        } else {
            Path file = properties.keyFile() != null ? properties.keyFile()
                    : defaultKeyFile(embeddedDataDir);
            this.secret = loadOrCreate(file.toAbsolutePath());
        }
    }

    byte[] bytes() {
        return secret.clone();
    }

    /**
     * The installation's master secret, from which the key that encrypts the installation's keys in
     * PostgreSQL is derived (HKDF): the configured secret, or the generated one of a single node.
     */
    public byte[] installationMasterSecret() {
        return secret.clone();
    }

    /** The data folder is the parent of the embedded PostgreSQL cluster: keep the key beside it. */
    private static Path defaultKeyFile(Path embeddedDataDir) {
        Path parent = embeddedDataDir.toAbsolutePath().getParent();
        return parent.resolve("keys").resolve("link-signing.key");
    }

    private static byte[] decode(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException("ueledger.signing.secret must hold at least " + MIN_BYTES
                    + " bytes (base64 of 32 random bytes); it holds " + bytes.length);
        }
        return bytes;
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file));
            }
            Files.createDirectories(file.getParent());
            byte[] fresh = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(fresh);
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's ACL protects it
            }
            log.info("Generated a new link-signing key in {} (set ueledger.signing.secret to share one across nodes)",
                    file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the link-signing key " + file, e);
        }
    }
}
