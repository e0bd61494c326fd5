package io.ueledger.command.discovery;

import io.ueledger.command.organisation.FederationProperties;
import io.ueledger.command.account.AccountDirectory;
import io.ueledger.command.organisation.OrganisationProperties;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Decides what to answer at {@code /.well-known/com.apple.remotemanagement} (SPEC.md section 2):
 * a BaseURL for a known, active Managed Apple Account of one of the organisation's domains on a
 * device family that can do User Enrollment (with federation on, also for an address of those
 * domains that has no account yet: the sign-in creates it), a refusal otherwise. Reads only;
 * writes nothing.
 */
@Service
public class ServiceDiscovery {

    private static final Logger log = LoggerFactory.getLogger(ServiceDiscovery.class);

    /** Families Apple documents for discovery that have no user enrollment at all. */
    private static final Set<String> NO_USER_ENROLLMENT = Set.of("appletv", "watch");
    private static final Set<String> USER_ENROLLMENT = Set.of("iphone", "ipad", "mac", "realitydevice");

    private final OrganisationProperties organisation;
    private final AccountDirectory accounts;
    private final DiscoveryTokens tokens;
    private final FederationProperties federation;

    ServiceDiscovery(OrganisationProperties organisation, AccountDirectory accounts, DiscoveryTokens tokens,
                     FederationProperties federation) {
        this.organisation = organisation;
        this.accounts = accounts;
        this.tokens = tokens;
        this.federation = federation;
    }

    /** @throws IllegalArgumentException when the user-identifier or model-family is malformed */
    public Answer discover(String userIdentifier, String modelFamily) {
        UserIdentifier user = UserIdentifier.parse(userIdentifier);
        if (modelFamily == null || modelFamily.isBlank()) {
            throw new IllegalArgumentException("the model-family parameter is missing");
        }
        String family = modelFamily.trim();
        String familyKey = family.toLowerCase(Locale.ROOT);
        if (NO_USER_ENROLLMENT.contains(familyKey) || !USER_ENROLLMENT.contains(familyKey)) {
            return refuse("model family " + family + " has no account-driven User Enrollment",
                    "This kind of device can't be enrolled with a work account. Use an iPhone, iPad, Mac or "
                            + "Apple Vision Pro.", user);
        }
        if (!organisation.ownsDomain(user.domain())) {
            return refuse("domain " + user.domain() + " is not served by this MDM server",
                    organisation.name() + " doesn't manage devices for accounts at " + user.domain()
                            + ". Check the address you entered.", user);
        }
        Optional<AccountDirectory.Entry> account = accounts.findByEmail(user.address());
        if (account.isEmpty() && federation.enabled()) {
            // Federation: the identity provider decides. The sign-in creates the Managed Apple Account
            // from the identity it verified, and only if that identity is this very address.
            String baseUrl = organisation.url("/mdm/enroll/" + tokens.issue(user, family));
            log.info("Discovery answered for an address of {} ({}) on {} without an account yet: federation on, "
                    + "the sign-in will decide", user.domain(), shortHash(user), family);
            return new Answer.Offered(baseUrl);
        }
        if (account.isEmpty() || !account.get().active()) {
            // The same words for unknown and deactivated: an anonymous caller must not learn which
            // addresses exist. The log line tells them apart.
            log.info("Discovery refused for an account of {} ({}): {}", user.domain(), shortHash(user),
                    account.isEmpty() ? "no such Managed Apple Account" : "the account is deactivated");
            return new Answer.Refused("the account is not enabled for enrollment",
                    "This account can't enroll a device with " + organisation.name()
                            + ". Ask your IT department to check your work account.");
        }
        String baseUrl = organisation.url("/mdm/enroll/" + tokens.issue(user, family));
        log.info("Discovery answered for an account of {} ({}) on {}", user.domain(), shortHash(user), family);
        return new Answer.Offered(baseUrl);
    }

    private Answer refuse(String description, String message, UserIdentifier user) {
        log.info("Discovery refused for an account of {} ({}): {}", user.domain(), shortHash(user), description);
        return new Answer.Refused(description, message);
    }

    /** Enough to correlate log lines without writing the address into them. */
    private static String shortHash(UserIdentifier user) {
        return "account#" + AccountHash.of(user.address()).substring(0, 12);
    }

    /** What discovery answers. */
    public sealed interface Answer {

        /** @param baseUrl where the device POSTs its signed MachineInfo */
        record Offered(String baseUrl) implements Answer {
        }

        /**
         * @param description for the device's log (Apple: "log only")
         * @param message     may be shown to the device owner
         */
        record Refused(String description, String message) implements Answer {
        }
    }
}
