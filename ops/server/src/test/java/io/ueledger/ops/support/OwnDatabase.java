package io.ueledger.ops.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * For an IT whose application context differs from the shared one (other settings, its own clock): a folder,
 * a PostgreSQL and ports of its own, so that nothing it does reaches the shared database.
 */
public final class OwnDatabase {

    private OwnDatabase() {
    }

    /** A fresh folder named after the test ({@link TestFolders}). */
    public static Path tempDir(String prefix) {
        return TestFolders.fresh(prefix);
    }

    /** A fresh embedded PostgreSQL with its cluster in {@code dir/postgres}. */
    public static EmbeddedPostgres startPostgres(Path dir) {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
