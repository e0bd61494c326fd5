package io.ueledger.ops.query;

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
import io.ueledger.kernel.mdm.RecordMdmCommandResult;
import io.ueledger.kernel.unenrollment.CheckOutDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Drives one enrollment through the real command side, one step a minute after the other from a
 * given start, the way a device and the server would.
 */
final class EnrollmentDriver {

    static final String WIFI_PROFILE = "com.example.wifi";

    final String ref = "it-" + UUID.randomUUID();
    final String enrollmentId = "enr-" + UUID.randomUUID();
    final String wifiCommandUuid = UUID.randomUUID().toString();
    private final CommandGateway commands;
    private final Instant start;
    private final String account;
    private final Platform platform;
    private final String product;
    private final String osVersion;
    private int step;

    EnrollmentDriver(CommandGateway commands, Instant start, String account, Platform platform, String product,
                     String osVersion) {
        this.commands = commands;
        this.start = start;
        this.account = account;
        this.platform = platform;
        this.product = product;
        this.osVersion = osVersion;
    }

    static EnrollmentDriver iPhone(CommandGateway commands, Instant start, String account) {
        return new EnrollmentDriver(commands, start, account, Platform.IOS, "iPhone17,2", "18.1");
    }

    static EnrollmentDriver mac(CommandGateway commands, Instant start, String account) {
        return new EnrollmentDriver(commands, start, account, Platform.MACOS, "Mac15,3", "14.5");
    }

    Instant requestedAt() {
        return start;
    }

    /** Stage 1: the signed enrollment POST; the user is challenged. */
    EnrollmentDriver request() {
        send(new RequestEnrollment(ref, "corp.example", modelFamily(), platform, product, osVersion, "22B83", "en",
                "CN=Apple iPhone Device CA", "sha256:body", AuthMethod.APPLE_AS_WEB, next()));
        return this;
    }

    /** Stages 1 and 2: the user signed in with the Managed Apple Account. */
    EnrollmentDriver signIn() {
        request();
        send(new RecordUserAuthentication(ref, "demo-idp", "subject-" + ref, account, next()));
        return this;
    }

    /** Stages 1-4 and check-in until the first TokenUpdate: the device is enrolled. */
    EnrollmentDriver enroll() {
        signIn();
        String tokenId = "tok-" + UUID.randomUUID();
        Instant issued = next();
        send(new IssueSessionToken(ref, tokenId, "sha256:token", issued.plus(Duration.ofHours(1)), issued));
        send(new DeliverEnrollmentProfile(ref, tokenId, "com.example.mdm.byod", UUID.randomUUID().toString(),
                "com.apple.mgmt.External.test", "sha256:profile", next()));
        Instant certAt = next();
        send(new IssueIdentityCertificate(ref, "0A1B2C", "sha256:cert", "CN=" + ref, certAt.plus(Duration.ofDays(365)),
                certAt));
        send(new AuthenticateDevice(ref, enrollmentId, Channel.DEVICE, product, osVersion, "22B83", next()));
        send(new UpdatePushToken(ref, enrollmentId, Channel.DEVICE, "com.apple.mgmt.External.test", "sha256:push",
                "sha256:magic", next()));
        return this;
    }

    /** An admin installs a Wi-Fi profile and the device acknowledges it. */
    EnrollmentDriver installWifiProfile(String requestedBy) {
        send(new IssueMdmCommand(ref, wifiCommandUuid, "InstallProfile", Channel.DEVICE,
                ManagedContent.installsProfile(WIFI_PROFILE, List.of(), List.of()), "sha256:wifi", requestedBy, null,
                next()));
        send(new DeliverNextMdmCommand(ref, enrollmentId, Channel.DEVICE, false, next()));
        send(new RecordMdmCommandResult(ref, enrollmentId, Channel.DEVICE, wifiCommandUuid,
                MdmCommandStatus.ACKNOWLEDGED, null, next()));
        return this;
    }

    /** The user removes the enrollment on the device. */
    EnrollmentDriver checkOut() {
        send(new CheckOutDevice(ref, enrollmentId, next()));
        return this;
    }

    private void send(Object command) {
        commands.sendAndWait(command);
    }

    private Instant next() {
        return start.plus(Duration.ofMinutes(step++));
    }

    private String modelFamily() {
        return platform == Platform.MACOS ? "Mac" : "iPhone";
    }
}
