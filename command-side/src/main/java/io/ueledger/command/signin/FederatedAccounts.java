package io.ueledger.command.signin;

import io.ueledger.command.account.AccountDirectory;
import java.util.Optional;

/**
 * Hook for federated authentication: with {@code ueledger.idp.federation.enabled=true}, a sign-in
 * by an address of the organisation's domains that the directory does not know yet creates the
 * Managed Apple Account from the IdP's claims.
 *
 * <p>TODO(h-accounts): implement with the accounts branch's {@code ensureFederatedAccount} service.
 * Until then no bean exists and such sign-ins are refused like any unknown account.
 */
public interface FederatedAccounts {

    /** @return the (new or existing) account, or empty when it cannot be created */
    Optional<AccountDirectory.Entry> ensureFederatedAccount(String address, IdpIdentity identity);
}
