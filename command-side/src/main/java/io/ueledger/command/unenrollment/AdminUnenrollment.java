package io.ueledger.command.unenrollment;

import io.ueledger.command.enrollment.profile.EnrollmentProfileBuilder;
import io.ueledger.command.mdm.MdmCommandBodies;
import io.ueledger.command.mdm.MdmCommandPlist;
import io.ueledger.kernel.unenrollment.RequestUnenrollment;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin unenrolls a device the way Apple prefers (SPEC section 9): RemoveProfile of the
 * enrollment profile, which removes everything that came with it. The command body and the
 * {@code RequestUnenrollment} commit together, so a refused request leaves no body behind; the push
 * follows by itself from {@code MdmCommandQueued}.
 */
@Service
public class AdminUnenrollment {

    static final String REMOVE_PROFILE = "RemoveProfile";

    private final MdmCommandBodies bodies;
    private final CommandGateway commands;
    private final Clock clock;

    AdminUnenrollment(MdmCommandBodies bodies, CommandGateway commands, Clock clock) {
        this.bodies = bodies;
        this.commands = commands;
        this.clock = clock;
    }

    /** @return the CommandUUID of the queued RemoveProfile */
    @Transactional
    public String unenroll(String enrollmentRef, String admin, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an unenrollment needs a 'reason' (it is kept in the ledger)");
        }
        String commandUuid = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        // The profile identifier is derived from the reference, the same way the profile was built.
        bodies.store(commandUuid, enrollmentRef, REMOVE_PROFILE, MdmCommandPlist.build(commandUuid, REMOVE_PROFILE,
                Map.of("Identifier", EnrollmentProfileBuilder.profileIdentifier(enrollmentRef))), now);
        commands.sendAndWait(new RequestUnenrollment(enrollmentRef, admin, reason.strip(), commandUuid, now));
        return commandUuid;
    }
}
