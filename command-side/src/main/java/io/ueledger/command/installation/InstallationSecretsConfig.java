package io.ueledger.command.installation;

import io.ueledger.command.signing.LinkSigningKey;
import io.ueledger.kernel.installation.InstallationSecrets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One identity for the installation: its keys live in PostgreSQL, encrypted under a key derived from
 * the master secret, which is {@code ueledger.signing.secret} (UELEDGER_SIGNING_SECRET; the same on
 * every node) or, on a single node without it, the link-signing key generated into its data folder.
 */
@Configuration(proxyBeanMethods = false)
public class InstallationSecretsConfig {

    @Bean
    public KeyEncryptionKey keyEncryptionKey(LinkSigningKey masterSecret) {
        return new KeyEncryptionKey(masterSecret.installationMasterSecret());
    }

    @Bean
    public InstallationSecrets installationSecrets(JdbcTemplate jdbc, TransactionTemplate transactions,
            KeyEncryptionKey keyEncryptionKey) {
        PostgresInstallationSecrets secrets = new PostgresInstallationSecrets(jdbc, transactions, keyEncryptionKey);
        secrets.checkMasterSecret();
        return secrets;
    }
}
