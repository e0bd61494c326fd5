package io.ueledger.query.ledger;

import io.ueledger.kernel.installation.InstallationSecrets;
import io.ueledger.kernel.ledger.NoteSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the key that signs checkpoints: configured (production), or the installation's own key kept
 * in PostgreSQL by {@link InstallationSecrets} (created once for all nodes, or imported from the
 * data folder where a single node kept it before), so every node signs with the one published key
 * and checkpoints signed before a restart still verify. Without an {@link InstallationSecrets} the
 * key is kept in the data folder.
 */
final class CheckpointSigningKey {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSigningKey.class);
    static final String FILE_NAME = "checkpoint.key";

    private CheckpointSigningKey() {
    }

    static NoteSigner load(LedgerProperties properties, String origin, InstallationSecrets installation) {
        if (installation == null || configured(properties)) {
            return load(properties, origin);
        }
        Path file = properties.dir().resolve(FILE_NAME);
        byte[] key = installation.obtain("ledger/checkpoint-key", () -> {
            if (Files.exists(file)) {
                log.info("Importing the ledger checkpoint key from {} into the installation's keys", file.toAbsolutePath());
                return read(file).getBytes(StandardCharsets.UTF_8);
            }
            NoteSigner generated = NoteSigner.generate(origin, new SecureRandom());
            log.info("Generated the ledger checkpoint key {}", generated.verifierKey());
            return generated.signerKey().getBytes(StandardCharsets.UTF_8);
        });
        return NoteSigner.fromSignerKey(new String(key, StandardCharsets.UTF_8));
    }

    private static boolean configured(LedgerProperties properties) {
        return (properties.signingKey() != null && !properties.signingKey().isBlank())
                || properties.signingKeyFile() != null;
    }

    static NoteSigner load(LedgerProperties properties, String origin) {
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            return NoteSigner.fromSignerKey(properties.signingKey());
        }
        if (properties.signingKeyFile() != null) {
            return NoteSigner.fromSignerKey(read(properties.signingKeyFile()));
        }
        Path file = properties.dir().resolve(FILE_NAME);
        if (Files.exists(file)) {
            return NoteSigner.fromSignerKey(read(file));
        }
        NoteSigner generated = NoteSigner.generate(origin, new SecureRandom());
        writeOwnerOnly(file, generated.signerKey());
        log.info("Generated the ledger checkpoint key {} in {}", generated.verifierKey(), file.toAbsolutePath());
        return generated;
    }

    /** The key that signed before a rotation on purpose, when one is configured. */
    static java.util.Optional<NoteSigner> previous(LedgerProperties properties) {
        if (properties.previousSigningKey() != null && !properties.previousSigningKey().isBlank()) {
            return java.util.Optional.of(NoteSigner.fromSignerKey(properties.previousSigningKey()));
        }
        if (properties.previousSigningKeyFile() != null) {
            return java.util.Optional.of(NoteSigner.fromSignerKey(read(properties.previousSigningKeyFile())));
        }
        return java.util.Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the ledger checkpoint key " + file, e);
        }
    }

    /** Created owner-only from the start, so the key is never briefly readable by others. */
    private static void writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the ledger checkpoint key " + file, e);
        }
    }
}
