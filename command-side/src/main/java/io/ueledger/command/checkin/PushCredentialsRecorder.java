package io.ueledger.command.checkin;

import io.ueledger.command.push.PushCredentialHashes;
import io.ueledger.command.push.PushCredentials;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.UpdatePushToken;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a TokenUpdate: the APNs token and PushMagic go to the push-credential store, the ledger
 * gets only their SHA-256 hashes. Both in one transaction, so a TokenUpdate the enrollment refuses
 * (another EnrollmentID, a closed enrollment) leaves no credential behind.
 */
@Component
public class PushCredentialsRecorder {

    private final PushCredentials credentials;
    private final CommandGateway commands;

    public PushCredentialsRecorder(PushCredentials credentials, CommandGateway commands) {
        this.credentials = credentials;
        this.commands = commands;
    }

    @Transactional
    public void record(String enrollmentRef, String enrollmentId, Channel channel, String topic, byte[] token,
                       String pushMagic, Instant at) {
        credentials.save(enrollmentRef, channel, token, pushMagic, topic);
        commands.sendAndWait(new UpdatePushToken(enrollmentRef, enrollmentId, channel, topic,
                PushCredentialHashes.ofToken(token), PushCredentialHashes.ofPushMagic(pushMagic), at));
    }
}
