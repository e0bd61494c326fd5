package io.ueledger.ops.verifier;

import io.ueledger.kernel.bundle.StrictZip;
import io.ueledger.kernel.ledger.InvalidProof;
import io.ueledger.kernel.ledger.NoteVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The offline verifier of export bundles: a plain {@code main}, no Spring context, no network.
 * <pre>
 * java -jar ue-ledger-verifier.jar bundle.zip --public-key key.txt [--key-history keys.json]
 *     [--expect-origin origin] [--previous-checkpoint old-checkpoint.txt]
 * </pre>
 * Exit status (see docs/compliance/bundle-format.md): 0 verified, every check ran; 3 verified, but
 * consistency with an earlier checkpoint was not checked because none was given; 1 a check failed;
 * 2 the command line or a file could not be read.
 */
public final class VerifyBundle {

    /** Per file inside a bundle: far above any bundle the server writes (see ueledger.export.max-events). */
    static final long MAX_ENTRY_BYTES = 512L * 1024 * 1024;
    static final String USAGE = "usage: VerifyBundle bundle.zip --public-key key.txt [--key-history keys.json]"
            + " [--expect-origin origin] [--previous-checkpoint checkpoint.txt]";

    private VerifyBundle() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the verifier as {@code main} does, printing to {@code out}; returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        Path bundle = null;
        Path publicKey = null;
        Path previous = null;
        String expectOrigin = null;
        Path keyHistory = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--public-key" -> publicKey = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--previous-checkpoint" -> previous = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--key-history" -> keyHistory = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--expect-origin" -> expectOrigin = i + 1 < args.length ? args[++i] : "";
                default -> bundle = Path.of(args[i]);
            }
        }
        if (bundle == null || publicKey == null || (expectOrigin != null && expectOrigin.isBlank())) {
            out.println(USAGE);
            return Verification.CANNOT_RUN;
        }
        KeyChain.Followed keys;
        byte[] zip;
        Optional<String> previousCheckpoint;
        try {
            String trusted = Files.readString(publicKey, StandardCharsets.UTF_8);
            keys = KeyChain.Followed.trusting(NoteVerifier.fromVerifierKey(trusted));
            if (keyHistory != null) {
                try {
                    keys = KeyChain.follow(trusted, Files.readAllBytes(keyHistory));
                } catch (InvalidProof e) {
                    Verification refused = new Verification();
                    refused.fail("--key-history", "cannot be followed from the key you trust: " + e.getMessage());
                    refused.print(out);
                    return refused.exitCode();
                }
            }
            zip = Files.readAllBytes(bundle);
            previousCheckpoint = previous == null ? Optional.empty()
                    : Optional.of(Files.readString(previous, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            out.println("Cannot verify: " + e.getMessage());
            out.println(USAGE);
            return Verification.CANNOT_RUN;
        }
        NoteVerifier key = keys.newest();
        String origin = expectOrigin != null ? expectOrigin : keys.links().get(0).key().name();
        out.println("Verifying " + bundle.getFileName() + " with the ledger key " + key.name() + ", expecting origin "
                + origin + (expectOrigin != null ? "" : " (the key's name; --expect-origin to set another)")
                + (previous == null ? "" : ", and your earlier checkpoint " + previous.getFileName()));
        Verification verification;
        try {
            Map<String, byte[]> files = StrictZip.read(zip, MAX_ENTRY_BYTES);
            verification = new BundleVerifier(keys.links(), origin).verify(files, previousCheckpoint);
            for (String step : keys.steps()) {
                verification.passed("key history: " + step);
            }
        } catch (StrictZip.Malformed e) {
            verification = new Verification();
            verification.fail(bundle.getFileName().toString(), "not a well-formed bundle zip, so zip tools could show"
                    + " different files than the ones verified: " + e.getMessage());
        }
        verification.print(out);
        return verification.exitCode();
    }

    /** The bundle's files by name, read as strictly as the verifier reads them. */
    static Map<String, byte[]> unzip(Path bundle) throws IOException {
        try {
            return StrictZip.read(Files.readAllBytes(bundle), MAX_ENTRY_BYTES);
        } catch (StrictZip.Malformed e) {
            throw new IOException(bundle + ": " + e.getMessage(), e);
        }
    }
}
