package io.ueledger.query.ledger;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ledger's checkpoint signing (see README, "Ledger").
 *
 * @param origin             the checkpoint origin line; unset: {@code ue-ledger.<first organisation domain>/ledger}
 * @param signingKey         the Ed25519 note signer key ({@code PRIVATE+KEY+name+hash+base64}), e.g. from a secret
 * @param signingKeyFile     a file holding that key, the alternative to {@code signingKey}
 * @param dir                neither configured: the key is generated on first start into {@code dir/checkpoint.key} (0600)
 * @param checkpointInterval how often a checkpoint is signed, if the tree grew since the last one
 * @param previousSigningKey set only to rotate on purpose: the key that signed the existing checkpoints,
 *                           which then signs a statement naming the new key (see docs/compliance/bundle-format.md)
 * @param previousSigningKeyFile a file holding that previous key, the alternative to {@code previousSigningKey}
 */
@ConfigurationProperties("ueledger.ledger")
public record LedgerProperties(
        String origin,
        String signingKey,
        Path signingKeyFile,
        @DefaultValue("data/ledger") Path dir,
        @DefaultValue("PT1M") Duration checkpointInterval,
        String previousSigningKey,
        Path previousSigningKeyFile) {
}
