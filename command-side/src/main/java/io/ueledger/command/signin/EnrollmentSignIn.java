package io.ueledger.command.signin;

import io.ueledger.command.account.AccountDirectory;
import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.command.organisation.FederationProperties;
import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.command.session.SessionTokens;
import io.ueledger.kernel.enrollment.RecordAuthenticationFailure;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes the device owner's web sign-in (SPEC.md section 4.1): maps the identity the IdP vouched
 * for to an active Managed Apple Account, records the sign-in and issues the session token, or
 * records why not. Every outcome is an event on the enrollment, so the ledger shows failed
 * attempts as well as successful ones.
 */
@Service
public class EnrollmentSignIn {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentSignIn.class);
    static final String CALLBACK = "apple-remotemanagement-user-login://authentication-results?access-token=";

    private final AccountDirectory accounts;
    private final ObjectProvider<FederatedAccounts> federatedAccounts;
    private final FederationProperties federation;
    private final OrganisationProperties organisation;
    private final SessionTokens sessionTokens;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final Clock clock;

    EnrollmentSignIn(AccountDirectory accounts, ObjectProvider<FederatedAccounts> federatedAccounts,
            FederationProperties federation, OrganisationProperties organisation, SessionTokens sessionTokens,
            CommandGateway commands, TransactionTemplate transaction, Clock clock) {
        this.accounts = accounts;
        this.federatedAccounts = federatedAccounts;
        this.federation = federation;
        this.organisation = organisation;
        this.sessionTokens = sessionTokens;
        this.commands = commands;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * @param userIdentifier what the device owner typed in Settings (may be null): the account the
     *                       device will sign in to Apple with, so the IdP identity must match it
     */
    public Outcome complete(String enrollmentRef, String userIdentifier, IdpIdentity identity) {
        return complete(enrollmentRef, userIdentifier, identity, this::issueSessionToken);
    }

    /**
     * The same checks and events, with another last step: Apple's OAuth 2 method hands the device an
     * authorization code here and the session token only at the token URL.
     */
    public Outcome complete(String enrollmentRef, String userIdentifier, IdpIdentity identity, Finish finish) {
        Optional<String> address = identity.accountAddress();
        if (address.isEmpty()) {
            return refuse(enrollmentRef, identity.identityProvider(), 403,
                    "the identity provider named no email, preferred_username or upn for the signed-in user",
                    "Your identity provider did not tell us your work address, so we can't tell which work "
                            + "account to enroll. Ask your IT department.");
        }
        Optional<AccountDirectory.Entry> account = accounts.findByEmail(address.get());
        if (account.isEmpty() && federation.enabled() && organisation.ownsDomain(domainOf(address.get()))) {
            account = federatedAccounts.stream().findFirst()
                    .flatMap(hook -> hook.ensureFederatedAccount(address.get(), identity));
        }
        if (account.isEmpty()) {
            return refuse(enrollmentRef, identity.identityProvider(), 403,
                    "the signed-in identity is not a Managed Apple Account of the organisation",
                    "You signed in as " + address.get() + ", which is not a work account of "
                            + organisation.name() + ". Ask your IT department to set up your work account.");
        }
        if (!account.get().active()) {
            return refuse(enrollmentRef, identity.identityProvider(), 403,
                    "the Managed Apple Account is deactivated",
                    "The work account " + address.get() + " is deactivated and can't enroll devices. "
                            + "Ask your IT department.");
        }
        if (userIdentifier != null && !userIdentifier.isBlank()
                && !userIdentifier.trim().equalsIgnoreCase(address.get())) {
            return refuse(enrollmentRef, identity.identityProvider(), 403,
                    "the signed-in account differs from the account the device is enrolling",
                    "You signed in as " + address.get() + ", but this device is enrolling "
                            + userIdentifier.trim() + ". Sign in with the same work account.");
        }
        String managedAppleAccount = account.get().email();
        try {
            Outcome.SignedIn signedIn = transaction.execute(status -> {
                commands.sendAndWait(new RecordUserAuthentication(enrollmentRef, identity.identityProvider(),
                        identity.subject(), managedAppleAccount, clock.instant()));
                return finish.afterSignIn(enrollmentRef, managedAppleAccount);
            });
            log.info("Enrollment {}: signed in at {}; {}", enrollmentRef, identity.identityProvider(), signedIn);
            return signedIn;
        } catch (EnrollmentRuleViolation e) {
            return refuse(enrollmentRef, identity.identityProvider(), 409, e.getMessage(),
                    "This enrollment can't continue: " + e.getMessage() + ". Start again from Settings.");
        } catch (AggregateNotFoundException e) {
            log.info("Sign-in for unknown enrollment {} refused", enrollmentRef);
            return new Outcome.Refused(404, "This enrollment is not known. Start again from Settings.");
        }
    }

    /** The web method's last step: the session token, in the custom-scheme callback (SPEC.md section 4.1). */
    private Outcome.SignedIn issueSessionToken(String enrollmentRef, String managedAppleAccount) {
        SessionTokens.IssuedToken token = sessionTokens.issue(enrollmentRef, managedAppleAccount);
        return new Outcome.SignedIn(CALLBACK + token.token(), token.tokenId(), managedAppleAccount);
    }

    /** The device owner chose not to sign in. */
    public Outcome cancel(String enrollmentRef, String identityProvider) {
        return refuse(enrollmentRef, identityProvider, 403, "the device owner cancelled the sign-in",
                "You cancelled the enrollment. Nothing was set up on your device, and your organisation "
                        + "has not been given access to it.");
    }

    /** The identity provider answered with an error or the OIDC exchange failed. */
    public Outcome idpFailed(String enrollmentRef, String identityProvider, String reason) {
        return refuse(enrollmentRef, identityProvider, 401, "sign-in failed at the identity provider: " + reason,
                "Signing in did not work, so the enrollment stopped. Try again from Settings.");
    }

    private Outcome refuse(String enrollmentRef, String identityProvider, int status, String reason,
            String message) {
        log.info("Enrollment {}: sign-in at {} refused ({}): {}", enrollmentRef, identityProvider, status, reason);
        try {
            commands.sendAndWait(new RecordAuthenticationFailure(enrollmentRef, identityProvider, reason,
                    clock.instant()));
        } catch (AggregateNotFoundException e) {
            return new Outcome.Refused(404, "This enrollment is not known. Start again from Settings.");
        } catch (EnrollmentRuleViolation e) {
            log.info("Enrollment {}: the failure could not be recorded: {}", enrollmentRef, e.getMessage());
        }
        return new Outcome.Refused(status, message);
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /**
     * What the device gets once its user has signed in and {@code UserAuthenticated} is recorded; runs
     * in the same transaction, so a refusal here takes the sign-in event back too.
     */
    @FunctionalInterface
    public interface Finish {

        Outcome.SignedIn afterSignIn(String enrollmentRef, String managedAppleAccount);
    }

    /** How the sign-in ended. */
    public sealed interface Outcome {

        /**
         * @param callbackUrl the 308 Location for the device, holding the session token (or, for
         *                    apple-oauth2, the authorization code)
         * @param tokenId     what was issued, for logs: the session token's id or the code's hash prefix
         */
        record SignedIn(String callbackUrl, String tokenId, String managedAppleAccount) implements Outcome {

            @Override
            public String toString() {
                return "SignedIn[tokenId=" + tokenId + "]";
            }
        }

        /** @param message for the device owner, in plain words */
        record Refused(int status, String message) implements Outcome {
        }
    }
}
