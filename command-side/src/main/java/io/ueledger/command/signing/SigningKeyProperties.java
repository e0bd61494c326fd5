package io.ueledger.command.signing;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret that signs the short-lived links this server hands to devices (discovery BaseURL
 * tokens, sign-in links).
 *
 * @param secret  base64 of at least 32 random bytes; set it (the same on every node) when more than
 *                one node serves devices, because a link signed by one node is verified by another
 * @param keyFile where a generated secret is kept when none is configured; empty means "next to the
 *                embedded PostgreSQL data folder" ({@code data/keys/link-signing.key} by default)
 */
@ConfigurationProperties("ueledger.signing")
public record SigningKeyProperties(String secret, Path keyFile) {
}
