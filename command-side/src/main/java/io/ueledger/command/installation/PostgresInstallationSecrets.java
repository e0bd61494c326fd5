package io.ueledger.command.installation;

import io.ueledger.kernel.installation.InstallationSecrets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The installation's keys in PostgreSQL ({@code installation_secret}, Flyway V151), encrypted under
 * a {@link KeyEncryptionKey} derived from the master secret. A missing key is created under a
 * transaction-scoped advisory lock, so nodes starting together create it exactly once: the first
 * inserts, the others wait for its commit and read the same value.
 */
public final class PostgresInstallationSecrets implements InstallationSecrets {

    private static final Logger log = LoggerFactory.getLogger(PostgresInstallationSecrets.class);
    /** The advisory lock every node takes before creating a missing key. */
    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended('ue-ledger installation secrets', 0))";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KeyEncryptionKey kek;

    public PostgresInstallationSecrets(JdbcTemplate jdbc, TransactionTemplate transactions, byte[] masterSecret) {
        this(jdbc, transactions, new KeyEncryptionKey(masterSecret));
    }

    public PostgresInstallationSecrets(JdbcTemplate jdbc, TransactionTemplate transactions, KeyEncryptionKey kek) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kek = kek;
    }

    @Override
    public byte[] obtain(String name, Supplier<byte[]> createOnce) {
        KeyEncryptionKey.Sealed stored = read(name);
        if (stored != null) {
            return kek.open(name, stored);
        }
        return transactions.execute(tx -> {
            jdbc.query(LOCK, rs -> null);
            KeyEncryptionKey.Sealed raced = read(name);
            if (raced != null) {
                return kek.open(name, raced);
            }
            byte[] created = createOnce.get();
            KeyEncryptionKey.Sealed sealed = kek.seal(name, created);
            jdbc.update("insert into installation_secret (name, nonce, ciphertext) values (?, ?, ?)", name,
                    sealed.nonce(), sealed.ciphertext());
            log.info("Stored the installation's '{}' key in PostgreSQL (encrypted): every node uses it", name);
            return created;
        });
    }

    /** Fails at start, with what to do, when this node's master secret is not the installation's. */
    public void checkMasterSecret() {
        obtain("master-secret-check", () -> "ue-ledger".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private KeyEncryptionKey.Sealed read(String name) {
        return jdbc.query("select nonce, ciphertext from installation_secret where name = ?",
                rs -> rs.next() ? new KeyEncryptionKey.Sealed(rs.getBytes(1), rs.getBytes(2)) : null, name);
    }
}
