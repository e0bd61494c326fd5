package io.ueledger.kernel.policy;

import java.util.List;

/**
 * An override row of kind {@code can} or {@code cannot}: a request type, or a key / payload type
 * within it ({@code subject}), tied to a line of the "MDM can / can't" table. A {@code cannot}
 * mapping refuses (or, for DeviceInformation queries, removes) what it names on the platforms
 * it lists.
 */
public record LineMapping(
        boolean refuses,
        String identifier,
        String subject,
        String os,
        String ruleId,
        String lineId,
        String reason,
        RowSource source) {

    boolean appliesTo(String requestType, String key, List<String> platformNames) {
        return identifier.equals(requestType)
                && (subject == null ? key == null : subject.equals(key))
                && ("*".equals(os) || platformNames.contains(os));
    }

    String label() {
        return subject == null ? identifier : identifier + " " + subject;
    }
}
