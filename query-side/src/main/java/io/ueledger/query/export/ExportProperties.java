package io.ueledger.query.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of export bundles. A bundle is assembled in memory before it is sent (the manifest must
 * list the digest of every file, and the proofs need the checkpoint first), so its size is bounded
 * by the number of events: about 2 KB per event with its proof.
 *
 * @param maxEvents an export that would hold more events is refused with 400; narrow the time range
 */
@ConfigurationProperties("ueledger.export")
public record ExportProperties(@DefaultValue("20000") int maxEvents) {
}
