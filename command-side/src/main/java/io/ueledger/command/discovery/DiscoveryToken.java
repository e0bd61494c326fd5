package io.ueledger.command.discovery;

import java.time.Instant;

/**
 * What service discovery learnt, carried back to the server inside the BaseURL it handed out.
 *
 * @param userIdentifierDomain the domain part of the user-identifier
 * @param modelFamily          as the device sent it (iPhone, iPad, Mac, RealityDevice)
 * @param accountHash          SHA-256 (hex) of the lower-cased account address: URLs end up in logs,
 *                             so the address itself is not in the token
 * @param issuedAt             when discovery answered
 * @param expired              whether the link's lifetime is over (only a step bound by a valid
 *                             session token accepts such a link)
 */
public record DiscoveryToken(String userIdentifierDomain, String modelFamily, String accountHash, Instant issuedAt,
                             boolean expired) {

    /** Whether this token was issued for the given account address (any case). */
    public boolean isFor(String address) {
        return address != null && AccountHash.of(address).equals(accountHash);
    }
}
