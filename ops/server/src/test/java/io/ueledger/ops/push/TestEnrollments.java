package io.ueledger.ops.push;

import io.ueledger.command.push.PushCredentialHashes;
import io.ueledger.command.push.PushCredentials;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.AuthenticateDevice;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.DeliverEnrollmentProfile;
import io.ueledger.kernel.enrollment.IssueIdentityCertificate;
import io.ueledger.kernel.enrollment.IssueSessionToken;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import io.ueledger.kernel.enrollment.UpdatePushToken;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Drives a fresh enrollment to ENROLLED through the aggregate's real commands, as check-in would. */
final class TestEnrollments {

    record Enrolled(String enrollmentRef, String enrollmentId, byte[] deviceToken, String pushMagic, String topic) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandGateway commands;
    private final PushCredentials credentials;

    TestEnrollments(CommandGateway commands, PushCredentials credentials) {
        this.commands = commands;
        this.credentials = credentials;
    }

    Enrolled enrollIphone(String topic) {
        String ref = "enr-" + UUID.randomUUID();
        String enrollmentId = "EID-" + UUID.randomUUID();
        String tokenId = "tok-" + UUID.randomUUID();
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String pushMagic = UUID.randomUUID().toString().toUpperCase();
        Instant now = Instant.now();
        commands.sendAndWait(new RequestEnrollment(ref, "corp.example", "iPhone", Platform.IOS, "iPhone17,2", "18.2.1",
                "22C161", "en", "CN=device", "digest", AuthMethod.APPLE_AS_WEB, now));
        commands.sendAndWait(new RecordUserAuthentication(ref, "embedded", "subject-1", "alice@corp.example", now));
        commands.sendAndWait(new IssueSessionToken(ref, tokenId, "token-hash", now.plus(Duration.ofHours(1)), now));
        commands.sendAndWait(new DeliverEnrollmentProfile(ref, tokenId, "io.ueledger.enroll." + ref,
                UUID.randomUUID().toString(), topic, "profile-digest", now));
        commands.sendAndWait(new IssueIdentityCertificate(ref, "01", "fingerprint", "CN=" + ref,
                now.plus(Duration.ofDays(365)), now));
        commands.sendAndWait(new AuthenticateDevice(ref, enrollmentId, Channel.DEVICE, "iPhone17,2", "18.2.1",
                "22C161", now));
        // What the TokenUpdate check-in does: store the real credentials, then record only their hashes.
        credentials.save(ref, Channel.DEVICE, token, pushMagic, topic);
        commands.sendAndWait(new UpdatePushToken(ref, enrollmentId, Channel.DEVICE, topic,
                PushCredentialHashes.ofToken(token), PushCredentialHashes.ofPushMagic(pushMagic), now));
        return new Enrolled(ref, enrollmentId, token, pushMagic, topic);
    }

    void queueCommand(Enrolled device) {
        commands.sendAndWait(new IssueMdmCommand(device.enrollmentRef(), UUID.randomUUID().toString(), "ProfileList",
                Channel.DEVICE, ManagedContent.none(), "payload-digest", "admin", null, Instant.now()));
    }
}
