package io.ueledger.command.signin;

import io.ueledger.command.account.AccountDirectory;
import java.util.Optional;

/**
 * Hook for federated authentication: with {@code ueledger.idp.federation.enabled=true}, a sign-in
 * by an address of the organisation's domains that the directory does not know yet creates the
 * Managed Apple Account from the IdP's claims.

 */
public interface FederatedAccounts {

    /** @return the (new or existing) account, or empty when it cannot be created */
    Optional<AccountDirectory.Entry> ensureFederatedAccount(String address, IdpIdentity identity);
}
