package io.ueledger.kernel.ddm;

import java.util.List;

/** What the device is offered at {@code declaration-items}: every declaration in force and the token of that list. */
public record DeclarationManifest(SyncTokens tokens, List<DeclarationRef> declarations) {
}
