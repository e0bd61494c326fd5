package io.ueledger.kernel.policy;

import io.ueledger.kernel.device.OsVersion;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One row of the capability matrix: an MDM command (RequestType), profile payload type, check-in
 * message or declaration on one platform, after overrides were applied.
 *
 * @param kind        {@code command}, {@code profile}, {@code checkin}, {@code declaration} or {@code other}
 * @param os          the platform name as written in the files (iOS, iPadOS, macOS, visionOS)
 * @param introduced  the first OS version that supports it (null when the schema gives none)
 * @param keyRules    request or payload keys User Enrollment forbids, ignores or requires
 * @param withheldResponseKeys answers the device leaves out under User Enrollment
 * @param ruleId      for override rows: the rule named when a required key is missing (may be null)
 * @param lineId      the "MDM can / can't" line the row exercises (may be null)
 * @param reason      for override rows: the plain-words reason used when a required key is missing (may be null)
 */
public record CapabilityRow(
        String kind,
        String identifier,
        String os,
        OsVersion introduced,
        UeSupport support,
        List<KeyRule> keyRules,
        List<KeyRule> withheldResponseKeys,
        String notes,
        String ruleId,
        String lineId,
        String reason,
        RowSource source) {

    public CapabilityRow {
        keyRules = List.copyOf(keyRules);
        withheldResponseKeys = List.copyOf(withheldResponseKeys);
    }

    /** Folds a duplicate schema row into this one, keeping the stricter reading of both. */
    CapabilityRow mergedWith(CapabilityRow other) {
        UeSupport stricter = support.ordinal() >= other.support.ordinal() ? support : other.support;
        OsVersion later = introduced == null ? other.introduced
                : other.introduced == null || introduced.isAtLeast(other.introduced) ? introduced : other.introduced;
        LinkedHashSet<KeyRule> keys = new LinkedHashSet<>(keyRules);
        keys.addAll(other.keyRules);
        LinkedHashSet<KeyRule> withheld = new LinkedHashSet<>(withheldResponseKeys);
        withheld.addAll(other.withheldResponseKeys);
        return new CapabilityRow(kind, identifier, os, later, stricter, List.copyOf(keys), List.copyOf(withheld),
                notes, ruleId, lineId, reason, source);
    }
}
