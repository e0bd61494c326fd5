package io.ueledger.query.pointintime;

import io.ueledger.kernel.ddm.DeclarationStatus;
import io.ueledger.kernel.ddm.DeclarationStatusReported;
import io.ueledger.kernel.ddm.DeclarationsAssigned;
import static io.ueledger.kernel.enrollment.EnrollmentStage.AUTHENTICATED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.CHALLENGED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.CLOSED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.ENROLLED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.IDENTITY_ISSUED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.PROFILE_DELIVERED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.TOKEN_ISSUED;
import static io.ueledger.kernel.enrollment.EnrollmentStage.UNENROLLMENT_PENDING;
import static io.ueledger.kernel.enrollment.EnrollmentStage.USER_AUTHENTICATED;

import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.DeviceEnrolled;
import io.ueledger.kernel.enrollment.EnrollmentProfileDelivered;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.enrollment.IdentityCertificateIssued;
import io.ueledger.kernel.enrollment.ManagedDataKeysCreated;
import io.ueledger.kernel.enrollment.SessionTokenIssued;
import io.ueledger.kernel.enrollment.UserAuthenticated;
import io.ueledger.kernel.mdm.ManagedAppInstalled;
import io.ueledger.kernel.mdm.ManagedAppRemoved;
import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import io.ueledger.kernel.mdm.MdmCommandDeferred;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.mdm.MdmCommandFailed;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.kernel.mdm.ProfileRemoved;
import io.ueledger.kernel.unenrollment.ClosureReason;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import io.ueledger.kernel.unenrollment.ManagedDataKeysDestroyed;
import io.ueledger.kernel.unenrollment.ManagedDataRemoved;
import io.ueledger.kernel.unenrollment.UnenrollmentRequested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds an enrollment's events, in stream order, into its {@link DeviceState}. A pure function of
 * the events (no clock, no database), kept apart from the aggregate on purpose: the aggregate keeps
 * only what its decisions need and may change for that, while this answers what people ask about a
 * past moment (reused by the data-separation report "as of a date": {@code DeviceStateFold.of(events)}).
 * Events it does not know (sign-in failures, refused commands, push rejections) leave the state as it is.
 */
public final class DeviceStateFold {

    private String enrollmentRef;
    private EnrollmentStage stage;
    private Platform platform;
    private String osVersion;
    private String product;
    private String account;
    private String enrollmentId;
    private String enrollmentProfile;
    private final Map<String, DeviceState.InstalledProfile> profiles = new LinkedHashMap<>();
    private final Set<String> apps = new LinkedHashSet<>();
    private List<DataClass> keysAlive = List.of();
    private final Map<String, DeviceState.OutstandingCommand> outstanding = new LinkedHashMap<>();
    private ClosureReason closureReason;
    private final Map<String, DeviceState.DeclarationInForce> declarations = new LinkedHashMap<>();
    private int applied;
    private long lastSequence = -1;
    private Instant lastEventAt;

    /** The state after all of {@code events}, which must be one enrollment's payloads in stream order. */
    public static DeviceState of(Iterable<?> events) {
        DeviceStateFold fold = new DeviceStateFold();
        events.forEach(fold::apply);
        return fold.state();
    }

    /** Applies the next event; {@code sequence} and {@code at} are the stored message's, when known. */
    public DeviceStateFold apply(Object event, long sequence, Instant at) {
        apply(event);
        lastSequence = sequence;
        if (at != null) {
            lastEventAt = at;
        }
        return this;
    }

    public DeviceStateFold apply(Object event) {
        applied++;
        lastSequence++;
        if (event instanceof EnrollmentRequested e) {
            enrollmentRef = e.enrollmentRef();
            platform = e.platform();
            osVersion = e.osVersion();
            product = e.product();
            stage = CHALLENGED;
        } else if (event instanceof UserAuthenticated e) {
            account = e.managedAppleAccount();
            advanceTo(USER_AUTHENTICATED);
        } else if (event instanceof SessionTokenIssued e) {
            advanceTo(TOKEN_ISSUED);
        } else if (event instanceof EnrollmentProfileDelivered e) {
            enrollmentProfile = e.profileIdentifier();
            if (e.managedAppleAccount() != null) {
                account = e.managedAppleAccount();
            }
            advanceTo(PROFILE_DELIVERED);
        } else if (event instanceof IdentityCertificateIssued e) {
            advanceTo(IDENTITY_ISSUED);
        } else if (event instanceof DeviceAuthenticated e) {
            enrollmentId = e.enrollmentId();
            platform = e.platform() == null ? platform : e.platform();
            product = e.productName() == null ? product : e.productName();
            osVersion = e.osVersion() == null ? osVersion : e.osVersion();
            advanceTo(AUTHENTICATED);
        } else if (event instanceof DeviceEnrolled e) {
            stage = ENROLLED;
        } else if (event instanceof ManagedDataKeysCreated e) {
            keysAlive = List.copyOf(e.dataClasses());
        } else if (event instanceof MdmCommandQueued e) {
            outstanding.put(e.commandUuid(), new DeviceState.OutstandingCommand(
                    e.commandUuid(), e.requestType(), e.channel(), "QUEUED", 0));
        } else if (event instanceof MdmCommandDelivered e) {
            outstanding.computeIfPresent(e.commandUuid(), (id, c) ->
                    new DeviceState.OutstandingCommand(id, c.requestType(), c.channel(), "DELIVERED", c.deliveries() + 1));
        } else if (event instanceof MdmCommandDeferred e) {
            outstanding.computeIfPresent(e.commandUuid(), (id, c) ->
                    new DeviceState.OutstandingCommand(id, c.requestType(), c.channel(), "DEFERRED", c.deliveries()));
        } else if (event instanceof MdmCommandAcknowledged e) {
            outstanding.remove(e.commandUuid());
        } else if (event instanceof MdmCommandFailed e) {
            outstanding.remove(e.commandUuid());
        } else if (event instanceof ProfileInstalled e) {
            profiles.put(e.profileIdentifier(), new DeviceState.InstalledProfile(
                    e.profileIdentifier(), listOrEmpty(e.perAppNetworking()), listOrEmpty(e.accounts())));
        } else if (event instanceof ProfileRemoved e) {
            profiles.remove(e.profileIdentifier());
        } else if (event instanceof ManagedAppInstalled e) {
            apps.add(e.bundleId());
        } else if (event instanceof ManagedAppRemoved e) {
            apps.remove(e.bundleId());
        } else if (event instanceof UnenrollmentRequested e) {
            stage = UNENROLLMENT_PENDING;
        } else if (event instanceof ManagedDataKeysDestroyed e) {
            keysAlive = List.of();
        } else if (event instanceof ManagedDataRemoved e) {
            profiles.clear();
            apps.clear();
        } else if (event instanceof EnrollmentClosed e) {
            stage = CLOSED;
            closureReason = e.reason();
            outstanding.clear();
            declarations.clear();
        } else if (event instanceof DeclarationsAssigned e) {
            declarations.values().removeIf(d -> d.setId().equals(e.setId()));
            e.declarations().forEach(d -> declarations.put(d.identifier(), new DeviceState.DeclarationInForce(
                    d.identifier(), d.type(), d.category().pathSegment(), d.serverToken(), e.setId(), null, null,
                    List.of())));
        } else if (event instanceof DeclarationStatusReported e) {
            for (DeclarationStatus status : e.declarations()) {
                DeviceState.DeclarationInForce d = declarations.get(status.identifier());
                if (d != null && !status.removed()) {
                    declarations.put(d.identifier(), new DeviceState.DeclarationInForce(d.identifier(), d.type(),
                            d.category(), d.serverToken(), d.setId(), status.active(), status.valid(),
                            status.reasons().stream().map(r -> r.code() + (r.description() == null ? ""
                                    : ": " + r.description())).toList()));
                }
            }
        }
        // any other event changes nothing this state shows
        return this;
    }

    public DeviceState state() {
        List<PerAppNetworkSetting> perApp = new ArrayList<>();
        profiles.values().forEach(p -> perApp.addAll(p.perAppNetworking()));
        return new DeviceState(enrollmentRef, stage, platform, osVersion, product, account, enrollmentId,
                enrollmentProfile, List.copyOf(profiles.values()), List.copyOf(apps), List.copyOf(perApp), keysAlive,
                List.copyOf(outstanding.values()), List.copyOf(declarations.values()), closureReason, applied, lastSequence, lastEventAt);
    }

    private void advanceTo(EnrollmentStage next) {
        if (stage == null || stage.compareTo(next) < 0) {
            stage = next;
        }
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
