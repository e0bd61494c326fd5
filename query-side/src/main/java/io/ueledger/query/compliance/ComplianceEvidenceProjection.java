package io.ueledger.query.compliance;

import static io.ueledger.query.support.SqlTime.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.DeviceEnrolled;
import io.ueledger.kernel.enrollment.EnrollmentChallenged;
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
import io.ueledger.kernel.mdm.MdmCommandRefused;
import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.kernel.mdm.ProfileRemoved;
import io.ueledger.kernel.policy.CapabilityMatrix;
import io.ueledger.kernel.privacy.Shredded;
import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import io.ueledger.kernel.unenrollment.ManagedDataKeysDestroyed;
import io.ueledger.kernel.unenrollment.ManagedDataRemoved;
import io.ueledger.kernel.unenrollment.UnenrollmentRequested;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import io.ueledger.query.batch.BatchedStatements;
import io.ueledger.query.compliance.ComplianceEnrollmentRows.Column;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Feeds the compliance views: {@code compliance_enrollment} (one row per enrollment with its
 * unenrollment proof) and {@code compliance_evidence} (one row per MDM-command event, tagged with
 * the "MDM can / can't" lines it is evidence for).
 *
 * <p>Idempotent: evidence rows are keyed by event id ("on conflict do nothing"), the stage only
 * moves forward and every other column is set to what the event says, so a redelivered event or
 * a retried batch changes nothing. A delivered or acknowledged command takes its lines from its
 * queued row, which this same processor wrote earlier in the enrollment's stream.
 */
@Component
@ProcessingGroup(ProcessorNames.COMPLIANCE_EVIDENCE)
public class ComplianceEvidenceProjection {


    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final EvidenceLines lines = new EvidenceLines(CapabilityMatrix.standard());

    /**
     * Row changes of a processor batch, written when it commits: one queue per table, because a queued
     * command may read its enrollment's platform from {@code compliance_enrollment} (that queue is flushed
     * first) while the evidence rows stay batched. Enrollment rows are folded per enrollment.
     */
    private final ComplianceEnrollmentRows enrollmentRows;
    private final BatchedStatements evidenceRows;
    private final KnownPlatforms platforms = new KnownPlatforms();

    public ComplianceEvidenceProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.enrollmentRows = new ComplianceEnrollmentRows(jdbc);
        this.evidenceRows = new BatchedStatements(jdbc);
        this.json = json;
    }

    // ---- the enrollment ---------------------------------------------------------------------

    @EventHandler
    void on(EnrollmentRequested e, DomainEventMessage<?> message) {
        enrollmentRows.create(message.getAggregateIdentifier(), EnrollmentStage.CHALLENGED,
                sets(Column.PLATFORM, name(e.platform()), Column.OS_VERSION, e.osVersion()));
        platforms.learn(message.getAggregateIdentifier(), e.platform());
    }

    @EventHandler
    void on(EnrollmentChallenged e, DomainEventMessage<?> message) {
        advance(message, EnrollmentStage.CHALLENGED);
    }

    @EventHandler
    void on(UserAuthenticated e, DomainEventMessage<?> message) {
        enrollmentRows.update(message.getAggregateIdentifier(), EnrollmentStage.USER_AUTHENTICATED,
                account(sets(), e.managedAppleAccount()));
    }

    @EventHandler
    void on(SessionTokenIssued e, DomainEventMessage<?> message) {
        advance(message, EnrollmentStage.TOKEN_ISSUED);
    }

    @EventHandler
    void on(EnrollmentProfileDelivered e, DomainEventMessage<?> message) {
        enrollmentRows.update(message.getAggregateIdentifier(), EnrollmentStage.PROFILE_DELIVERED,
                account(sets(), e.managedAppleAccount()));
    }

    @EventHandler
    void on(IdentityCertificateIssued e, DomainEventMessage<?> message) {
        advance(message, EnrollmentStage.IDENTITY_ISSUED);
    }

    @EventHandler
    void on(DeviceAuthenticated e, DomainEventMessage<?> message) {
        Map<Column, Object> sets = ifNamed(sets(), Column.PLATFORM, name(e.platform()));
        enrollmentRows.update(message.getAggregateIdentifier(), EnrollmentStage.AUTHENTICATED,
                ifNamed(sets, Column.OS_VERSION, e.osVersion()));
        platforms.learn(message.getAggregateIdentifier(), e.platform());
    }

    @EventHandler
    void on(DeviceEnrolled e, DomainEventMessage<?> message) {
        Map<Column, Object> sets = ifNamed(sets(Column.ENROLLED_AT, ts(at(e.occurredAt(), message))),
                Column.PLATFORM, name(e.platform()));
        enrollmentRows.update(message.getAggregateIdentifier(), EnrollmentStage.ENROLLED,
                account(sets, e.managedAppleAccount()));
        platforms.learn(message.getAggregateIdentifier(), e.platform());
    }

    @EventHandler
    void on(ManagedDataKeysCreated e, DomainEventMessage<?> message) {
        enrollmentRows.update(message.getAggregateIdentifier(), null,
                sets(Column.KEYS_CREATED, toJson(e.dataClasses())));
    }

    // ---- MDM commands -------------------------------------------------------------------------

    @EventHandler
    void on(MdmCommandQueued e, DomainEventMessage<?> message) {
        Platform platform = platformOf(message.getAggregateIdentifier());
        List<String> payloadTypes = e.content() == null ? List.of() : e.content().payloadTypes();
        String subject = e.content() == null ? null : e.content().identifier();
        insert(message, e.occurredAt(), EvidenceKind.QUEUED, e.requestType(), e.commandUuid(), subject,
                e.requestedBy(), null, null, e.narrowing(), payloadTypes,
                lines.of(e.requestType(), platform, e.content()), lines.limitedBy(e.requestType(), platform));
    }

    @EventHandler
    void on(MdmCommandRefused e, DomainEventMessage<?> message) {
        Platform platform = platformOf(message.getAggregateIdentifier());
        insert(message, e.occurredAt(), EvidenceKind.REFUSED, e.requestType(), null, null, e.requestedBy(), e.rule(),
                e.reason(), null, List.of(), lines.ofRefusal(e.rule(), e.requestType(), platform), List.of());
    }

    @EventHandler
    void on(MdmCommandDelivered e, DomainEventMessage<?> message) {
        followUp(message, e.occurredAt(), EvidenceKind.DELIVERED, e.requestType(), e.commandUuid(), "device");
    }

    @EventHandler
    void on(MdmCommandDeferred e, DomainEventMessage<?> message) {
        followUp(message, e.occurredAt(), EvidenceKind.DEFERRED, e.requestType(), e.commandUuid(), "device");
    }

    @EventHandler
    void on(MdmCommandAcknowledged e, DomainEventMessage<?> message) {
        followUp(message, e.occurredAt(), EvidenceKind.ACKNOWLEDGED, e.requestType(), e.commandUuid(), "device");
    }

    @EventHandler
    void on(MdmCommandFailed e, DomainEventMessage<?> message) {
        followUp(message, e.occurredAt(), EvidenceKind.FAILED, e.requestType(), e.commandUuid(), "device");
    }

    @EventHandler
    void on(ProfileInstalled e, DomainEventMessage<?> message) {
        followUp(message, e.occurredAt(), EvidenceKind.PROFILE_INSTALLED, "InstallProfile", e.commandUuid(),
                e.profileIdentifier());
    }

    @EventHandler
    void on(ProfileRemoved e, DomainEventMessage<?> message) {
        followUp(message, e.occurredAt(), EvidenceKind.PROFILE_REMOVED, "RemoveProfile", e.commandUuid(),
                e.profileIdentifier());
    }

    @EventHandler
    void on(ManagedAppInstalled e, DomainEventMessage<?> message) {
        followUp(message, e.occurredAt(), EvidenceKind.APP_INSTALLED, "InstallApplication", e.commandUuid(),
                e.bundleId());
    }

    @EventHandler
    void on(ManagedAppRemoved e, DomainEventMessage<?> message) {
        followUp(message, e.occurredAt(), EvidenceKind.APP_REMOVED, "RemoveApplication", e.commandUuid(),
                e.bundleId());
    }

    // ---- unenrollment ---------------------------------------------------------------------------

    @EventHandler
    void on(UnenrollmentRequested e, DomainEventMessage<?> message) {
        enrollmentRows.update(message.getAggregateIdentifier(), EnrollmentStage.UNENROLLMENT_PENDING,
                sets(Column.UNENROLLMENT_REQUESTED_AT, ts(at(e.occurredAt(), message)),
                        Column.UNENROLLMENT_REQUESTED_BY, e.requestedBy()));
    }

    @EventHandler
    void on(ManagedDataKeysDestroyed e, DomainEventMessage<?> message) {
        enrollmentRows.update(message.getAggregateIdentifier(), null,
                sets(Column.KEYS_DESTROYED, toJson(e.dataClasses() == null ? List.<DataClass>of() : e.dataClasses()),
                        Column.KEYS_DESTROYED_EVENT_ID, message.getIdentifier()));
    }

    @EventHandler
    void on(ManagedDataRemoved e, DomainEventMessage<?> message) {
        Map<Column, Object> sets = sets(Column.REMOVED_PROFILES, toJson(orEmpty(e.profiles())),
                Column.REMOVED_APPS, toJson(orEmpty(e.managedApps())));
        sets.put(Column.REMOVED_ACCOUNTS, toJson(orEmpty(e.accounts())));
        sets.put(Column.REMOVED_PER_APP_SETTINGS, e.perAppNetworking() == null ? 0 : e.perAppNetworking().size());
        sets.put(Column.MANAGED_DATA_REMOVED_EVENT_ID, message.getIdentifier());
        enrollmentRows.update(message.getAggregateIdentifier(), null, sets);
    }

    @EventHandler
    void on(EnrollmentClosed e, DomainEventMessage<?> message) {
        Map<Column, Object> sets = sets(Column.CLOSED_AT, ts(at(e.occurredAt(), message)),
                Column.CLOSURE_REASON, name(e.reason()));
        sets.put(Column.CLOSED_EVENT_ID, message.getIdentifier());
        // The enrollment's data key is destroyed with it: the view must not keep the address readable.
        sets.put(Column.MANAGED_APPLE_ACCOUNT, Shredded.MARKER);
        enrollmentRows.update(message.getAggregateIdentifier(), EnrollmentStage.CLOSED, sets);
    }

    /** A replay rebuilds both tables from the first event. */
    @ResetHandler
    void reset() {
        jdbc.update("truncate table compliance_evidence, compliance_enrollment");
    }

    // ---- writing ----------------------------------------------------------------------------------

    private void insert(DomainEventMessage<?> message, Instant occurredAt, EvidenceKind kind, String requestType,
                        String commandUuid, String subject, String actor, String rule, String reason, String narrowing,
                        List<String> payloadTypes, List<String> lineIds, List<String> limitedLineIds) {
        evidenceRows.update("""
                insert into compliance_evidence (event_id, enrollment_ref, sequence_number, occurred_at, kind,
                    request_type, command_uuid, subject, actor, rule, reason, narrowing, payload_types, line_ids,
                    limited_line_ids)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::text[], ?::text[])
                on conflict (event_id) do nothing
                """, message.getIdentifier(), message.getAggregateIdentifier(), message.getSequenceNumber(),
                ts(at(occurredAt, message)), kind.name(), requestType, commandUuid, subject, actor, rule, reason,
                narrowing, toJson(payloadTypes), textArray(lineIds), textArray(limitedLineIds));
    }

    /** Delivered, deferred, acknowledged, failed, installed, removed: evidence for the lines its queued command is of. */
    private void followUp(DomainEventMessage<?> message, Instant occurredAt, EvidenceKind kind, String requestType,
                          String commandUuid, String subjectOrActor) {
        boolean installOrRemove = kind.isContentChange();
        evidenceRows.update("""
                insert into compliance_evidence (event_id, enrollment_ref, sequence_number, occurred_at, kind,
                    request_type, command_uuid, subject, actor, payload_types, line_ids, limited_line_ids)
                select ?, ?, ?, ?, ?, coalesce(q.request_type, ?), ?, ?, 'device',
                    coalesce(q.payload_types, '[]'::jsonb), coalesce(q.line_ids, '{}'), coalesce(q.limited_line_ids, '{}')
                from (select 1) one
                left join compliance_evidence q
                    on q.enrollment_ref = ? and q.command_uuid = ? and q.kind = 'QUEUED'
                on conflict (event_id) do nothing
                """, message.getIdentifier(), message.getAggregateIdentifier(), message.getSequenceNumber(),
                ts(at(occurredAt, message)), kind.name(), requestType, commandUuid,
                installOrRemove ? subjectOrActor : null, message.getAggregateIdentifier(), commandUuid);
    }

    private void advance(DomainEventMessage<?> message, EnrollmentStage stage) {
        enrollmentRows.update(message.getAggregateIdentifier(), stage, sets());
    }

    /** Columns to set (a null value sets the column to null). */
    private static Map<Column, Object> sets() {
        return new EnumMap<>(Column.class);
    }

    private static Map<Column, Object> sets(Column column, Object value) {
        Map<Column, Object> sets = sets();
        sets.put(column, value);
        return sets;
    }

    private static Map<Column, Object> sets(Column first, Object firstValue, Column second, Object secondValue) {
        Map<Column, Object> sets = sets(first, firstValue);
        sets.put(second, secondValue);
        return sets;
    }

    /** Sets the column only when the event names a value: a report without one leaves the view as it was. */
    private static Map<Column, Object> ifNamed(Map<Column, Object> sets, Column column, Object value) {
        if (value != null) {
            sets.put(column, value);
        }
        return sets;
    }

    /** The account as the event names it; an event without one leaves it as it was. */
    private static Map<Column, Object> account(Map<Column, Object> sets, String account) {
        return ifNamed(sets, Column.MANAGED_APPLE_ACCOUNT, account);
    }

    /** The device's platform as the enrollment last reported it; iOS rules when it never said (the strictest common case). */
    private Platform platformOf(String enrollmentRef) {
        Optional<Platform> known = platforms.known(enrollmentRef);
        if (known.isPresent()) {
            return known.get();
        }
        enrollmentRows.flush();
        List<String> stored = jdbc.queryForList(
                "select platform from compliance_enrollment where enrollment_ref = ?", String.class, enrollmentRef);
        Platform platform = stored.isEmpty() || stored.get(0) == null ? null : Platform.valueOf(stored.get(0));
        platforms.learn(enrollmentRef, platform);
        return platform == null ? Platform.IOS : platform;
    }

    /** A PostgreSQL text[] literal; line ids are plain words with dots and dashes, so no quoting is needed. */
    private static String textArray(List<String> values) {
        return values.stream().collect(Collectors.joining(",", "{", "}"));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Instant at(Instant occurredAt, DomainEventMessage<?> message) {
        return occurredAt != null ? occurredAt : message.getTimestamp();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
