package io.ueledger.kernel.ddm;

/**
 * One declaration as the ledger records it: what it is and the digest of its content. The content
 * itself is kept by the server beside the events, addressed by the token, so an event never carries
 * settings an admin typed (and the ledger still commits to exactly what was served).
 *
 * @param serverToken SHA-256 (hex, 64 octets) of the declaration's canonical JSON without the token
 */
public record DeclarationRef(String identifier, String type, DeclarationCategory category, String serverToken) {
}
