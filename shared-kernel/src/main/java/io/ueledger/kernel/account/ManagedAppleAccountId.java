package io.ueledger.kernel.account;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The aggregate id of a Managed Apple Account, derived from its lower-cased address.
 *
 * <p>Deriving it (a name-based UUID) instead of generating one means two attempts to create the
 * same account, even on two nodes at once, address the same event stream: the event store's unique
 * (aggregate, sequence) key refuses the second, instead of two accounts silently existing.
 */
public final class ManagedAppleAccountId {

    private static final String NAMESPACE = "ue-ledger:managed-apple-account:";

    private ManagedAppleAccountId() {
    }

    /** @throws IllegalArgumentException when {@code address} is not a valid address */
    public static String forAddress(String address) {
        String normalised = ManagedAppleAccountAddress.normalise(address);
        return UUID.nameUUIDFromBytes((NAMESPACE + normalised).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
