package io.ueledger.ops.simulator.cli;

import io.ueledger.command.pki.Identity;
import io.ueledger.command.pki.IdentityFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The simulated device CA as the server keeps it in its PKI folder ({@code simulated-device-ca.p12} and the
 * password file beside it): the simulator's devices sign their enrollment requests with identities it issues,
 * as Apple's CA does for real devices, so the server must trust the same CA.
 */
public final class DeviceCaFiles {

    static final String NAME = "simulated-device-ca";

    private DeviceCaFiles() {
    }

    public static Identity read(Path pkiDir) {
        Path store = pkiDir.resolve(NAME + ".p12");
        Path password = pkiDir.resolve(NAME + ".password");
        if (!Files.isReadable(store) || !Files.isReadable(password)) {
            throw new CliFailure("no simulated device CA in " + pkiDir.toAbsolutePath() + " (" + store.getFileName()
                    + " and " + password.getFileName() + "); point --pki-dir at the server's ueledger.pki.dir"
                    + " (the server writes them there at its first start)");
        }
        try {
            return IdentityFiles.readPkcs12(store, IdentityFiles.readPassword(password), null);
        } catch (RuntimeException e) {
            throw new CliFailure("cannot read the simulated device CA " + store.toAbsolutePath() + ": "
                    + e.getMessage());
        }
    }
}
