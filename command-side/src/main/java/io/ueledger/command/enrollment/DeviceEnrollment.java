package io.ueledger.command.enrollment;

import static io.ueledger.kernel.enrollment.EnrollmentStage.AUTHENTICATED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.CHALLENGED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.CLOSED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.ENROLLED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.IDENTITY_ISSUED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.PROFILE_DELIVERED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.TOKEN_ISSUED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.UNENROLLMENT_PENDING;
import static io.ueledger.kernel.enrollment.EnrollmentStage.USER_AUTHENTICATED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.ueledger.kernel.ddm.ApplyDeclarationSet;
import io.ueledger.kernel.ddm.DeclarationDelivered;
import io.ueledger.kernel.ddm.DeclarationManifest;
import io.ueledger.kernel.ddm.DeclarationRef;
import io.ueledger.kernel.ddm.DeclarationRefusal;
import io.ueledger.kernel.ddm.DeclarationRefused;
import io.ueledger.kernel.ddm.DeclarationStatus;
import io.ueledger.kernel.ddm.DeclarationStatusReported;
import io.ueledger.kernel.ddm.DeclarationsAssigned;
import io.ueledger.kernel.ddm.DeclarationsSynced;
import io.ueledger.kernel.ddm.DeclarationsToken;
import io.ueledger.kernel.ddm.DeliverDeclaration;
import io.ueledger.kernel.ddm.ReadSyncTokens;
import io.ueledger.kernel.ddm.ReportDeclarationStatus;
import io.ueledger.kernel.ddm.SyncDeclarations;
import io.ueledger.kernel.ddm.SyncTokens;
import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.device.DataSeparation;
import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthenticateDevice;
import io.ueledger.kernel.enrollment.CheckInMessageRefused;
import io.ueledger.kernel.enrollment.RecordRefusedCheckIn;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.DeliverEnrollmentProfile;
import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.DeviceEnrolled;
import io.ueledger.kernel.enrollment.EnrollmentChallenged;
import io.ueledger.kernel.enrollment.EnrollmentProfileDelivered;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.enrollment.IdentityCertificateIssued;
import io.ueledger.kernel.enrollment.IssueIdentityCertificate;
import io.ueledger.kernel.enrollment.IdentityAttestationRecorded;
import io.ueledger.kernel.enrollment.RecordIdentityAttestation;
import io.ueledger.kernel.enrollment.IssueSessionToken;
import io.ueledger.kernel.enrollment.ManagedDataKeysCreated;
import io.ueledger.kernel.enrollment.PushTokenUpdated;
import io.ueledger.kernel.enrollment.RecordAuthenticationFailure;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import io.ueledger.kernel.enrollment.SessionTokenIssued;
import io.ueledger.kernel.enrollment.UpdatePushToken;
import io.ueledger.kernel.enrollment.UserAuthenticated;
import io.ueledger.kernel.enrollment.UserAuthenticationFailed;
import io.ueledger.kernel.mdm.DeliverNextMdmCommand;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.ManagedAppInventoryReported;
import io.ueledger.kernel.mdm.MdmCommandDecision;
import io.ueledger.kernel.mdm.ReportManagedAppInventory;
import io.ueledger.kernel.mdm.ReportedApp;
import io.ueledger.kernel.mdm.ManagedAppInstalled;
import io.ueledger.kernel.mdm.ManagedAppRemoved;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import io.ueledger.kernel.mdm.MdmCommandDeferred;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.mdm.MdmCommandFailed;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.mdm.MdmCommandRefused;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.kernel.mdm.ProfileRemoved;
import io.ueledger.kernel.mdm.RecordMdmCommandResult;
import io.ueledger.kernel.mdm.ReportToCommandChannel;
import io.ueledger.kernel.mdm.ErrorChainItem;
import io.ueledger.kernel.policy.MdmCommandDecider;
import io.ueledger.kernel.push.PushRejected;
import io.ueledger.kernel.push.RecordPushRejection;
import io.ueledger.command.shredding.DataKeyStore;
import io.ueledger.kernel.unenrollment.CheckOutDevice;
import io.ueledger.kernel.unenrollment.CloseSilentEnrollment;
import io.ueledger.kernel.unenrollment.ClosureReason;
import io.ueledger.kernel.unenrollment.DeviceCheckedOut;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import io.ueledger.kernel.unenrollment.ManagedDataKeysDestroyed;
import io.ueledger.kernel.unenrollment.ManagedDataRemoved;
import io.ueledger.kernel.unenrollment.RequestUnenrollment;
import io.ueledger.kernel.unenrollment.UnenrollmentRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One account-driven User Enrollment of one device, from the first signed POST to closure.
 * Re-enrolling the same phone is a new aggregate (Apple gives it a new EnrollmentID).
 *
 * <p>State is limited to what decisions need: the stage, the device's EnrollmentID and OS, the
 * outstanding MDM commands, what the MDM installed, and which data-separation keys are alive.
 * Every handler checks first and then applies; fields change only in event sourcing handlers.
 */
@Aggregate(cache = "deviceEnrollmentCache")
public class DeviceEnrollment {

    static final String REMOVE_PROFILE = "RemoveProfile";
    /** APNs reasons that say the token is gone for good (SPEC section 9: signs the device left). */
    static final String DECLARATION_IDENTIFIER_IN_USE = "ddm.identifier.in-use";
    static final Set<String> TOKEN_GONE = Set.of("Unregistered", "BadDeviceToken");

    @AggregateIdentifier
    private String enrollmentRef;
    private EnrollmentStage stage;
    private Platform platform;
    private OsVersion osVersion;
    private String managedAppleAccount;
    private String latestTokenId;
    private String profileIdentifier;
    private boolean identityIssued;
    private String enrollmentId;
    private final Map<Channel, String> pushTokenHashes = new HashMap<>();
    private final Set<Channel> userChannels = new HashSet<>();
    private List<DataClass> keysAlive = List.of();
    private final CommandQueue commands = new CommandQueue();
    private final ManagedInventory inventory = new ManagedInventory();
    private String unenrollCommandUuid;
    private Instant unenrollmentRequestedAt;
    private Instant lastDeviceContactAt;
    private final DeclarationsInForce declarations = new DeclarationsInForce();

    protected DeviceEnrollment() {
        // required by Axon to rebuild from events
    }

    // ---- Stage 1: the signed enrollment request, answered by a challenge -------------------

    @CommandHandler
    public DeviceEnrollment(RequestEnrollment cmd, DataKeyStore keys) {
        require(cmd.platform() != null, "the device's platform is not known (MachineInfo PRODUCT or model-family)");
        if (cmd.osVersion() != null) {
            OsVersion version = parseVersion(cmd.osVersion());
            require(version.isAtLeast(cmd.platform().accountDrivenFloor()),
                    cmd.platform().displayName() + " " + version + " cannot do account-driven User Enrollment; "
                            + cmd.platform().accountDrivenFloor() + " or later is needed");
        }
        // The server's data key for this enrollment's personal data, in the transaction of its first event.
        keys.issue(cmd.enrollmentRef());
        apply(new EnrollmentRequested(cmd.enrollmentRef(), cmd.userIdentifierDomain(), cmd.modelFamily(),
                cmd.platform(), cmd.product(), cmd.osVersion(), cmd.osBuild(), cmd.language(), cmd.signerSubject(),
                cmd.bodyDigest(), cmd.signerEvidence(), cmd.occurredAt()));
        apply(new EnrollmentChallenged(cmd.enrollmentRef(), cmd.authMethod(), cmd.occurredAt()));
    }

    // ---- Stage 2: the user signs in at the identity provider --------------------------------

    @CommandHandler
    public void handle(RecordUserAuthentication cmd) {
        requireOpen("record a sign-in");
        require(stage.compareTo(AUTHENTICATED) < 0 || Objects.equals(managedAppleAccount, cmd.managedAppleAccount()),
                "this device is enrolled as " + managedAppleAccount + "; a sign-in as another Managed Apple Account "
                        + "cannot take it over");
        require(profileIdentifier == null || Objects.equals(managedAppleAccount, cmd.managedAppleAccount()),
                "the enrollment profile was issued to " + managedAppleAccount
                        + "; the Managed Apple Account of an enrollment cannot change");
        apply(new UserAuthenticated(enrollmentRef, cmd.identityProvider(), cmd.subject(), cmd.managedAppleAccount(),
                cmd.occurredAt()));
    }

    @CommandHandler
    public void handle(RecordAuthenticationFailure cmd) {
        requireOpen("record a failed sign-in");
        apply(new UserAuthenticationFailed(enrollmentRef, cmd.identityProvider(), cmd.reason(), cmd.occurredAt()));
    }

    // ---- Stage 3: session token --------------------------------------------------------------

    @CommandHandler
    public void handle(IssueSessionToken cmd) {
        requireOpen("issue a session token");
        require(managedAppleAccount != null, "no session token before the user has signed in");
        require(cmd.expiresAt().isAfter(cmd.occurredAt()), "a session token must expire after it is issued");
        apply(new SessionTokenIssued(enrollmentRef, cmd.tokenId(), cmd.tokenHash(), managedAppleAccount,
                cmd.expiresAt(), cmd.occurredAt()));
    }

    // ---- Stage 4: the enrollment profile and the device identity ------------------------------

    @CommandHandler
    public void handle(DeliverEnrollmentProfile cmd) {
        requireOpen("deliver the enrollment profile");
        require(latestTokenId != null, "the enrollment profile is only delivered after a session token was issued");
        require(latestTokenId.equals(cmd.tokenId()), "the enrollment profile must be asked for with the latest "
                + "session token of this enrollment");
        require(stage.compareTo(AUTHENTICATED) < 0, "the device has already checked in with this profile");
        require(profileIdentifier == null || profileIdentifier.equals(cmd.profileIdentifier()),
                "a re-delivered enrollment profile must keep its PayloadIdentifier " + profileIdentifier);
        apply(new EnrollmentProfileDelivered(enrollmentRef, cmd.profileIdentifier(), cmd.profileUuid(), cmd.topic(),
                managedAppleAccount, cmd.payloadDigest(), cmd.occurredAt()));
    }

    @CommandHandler
    public void handle(IssueIdentityCertificate cmd) {
        requireOpen("issue an identity certificate");
        require(profileIdentifier != null, "no identity certificate before the enrollment profile was delivered");
        apply(new IdentityCertificateIssued(enrollmentRef, cmd.serialNumber(), cmd.sha256Fingerprint(), cmd.subject(),
                cmd.notAfter(), cmd.occurredAt()));
    }

    @CommandHandler
    public void handle(RecordIdentityAttestation cmd) {
        requireOpen("record an identity attestation");
        require(profileIdentifier != null, "no identity attestation before the enrollment profile was delivered");
        apply(new IdentityAttestationRecorded(enrollmentRef, cmd.format(), cmd.verdict(), cmd.note(),
                cmd.attestedKeySha256(), cmd.occurredAt()));
    }

    // ---- Check-in: Authenticate and TokenUpdate ------------------------------------------------

    @CommandHandler
    public void handle(AuthenticateDevice cmd) {
        requireOpen("accept Authenticate");
        require(profileIdentifier != null, "Authenticate before the enrollment profile was delivered");
        require(identityIssued, "Authenticate before the device obtained its identity certificate");
        require(!cmd.channel().isUserChannel(), "Authenticate is sent on the device channel only");
        require(enrollmentId == null || enrollmentId.equals(cmd.enrollmentId()),
                "Authenticate names EnrollmentID " + cmd.enrollmentId() + " but this enrollment is "
                        + enrollmentId);
        // the data classes the device keeps apart depend on its OS version: it must be known by now
        require(cmd.osVersion() != null || osVersion != null, "Authenticate must report the device's OSVersion");
        if (cmd.osVersion() != null) {
            parseVersion(cmd.osVersion());
        }
        Platform reported = Platform.fromProduct(cmd.productName()).orElse(platform);
        apply(new DeviceAuthenticated(enrollmentRef, cmd.enrollmentId(), cmd.channel(), reported, cmd.productName(),
                cmd.osVersion(), cmd.buildVersion(), cmd.occurredAt()));
    }

    @CommandHandler
    public void handle(UpdatePushToken cmd) {
        requireOpen("accept TokenUpdate");
        require(enrollmentId != null, "TokenUpdate before Authenticate");
        requireSameEnrollmentId(cmd.enrollmentId(), "TokenUpdate");
        require(!cmd.channel().isUserChannel() || stage.isAtLeast(ENROLLED),
                "a user-channel TokenUpdate needs the device channel to be enrolled first");
        if (cmd.tokenHash().equals(pushTokenHashes.get(cmd.channel())) && stage.isAtLeast(ENROLLED)) {
            return; // the same credentials again: a routine re-send, not a change worth an event
        }
        apply(new PushTokenUpdated(enrollmentRef, cmd.enrollmentId(), cmd.channel(), cmd.topic(), cmd.tokenHash(),
                cmd.pushMagicHash(), cmd.occurredAt()));
        if (stage == AUTHENTICATED) {
            apply(new DeviceEnrolled(enrollmentRef, enrollmentId, platform, String.valueOf(osVersion),
                    managedAppleAccount, cmd.occurredAt()));
            apply(new ManagedDataKeysCreated(enrollmentRef, platform, String.valueOf(osVersion),
                    DataSeparation.classesFor(platform, osVersion), cmd.occurredAt()));
        }
    }

    @CommandHandler
    public void handle(RecordRefusedCheckIn cmd) {
        requireOpen("record a refused check-in");
        apply(new CheckInMessageRefused(enrollmentRef, cmd.messageType(), cmd.channel(), cmd.reason(),
                cmd.occurredAt()));
    }

    // ---- MDM commands --------------------------------------------------------------------------

    /**
     * An admin's (or the DDM sync's) command with the User Enrollment policy's outcome. The
     * decision is completed by the same {@link MdmCommandDecider} with what this enrollment holds
     * (a profile or managed app this MDM installed): a refusal, by the policy or by the inventory,
     * is recorded, not thrown, so the ledger shows the attempt and that nothing was sent.
     */
    @CommandHandler
    public MdmCommandDecision handle(IssueMdmCommand cmd) {
        requireOpen(cmd.policy().refused() ? "refuse an MDM command" : "queue an MDM command");
        if (cmd.policy().allowed()) {
            require(stage != UNENROLLMENT_PENDING, "the device is being unenrolled; no new MDM commands are queued");
            require(stage == ENROLLED, "the device is not enrolled yet (stage " + stage + ")");
            require(cmd.commandUuid() != null && !commands.isKnown(cmd.commandUuid()),
                    "command " + cmd.commandUuid() + " was queued before");
            require(!cmd.channel().isUserChannel() || userChannels.contains(cmd.channel()),
                    "the device has no " + cmd.channel() + " channel (no TokenUpdate from that user)");
        }
        MdmCommandDecision decision = MdmCommandDecider.decide(cmd.policy(), cmd.content(), inventory);
        if (decision.refused()) {
            apply(new MdmCommandRefused(enrollmentRef, cmd.requestType(), cmd.requestedBy(), decision.rule(),
                    decision.source(), decision.reason(), cmd.occurredAt()));
            return decision;
        }
        apply(new MdmCommandQueued(enrollmentRef, cmd.commandUuid(), cmd.requestType(), cmd.channel(), cmd.content(),
                cmd.payloadDigest(), cmd.requestedBy(), cmd.narrowing(), cmd.occurredAt()));
        return decision;
    }

    /**
     * The device listed its apps in answer to an inventory command. Only the apps this MDM manages
     * are recorded: a personal app the device happens to list never enters the ledger.
     */
    @CommandHandler
    public void handle(ReportManagedAppInventory cmd) {
        requireOpen("accept an app inventory");
        requireManageable("report an app inventory");
        requireSameEnrollmentId(cmd.enrollmentId(), "the app inventory");
        require(commands.isKnown(cmd.commandUuid()), "command " + cmd.commandUuid() + " was never sent to this device");
        Optional<CommandQueue.Entry> entry = commands.outstanding(cmd.commandUuid());
        if (entry.isEmpty()) {
            return; // a repeated answer to a finished command: already recorded
        }
        List<ReportedApp> managed = cmd.apps().stream().filter(a -> inventory.hasApp(a.bundleId())).toList();
        apply(new ManagedAppInventoryReported(enrollmentRef, cmd.commandUuid(), entry.get().requestType(), managed,
                cmd.occurredAt()));
    }

    /** @return the CommandUUID delivered, or empty when nothing is outstanding for that channel */
    @CommandHandler
    public Optional<String> handle(DeliverNextMdmCommand cmd) {
        requireOpen("deliver MDM commands");
        requireManageable("poll the command channel");
        requireSameEnrollmentId(cmd.enrollmentId(), "the command channel request");
        return deliverNext(cmd.channel(), cmd.skipDeferred(), cmd.occurredAt());
    }

    @CommandHandler
    public void handle(RecordMdmCommandResult cmd, DataKeyStore keys) {
        requireOpen("accept a command result");
        requireManageable("report a command result");
        requireSameEnrollmentId(cmd.enrollmentId(), "the command result");
        recordResult(cmd.commandUuid(), cmd.status(), cmd.errorChain(), cmd.occurredAt(), keys);
    }

    /**
     * The device path's one command per command-channel request: the result (if any) and the next delivery in
     * one unit of work. A result that closes the enrollment (the unenrollment's RemoveProfile acknowledged) ends
     * the session with nothing more to deliver.
     *
     * @return the CommandUUID delivered next, or empty when the session ends
     */
    @CommandHandler
    public Optional<String> handle(ReportToCommandChannel cmd, DataKeyStore keys) {
        requireOpen(cmd.result() == null ? "deliver MDM commands" : "accept a command result");
        requireManageable(cmd.result() == null ? "poll the command channel" : "report a command result");
        requireSameEnrollmentId(cmd.enrollmentId(), cmd.result() == null ? "the command channel request"
                : "the command result");
        boolean notNow = false;
        if (cmd.result() != null) {
            ReportToCommandChannel.Result result = cmd.result();
            recordResult(result.commandUuid(), result.status(), result.errorChain(), cmd.occurredAt(), keys);
            notNow = result.status() == MdmCommandStatus.NOT_NOW;
        }
        if (stage == CLOSED) {
            return Optional.empty();
        }
        return deliverNext(cmd.channel(), notNow, cmd.occurredAt());
    }

    private Optional<String> deliverNext(Channel channel, boolean skipDeferred, Instant at) {
        Optional<CommandQueue.Entry> next = commands.next(channel, skipDeferred, unenrollCommandUuid);
        next.ifPresent(e -> apply(new MdmCommandDelivered(enrollmentRef, e.commandUuid(), e.requestType(), channel,
                e.attempts() + 1, at)));
        return next.map(CommandQueue.Entry::commandUuid);
    }

    private void recordResult(String commandUuid, MdmCommandStatus status, List<ErrorChainItem> errorChain,
                              Instant at, DataKeyStore keys) {
        require(commands.isKnown(commandUuid), "command " + commandUuid + " was never sent to this device");
        if (commands.isFinished(commandUuid)) {
            return; // the device repeated a result it already gave: already recorded, nothing changes
        }
        CommandQueue.Entry entry = commands.outstanding(commandUuid).orElseThrow();
        require(entry.state() != CommandQueue.State.QUEUED || entry.attempts() > 0,
                "command " + commandUuid + " was queued but never sent to this device");
        switch (status) {
            case NOT_NOW -> apply(new MdmCommandDeferred(enrollmentRef, entry.commandUuid(), entry.requestType(), at));
            case ERROR, COMMAND_FORMAT_ERROR -> apply(new MdmCommandFailed(enrollmentRef, entry.commandUuid(),
                    entry.requestType(), status, errorChain == null ? List.of() : errorChain, at));
            case ACKNOWLEDGED -> acknowledge(entry, at, keys);
            default -> throw new EnrollmentRuleViolation("unsupported status " + status);
        }
    }

    private void acknowledge(CommandQueue.Entry entry, Instant at, DataKeyStore keys) {
        apply(new MdmCommandAcknowledged(enrollmentRef, entry.commandUuid(), entry.requestType(), at));
        if (entry.commandUuid().equals(unenrollCommandUuid)) {
            close(ClosureReason.UNENROLLED_BY_ADMIN, at, keys);
            return;
        }
        ManagedContent content = entry.content();
        switch (content.effect()) {
            case INSTALLS_PROFILE -> apply(new ProfileInstalled(enrollmentRef, content.identifier(), entry.commandUuid(),
                    content.perAppNetworking(), content.accounts(), at));
            case REMOVES_PROFILE -> {
                if (inventory.hasProfile(content.identifier())) {
                    apply(new ProfileRemoved(enrollmentRef, content.identifier(), entry.commandUuid(), at));
                }
            }
            case INSTALLS_APP -> apply(new ManagedAppInstalled(enrollmentRef, content.identifier(), entry.commandUuid(), at));
            case REMOVES_APP -> {
                if (inventory.hasApp(content.identifier())) {
                    apply(new ManagedAppRemoved(enrollmentRef, content.identifier(), entry.commandUuid(), at));
                }
            }
            case NONE -> {
                // queries and settings change nothing the ledger tracks as installed
            }
        }
    }

    // ---- APNs feedback --------------------------------------------------------------------------

    /**
     * Records that APNs refused a push to a channel's device token. A closed enrollment ignores it
     * (a late answer to a push sent before closure says nothing new, and the sender that reports it
     * has nobody to show an error to); so does a rejection of a token the device has since replaced.
     *
     * <p>While an unenrollment is pending, a device-channel token that is gone ({@link #TOKEN_GONE})
     * closes the enrollment: the admin already decided to end it and the device can no longer be
     * woken to hear it. An enrolled device is not closed by it: APNs may answer Unregistered after a
     * restore or a token change the device has yet to report, and closing destroys the data key for
     * ever and unenrolls a device nobody asked to unenroll.
     */
    @CommandHandler
    public void handle(RecordPushRejection cmd, DataKeyStore keys) {
        if (stage == CLOSED) {
            return;
        }
        require(cmd.reason() != null && !cmd.reason().isBlank(), "a push rejection needs the reason APNs gave");
        String currentToken = pushTokenHashes.get(cmd.channel());
        require(currentToken != null, "no push token is known for the " + cmd.channel()
                + " channel, so no push to it can have been rejected");
        if (cmd.tokenHash() != null && !cmd.tokenHash().equals(currentToken)) {
            return; // the device sent a new token since: the rejected one no longer matters
        }
        apply(new PushRejected(enrollmentRef, cmd.channel(), cmd.reason(), currentToken, cmd.apnsTimestamp(),
                cmd.occurredAt()));
        if (stage == UNENROLLMENT_PENDING && !cmd.channel().isUserChannel() && TOKEN_GONE.contains(cmd.reason())) {
            close(ClosureReason.APNS_UNREGISTERED, cmd.occurredAt(), keys);
        }
    }

    // ---- Unenrollment --------------------------------------------------------------------------

    @CommandHandler
    public void handle(CheckOutDevice cmd, DataKeyStore keys) {
        requireOpen("accept CheckOut");
        require(enrollmentId != null, "CheckOut from a device that never sent Authenticate");
        requireSameEnrollmentId(cmd.enrollmentId(), "CheckOut");
        apply(new DeviceCheckedOut(enrollmentRef, cmd.enrollmentId(), cmd.occurredAt()));
        close(ClosureReason.CHECKED_OUT, cmd.occurredAt(), keys);
    }

    @CommandHandler
    public void handle(RequestUnenrollment cmd) {
        requireOpen("unenroll");
        require(stage != UNENROLLMENT_PENDING, "an unenrollment of this device is already pending since it was "
                + "requested; it cannot be requested twice");
        require(stage == ENROLLED, "the device is not enrolled (stage " + stage + "), so there is nothing to unenroll");
        require(cmd.reason() != null && !cmd.reason().isBlank(), "an unenrollment needs a reason");
        apply(new UnenrollmentRequested(enrollmentRef, cmd.requestedBy(), cmd.reason(), cmd.removeProfileCommandUuid(),
                profileIdentifier, cmd.occurredAt()));
        apply(new MdmCommandQueued(enrollmentRef, cmd.removeProfileCommandUuid(), REMOVE_PROFILE, Channel.DEVICE,
                ManagedContent.removesProfile(profileIdentifier), null, cmd.requestedBy(), null, cmd.occurredAt()));
    }

    /**
     * Closes a device that went silent while its unenrollment was pending. The scheduler that sends
     * this only proposes candidates; the decision is made here, from the device's last contact as
     * this enrollment recorded it: the device must have been silent for the whole period since the
     * unenrollment was requested or since it last spoke, whichever is later.
     */
    @CommandHandler
    public void handle(CloseSilentEnrollment cmd, DataKeyStore keys) {
        requireOpen("close a silent device");
        require(stage == UNENROLLMENT_PENDING, "only an enrollment whose unenrollment is pending can be closed for "
                + "silence; this one is " + stage);
        Duration period = cmd.silencePeriod();
        require(period != null && !period.isNegative() && !period.isZero(), "a silence period must be positive");
        Instant silentSince = lastDeviceContactAt != null && lastDeviceContactAt.isAfter(unenrollmentRequestedAt)
                ? lastDeviceContactAt : unenrollmentRequestedAt;
        require(!silentSince.plus(period).isAfter(cmd.occurredAt()), "the device has been silent only since "
                + silentSince + ", less than " + period);
        close(ClosureReason.SILENCE, cmd.occurredAt(), keys);
    }

    /**
     * The closing events, and the server's data key destroyed in the same transaction: either the
     * ledger says the enrollment is closed and its personal data is unreadable, or neither is true.
     * (A handler after commit could crash in between and leave a closed enrollment readable.)
     */
    private void close(ClosureReason reason, Instant at, DataKeyStore keys) {
        String serverKeyCommitment = keys.destroy(enrollmentRef, at).orElse(null);
        apply(new ManagedDataKeysDestroyed(enrollmentRef, keysAlive, serverKeyCommitment, at));
        List<String> profiles = new ArrayList<>();
        if (profileIdentifier != null) {
            profiles.add(profileIdentifier);
        }
        profiles.addAll(inventory.profiles());
        apply(new ManagedDataRemoved(enrollmentRef, profiles, inventory.apps(), inventory.accounts(),
                inventory.perAppNetworking(), at));
        apply(new EnrollmentClosed(enrollmentRef, reason, at));
    }

    // ---- Declarative Device Management -------------------------------------------------------

    /**
     * A declaration set, already decided per declaration by the policy for this device, replaces
     * what the set put here before. Each refusal is recorded; an identifier another set already
     * uses here is refused too (a device holds one declaration per identifier).
     */
    @CommandHandler
    public SyncTokens handle(ApplyDeclarationSet cmd) {
        requireOpen("assign declarations");
        require(stage == ENROLLED, "the device is not enrolled (stage " + stage + "); declarations cannot be assigned");
        for (DeclarationRefusal r : cmd.refused()) {
            apply(new DeclarationRefused(enrollmentRef, cmd.setId(), r.identifier(), r.type(), cmd.requestedBy(),
                    r.rule(), r.source(), r.reason(), cmd.occurredAt()));
        }
        List<DeclarationRef> accepted = new ArrayList<>();
        for (DeclarationRef d : cmd.allowed()) {
            Optional<String> holder = declarations.holderOtherThan(cmd.setId(), d.identifier());
            if (holder.isPresent()) {
                apply(new DeclarationRefused(enrollmentRef, cmd.setId(), d.identifier(), d.type(), cmd.requestedBy(),
                        DECLARATION_IDENTIFIER_IN_USE, "server rule", "declaration set " + holder.get()
                        + " already put a declaration with identifier " + d.identifier() + " on this device",
                        cmd.occurredAt()));
            } else {
                accepted.add(d);
            }
        }
        apply(new DeclarationsAssigned(enrollmentRef, cmd.setId(), accepted,
                DeclarationsToken.of(declarations.withSetReplaced(cmd.setId(), accepted)), cmd.requestedBy(),
                cmd.occurredAt()));
        return declarations.tokens();
    }

    @CommandHandler
    public SyncTokens handle(ReadSyncTokens cmd) {
        requireDeclarativeDevice(cmd.enrollmentId());
        return declarations.tokens();
    }

    @CommandHandler
    public DeclarationManifest handle(SyncDeclarations cmd) {
        requireDeclarativeDevice(cmd.enrollmentId());
        DeclarationManifest manifest = declarations.manifest();
        apply(new DeclarationsSynced(enrollmentRef, manifest.tokens().declarationsToken(),
                manifest.declarations().size(), cmd.occurredAt()));
        return manifest;
    }

    @CommandHandler
    public DeclarationRef handle(DeliverDeclaration cmd) {
        requireDeclarativeDevice(cmd.enrollmentId());
        DeclarationRef found = declarations.find(cmd.category(), cmd.identifier()).orElseThrow(() ->
                new UnknownDeclaration("this enrollment has no " + cmd.category().pathSegment() + " declaration "
                        + cmd.identifier()));
        apply(new DeclarationDelivered(enrollmentRef, found.identifier(), found.type(), found.category(),
                found.serverToken(), cmd.occurredAt()));
        return found;
    }

    @CommandHandler
    public void handle(ReportDeclarationStatus cmd) {
        requireDeclarativeDevice(cmd.enrollmentId());
        for (DeclarationStatus status : cmd.declarations()) {
            if (!declarations.wasOffered(status.identifier())) {
                throw new UnknownDeclaration("the status report names declaration " + status.identifier()
                        + ", which this server never offered to this enrollment");
            }
        }
        apply(new DeclarationStatusReported(enrollmentRef, cmd.fullReport(), cmd.declarations(), cmd.items(),
                cmd.droppedItems(), cmd.errors(), cmd.reportDigest(), cmd.occurredAt()));
    }

    private void requireDeclarativeDevice(String givenEnrollmentId) {
        requireOpen("serve Declarative Device Management");
        requireManageable("serve Declarative Device Management");
        requireSameEnrollmentId(givenEnrollmentId, "the DeclarativeManagement check-in");
    }

    // ---- rules ---------------------------------------------------------------------------------

    private void requireOpen(String action) {
        if (stage == CLOSED) {
            throw new ClosedEnrollment("enrollment " + enrollmentRef + " is closed; cannot " + action);
        }
    }

    private void requireManageable(String action) {
        require(stage == ENROLLED || stage == UNENROLLMENT_PENDING,
                "the device is not enrolled yet (stage " + stage + "); cannot " + action);
    }

    private void requireSameEnrollmentId(String given, String what) {
        require(enrollmentId != null && enrollmentId.equals(given), what + " names EnrollmentID " + given
                + ", which is not the EnrollmentID of this enrollment");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new EnrollmentRuleViolation(message);
        }
    }

    private static OsVersion parseVersion(String text) {
        try {
            return OsVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EnrollmentRuleViolation(e.getMessage());
        }
    }

    // ---- event sourcing handlers ---------------------------------------------------------------

    /** Stages only move forward: a repeated sign-in or token does not move an enrolled device back. */
    private void advanceTo(EnrollmentStage next) {
        if (stage.compareTo(next) < 0) {
            stage = next;
        }
    }

    @EventSourcingHandler
    void on(EnrollmentRequested e) {
        enrollmentRef = e.enrollmentRef();
        platform = e.platform();
        osVersion = e.osVersion() == null ? null : OsVersion.parse(e.osVersion());
        stage = CHALLENGED;
    }

    @EventSourcingHandler
    void on(UserAuthenticated e) {
        managedAppleAccount = e.managedAppleAccount();
        advanceTo(USER_AUTHENTICATED);
    }

    @EventSourcingHandler
    void on(SessionTokenIssued e) {
        latestTokenId = e.tokenId();
        advanceTo(TOKEN_ISSUED);
    }

    @EventSourcingHandler
    void on(EnrollmentProfileDelivered e) {
        profileIdentifier = e.profileIdentifier();
        advanceTo(PROFILE_DELIVERED);
    }

    @EventSourcingHandler
    void on(IdentityCertificateIssued e) {
        identityIssued = true;
        advanceTo(IDENTITY_ISSUED);
    }

    @EventSourcingHandler
    void on(DeviceAuthenticated e) {
        heardFromDevice(e.occurredAt());
        enrollmentId = e.enrollmentId();
        platform = e.platform();
        if (e.osVersion() != null) {
            osVersion = OsVersion.parse(e.osVersion());
        }
        advanceTo(AUTHENTICATED);
    }

    @EventSourcingHandler
    void on(PushTokenUpdated e) {
        heardFromDevice(e.occurredAt());
        pushTokenHashes.put(e.channel(), e.tokenHash());
        if (e.channel().isUserChannel()) {
            userChannels.add(e.channel());
        }
    }

    @EventSourcingHandler
    void on(DeviceEnrolled e) {
        stage = ENROLLED;
    }

    @EventSourcingHandler
    void on(ManagedDataKeysCreated e) {
        keysAlive = List.copyOf(e.dataClasses());
    }

    @EventSourcingHandler
    void on(MdmCommandQueued e) {
        commands.queued(e.commandUuid(), e.requestType(), e.content(), e.channel());
    }

    @EventSourcingHandler
    void on(MdmCommandDelivered e) {
        heardFromDevice(e.occurredAt());
        commands.delivered(e.commandUuid());
    }

    @EventSourcingHandler
    void on(MdmCommandDeferred e) {
        heardFromDevice(e.occurredAt());
        commands.deferred(e.commandUuid());
    }

    @EventSourcingHandler
    void on(MdmCommandAcknowledged e) {
        heardFromDevice(e.occurredAt());
        commands.finished(e.commandUuid());
    }

    @EventSourcingHandler
    void on(MdmCommandFailed e) {
        heardFromDevice(e.occurredAt());
        commands.finished(e.commandUuid());
    }

    @EventSourcingHandler
    void on(ProfileInstalled e) {
        inventory.profileInstalled(e.profileIdentifier(), e.perAppNetworking(), e.accounts());
    }

    @EventSourcingHandler
    void on(ProfileRemoved e) {
        inventory.profileRemoved(e.profileIdentifier());
    }

    @EventSourcingHandler
    void on(ManagedAppInstalled e) {
        inventory.appInstalled(e.bundleId());
    }

    @EventSourcingHandler
    void on(ManagedAppRemoved e) {
        inventory.appRemoved(e.bundleId());
    }

    @EventSourcingHandler
    void on(UnenrollmentRequested e) {
        unenrollCommandUuid = e.removeProfileCommandUuid();
        unenrollmentRequestedAt = e.occurredAt();
        stage = UNENROLLMENT_PENDING;
    }

    @EventSourcingHandler
    void on(ManagedDataKeysDestroyed e) {
        keysAlive = List.of();
    }

    @EventSourcingHandler
    void on(ManagedDataRemoved e) {
        inventory.clear();
    }

    @EventSourcingHandler
    void on(EnrollmentClosed e) {
        stage = CLOSED;
        // The cached aggregate must not keep personal data the data key no longer protects.
        managedAppleAccount = null;
    }

    /** Every request the device made that the ledger records (routine Idle polls are not events). */
    private void heardFromDevice(Instant at) {
        if (at != null && (lastDeviceContactAt == null || at.isAfter(lastDeviceContactAt))) {
            lastDeviceContactAt = at;
        }
    }

    @EventSourcingHandler
    void on(DeclarationsAssigned e) {
        declarations.assigned(e.setId(), e.declarations(), e.occurredAt());
    }
}
