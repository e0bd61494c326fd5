package io.ueledger.ops.support;

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
import io.ueledger.kernel.mdm.DeliverNextMdmCommand;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandDecision;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.mdm.RecordMdmCommandResult;
import io.ueledger.kernel.unenrollment.CheckOutDevice;
import io.ueledger.kernel.unenrollment.RequestUnenrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The one way an IT scripts an enrollment's history through the real command side: the aggregate
 * decides and records every step, exactly as the device endpoints would have it do, without the
 * HTTP protocol in between. Use it when a test needs a history (with fixed times, for reports and
 * point-in-time reads) rather than a device; a device that speaks the protocol is the simulator's
 * {@code SimulatedDevice}, or {@code admin.EnrolledTestDevice}, which starts from this driver.
 *
 * <p>Times: {@link #iPhone(CommandGateway, Instant, String)} and friends step one minute per command
 * from a fixed start; the variants without a start use the wall clock.
 */
public final class ScriptedEnrollment {

    public static final String ENROLLMENT_PROFILE = "com.example.mdm.byod";
    public static final String WIFI_PROFILE = "com.example.wifi";
    public static final String TOPIC = "com.apple.mgmt.External.test";

    public final String ref = "it-" + UUID.randomUUID();
    public final String enrollmentId = "enr-" + UUID.randomUUID();
    public final String wifiCommandUuid = UUID.randomUUID().toString();
    public final String account;
    private final CommandGateway commands;
    private final Supplier<Instant> clock;
    private final Platform platform;
    private final String product;
    private final String osVersion;
    private String tokenId;

    private ScriptedEnrollment(CommandGateway commands, Supplier<Instant> clock, String account, Platform platform,
                               String product, String osVersion) {
        this.commands = commands;
        this.clock = clock;
        this.account = account;
        this.platform = platform;
        this.product = product;
        this.osVersion = osVersion;
    }

    /** An iPhone on iOS 18.1 whose steps are one minute apart from {@code start}. */
    public static ScriptedEnrollment iPhone(CommandGateway commands, Instant start, String account) {
        return new ScriptedEnrollment(commands, stepped(start), account, Platform.IOS, "iPhone17,2", "18.1");
    }

    /** A Mac on macOS 14.5 whose steps are one minute apart from {@code start}. */
    public static ScriptedEnrollment mac(CommandGateway commands, Instant start, String account) {
        return new ScriptedEnrollment(commands, stepped(start), account, Platform.MACOS, "Mac15,3", "14.5");
    }

    /** An iPhone on iOS 18.1 whose steps happen now. */
    public static ScriptedEnrollment iPhone(CommandGateway commands, String account) {
        return new ScriptedEnrollment(commands, Instant::now, account, Platform.IOS, "iPhone17,2", "18.1");
    }

    /** Any device whose steps happen now (e.g. a Mac on a given macOS version). */
    public static ScriptedEnrollment device(CommandGateway commands, String account, Platform platform,
                                            String product, String osVersion) {
        return new ScriptedEnrollment(commands, Instant::now, account, platform, product, osVersion);
    }

    // ---- the enrollment stages -----------------------------------------------------------------

    /** Stage 1: the signed enrollment POST; the user is challenged. */
    public ScriptedEnrollment request() {
        send(new RequestEnrollment(ref, "corp.example", modelFamily(), platform,
                product, osVersion, "22B83", "en", "CN=Apple iPhone Device CA", "sha256:body", AuthMethod.APPLE_AS_WEB,
                next()));
        return this;
    }

    /** Stages 1 and 2: the user signed in with the Managed Apple Account. */
    public ScriptedEnrollment signIn() {
        request();
        send(new RecordUserAuthentication(ref, "demo-idp", "subject-" + ref, account, next()));
        return this;
    }

    /** Stages 1-3: a session token and the enrollment profile with this push topic. */
    public ScriptedEnrollment profileDelivered(String topic) {
        signIn();
        tokenId = "tok-" + UUID.randomUUID();
        Instant issued = next();
        send(new IssueSessionToken(ref, tokenId, "sha256:token", issued.plus(Duration.ofHours(1)), issued));
        send(new DeliverEnrollmentProfile(ref, tokenId, ENROLLMENT_PROFILE, UUID.randomUUID().toString(), topic,
                "sha256:profile", next()));
        return this;
    }

    /** Stages 1-4, with the identity certificate the device will sign its requests with. */
    public ScriptedEnrollment identityIssued(String topic, String serialNumber, String fingerprint, String subject,
                                             Instant notAfter) {
        profileDelivered(topic);
        Instant issued = next();
        send(new IssueIdentityCertificate(ref, serialNumber, fingerprint, subject,
                notAfter == null ? issued.plus(Duration.ofDays(365)) : notAfter, issued));
        return this;
    }

    /** Stages 1-4 and check-in until the first TokenUpdate: the device is enrolled. */
    public ScriptedEnrollment enroll() {
        identityIssued(TOPIC, "0A1B2C", "sha256:cert", "CN=" + ref, null);
        send(new AuthenticateDevice(ref, enrollmentId, Channel.DEVICE, product, osVersion, "22B83", next()));
        send(new UpdatePushToken(ref, enrollmentId, Channel.DEVICE, TOPIC, "sha256:push", "sha256:magic", next()));
        return this;
    }

    /**
     * Enrolled, with real push credentials stored as the TokenUpdate check-in stores them (then only
     * their hashes recorded), so the server can push to the device.
     */
    public ScriptedEnrollment enrollWithPushCredentials(PushCredentials credentials, String topic, byte[] token,
                                                        String pushMagic) {
        identityIssued(topic, "01", "fingerprint", "CN=" + ref, null);
        send(new AuthenticateDevice(ref, enrollmentId, Channel.DEVICE, product, osVersion, "22B83", next()));
        credentials.save(ref, Channel.DEVICE, token, pushMagic, topic);
        send(new UpdatePushToken(ref, enrollmentId, Channel.DEVICE, topic, PushCredentialHashes.ofToken(token),
                PushCredentialHashes.ofPushMagic(pushMagic), next()));
        return this;
    }

    // ---- MDM commands --------------------------------------------------------------------------

    /**
     * Issues a command the User Enrollment policy allowed (the admin API asks the policy before; a
     * script may record a history the matrix would refuse), as {@code requestedBy}; returns its CommandUUID.
     */
    public String queue(String requestType, ManagedContent content, String narrowing, String requestedBy) {
        String commandUuid = UUID.randomUUID().toString();
        send(new IssueMdmCommand(ref, commandUuid, requestType, Channel.DEVICE, content, "sha256:" + commandUuid,
                requestedBy, narrowing, next()));
        return commandUuid;
    }

    public String queue(String requestType) {
        return queue(requestType, ManagedContent.none(), null, "admin");
    }

    /** A poll of the command channel; after a NotNow the device's next poll skips what it deferred. */
    public void deliver(boolean skipDeferred) {
        send(new DeliverNextMdmCommand(ref, enrollmentId, Channel.DEVICE, skipDeferred, next()));
    }

    public void deliver() {
        deliver(false);
    }

    public void answer(String commandUuid, MdmCommandStatus status) {
        send(new RecordMdmCommandResult(ref, enrollmentId, Channel.DEVICE, commandUuid, status, null, next()));
    }

    /** Queues a command as {@code requestedBy}, delivers it and lets the device answer; returns its CommandUUID. */
    public String carryOut(String requestType, ManagedContent content, String narrowing, String requestedBy,
                           MdmCommandStatus answer) {
        String commandUuid = queue(requestType, content, narrowing, requestedBy);
        deliver();
        answer(commandUuid, answer);
        return commandUuid;
    }

    public String carryOut(String requestType, ManagedContent content, String requestedBy) {
        return carryOut(requestType, content, null, requestedBy, MdmCommandStatus.ACKNOWLEDGED);
    }

    public String carryOut(String requestType) {
        return carryOut(requestType, ManagedContent.none(), "admin");
    }

    /** What the admin command API records when the User Enrollment policy refuses a request. */
    public ScriptedEnrollment refused(String requestType, String rule, String source, String reason,
                                      String requestedBy) {
        send(IssueMdmCommand.refusedByPolicy(ref, requestType, requestedBy,
                MdmCommandDecision.refuse(rule, source, reason), next()));
        return this;
    }

    public ScriptedEnrollment refused(String requestType, String rule, String reason, String requestedBy) {
        return refused(requestType, rule, "overrides.tsv (test)", reason, requestedBy);
    }

    /** An admin installs a Wi-Fi profile and the device acknowledges it. */
    public ScriptedEnrollment installWifiProfile(String requestedBy) {
        send(new IssueMdmCommand(ref, wifiCommandUuid, "InstallProfile", Channel.DEVICE,
                ManagedContent.installsProfile(WIFI_PROFILE, List.of(), List.of()), "sha256:wifi", requestedBy, null,
                next()));
        deliver();
        answer(wifiCommandUuid, MdmCommandStatus.ACKNOWLEDGED);
        return this;
    }

    // ---- leaving -------------------------------------------------------------------------------

    /** The user removes the enrollment on the device. */
    public ScriptedEnrollment checkOut() {
        send(new CheckOutDevice(ref, enrollmentId, next()));
        return this;
    }

    public ScriptedEnrollment requestUnenrollment(String requestedBy) {
        send(new RequestUnenrollment(ref, requestedBy, "left the company", UUID.randomUUID().toString(), next()));
        return this;
    }

    private void send(Object command) {
        commands.sendAndWait(command);
    }

    private Instant next() {
        return clock.get();
    }

    private String modelFamily() {
        return switch (platform) {
            case MACOS -> "Mac";
            case IPADOS -> "iPad";
            default -> "iPhone";
        };
    }

    private static Supplier<Instant> stepped(Instant start) {
        return new SteppedClock(start);
    }

    /** One minute per step from a fixed start. */
    private static final class SteppedClock implements Supplier<Instant> {
        private final Instant start;
        private int step;

        SteppedClock(Instant start) {
            this.start = start;
        }

        @Override
        public Instant get() {
            return start.plus(Duration.ofMinutes(step++));
        }

    }
}
