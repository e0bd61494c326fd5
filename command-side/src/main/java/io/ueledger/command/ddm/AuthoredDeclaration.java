package io.ueledger.command.ddm;

import io.ueledger.kernel.ddm.DeclarationRef;
import java.util.Map;
import java.util.Set;

/**
 * One declaration as an admin wrote it, checked against the schema data, with its server token and
 * the exact JSON the device will be served.
 *
 * @param payloadKeys the key paths of its Payload, for the policy's key rules
 */
record AuthoredDeclaration(DeclarationRef ref, Map<String, Object> payload, Set<String> payloadKeys,
                           byte[] servedJson) {
}
