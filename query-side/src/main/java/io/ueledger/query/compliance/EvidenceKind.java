package io.ueledger.query.compliance;

/** What an evidence row records: a step of an MDM command's life, a refusal, or what it installed or removed. */
public enum EvidenceKind {
    QUEUED, DELIVERED, DEFERRED, ACKNOWLEDGED, FAILED, REFUSED,
    PROFILE_INSTALLED, PROFILE_REMOVED, APP_INSTALLED, APP_REMOVED;

    boolean isContentChange() {
        return this == PROFILE_INSTALLED || this == PROFILE_REMOVED || this == APP_INSTALLED || this == APP_REMOVED;
    }
}
