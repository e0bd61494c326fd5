package io.ueledger.ops.compliance;

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
import io.ueledger.kernel.mdm.DeliverNextMdmCommand;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.MdmCommandDecision;
import io.ueledger.kernel.mdm.RecordMdmCommandResult;
import io.ueledger.kernel.unenrollment.CheckOutDevice;
import io.ueledger.kernel.unenrollment.RequestUnenrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * A device history scripted through the real command side (the aggregate decides and records
 * every step), one minute per step from a fixed start, for the compliance views to report on.
 */
final class ScriptedDevice {

    static final String ENROLLMENT_PROFILE = "com.example.mdm.byod";

    final String ref = "it-compliance-" + UUID.randomUUID();
    final String enrollmentId = "enr-" + UUID.randomUUID();
    final String account;
    private final CommandGateway commands;
    private final Instant start;
    private final Platform platform;
    private final String product;
    private final String osVersion;
    private int step;

    private ScriptedDevice(CommandGateway commands, Instant start, String account, Platform platform, String product,
                           String osVersion) {
        this.commands = commands;
        this.start = start;
        this.account = account;
        this.platform = platform;
        this.product = product;
        this.osVersion = osVersion;
    }

    static ScriptedDevice iPhone(CommandGateway commands, Instant start, String account) {
        return new ScriptedDevice(commands, start, account, Platform.IOS, "iPhone17,2", "18.1").enroll();
    }

    static ScriptedDevice mac(CommandGateway commands, Instant start, String account) {
        return new ScriptedDevice(commands, start, account, Platform.MACOS, "Mac15,3", "14.5").enroll();
    }

    private ScriptedDevice enroll() {
        send(new RequestEnrollment(ref, "corp.example", platform == Platform.MACOS ? "Mac" : "iPhone", platform,
                product, osVersion, "22B83", "en", "CN=Apple iPhone Device CA", "sha256:body", AuthMethod.APPLE_AS_WEB,
                next()));
        send(new RecordUserAuthentication(ref, "demo-idp", "subject-" + ref, account, next()));
        String tokenId = "tok-" + UUID.randomUUID();
        Instant issued = next();
        send(new IssueSessionToken(ref, tokenId, "sha256:token", issued.plus(Duration.ofHours(1)), issued));
        send(new DeliverEnrollmentProfile(ref, tokenId, ENROLLMENT_PROFILE, UUID.randomUUID().toString(),
                "com.apple.mgmt.External.test", "sha256:profile", next()));
        Instant certAt = next();
        send(new IssueIdentityCertificate(ref, "0A1B2C", "sha256:cert", "CN=" + ref, certAt.plus(Duration.ofDays(365)),
                certAt));
        send(new AuthenticateDevice(ref, enrollmentId, Channel.DEVICE, product, osVersion, "22B83", next()));
        send(new UpdatePushToken(ref, enrollmentId, Channel.DEVICE, "com.apple.mgmt.External.test", "sha256:push",
                "sha256:magic", next()));
        return this;
    }

    /** Queues a command as {@code requestedBy}, delivers it and lets the device answer; returns its CommandUUID. */
    String carryOut(String requestType, ManagedContent content, String narrowing, String requestedBy,
                    MdmCommandStatus answer) {
        String commandUuid = queue(requestType, content, narrowing, requestedBy);
        deliver();
        answer(commandUuid, answer);
        return commandUuid;
    }

    String carryOut(String requestType, ManagedContent content, String requestedBy) {
        return carryOut(requestType, content, null, requestedBy, MdmCommandStatus.ACKNOWLEDGED);
    }

    String queue(String requestType, ManagedContent content, String narrowing, String requestedBy) {
        String commandUuid = UUID.randomUUID().toString();
        send(new IssueMdmCommand(ref, commandUuid, requestType, Channel.DEVICE, content, "sha256:" + commandUuid,
                requestedBy, narrowing, next()));
        return commandUuid;
    }

    void deliver() {
        deliver(false);
    }

    /** A poll of the command channel; after a NotNow the device's next poll skips what it deferred. */
    void deliver(boolean skipDeferred) {
        send(new DeliverNextMdmCommand(ref, enrollmentId, Channel.DEVICE, skipDeferred, next()));
    }

    void answer(String commandUuid, MdmCommandStatus status) {
        send(new RecordMdmCommandResult(ref, enrollmentId, Channel.DEVICE, commandUuid, status, null, next()));
    }

    /** What the admin command API records when the User Enrollment policy refuses a request. */
    void refused(String requestType, String rule, String reason, String requestedBy) {
        send(IssueMdmCommand.refusedByPolicy(ref, requestType, requestedBy,
                MdmCommandDecision.refuse(rule, "overrides.tsv (test)", reason), next()));
    }

    void checkOut() {
        send(new CheckOutDevice(ref, enrollmentId, next()));
    }

    void requestUnenrollment(String requestedBy) {
        send(new RequestUnenrollment(ref, requestedBy, "left the company", UUID.randomUUID().toString(), next()));
    }

    private void send(Object command) {
        commands.sendAndWait(command);
    }

    private Instant next() {
        return start.plus(Duration.ofMinutes(step++));
    }
}
