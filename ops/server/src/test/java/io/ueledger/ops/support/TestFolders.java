package io.ueledger.ops.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where tests keep what they write to disk: PostgreSQL clusters, child servers' folders and logs, client tools'
 * files. One folder per test JVM under the module's {@code target/test-data}, so a failed run's logs are there
 * to read afterwards and {@code mvn clean} removes them all; a JVM that starts deletes the folders of earlier
 * JVMs that have ended. (Temporary folders under the system's temp directory were never removed, a database
 * cluster or more per run: repeated runs filled the disk.)
 */
public final class TestFolders {

    private static final Path ROOT = Path.of("target", "test-data").toAbsolutePath();
    private static final String RUN_PREFIX = "jvm-";
    private static final Path RUN = startRun();

    private TestFolders() {
    }

    /** A new, empty folder of this test JVM, named after what it is for. */
    public static Path fresh(String prefix) {
        try {
            return Files.createTempDirectory(RUN, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path startRun() {
        try {
            Files.createDirectories(ROOT);
            try (Stream<Path> runs = Files.list(ROOT)) {
                runs.filter(TestFolders::ofEndedJvm).forEach(TestFolders::delete);
            }
            return Files.createDirectories(ROOT.resolve(RUN_PREFIX + ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean ofEndedJvm(Path run) {
        String name = run.getFileName().toString();
        if (!name.startsWith(RUN_PREFIX)) {
            return false;
        }
        try {
            long pid = Long.parseLong(name.substring(RUN_PREFIX.length()));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void delete(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left for the next run: a folder that cannot be read now is no reason to fail this one
        }
    }
}
