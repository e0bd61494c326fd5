package io.ueledger.command.ddm;

import java.util.List;
import java.util.Map;

/** A declaration set as an admin sends it: a name and declarations as {Type, Identifier, Payload}. */
public record DeclarationSetInput(String name, List<Map<String, Object>> declarations) {
}
