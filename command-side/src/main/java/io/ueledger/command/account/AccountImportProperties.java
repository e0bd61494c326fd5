package io.ueledger.command.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of one CSV account import. Every row becomes one command in one request, so the limits
 * keep a request to well under a minute on a small machine (see README).
 *
 * @param maxSize largest accepted file (default 5MB)
 * @param maxRows most account rows in one file, header not counted (default 50000)
 */
@ConfigurationProperties("ueledger.account-import")
public record AccountImportProperties(
        @DefaultValue("5MB") DataSize maxSize,
        @DefaultValue("50000") int maxRows) {

    /** The size limit as people write it ("5MB"), for messages. */
    public String maxSizeText() {
        long bytes = maxSize.toBytes();
        return bytes % DataSize.ofMegabytes(1).toBytes() == 0 ? maxSize.toMegabytes() + "MB"
                : bytes % 1024 == 0 ? maxSize.toKilobytes() + "KB" : bytes + " bytes";
    }
}
