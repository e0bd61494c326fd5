package io.ueledger.ops.verifier;

import io.ueledger.kernel.ledger.NoteVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The offline verifier of export bundles: a plain {@code main}, no Spring context, no network.
 * <pre>
 * java -jar ue-ledger-verifier.jar bundle.zip --public-key key.txt [--previous-checkpoint old-checkpoint.txt]
 * </pre>
 * Exit status: 0 verified, 1 a check failed, 2 the command line or a file could not be read.
 */
public final class VerifyBundle {

    /** Per file inside a bundle: far above any bundle the server writes (see ueledger.export.max-events). */
    static final long MAX_ENTRY_BYTES = 512L * 1024 * 1024;
    static final String USAGE = "usage: VerifyBundle bundle.zip --public-key key.txt [--previous-checkpoint checkpoint.txt]";

    private VerifyBundle() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        Path bundle = null;
        Path publicKey = null;
        Path previous = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--public-key" -> publicKey = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--previous-checkpoint" -> previous = i + 1 < args.length ? Path.of(args[++i]) : null;
                default -> bundle = Path.of(args[i]);
            }
        }
        if (bundle == null || publicKey == null) {
            out.println(USAGE);
            return 2;
        }
        NoteVerifier key;
        Map<String, byte[]> files;
        Optional<String> previousCheckpoint;
        try {
            key = NoteVerifier.fromVerifierKey(Files.readString(publicKey, StandardCharsets.UTF_8));
            files = unzip(bundle);
            previousCheckpoint = previous == null ? Optional.empty()
                    : Optional.of(Files.readString(previous, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            out.println("Cannot verify: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        out.println("Verifying " + bundle.getFileName() + " with the ledger key " + key.name()
                + (previous == null ? "" : " and your earlier checkpoint " + previous.getFileName()));
        Verification verification = new BundleVerifier(key).verify(files, previousCheckpoint);
        verification.print(out);
        return verification.ok() ? 0 : 1;
    }

    /** The bundle's files by name; a name given twice would let one copy hide the other, so it is refused. */
    static Map<String, byte[]> unzip(Path bundle) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(bundle); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                byte[] bytes = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_ENTRY_BYTES + 1));
                if (bytes.length > MAX_ENTRY_BYTES) {
                    throw new IOException(entry.getName() + " in the bundle is larger than " + MAX_ENTRY_BYTES + " bytes");
                }
                if (files.put(entry.getName(), bytes) != null) {
                    throw new IOException("the bundle holds " + entry.getName() + " twice");
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException(bundle + " is not a zip bundle");
        }
        return files;
    }
}
