package io.ueledger.command.renewal;

import io.ueledger.command.admin.MdmCommandIssuer;
import io.ueledger.command.admin.MdmCommandRefusal;
import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.command.enrollment.profile.EnrollmentProfiles;
import io.ueledger.command.enrollment.profile.SignedProfile;
import io.ueledger.kernel.fleet.FleetTurns;
import io.ueledger.kernel.identity.IdentityRetirement;
import io.ueledger.kernel.identity.PrepareIdentityRenewal;
import io.ueledger.kernel.identity.RetireIdentityCertificate;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Renews device identity certificates before they expire. One node of the fleet per interval
 * (FleetTurns) takes the candidates from {@code identity_renewal}; for each, the enrollment says
 * whether an attempt is due, the server builds a fresh enrollment profile (same identifiers and
 * Topic, a new one-time challenge) and sends it by InstallProfile through the same decision as an
 * admin's command. The device re-installs it, obtains a new certificate with the challenge, and the
 * first request it signs with the new one retires the old. Replaced certificates that expire first
 * are retired here.
 */
@Component
public class IdentityRenewals {

    private static final Logger log = LoggerFactory.getLogger(IdentityRenewals.class);
    private static final int BATCH = 100;

    private final IdentityRenewalDirectory directory;
    private final EnrollmentProfiles profiles;
    private final MdmCommandIssuer issuer;
    private final CommandGateway commands;
    private final IdentityRenewalProperties properties;
    private final FleetTurns turns;
    private final Clock clock;

    IdentityRenewals(IdentityRenewalDirectory directory, EnrollmentProfiles profiles, MdmCommandIssuer issuer,
            CommandGateway commands, IdentityRenewalProperties properties, FleetTurns turns, Clock clock) {
        this.directory = directory;
        this.profiles = profiles;
        this.issuer = issuer;
        this.commands = commands;
        this.properties = properties;
        this.turns = turns;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ueledger.identity.renewal-check-interval:PT1H}",
            initialDelayString = "${ueledger.identity.renewal-check-interval:PT1H}")
    void scheduled() {
        if (turns.take("identity-renewal", properties.renewalCheckInterval())) { // one node of the fleet
            run(clock.instant());
        }
    }

    /** One round as if it were {@code now}; @return how many renewal profiles it queued. */
    public int run(Instant now) {
        retireExpired(now);
        int queued = 0;
        MdmCommandIssuer.RenewalTerms terms = new MdmCommandIssuer.RenewalTerms(properties.renewalWindow(),
                properties.renewalRetryInterval(), properties.renewalMaxAttempts());
        for (String ref : directory.candidates(now.plus(properties.renewalWindow()),
                now.minus(properties.renewalRetryInterval()), BATCH)) {
            try {
                String account = commands.sendAndWait(new PrepareIdentityRenewal(ref, properties.renewalWindow(),
                        properties.renewalRetryInterval(), now));
                if (account == null) {
                    continue;
                }
                SignedProfile profile = profiles.renewalProfileFor(ref, account, properties.renewalRetryInterval());
                String commandUuid = issuer.issueIdentityRenewal(ref, profile.bytes(), terms).commandUuid();
                queued++;
                log.info("Identity renewal of enrollment {}: fresh enrollment profile queued as InstallProfile {}",
                        ref, commandUuid);
            } catch (MdmCommandRefusal e) {
                log.info("Identity renewal of enrollment {} not queued: {}", ref, e.getMessage());
            } catch (EnrollmentRuleViolation e) {
                log.debug("Identity renewal of enrollment {} not due: {}", ref, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Identity renewal of enrollment {} failed; it is tried again next round", ref, e);
            }
        }
        return queued;
    }

    private void retireExpired(Instant now) {
        for (String[] expired : directory.expiredReplacedCertificates(now, BATCH)) {
            try {
                commands.sendAndWait(new RetireIdentityCertificate(expired[0], expired[1], IdentityRetirement.EXPIRED,
                        now));
            } catch (RuntimeException e) {
                log.warn("Retiring the expired identity certificate {} of enrollment {} failed; tried again next round",
                        expired[1], expired[0], e);
            }
        }
    }
}
