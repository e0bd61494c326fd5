package io.ueledger.command.signin;

import io.ueledger.command.account.AccountCommands;
import io.ueledger.command.account.AccountDirectory;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Federated authentication: an address of the organisation's domains that signs in at the IdP but
 * is not listed yet becomes a Managed Apple Account (origin FEDERATED, recorded as an event).
 * Only consulted when {@code ueledger.idp.federation.enabled=true}. It lives beside the sign-in that
 * calls it, not in {@code account}: sign-in depends on accounts, never the other way round.
 */
@Component
class FederatedAccountCreation implements FederatedAccounts {

    private static final Logger log = LoggerFactory.getLogger(FederatedAccountCreation.class);

    private final AccountCommands accounts;

    FederatedAccountCreation(AccountCommands accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<AccountDirectory.Entry> ensureFederatedAccount(String address, IdpIdentity identity) {
        try {
            return Optional.of(accounts.ensureFederatedAccount(address, identity.name(), identity.subject()));
        } catch (IllegalArgumentException e) {
            log.info("Federated account for {} not created: {}", address, e.getMessage());
            return Optional.empty();
        }
    }
}
