package io.ueledger.kernel.ddm;

import java.util.List;

/**
 * What the device said about one declaration in its {@code management.declarations} status item.
 *
 * @param valid   unknown | invalid | valid, as the device reported it
 * @param removed the device reported the entry with {@code _removed} (it no longer holds it)
 */
public record DeclarationStatus(String identifier, DeclarationCategory category, String serverToken, boolean active,
                                String valid, List<StatusReason> reasons, boolean removed) {

    public DeclarationStatus {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The device could not apply it: not valid, or valid but not active when it should be. */
    public boolean failed() {
        return !removed && "invalid".equals(valid);
    }
}
