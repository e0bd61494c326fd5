package io.ueledger.query.history;

import io.ueledger.kernel.ddm.DeclarationDelivered;
import io.ueledger.kernel.ddm.DeclarationRefused;
import io.ueledger.kernel.ddm.DeclarationStatus;
import io.ueledger.kernel.ddm.DeclarationStatusReported;
import io.ueledger.kernel.ddm.DeclarationsAssigned;
import io.ueledger.kernel.ddm.DeclarationsSynced;
import io.ueledger.kernel.ddm.set.DeclarationSetAssigned;
import io.ueledger.kernel.ddm.set.DeclarationSetSaved;
import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.enrollment.CheckInMessageRefused;
import io.ueledger.kernel.push.PushRejected;
import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.DeviceEnrolled;
import io.ueledger.kernel.enrollment.EnrollmentChallenged;
import io.ueledger.kernel.enrollment.EnrollmentProfileDelivered;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.IdentityCertificateIssued;
import io.ueledger.kernel.enrollment.IdentityAttestationRecorded;
import io.ueledger.kernel.enrollment.ManagedDataKeysCreated;
import io.ueledger.kernel.enrollment.PushTokenUpdated;
import io.ueledger.kernel.enrollment.SessionTokenIssued;
import io.ueledger.kernel.enrollment.UserAuthenticated;
import io.ueledger.kernel.enrollment.UserAuthenticationFailed;
import io.ueledger.kernel.mdm.ManagedAppInstalled;
import io.ueledger.kernel.mdm.ManagedAppInventoryReported;
import io.ueledger.kernel.mdm.ManagedAppRemoved;
import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import io.ueledger.kernel.mdm.MdmCommandDeferred;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.mdm.MdmCommandFailed;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.mdm.MdmCommandRefused;
import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.kernel.mdm.ProfileRemoved;
import io.ueledger.kernel.unenrollment.ClosureReason;
import io.ueledger.kernel.unenrollment.DeviceCheckedOut;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import io.ueledger.kernel.unenrollment.ManagedDataKeysDestroyed;
import io.ueledger.kernel.unenrollment.ManagedDataRemoved;
import io.ueledger.kernel.unenrollment.UnenrollmentRequested;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * One readable sentence and an actor for every enrollment lifecycle event, so the history reads
 * like a log a compliance officer can follow without opening the payload. The payload stays in
 * the row for the detail; nothing here adds data the event does not carry.
 */
@Component
public class HistoryDescriptions {

    static final String DEVICE = "device";
    static final String USER = "user";
    static final String SYSTEM = "system";

    private final Map<Class<?>, Function<Object, HistoryDescription>> byType = new HashMap<>();

    public HistoryDescriptions() {
        // stage 1-4 and check-in
        describe(EnrollmentRequested.class, e -> DEVICE, e -> "Enrollment requested by " + orUnknown(e.product())
                + " (" + platform(e.platform()) + " " + orUnknown(e.osVersion()) + ") for "
                + orUnknown(e.userIdentifierDomain()) + signer(e.signerEvidence()));
        describe(PushRejected.class, e -> SYSTEM, e -> "APNs refused the push to the " + e.channel()
                + " channel: " + e.reason());
        describe(CheckInMessageRefused.class, e -> DEVICE, e -> "Check-in message " + e.messageType()
                + " refused: " + e.reason());
        describe(EnrollmentChallenged.class, e -> SYSTEM, e -> "User asked to sign in"
                + (e.authMethod() == null ? "" : " (" + e.authMethod().wireName() + ")"));
        describe(UserAuthenticated.class, e -> USER, e -> "User signed in at " + orUnknown(e.identityProvider())
                + " as " + orUnknown(e.managedAppleAccount()));
        describe(UserAuthenticationFailed.class, e -> USER, e -> "Sign-in at " + orUnknown(e.identityProvider())
                + " failed: " + orUnknown(e.reason()));
        describe(SessionTokenIssued.class, e -> SYSTEM, e -> "Session token " + shortId(e.tokenId())
                + " issued, valid until " + e.expiresAt());
        describe(EnrollmentProfileDelivered.class, e -> SYSTEM, e -> "Enrollment profile "
                + orUnknown(e.profileIdentifier()) + " delivered (push topic " + orUnknown(e.topic()) + ")");
        describe(IdentityCertificateIssued.class, e -> SYSTEM, e -> "Identity certificate "
                + orUnknown(e.serialNumber()) + " issued, valid until " + e.notAfter());
        describe(IdentityAttestationRecorded.class, e -> DEVICE, e -> "Device attested its identity key over ACME: "
                + orUnknown(e.verdict()) + " (" + orUnknown(e.note()) + ")");
        describe(DeviceAuthenticated.class, e -> DEVICE, e -> "Device checked in as EnrollmentID "
                + shortId(e.enrollmentId()) + " (" + orUnknown(e.productName()) + ", " + platform(e.platform())
                + " " + orUnknown(e.osVersion()) + ")");
        describe(PushTokenUpdated.class, e -> DEVICE, e -> "Push token updated on the " + e.channel() + " channel");
        describe(DeviceEnrolled.class, e -> SYSTEM, e -> "Device enrolled: " + platform(e.platform()) + " "
                + orUnknown(e.osVersion()) + " as " + orUnknown(e.managedAppleAccount()));
        describe(ManagedDataKeysCreated.class, e -> DEVICE, e -> "Separate keys created for "
                + dataClasses(e.dataClasses()));

        // management
        describe(MdmCommandQueued.class, e -> requester(e.requestedBy()), e -> "MDM command " + e.requestType()
                + " queued (command " + shortId(e.commandUuid()) + ")"
                + (e.narrowing() == null ? "" : "; narrowed: " + e.narrowing()));
        describeDeclarativeManagement();
        describe(MdmCommandRefused.class, e -> requester(e.requestedBy()), e -> "MDM command " + e.requestType()
                + " refused: " + orUnknown(e.reason()) + " (rule " + orUnknown(e.rule()) + ")");
        describe(MdmCommandDelivered.class, e -> SYSTEM, e -> "MDM command " + e.requestType() + " sent to the device"
                + " (command " + shortId(e.commandUuid()) + ", attempt " + e.attempt() + ")");
        describe(MdmCommandAcknowledged.class, e -> DEVICE, e -> "MDM command " + e.requestType()
                + " acknowledged (command " + shortId(e.commandUuid()) + ")");
        describe(MdmCommandFailed.class, e -> DEVICE, e -> "MDM command " + e.requestType() + " failed with "
                + (e.status() == null ? "an error" : e.status().wireName()) + " (command " + shortId(e.commandUuid())
                + ")");
        describe(MdmCommandDeferred.class, e -> DEVICE, e -> "Device answered NotNow to " + e.requestType()
                + " (command " + shortId(e.commandUuid()) + "); it will be sent again");
        describe(ProfileInstalled.class, e -> DEVICE, e -> "Profile " + e.profileIdentifier() + " installed (command "
                + shortId(e.commandUuid()) + ")");
        describe(ProfileRemoved.class, e -> DEVICE, e -> "Profile " + e.profileIdentifier() + " removed (command "
                + shortId(e.commandUuid()) + ")");
        describe(ManagedAppInstalled.class, e -> DEVICE, e -> "Managed app " + e.bundleId() + " installed (command "
                + shortId(e.commandUuid()) + ")");
        describe(ManagedAppRemoved.class, e -> DEVICE, e -> "Managed app " + e.bundleId() + " removed (command "
                + shortId(e.commandUuid()) + ")");
        describe(ManagedAppInventoryReported.class, e -> DEVICE, e -> "Device reported " + e.apps().size()
                + " managed app(s) in answer to " + e.requestType() + " (command " + shortId(e.commandUuid()) + ")");

        // unenrollment
        describe(UnenrollmentRequested.class, e -> requester(e.requestedBy()), e -> "Unenrollment requested: "
                + orUnknown(e.reason()));
        describe(DeviceCheckedOut.class, e -> USER, e -> "User removed the enrollment from the device (CheckOut)");
        describe(ManagedDataKeysDestroyed.class, e -> SYSTEM, e -> "Separate keys destroyed for "
                + dataClasses(e.dataClasses()));
        describe(ManagedDataRemoved.class, e -> SYSTEM, e -> "Managed data removed: "
                + count(e.profiles(), "profile") + ", " + count(e.managedApps(), "managed app") + ", "
                + count(e.accounts(), "account") + ", " + count(e.perAppNetworking(), "per-app network setting"));
        describe(EnrollmentClosed.class, e -> SYSTEM, e -> "Enrollment closed: " + closure(e.reason()));
    }

    /** The description of an event, or a plain fallback for an event type nobody described yet. */
    /** Declarative Device Management: what reached the device, what the policy kept back, what it reported. */
    private void describeDeclarativeManagement() {
        describe(DeclarationsAssigned.class, e -> requester(e.requestedBy()), e -> "Declaration set " + e.setId()
                + " put " + e.declarations().size() + " declaration(s) in force (DeclarationsToken "
                + shortId(e.declarationsToken()) + ")");
        describe(DeclarationRefused.class, e -> requester(e.requestedBy()), e -> "Declaration " + e.identifier()
                + " (" + e.type() + ") of set " + e.setId() + " refused: " + orUnknown(e.reason()) + " (rule "
                + orUnknown(e.rule()) + ")");
        describe(DeclarationsSynced.class, e -> DEVICE, e -> "Device synced its declarations: "
                + e.declarationCount() + " listed (DeclarationsToken " + shortId(e.declarationsToken()) + ")");
        describe(DeclarationDelivered.class, e -> DEVICE, e -> "Device fetched " + e.category().pathSegment()
                + " declaration " + e.identifier() + " (" + e.type() + ")");
        describe(DeclarationStatusReported.class, e -> DEVICE, e -> (e.fullReport() ? "Full status report: "
                : "Status report: ") + e.declarations().size() + " declaration status(es), "
                + e.declarations().stream().filter(DeclarationStatus::failed).count() + " failed, "
                + e.items().size() + " item(s) kept" + (e.droppedItems().isEmpty() ? ""
                : ", " + e.droppedItems().size() + " item(s) User Enrollment does not let us keep dropped unread"));
        describe(DeclarationSetSaved.class, e -> requester(e.savedBy()), e -> "Declaration set " + e.setId()
                + " saved as version " + e.version());
        describe(DeclarationSetAssigned.class, e -> requester(e.assignedBy()), e -> "Declaration set " + e.setId()
                + " assigned to " + e.enrollmentRef());
    }

    public HistoryDescription describe(Object event) {
        Function<Object, HistoryDescription> describer = byType.get(event.getClass());
        return describer != null ? describer.apply(event)
                : new HistoryDescription(SYSTEM, event.getClass().getSimpleName() + " recorded");
    }

    /** The event types with a sentence of their own. */
    public Set<Class<?>> describedTypes() {
        return Set.copyOf(byType.keySet());
    }

    private <E> void describe(Class<E> type, Function<E, String> actor, Function<E, String> summary) {
        byType.put(type, event -> new HistoryDescription(actor.apply(type.cast(event)), summary.apply(type.cast(event))));
    }

    private static String requester(String requestedBy) {
        return requestedBy == null || requestedBy.isBlank() ? SYSTEM : requestedBy;
    }

    /** Ids are long UUIDs; the first 8 characters are enough to tell them apart in a sentence. */
    static String shortId(String id) {
        if (id == null) {
            return "(unknown)";
        }
        return id.length() <= 8 ? id : id.substring(0, 8) + "…";
    }

    private static String orUnknown(Object value) {
        return value == null ? "(unknown)" : value.toString();
    }

    private static String platform(io.ueledger.kernel.device.Platform platform) {
        return platform == null ? "unknown platform" : platform.displayName();
    }

    private static String dataClasses(List<DataClass> classes) {
        if (classes == null || classes.isEmpty()) {
            return "no data class";
        }
        return classes.stream().map(DataClass::description).collect(Collectors.joining(", "));
    }

    private static String count(List<?> items, String noun) {
        int n = items == null ? 0 : items.size();
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String closure(ClosureReason reason) {
        if (reason == null) {
            return "no reason recorded";
        }
        return switch (reason) {
            case CHECKED_OUT -> "the user removed it on the device";
            case UNENROLLED_BY_ADMIN -> "unenrolled by an admin, the device removed the profile";
            case APNS_UNREGISTERED -> "Apple reported the device no longer registered for push";
            case SILENCE -> "the device stayed silent after the unenrollment request";
        };
    }

    private static String signer(io.ueledger.kernel.enrollment.SignerEvidence evidence) {
        return switch (evidence.verdict()) {
            case TRUSTED -> "; signer trusted (" + evidence.anchor() + ")";
            case UNTRUSTED -> "; signer not trusted by the configured anchors (recorded, "
                    + (evidence.gated() ? "refused" : "not a gate") + ")";
            case NOT_RECORDED -> "";
        };
    }
}
