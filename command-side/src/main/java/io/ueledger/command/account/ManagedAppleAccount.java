package io.ueledger.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.ueledger.kernel.account.CreateManagedAppleAccount;
import io.ueledger.kernel.account.DeactivateManagedAppleAccount;
import io.ueledger.kernel.account.ManagedAppleAccountAddress;
import io.ueledger.kernel.account.ManagedAppleAccountCreated;
import io.ueledger.kernel.account.ManagedAppleAccountDeactivated;
import io.ueledger.kernel.account.ManagedAppleAccountId;
import io.ueledger.kernel.account.ManagedAppleAccountReactivated;
import io.ueledger.kernel.account.ReactivateManagedAppleAccount;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One of the organisation's Managed Apple Accounts. Its only decision is whether it exists and is
 * active; only active accounts may enroll devices.
 *
 * <p>The id is derived from the address, so "create" loads the stream if it exists
 * ({@code CREATE_IF_MISSING}) and refuses a second creation; two concurrent creations collide on
 * the event store's unique (aggregate, sequence) key and only one wins.
 */
@Aggregate
public class ManagedAppleAccount {

    static final int MAX_DISPLAY_NAME = 255;
    static final int MAX_REASON = 1000;

    @AggregateIdentifier
    private String accountId;
    private String email;
    private boolean active;

    protected ManagedAppleAccount() {
        // for Axon: created empty, then either sourced from events or handed the create command
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateManagedAppleAccount cmd) {
        String address = ManagedAppleAccountAddress.normalise(cmd.email());
        if (accountId != null) {
            throw new AccountAlreadyExists(email);
        }
        if (!ManagedAppleAccountId.forAddress(address).equals(cmd.accountId())) {
            throw new IllegalArgumentException("account id " + cmd.accountId() + " is not the id of '" + address
                    + "'; create accounts with CreateManagedAppleAccount.of(...)");
        }
        String displayName = requireText(cmd.displayName(), "a display name", MAX_DISPLAY_NAME);
        if (cmd.origin() == null) {
            throw new IllegalArgumentException("the origin of the account is missing");
        }
        requireText(cmd.createdBy(), "who creates the account", MAX_DISPLAY_NAME);
        apply(new ManagedAppleAccountCreated(cmd.accountId(), address, displayName, cmd.origin(), cmd.createdBy(),
                cmd.sourceReference(), cmd.occurredAt()));
    }

    @CommandHandler
    public void handle(DeactivateManagedAppleAccount cmd) {
        if (!active) {
            throw new AccountRuleViolation("the Managed Apple Account '" + email + "' is already deactivated");
        }
        String reason = requireText(cmd.reason(), "a reason for the deactivation", MAX_REASON);
        requireText(cmd.deactivatedBy(), "who deactivates the account", MAX_DISPLAY_NAME);
        apply(new ManagedAppleAccountDeactivated(accountId, email, cmd.deactivatedBy(), reason, cmd.occurredAt()));
    }

    @CommandHandler
    public void handle(ReactivateManagedAppleAccount cmd) {
        if (active) {
            throw new AccountRuleViolation("the Managed Apple Account '" + email + "' is active; nothing to reactivate");
        }
        String reason = requireText(cmd.reason(), "a reason for the reactivation", MAX_REASON);
        requireText(cmd.reactivatedBy(), "who reactivates the account", MAX_DISPLAY_NAME);
        apply(new ManagedAppleAccountReactivated(accountId, email, cmd.reactivatedBy(), reason, cmd.occurredAt()));
    }

    private static String requireText(String text, String what, int maxLength) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        String trimmed = text.trim();
        if (trimmed.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        }
        return trimmed;
    }

    @EventSourcingHandler
    void on(ManagedAppleAccountCreated e) {
        accountId = e.accountId();
        email = e.email();
        active = true;
    }

    @EventSourcingHandler
    void on(ManagedAppleAccountDeactivated e) {
        active = false;
    }

    @EventSourcingHandler
    void on(ManagedAppleAccountReactivated e) {
        active = true;
    }
}
