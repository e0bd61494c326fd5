package io.ueledger.kernel.policy;

import java.util.List;

/**
 * A payload type whose keys are limited to a list (override kind {@code payload-allowlist}): the
 * Passcode payload may only ask for what User Enrollment enforces. {@code Payload*} keys common
 * to every payload are always allowed.
 */
public record PayloadAllowlist(String payloadType, String os, List<KeyRule> keys, String ruleId, String lineId,
                               String reason, RowSource source) {

    public PayloadAllowlist {
        keys = List.copyOf(keys);
    }
}
