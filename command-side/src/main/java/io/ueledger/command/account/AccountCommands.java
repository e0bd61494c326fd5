package io.ueledger.command.account;

import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.kernel.account.AccountOrigin;
import io.ueledger.kernel.account.CreateManagedAppleAccount;
import io.ueledger.kernel.account.DeactivateManagedAppleAccount;
import io.ueledger.kernel.account.ManagedAppleAccountAddress;
import io.ueledger.kernel.account.ManagedAppleAccountId;
import io.ueledger.kernel.account.ReactivateManagedAppleAccount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The ways accounts are created and (de)activated, for the admin API, the CSV import and the IdP
 * sign-in. Checks what the aggregate cannot know (the organisation's domains), stamps the time and
 * turns a lost creation race into the same answer as a plain duplicate.
 */
@Service
public class AccountCommands {

    private static final Logger log = LoggerFactory.getLogger(AccountCommands.class);
    static final String IDENTITY_PROVIDER = "identity-provider";

    private final CommandGateway commands;
    private final AccountDirectory directory;
    private final OrganisationProperties organisation;
    private final Clock clock;

    AccountCommands(CommandGateway commands, AccountDirectory directory, OrganisationProperties organisation,
            Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.organisation = organisation;
        this.clock = clock;
    }

    /**
     * @return the new account's id
     * @throws IllegalArgumentException for an invalid address, one outside the organisation's domains
     *                                  or a missing display name
     * @throws AccountAlreadyExists     when the address already has an account
     */
    public String create(String email, String displayName, AccountOrigin origin, String createdBy,
            String sourceReference) {
        String address = requireOrganisationAddress(email);
        CreateManagedAppleAccount command = CreateManagedAppleAccount.of(address, displayName, origin, createdBy,
                sourceReference, clock.instant());
        try {
            commands.sendAndWait(command);
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            // another request created the same account between our load and our append
            throw new AccountAlreadyExists(address);
        }
        // debug only: an import creates thousands; the event store is the record of who created what
        log.debug("Managed Apple Account {} created ({}) by {}", address, origin, createdBy);
        return command.accountId();
    }

    /** @throws UnknownAccount for an address without an account */
    public void deactivate(String email, String deactivatedBy, String reason) {
        send(email, new DeactivateManagedAppleAccount(ManagedAppleAccountId.forAddress(email), deactivatedBy, reason,
                clock.instant()));
        log.info("Managed Apple Account {} deactivated by {}", ManagedAppleAccountAddress.normalise(email),
                deactivatedBy);
    }

    /** @throws UnknownAccount for an address without an account */
    public void reactivate(String email, String reactivatedBy, String reason) {
        send(email, new ReactivateManagedAppleAccount(ManagedAppleAccountId.forAddress(email), reactivatedBy, reason,
                clock.instant()));
        log.info("Managed Apple Account {} reactivated by {}", ManagedAppleAccountAddress.normalise(email),
                reactivatedBy);
    }

    /**
     * For the IdP sign-in: the account of a user who just authenticated, created with origin
     * FEDERATED when the organisation did not list it before. An existing account is returned as it
     * is, active or not; whether an inactive account may enroll is the caller's decision.
     *
     * @param displayName may be null (the part before the {@code @} is used)
     * @param idpSubject  may be null; only its SHA-256 is recorded, the subject itself never is
     * @throws IllegalArgumentException for an invalid address or one outside the organisation's domains
     */
    public AccountDirectory.Entry ensureFederatedAccount(String email, String displayName, String idpSubject) {
        String address = requireOrganisationAddress(email);
        return directory.findByEmail(address).orElseGet(() -> {
            String name = displayName == null || displayName.isBlank()
                    ? address.substring(0, address.lastIndexOf('@')) : displayName;
            String reference = idpSubject == null ? null : "idp-subject-sha256:" + sha256(idpSubject);
            try {
                create(address, name, AccountOrigin.FEDERATED, IDENTITY_PROVIDER, reference);
            } catch (AccountAlreadyExists raceLost) {
                // a parallel sign-in of the same user created it first: theirs is the account
            }
            return directory.findByEmail(address).orElseThrow();
        });
    }

    private void send(String email, Object command) {
        String address = ManagedAppleAccountAddress.normalise(email);
        if (directory.findByEmail(address).isEmpty()) {
            // the directory is written in the same transaction as the events, so it is as current as
            // the store; asking first spares a failed aggregate load and its logged stack trace
            throw new UnknownAccount(address);
        }
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new UnknownAccount(ManagedAppleAccountAddress.normalise(email));
        }
    }

    /** @return the normalised address, when it is valid and in one of the organisation's domains */
    String requireOrganisationAddress(String email) {
        ManagedAppleAccountAddress address = new ManagedAppleAccountAddress(email);
        if (!organisation.domains().isEmpty() && !organisation.ownsDomain(address.domain())) {
            throw new IllegalArgumentException("'" + address + "' is not in the organisation's domains "
                    + organisation.domains());
        }
        return address.value();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
