package io.ueledger.kernel.installation;

import java.util.function.Supplier;

/**
 * The installation's long-lived keys (device CA, profile signer, ledger checkpoint key), the same
 * on every node. The server keeps them in its database, encrypted; see the command side's
 * {@code PostgresInstallationSecrets}.
 */
public interface InstallationSecrets {

    /**
     * The secret stored under {@code name}. When there is none yet, {@code createOnce} makes it and
     * it is stored: exactly once for the whole installation, even when several nodes start together
     * (the others wait and read what the first stored).
     */
    byte[] obtain(String name, Supplier<byte[]> createOnce);
}
